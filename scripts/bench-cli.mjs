#!/usr/bin/env node
// `npm run bench:cli`: start-up and throughput of the compiled CLI (dist/cli, `npm run build:cli`
// first), against a bare `node -e 0` measured in the same run, interleaved, so machine load
// shows in both. Targets (issue 15): --help <= 150 ms, check on one article <= 400 ms,
// 1,000 articles in one call <= 10 s. Each command's exit code and output are checked, so a
// broken build cannot look fast.
// Usage: node scripts/bench-cli.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'dist/cli/quote-verifier.mjs');
const SOURCE_BIN = join(ROOT, 'bin/quote-verifier.mjs');
const runsIndex = process.argv.indexOf('--runs');
/** Runs per command: the median of 15 is stable to a few ms on a quiet machine. */
const RUNS = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 15;
/** The big batch runs fewer times: each takes seconds. */
const BATCH_RUNS = 3;
const ARTICLES = 1000;
const TARGETS = { help: 150, one: 400, batch: 10_000 };

if (!existsSync(BIN)) {
  process.stderr.write(`bench-cli: ${BIN} not found: run npm run build:cli first\n`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'qv-bench-cli-'));
const GENUINE = 'We have only seen newspaper articles so far, and we will not respond to them. We have not seen any texts yet';
const article = (i, words) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story ${i}</title></head><body><article>` +
  `<h1>Story ${i}</h1><p>Kremlin spokesman Dmitry Peskov spoke on Tuesday.</p>` +
  `<p>“${words},” Peskov said.</p>` +
  `${'<p>Background paragraph with more words about the talks and the people in them.</p>'.repeat(20)}</article></body></html>\n`;
writeFileSync(join(dir, 'one.html'), article(0, GENUINE.replace(' not', '')));
mkdirSync(join(dir, 'batch'));
for (let i = 0; i < ARTICLES; i++) writeFileSync(join(dir, 'batch', `a${i}.html`), article(i, i % 10 ? GENUINE : GENUINE.replace(' not', '')));

const env = { ...process.env, NO_COLOR: '1' };
delete env.QUOTE_VERIFIER_CONFIG;
function time(args, expect) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== expect.status || (expect.stdout && !expect.stdout.test(r.stdout))) {
    throw new Error(`${args.join(' ')}: exit ${r.status}, expected ${expect.status}\n${r.stdout.slice(-500)}\n${r.stderr.slice(-500)}`);
  }
  return ms;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const cases = {
  'node -e 0 (baseline)': { args: ['-e', '0'], expect: { status: 0 } },
  'quote-verifier --help': { args: [BIN, '--help'], expect: { status: 0, stdout: /Exit codes/ }, target: TARGETS.help },
  'quote-verifier --version': { args: [BIN, '--version'], expect: { status: 0, stdout: /^quote-verifier \d/ } },
  'check one article (HTML)': { args: [BIN, 'check', 'one.html'], expect: { status: 1, stdout: /1 altered/ }, target: TARGETS.one },
  'from source (tsx) --help': { args: [SOURCE_BIN, '--help'], expect: { status: 0, stdout: /Exit codes/ } },
};
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
try {
  for (let i = 0; i < RUNS; i++) for (const [name, c] of Object.entries(cases)) times[name].push(time(c.args, c.expect));
  const batch = [];
  for (let i = 0; i < BATCH_RUNS; i++) {
    batch.push(time([BIN, 'check', 'batch', '--json'], { status: 1, stdout: new RegExp(`"files": ${ARTICLES},`) }));
  }
  const base = median(times['node -e 0 (baseline)']);
  process.stdout.write(`CLI start-up and throughput, median of ${RUNS} (batch: ${BATCH_RUNS}), load average ${(await import('node:os')).loadavg()[0].toFixed(2)}\n`);
  process.stdout.write('| command | median | over node -e 0 | target |\n| --- | --- | --- | --- |\n');
  for (const [name, c] of Object.entries(cases)) {
    const m = median(times[name]);
    const over = name.startsWith('node') ? '' : `+${(m - base).toFixed(0)} ms (${(m / base).toFixed(2)}x)`;
    const target = c.target ? `${m <= c.target ? 'met' : 'MISSED'} (<= ${c.target} ms)` : '';
    process.stdout.write(`| ${name} | ${m.toFixed(0)} ms | ${over} | ${target} |\n`);
  }
  const b = median(batch);
  process.stdout.write(`| check ${ARTICLES} articles (one call) | ${(b / 1000).toFixed(2)} s | ${(b / ARTICLES).toFixed(1)} ms/article | ${b <= TARGETS.batch ? 'met' : 'MISSED'} (<= ${TARGETS.batch / 1000} s) |\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
