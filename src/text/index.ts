export { normalize, canonical, type Normalized } from './normalize';
