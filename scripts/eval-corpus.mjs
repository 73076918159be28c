#!/usr/bin/env node
/**
 * `npm run eval:corpus`: scores the corpus builder on the PolNeAR development
 * set kept beside the project (../shared/polnear-dev, never copied into it).
 * The scorer builds the set with this checkout's `quote-verifier corpus` and
 * prints recall, precision, speaker, terms and dates (docs/benchmarks.md).
 * Arguments are passed on (`-- --json out.json`, `-- --baseline`).
 * Without the set it says so and exits 0: a checkout without ../shared is normal.
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
const run = spawnSync(process.execPath, [scorer, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
