/**
 * What the extension's scripts cost the page's main thread outside the scan's own timing:
 * the content scripts' start on every page (Chromium DevTools trace). Not a benchmark with a
 * goal: an account of the cost bench:scan's ratio leaves out (docs/benchmarks.md).
 *
 * For a page with nothing quoted and a typical article (scripts/bench-scan-pages.ts), three
 * loads each after one unmeasured load, it prints:
 * - `EvaluateScript` of highlight-rules.js (document_start; the first script in the
 *   extension's isolated world, so the world's creation falls in it) and of in-page.js
 *   (document_idle), each with its `v8.compile` time;
 * - all the extension's script on the page's thread until 1.5 s after navigation (its
 *   `EvaluateScript` and `FunctionCall` events: the start, the settings' answer, the first
 *   scan, the report).
 * It fails if either script's evaluation is missing from the trace (nothing was measured).
 *
 * Run: node --import tsx scripts/trace-start.ts [extensionDir] (default: the store build,
 * .output/chrome-mv3).
 */
import { mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Corpus } from '../src/corpus/schema';
import { launchChromium } from '../tests/e2e/harness/chromium';
import { startServer, repoRoot } from '../tests/e2e/harness/server';
import { buildPage } from './bench-scan-pages';
type E = { name: string; ph: string; ts: number; dur?: number; tid: number; pid: number; args?: { data?: { url?: string } } };
const seed = Corpus.parse(JSON.parse(await readFile(path.join(repoRoot, 'data/corpus.json'), 'utf8')));
const work = await mkdtemp(path.join(tmpdir(), 'qv-trace-start-'));
const { html } = buildPage(seed.quotes, { name: 'p', bytes: 50_000, quotedSpans: 24, seedCopies: 1, runs: 1 });
await writeFile(path.join(work, 'page.html'), html);
await writeFile(path.join(work, 'empty.html'), '<!doctype html><title>x</title><p>Nothing quoted here.</p>');
const server = await startServer({ mounts: [{ prefix: '/p/', dir: work }] });
const session = await launchChromium({ server, extensionDir: process.argv[2] ?? path.join(repoRoot, '.output/chrome-mv3') });
try {
  const w = await session.openPage('/p/page.html');
  await w.waitForTimeout(1500);
  await w.close();
  for (const file of ['empty.html', 'page.html', 'empty.html', 'page.html', 'empty.html', 'page.html']) {
    const page = await session.context.newPage();
    const cdp = await session.context.newCDPSession(page);
    const events: E[] = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as E[])));
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8,disabled-by-default-v8.compile', transferMode: 'ReportEvents' });
    await page.goto(server.origin + '/p/' + file);
    await page.waitForTimeout(1500);
    await cdp.send('Tracing.end'); await done;
    const ev = events.filter((e) => e.name === 'EvaluateScript' && /in-page|highlight-rules/.test(e.args?.data?.url ?? ''));
    const out = ev.map((e) => {
      const kids = events.filter((k) => k.tid === e.tid && k.pid === e.pid && k.ts >= e.ts && k.ts < e.ts + (e.dur ?? 0) && (k.name === 'v8.compile' || k.name === 'V8.CompileCode'));
      const compile = kids.filter((k) => k.name === 'v8.compile').reduce((a, k) => a + (k.dur ?? 0), 0) / 1000;
      return `${(e.args?.data?.url ?? '').split('/').pop()} ${((e.dur ?? 0) / 1000).toFixed(1)} ms (compile ${compile.toFixed(1)})`;
    });
    // All script of the extension on the main thread: FunctionCall events from our URL.
    const ours = events.filter((e) => (e.name === 'FunctionCall' || e.name === 'EvaluateScript') && (e.args?.data?.url ?? '').includes('chrome-extension')).reduce((a, e) => a + (e.dur ?? 0), 0) / 1000;
    if (ev.length < 2) throw new Error(`${file}: the trace holds ${ev.length} of the 2 content scripts' evaluations; nothing to report`);
    console.log(file.padEnd(11), out.join(', '), `| all the extension's script on the page's thread: ${ours.toFixed(1)} ms`);
    await page.close();
  }
} finally {
  await session.close();
  await server.close();
}
