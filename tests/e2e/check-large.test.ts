/**
 * Issue 15 acceptance: a 60 MB article with a doctored quotation in its last
 * paragraph exits 1 with that finding (before: "no quotations found", exit 0,
 * the text silently cut at 5,000,000 characters), and the compiled CLI's peak
 * memory (the process's own maxRSS, as `/usr/bin/time -v` reports it) stays
 * under 300 MB, for plain text and for HTML.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/cli/quote-verifier.mjs');
const CORPUS = join(ROOT, 'tests/fixtures/check/corpus.json');
const SIZE_BYTES = 60_000_000;
/** Issue 15's bound on peak memory for a file of any size. */
const MAX_RSS_BYTES = 300 * 1024 * 1024;
const RUN_TIMEOUT_MS = 180_000;
const PARAGRAPH = 'The delegations met again on Thursday to discuss the timetable, the ports and the prisoners, and agreed to continue next week.';
const DOCTORED = '“We have only seen newspaper articles so far, and we will respond to them. We have not seen any texts yet,” Peskov said.';

let dir: string;

async function generate(file: string, html: boolean): Promise<number> {
  const out = createWriteStream(file);
  let size = 0;
  let lines = 0;
  const write = async (s: string) => {
    size += Buffer.byteLength(s);
    lines += s.split('\n').length - 1;
    if (!out.write(s)) await once(out, 'drain');
  };
  if (html) await write('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Minutes</title></head><body><article>\n');
  for (let i = 0; size < SIZE_BYTES; i++) await write(html ? `<p>${PARAGRAPH} (${i})</p>\n` : `${PARAGRAPH} (${i})\n\n`);
  const line = lines + 1;
  await write(html ? `<p>${DOCTORED}</p>\n</article></body></html>\n` : `${DOCTORED}\n`);
  out.end();
  await once(out, 'finish');
  return line;
}

/** Runs the compiled CLI and returns its exit code, stdout and peak RSS (bytes). */
function runMeasured(args: string[]): { status: number | null; stdout: string; stderr: string; maxRss: number } {
  const wrapper = "process.on('exit', () => require('node:fs').writeSync(2, `\\nmaxrss=${process.resourceUsage().maxRSS}\\n`)); import(process.argv[1]);";
  const r = spawnSync(process.execPath, ['-e', wrapper, BIN, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const rss = /maxrss=(\d+)/.exec(r.stderr);
  if (!rss) throw new Error(`no maxrss in stderr: ${r.stderr.slice(-500)}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, maxRss: Number(rss[1]) * 1024 };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qv-large-'));
  execFileSync(process.execPath, ['scripts/build-cli.mjs', '--quiet'], { cwd: ROOT });
}, RUN_TIMEOUT_MS);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('check on a 60 MB article', () => {
  for (const html of [false, true]) {
    it(`${html ? 'HTML' : 'plain text'}: the doctored last paragraph exits 1, at its line, in under 300 MB`, { timeout: RUN_TIMEOUT_MS }, async () => {
      const file = join(dir, html ? 'big.html' : 'big.txt');
      const line = await generate(file, html);
      const r = runMeasured(['check', file, '--json', '--corpus', CORPUS]);
      expect(r.status, r.stderr.slice(-1000)).toBe(1);
      const report = JSON.parse(r.stdout) as { files: { truncated?: unknown; findings: { verdict: string; line?: number; flags: string[] }[] }[] };
      const altered = report.files[0]!.findings.filter((f) => f.verdict === 'altered');
      expect(altered).toHaveLength(1);
      expect(altered[0]!.line).toBe(line);
      expect(altered[0]!.flags).toContain('negation');
      expect(report.files[0]!.truncated).toBeUndefined();
      process.stdout.write(`check-large: ${html ? 'html' : 'text'} 60 MB: peak RSS ${(r.maxRss / 1024 / 1024).toFixed(0)} MB\n`);
      expect(r.maxRss).toBeLessThan(MAX_RSS_BYTES);
    });
  }
});
