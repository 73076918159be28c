#!/usr/bin/env node
/**
 * `npm run build:test [-- chrome|firefox]`: the test builds (QV_TEST_BUILD=1, see
 * wxt.config.ts) in .output/test/<target>, which the e2e harness loads by default.
 * They add the page-visible `quote-verifier:*` events of the automation contract; the
 * store builds in .output/<target> never carry them. A script rather than `VAR=1 cmd`
 * in package.json so it also runs where the shell is not POSIX.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BROWSERS = ['chrome', 'firefox'];
const asked = process.argv.slice(2);
const unknown = asked.filter((b) => !BROWSERS.includes(b));
if (unknown.length) {
  console.error(`build-test: unknown browser ${unknown.join(', ')} (expected ${BROWSERS.join(' or ')})`);
  process.exit(2);
}
const wxt = fileURLToPath(new URL('../node_modules/wxt/bin/wxt.mjs', import.meta.url));
for (const browser of asked.length ? asked : BROWSERS) {
  const run = spawnSync(process.execPath, [wxt, 'build', '-b', browser], {
    stdio: 'inherit',
    env: { ...process.env, QV_TEST_BUILD: '1' },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
