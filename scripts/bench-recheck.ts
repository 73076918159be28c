/**
 * What the strict look between scans costs an idle page (src/page/scanner.ts RECHECK_MS:
 * every second, the findings that name a quotation are judged again, up to
 * RECHECK_MAX_FINDINGS, so a style change that hides their text is seen without a DOM
 * mutation). Text inside a link also has its `:visited` colours read from the page's
 * style rules (src/page/visited.ts), so the cost grows with the page's sheets: a news
 * site ships thousands of rules.
 *
 * Pages: 30 paragraphs, each quoting a seed quotation with one word in a link (30
 * findings naming a quotation, every one in a link), under style sheets of 50, 5,000
 * and 20,000 rules (a few of them `:visited` rules); the same with the quotations out of
 * links; and a page with 5,000 rules and no quotation (the extension idle: nothing to
 * recheck). Headless Chromium with the test build; the renderer's main thread time
 * (DevTools `Performance.getMetrics`: ScriptDuration, TaskDuration) over IDLE_MS of an
 * idle page after its scan, per second, against the page with 50 rules. The run fails
 * unless every page's scan found its 30 quotations (or none, where none are planted).
 *
 * Run: npm run bench:recheck (needs `npm run build:test -- chrome`).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Corpus } from '../src/corpus/schema';
import { RECHECK_MAX_FINDINGS, RECHECK_MS } from '../src/page/scanner';
import { launchChromium } from '../tests/e2e/harness/chromium';
import { repoRoot, startServer } from '../tests/e2e/harness/server';
import { waitForScan } from '../tests/e2e/harness/scan';

/** Idle time measured per page, after SETTLE_MS for the scan's own work to end. */
const IDLE_MS = 6_000;
const SETTLE_MS = 1_500;
const FINDINGS = 30;
/** Seed quotations long enough to be planted (scripts/bench-scan-pages.ts PLANT_MIN_WORDS). */
const PLANT_MIN_WORDS = 8;

interface Case {
  rules: number;
  linked: boolean;
  findings: number;
}

const CASES: Case[] = [
  { rules: 50, linked: true, findings: FINDINGS },
  { rules: 5_000, linked: true, findings: FINDINGS },
  { rules: 20_000, linked: true, findings: FINDINGS },
  { rules: 5_000, linked: false, findings: FINDINGS },
  { rules: 5_000, linked: true, findings: 0 },
];

function pageHtml(quotes: string[], c: Case): string {
  const css: string[] = [];
  for (let i = 0; i < c.rules; i++) {
    css.push(`.c${i} .item-${i % 97} > a:hover, .nav-${i} li a { color: #${((i * 2654435761) % 0xffffff).toString(16).padStart(6, '0')}; margin: ${i % 7}px }`);
  }
  // A news site's few visited-link rules.
  css.push('.story a:visited { color: #551a8b }', 'a.more:visited { color: #663399 }');
  const paragraphs: string[] = [];
  for (let k = 0; k < Math.max(c.findings, FINDINGS); k++) {
    const words = (c.findings ? quotes[k % quotes.length]! : 'a sentence that quotes nobody and names no one at all').split(' ');
    if (c.linked) words[2] = `<a href="/recheck/p${k}.html">${words[2]}</a>`;
    paragraphs.push(`<p class="c${k} story">Paragraph ${k} of a story. The minister said: “${words.join(' ')}” and left.</p>`);
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>recheck</title><style>${css.join('\n')}</style></head><body>${paragraphs.join('\n')}</body></html>`;
}

const name = (c: Case) => `${c.rules} rules, ${c.findings} findings${c.findings ? (c.linked ? ' in links' : ' out of links') : ''}`;

async function main(): Promise<void> {
  const extensionDir = path.join(repoRoot, '.output/test/chrome-mv3');
  const seed = Corpus.parse(JSON.parse(await readFile(path.join(repoRoot, 'data/corpus.json'), 'utf8')));
  const quotes = seed.quotes.map((q) => q.text).filter((t) => t.split(/\s+/).length >= PLANT_MIN_WORDS);
  const work = await mkdtemp(path.join(tmpdir(), 'qv-bench-recheck-'));
  const server = await startServer({ mounts: [{ prefix: '/recheck/', dir: work }] });
  const session = await launchChromium({ server, extensionDir });
  const rows: { c: Case; script: number; task: number }[] = [];
  try {
    for (const [i, c] of CASES.entries()) {
      await writeFile(path.join(work, `${i}.html`), pageHtml(quotes, c));
      const page = await session.openPage(`/recheck/${i}.html`);
      const found = await waitForScan((e) => page.evaluate(e), (f) => f.filter((x) => x.quoteId).length >= c.findings, name(c));
      const named = found.filter((f) => f.quoteId).length;
      if (named !== c.findings) throw new Error(`${name(c)}: the scan found ${named} quotations, expected ${c.findings}`);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const metrics = async () => new Map((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const before = await metrics();
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, IDLE_MS));
      const after = await metrics();
      const seconds = (performance.now() - t0) / 1000;
      const perSecond = (k: string) => ((after.get(k)! - before.get(k)!) * 1000) / seconds;
      rows.push({ c, script: perSecond('ScriptDuration'), task: perSecond('TaskDuration') });
      await page.close();
    }
  } finally {
    await session.close();
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
  const base = rows[0]!;
  console.log(
    `Strict look between scans (every ${RECHECK_MS} ms, up to ${RECHECK_MAX_FINDINGS} findings), idle page, ${IDLE_MS / 1000} s each; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`,
  );
  console.log('| Page | Main thread, script (ms per s) | Main thread, all tasks (ms per s) | Share of one core | Against 50 rules |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${name(r.c)} | ${r.script.toFixed(1)} | ${r.task.toFixed(1)} | ${(r.task / 10).toFixed(1)}% | ${(r.task / base.task).toFixed(1)}x |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
