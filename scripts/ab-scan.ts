/**
 * Two (or more) built extensions side by side on the scan-cost benchmark's 1 MB page
 * (scripts/bench-scan-pages.ts), in one run: sessions alternate (A, B, A, B, …) so the
 * machine's load moves both alike. Per load: the first pass's `timing` (collect, send,
 * locate, judge, paint) and a bare TreeWalker pass run after it in the page's world (as
 * scripts/bench-scan.ts measures it), then one appended quoted paragraph and the warm
 * rescan's timing, and the median of 5 bare walks after it. Prints medians and the
 * ratios to the bare walk. A development tool for issue 16's A/B figures in
 * docs/benchmarks.md; every load must report 500 findings (the page's quoted spans).
 *
 * Run: ROUNDS=3 LOADS=3 node --import tsx scripts/ab-scan.ts DIR_A DIR_B
 * (DIR: a test build's chrome-mv3 folder, e.g. a copy of .output/test/chrome-mv3).
 */
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, loadavg } from 'node:os';
import path from 'node:path';
import { Corpus } from '../src/corpus/schema';
import { launchChromium } from '../tests/e2e/harness/chromium';
import { startServer, repoRoot } from '../tests/e2e/harness/server';
import { buildPage } from './bench-scan-pages';

const dirs = process.argv.slice(2);
if (dirs.length < 2) throw new Error('ab-scan: give two or more extension folders (chrome-mv3) to compare');
const rounds = Number(process.env.ROUNDS ?? 2);
const loads = Number(process.env.LOADS ?? 3);
const seed = Corpus.parse(JSON.parse(await readFile(path.join(repoRoot, 'data/corpus.json'), 'utf8')));
const work = await mkdtemp(path.join(tmpdir(), 'qv-ab-'));
const { html } = buildPage(seed.quotes, { name: 'p', bytes: 1_000_000, quotedSpans: 500, seedCopies: 5, runs: 1 });
await writeFile(path.join(work, 'page.html'), html);
const server = await startServer({ mounts: [{ prefix: '/p/', dir: work }] });
type Row = { total: number; collect: number; send: number; locate: number; judge: number; paint: number; bare: number; wtotal: number; wbare: number; findings: number; wc: number; ws: number; wl: number; wj: number; wp: number; reused: number };
const res = new Map<string, Row[]>();
const bareExpr = () => { const t = performance.now(); const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); const p: string[] = []; for (let n = w.nextNode(); n; n = w.nextNode()) p.push(n.nodeValue ?? ''); p.join(''); return performance.now() - t; };
try {
  for (let r = 0; r < rounds; r++) {
    for (const dir of dirs) {
      const session = await launchChromium({ server, extensionDir: dir });
      try {
        await session.context.addInitScript({ content: `window.__scans = []; document.addEventListener('quote-verifier:scanned', (e) => window.__scans.push(String(e.detail)));` });
        const warm = await session.openPage('/p/page.html');
        await warm.waitForFunction(() => (window as unknown as { __scans: string[] }).__scans.length >= 1, undefined, { timeout: 120_000 });
        await warm.close();
        for (let l = 0; l < loads; l++) {
          const page = await session.context.newPage();
          await page.goto(server.origin + '/p/page.html');
          await page.waitForFunction(() => (window as unknown as { __scans: string[] }).__scans.length >= 1, undefined, { timeout: 120_000 });
          const bare = await page.evaluate(bareExpr);
          await page.waitForTimeout(300);
          await page.evaluate(() => { const p = document.createElement('p'); p.textContent = '“A sentence nobody said on any record anywhere at all.” he said.'; document.querySelector('main')!.append(p); });
          await page.waitForFunction(() => (window as unknown as { __scans: string[] }).__scans.length >= 2, undefined, { timeout: 120_000 });
          const wb: number[] = [];
          for (let k = 0; k < 5; k++) wb.push(await page.evaluate(bareExpr));
          wb.sort((a, b) => a - b);
          const scans = (await page.evaluate(() => (window as unknown as { __scans: string[] }).__scans)).map((s) => JSON.parse(s) as { timing: Record<string, number>; findings: { quoteId?: string }[] });
          const t = scans[0]!.timing; const w = scans[1]!.timing;
          const sum = (x: Record<string, number>) => x.collectMs! + x.sendMs! + x.locateMs! + x.paintMs! + x.judgeMs!;
          if (scans[0]!.findings.length !== 500) throw new Error(`ab-scan: ${dir} found ${scans[0]!.findings.length} quoted spans, not the page's 500`);
          const row: Row = { total: sum(t), collect: t.collectMs!, send: t.sendMs!, locate: t.locateMs!, judge: t.judgeMs!, paint: t.paintMs!, bare, wtotal: sum(w), wbare: wb[2]!, findings: scans[0]!.findings.length, wc: w.collectMs!, ws: w.sendMs!, wl: w.locateMs!, wj: w.judgeMs!, wp: w.paintMs!, reused: w.reusedBlocks! };
          (res.get(dir) ?? res.set(dir, []).get(dir)!).push(row);
          await page.close();
        }
      } finally {
        await session.close();
      }
    }
  }
} finally {
  await server.close();
  await rm(work, { recursive: true, force: true });
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
for (const [dir, rows] of res) {
  const m = (k: keyof Row) => med(rows.map((r) => r[k])).toFixed(1);
  console.log(`${dir}: first ${m('total')} ms (collect ${m('collect')} send ${m('send')} locate ${m('locate')} judge ${m('judge')} paint ${m('paint')}), bare ${m('bare')} -> ${med(rows.map((r) => r.total / r.bare)).toFixed(2)}x; warm reused ${rows.map((r) => r.reused).join(',')} ${m('wtotal')} (c ${m('wc')} s ${m('ws')} l ${m('wl')} j ${m('wj')} p ${m('wp')}) / ${m('wbare')} -> ${med(rows.map((r) => r.wtotal / r.wbare)).toFixed(2)}x; findings ${m('findings')}`);
}
console.log('load', loadavg().map((x) => x.toFixed(1)).join(' '));
