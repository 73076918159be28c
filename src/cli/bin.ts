#!/usr/bin/env node
/**
 * The entry of the compiled CLI (dist/cli/quote-verifier.mjs, built by
 * scripts/build-cli.mjs): runs main with the process's arguments, after making sure
 * that in a source checkout the bundle is not older than src/ (./freshness.ts).
 * Development runs the same main from source through bin/quote-verifier.mjs.
 */
import { fileURLToPath } from 'node:url';
import { runFreshIfStale } from './freshness';

const args = process.argv.slice(2);
const replaced = runFreshIfStale(fileURLToPath(import.meta.url), args);
if (replaced !== undefined) process.exitCode = replaced;
else {
  const { main } = await import('./main');
  process.exitCode = await main(args);
}
