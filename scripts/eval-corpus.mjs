#!/usr/bin/env node
/**
 * `npm run eval:corpus`: scores the corpus builder on the PolNeAR development
 * set kept beside the project (../shared/polnear-dev, never copied into it).
 * The scorer builds the set with this checkout's `quote-verifier corpus` and
 * prints recall, precision, speaker, terms and dates (docs/benchmarks.md).
 * Arguments are passed on (`-- --json out.json`, `-- --baseline`).
 * Without the set it says so and exits 0: a checkout without ../shared is normal.
 * It rebuilds the compiled CLI first (the scorer runs the package's bin, dist/cli).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const scorer = join(root, '..', 'shared', 'polnear-dev', 'score.mjs');
if (!existsSync(scorer)) {
  process.stdout.write(
    `eval:corpus: no development set at ${scorer}.\n` +
      'It lives outside the project (../shared/polnear-dev beside the checkout); without it there is nothing to score.\n',
  );
  process.exit(0);
}
// The scorer runs the package's `bin`, the compiled dist/cli: rebuild it first, or a checkout
// whose sources changed since the last build would score the old builder without a word.
const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (built.status !== 0) {
  process.stderr.write('eval:corpus: npm run build:cli failed; not scoring a stale command line\n');
  process.exit(built.status ?? 1);
}
const run = spawnSync(process.execPath, [scorer, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
