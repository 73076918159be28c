export { normalize, canonical, originalRange, type Normalized } from './normalize';
export { charClass, isInvisibleCodePoint, MARK, INVISIBLE, SPACE, LETTER, LOWER, WORD, UPPER } from './char-class';
export {
  scriptOf,
  scriptCounts,
  isMixedScript,
  isLatinLookalike,
  dominantScript,
  foldToScript,
  type Script,
} from './homoglyph';
