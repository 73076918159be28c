/**
 * Where the content script's scan time goes: a V8 CPU profile (Chrome DevTools protocol,
 * `Profiler`) of the page's renderer while the extension scans the scan-cost benchmark's
 * 1 MB page (scripts/bench-scan-pages.ts), first pass and warm (after one appended quoted
 * paragraph), printed as the functions with the most self time, plus the same run's
 * `timing` block. A development tool, not a benchmark: sampling adds its own cost.
 *
 * Run: node --import tsx scripts/profile-scan.ts [extensionDir] [--bytes N] [--trace] [--micro]
 * (default extensionDir: .output/test/chrome-mv3). `--trace`: style, layout and GC events
 * over 1 ms from a DevTools trace. `--micro`: single DOM and extension calls, and the
 * source tree's collector (bundled with esbuild, profiled), timed in the content script's
 * isolated world. The shipped bundle is minified: for function names, build a test build
 * with a config that sets `vite.build.minify: false` into another folder (QV_OUT_DIR).
 */
import { build } from 'esbuild';
import { readFile, mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir, loadavg } from 'node:os';
import path from 'node:path';
import { Corpus } from '../src/corpus/schema';
import { launchChromium } from '../tests/e2e/harness/chromium';
import { startServer, repoRoot } from '../tests/e2e/harness/server';
import { buildPage } from './bench-scan-pages';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: { data?: { stackTrace?: { functionName: string; lineNumber: number }[]; url?: string; functionName?: string; elementCount?: number }; beginData?: { stackTrace?: { functionName: string; lineNumber: number }[] }; name?: string };
}

const args = process.argv.slice(2);
const TRACE = args.includes('--trace');
const MICRO = args.includes('--micro');
/** `--callers NAME` (or `NAME:LINE`, `:LINE` for an anonymous one): where the self time of those functions comes from. */
const CALLERS = args.includes('--callers') ? args[args.indexOf('--callers') + 1] : undefined;

/** Costs of single DOM and extension calls, timed in the content script's isolated world. */
async function micro(cdp: import('playwright-core').CDPSession): Promise<void> {
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  await new Promise((r) => setTimeout(r, 200));
  const isolated = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.startsWith('chrome-extension://'));
  if (!isolated) throw new Error('no isolated world found');
  const expression = `(() => {
    const out = {};
    const time = (name, fn) => { const t = performance.now(); const r = fn(); out[name] = +(performance.now() - t).toFixed(2); return r; };
    const els = Array.from(document.body.querySelectorAll('*'));
    out.elements = els.length;
    for (const k of [1,2]) time('bareWalk'+k, () => { const w = document.createTreeWalker(document.body, 4); const p = []; for (let n = w.nextNode(); n; n = w.nextNode()) p.push(n.nodeValue); return p.join(''); });
    for (const k of [1,2]) time('walkElementsAndText'+k, () => { const w = document.createTreeWalker(document.body, 5); let c = 0; for (let n = w.nextNode(); n; n = w.nextNode()) c++; return c; });
    time('openOrClosedShadowRoot(all)', () => { let c = 0; for (const e of els) if (chrome.dom.openOrClosedShadowRoot(e)) c++; return c; });
    time('shadowRoot(all)', () => { let c = 0; for (const e of els) if (e.shadowRoot) c++; return c; });
    time('hasAttributes(all)', () => { let c = 0; for (const e of els) if (e.hasAttributes()) c++; return c; });
    time('localName(all)', () => { let c = 0; for (const e of els) if (e.localName === 'p') c++; return c; });
    time('checkVisibility(all)', () => { let c = 0; for (const e of els) if (e.checkVisibility()) c++; return c; });
    time('getComputedStyle.display(all)', () => { let c = 0; for (const e of els) if (getComputedStyle(e).display === 'block') c++; return c; });
    time('styleSheets+qSA', () => document.styleSheets.length + document.querySelectorAll('q').length);
    return JSON.stringify(out);
  })()`;
  const { result } = (await cdp.send('Runtime.evaluate', { contextId: isolated.id, expression, returnByValue: true })) as { result: { value: string } };
  console.log(`micro (isolated world): ${result.value}`);
  // The collector as in the source tree, bundled and run synchronously in the same world.
  const bundle = await build({
    stdin: { contents: `export { collectText, CollectCache } from './src/page/collect-text';`, resolveDir: repoRoot, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: 'QVP',
    write: false,
    target: 'es2022',
  });
  await cdp.send('Runtime.evaluate', { contextId: isolated.id, expression: bundle.outputFiles[0]!.text });
  const collectExpr = `(() => {
    const shadowRootOf = (el) => chrome.dom.openOrClosedShadowRoot(el);
    const times = { bare: [], plain: [], cacheFirst: [], cacheWarm: [] };
    const time = (k, fn) => { const t = performance.now(); fn(); times[k].push(performance.now() - t); };
    for (let i = 0; i < 15; i++) {
      time('bare', () => { const w = document.createTreeWalker(document.body, 4); const p = []; for (let n = w.nextNode(); n; n = w.nextNode()) p.push(n.nodeValue); p.join(''); });
      time('plain', () => QVP.collectText(document, { shadowRootOf }));
      const cache = new QVP.CollectCache();
      time('cacheFirst', () => QVP.collectText(document, { shadowRootOf, cache }));
      const p = document.createElement('p'); p.textContent = 'one more'; document.querySelector('main').append(p);
      cache.touched(p);
      time('cacheWarm', () => QVP.collectText(document, { shadowRootOf, cache }));
    }
    const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1].toFixed(1);
    return Object.entries(times).map(([k, v]) => k + ' ' + med(v)).join(', ');
  })()`;
  const r2 = (await cdp.send('Runtime.evaluate', { contextId: isolated.id, expression: collectExpr, returnByValue: true })) as { result: { value: string }; exceptionDetails?: unknown };
  console.log(`collectText (isolated world, source tree): ${r2.result.value ?? JSON.stringify(r2.exceptionDetails)}`);
  await cdp.send('Profiler.start');
  await cdp.send('Runtime.evaluate', { contextId: isolated.id, expression: `for (let i = 0; i < 10; i++) QVP.collectText(document, { shadowRootOf: (el) => chrome.dom.openOrClosedShadowRoot(el) })` });
  summarize((await cdp.send('Profiler.stop')).profile as Profile, 'collectText x10 (isolated world)');
}

/** Style and layout work on the renderer's main thread, longest first, with the script that forced it. */
function traceSummary(events: TraceEvent[]): void {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = events.filter((e) => main && e.tid === main.tid && e.pid === main.pid && e.ph === 'X');
  const heavy = onMain.filter((e) => ['UpdateLayoutTree', 'Layout', 'ParseAuthorStyleSheet', 'V8.GC_SCAVENGER', 'MajorGC', 'MinorGC'].includes(e.name) && (e.dur ?? 0) > 1000);
  console.log(`\n== trace: style/layout/GC over 1 ms on the main thread`);
  for (const e of heavy.sort((a, b) => a.ts - b.ts)) {
    const stack = e.args?.beginData?.stackTrace ?? e.args?.data?.stackTrace ?? [];
    console.log(`${((e.dur ?? 0) / 1000).toFixed(1).padStart(7)} ms ${e.name} ${e.args?.data?.elementCount ?? ''} <- ${stack.slice(0, 4).map((f) => `${f.functionName}:${f.lineNumber}`).join(' < ')}`);
  }
  const tasks = onMain.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > 5000);
  console.log(`tasks over 5 ms: ${tasks.map((t) => ((t.dur ?? 0) / 1000).toFixed(1)).join(', ')}`);
}
const bytesAt = args.indexOf('--bytes');
const bytes = bytesAt >= 0 ? Number(args[bytesAt + 1]) : 1_000_000;
const extensionDir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--bytes' && args[i - 1] !== '--callers') ?? path.join(repoRoot, '.output/test/chrome-mv3');

function summarize(profile: Profile, label: string): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  const byName = new Map<string, number>();
  let extension = 0;
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = url.startsWith('chrome-extension://') ? `ext:${lineNumber + 1}` : url ? 'page' : '';
    if (url.startsWith('chrome-extension://')) extension += ms;
    const key = `${functionName || '(anonymous)'} ${where}`;
    byName.set(key, (byName.get(key) ?? 0) + ms);
  }
  const top = [...byName].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log(`\n== ${label}: extension frames ${extension.toFixed(1)} ms self`);
  for (const [k, ms] of top) console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
  if (CALLERS !== undefined) {
    // Who calls the functions named CALLERS (their self time by caller chain, 3 deep).
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const chains = new Map<string, number>();
    for (const [id, ms] of self) {
      const frame = byId.get(id)!.callFrame;
      if (`${frame.functionName}:${frame.lineNumber + 1}` !== CALLERS && frame.functionName !== CALLERS) continue;
      const names: string[] = [];
      for (let p = parent.get(id), k = 0; p !== undefined && k < 3; p = parent.get(p), k++) names.push(`${byId.get(p)!.callFrame.functionName || '(anonymous)'}:${byId.get(p)!.callFrame.lineNumber + 1}`);
      chains.set(names.join(' < '), (chains.get(names.join(' < ')) ?? 0) + ms);
    }
    for (const [k, ms] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`   ${CALLERS} ${ms.toFixed(1)} ms <- ${k}`);
  }
}

const seed = Corpus.parse(JSON.parse(await readFile(path.join(repoRoot, 'data/corpus.json'), 'utf8')));
const work = await mkdtemp(path.join(tmpdir(), 'qv-profile-scan-'));
const { html } = buildPage(seed.quotes, { name: 'profile', bytes, quotedSpans: Math.max(24, Math.round(bytes / 2000)), seedCopies: 5, runs: 1 });
await writeFile(path.join(work, 'page.html'), html);
const server = await startServer({ mounts: [{ prefix: '/p/', dir: work }] });
const session = await launchChromium({ server, extensionDir });
try {
  await session.context.addInitScript({
    content: `window.__scans = []; document.addEventListener('quote-verifier:scanned', (e) => window.__scans.push(String(e.detail)));`,
  });
  // Warm the background (it opens its corpus on first use).
  const warmup = await session.openPage('/p/page.html');
  await warmup.waitForFunction(() => (window as unknown as { __scans: string[] }).__scans.length >= 1, undefined, { timeout: 120_000 });
  await warmup.close();
  const page = await session.context.newPage();
  const cdp = await session.context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const traceDone = () => new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  if (TRACE) await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink.user_timing,v8.execute,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(server.origin + '/p/page.html');
  await page.waitForFunction(() => (window as unknown as { __scans: string[] }).__scans.length >= 1, undefined, { timeout: 120_000 });
  const first = (await cdp.send('Profiler.stop')).profile as Profile;
  await page.waitForTimeout(500);
  await cdp.send('Profiler.start');
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = '“A sentence nobody said on any record anywhere at all.” he said.';
    document.querySelector('main')!.append(p);
  });
  await page.waitForFunction(() => (window as unknown as { __scans: string[] }).__scans.length >= 2, undefined, { timeout: 120_000 });
  const warm = (await cdp.send('Profiler.stop')).profile as Profile;
  if (MICRO) await micro(cdp);
  const scans = await page.evaluate(() => (window as unknown as { __scans: string[] }).__scans);
  // The bench's baseline (scripts/bench-scan.ts barePass), main world, median of 5.
  const bare: number[] = [];
  for (let i = 0; i < 5; i++) {
    bare.push(
      await page.evaluate(() => {
        const t = performance.now();
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const parts: string[] = [];
        for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) parts.push(n.nodeValue ?? '');
        parts.join('');
        return performance.now() - t;
      }),
    );
  }
  bare.sort((a, b) => a - b);
  console.log(`bare walk ${bare[2]!.toFixed(1)} ms (median of 5, after the scans)`);
  summarize(first, 'first pass');
  summarize(warm, 'warm');
  if (TRACE) {
    const done = traceDone();
    await cdp.send('Tracing.end');
    await done;
    traceSummary(events);
  }
  for (const s of scans) {
    const { timing, findings } = JSON.parse(s) as { timing: Record<string, number>; findings: unknown[] };
    console.log(`findings ${findings.length}, timing ${JSON.stringify(timing)}`);
  }
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
} finally {
  await session.close();
  await server.close();
  await rm(work, { recursive: true, force: true });
}
