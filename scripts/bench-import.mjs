#!/usr/bin/env node
// `npm run bench:import`: `quote-verifier import` of a generated CSV (default 1,000,000 rows,
// every row a new quotation) with the compiled CLI (`npm run build:cli` first). Prints the
// time and the process's peak RSS (maxRSS, as /usr/bin/time -v reports it) against issue 12's
// bound of 300 MB, and checks the corpus it wrote holds every row.
// Usage: node scripts/bench-import.mjs [--rows N]
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'dist/cli/quote-verifier.mjs');
const rowsIndex = process.argv.indexOf('--rows');
const ROWS = rowsIndex > 0 ? Number(process.argv[rowsIndex + 1]) : 1_000_000;
/** Issue 12's bound on the importer's peak memory. */
const MAX_RSS_MB = 300;

if (!existsSync(BIN)) {
  process.stderr.write(`bench-import: ${BIN} not found: run npm run build:cli first\n`);
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'qv-bench-import-'));
try {
  const csv = join(dir, 'rows.csv');
  const out = createWriteStream(csv);
  out.write('text,speaker,date,sourceTitle\n');
  for (let i = 0; i < ROWS; i++) {
    if (!out.write(`"We will open harbor number ${i} to ships before the winter storms",Tomas Berg,2023-03,Council minutes ${i % 100}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const wrapper = "process.on('exit', () => require('node:fs').writeSync(2, `\\nmaxrss=${process.resourceUsage().maxRSS}\\n`)); import(process.argv[1]);";
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-e', wrapper, BIN, 'import', csv, '--out', 'corpus.json', '--review-file', 'review.json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, QUOTE_VERIFIER_CONFIG: '' } });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`import exited ${r.status}: ${r.stderr.slice(-1000)}`);
  const rssMb = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1]) / 1024;
  let quotes = 0;
  for await (const line of createInterface({ input: createReadStream(join(dir, 'corpus.json')) })) if (line.startsWith('      "id": "q_')) quotes++;
  if (quotes !== ROWS) throw new Error(`the corpus holds ${quotes} quotations, expected ${ROWS}`);
  const size = statSync(csv).size / 1e6;
  process.stdout.write(
    `import of ${ROWS.toLocaleString('en')} CSV rows (${size.toFixed(0)} MB): ${seconds.toFixed(1)} s, peak RSS ${rssMb.toFixed(0)} MB ` +
      `(${rssMb <= MAX_RSS_MB ? 'within' : 'OVER'} ${MAX_RSS_MB} MB), corpus ${(statSync(join(dir, 'corpus.json')).size / 1e6).toFixed(0)} MB, load average ${loadavg()[0].toFixed(2)}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
