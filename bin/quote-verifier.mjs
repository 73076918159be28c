#!/usr/bin/env node
// Development entry: runs the TypeScript CLI (src/cli/main.ts) from source through tsx,
// so edits apply at once. The package's `bin` is the compiled dist/cli/quote-verifier.mjs
// (`npm run build:cli`), which starts without compiling anything.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
