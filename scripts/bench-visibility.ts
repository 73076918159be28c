/**
 * What judging the rendered text costs, in headless Chromium, against a bare
 * TreeWalker pass over the same page in the same run:
 * - the collector's walk without generated content (the walk before issue 12);
 * - the same fast pass with every text node walked (`wholeBlocks: false`, as before
 *   issue 16 read plain blocks whole); the script fails unless both give the same
 *   collection (text, and the same text nodes at the same offsets);
 * - the collector's walk as shipped (the fast pass: it also reads every
 *   element's `::before`/`::after` content, and opens closed shadow roots);
 * - the strict second look on the text of quotations only (what the scanner
 *   does after matching: src/page/rejudge.ts), at one finding per quoted span;
 * - the strict judge on every text node of the page (why it is not the fast pass).
 *
 * The page: ~1 MB, ~20k text nodes, 500 quoted spans, links and emphasis in
 * every sentence (the scan-cost benchmark's shape, scripts/bench-scan.ts).
 * The src/page modules are bundled with esbuild and run in the page; medians
 * of RUNS runs each. No extension, no network: the page is set directly.
 *
 * Run: node --import tsx scripts/bench-visibility.ts
 */
import { build } from 'esbuild';
import { cpus, loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { repoRoot } from '../tests/e2e/harness/server';
import { chromiumPath } from '../tests/e2e/harness/chromium';
import { makeGen, render, sentenceWords, type Gen } from './bench-data';

const PAGE_BYTES = 1_000_000;
const QUOTED_SPANS = 500;
const RUNS = 7;

function sentenceHtml(g: Gen, text: string): string {
  const words = text.split(' ');
  if (words.length < 6) return words.join(' ');
  const at = 1 + Math.floor(g.rand() * (words.length - 4));
  words[at] = `<a href="#s">${words[at]!}</a>`;
  if (g.rand() < 0.5) words[at + 2] = `<em>${words[at + 2]!}</em>`;
  return words.join(' ');
}

function buildPage(): string {
  const g = makeGen(4242);
  const paragraphs: string[] = [];
  let size = 0;
  let quoted = 0;
  while (size < PAGE_BYTES) {
    const parts: string[] = [];
    const n = 2 + Math.floor(g.rand() * 4);
    for (let k = 0; k < n; k++) parts.push(sentenceHtml(g, render(sentenceWords(g, 8, 30))));
    if (quoted < QUOTED_SPANS && g.rand() < QUOTED_SPANS / 1700) {
      quoted++;
      parts.splice(1, 0, `“${sentenceHtml(g, render(sentenceWords(g, 10, 30)))}” Speaker said.`);
    }
    const p = `<p>${parts.join(' ')}</p>`;
    paragraphs.push(p);
    size += p.length;
  }
  // A news site's usual generated content: clearfix, icon glyphs, a decorative quotation mark.
  const css = `.cf::after { content: ""; display: table; clear: both } .icon::before { content: "\\f101" }
    blockquote::before { content: "“" } a[href^="#"]::after { content: "" }`;
  const page = paragraphs.map((p, i) => (i % 20 === 0 ? `<div class="cf"><span class="icon"></span>${p}</div>` : p));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><style>${css}</style></head><body><article>${page.join('\n')}</article></body></html>`;
}

/** Runs in the page: every measure, RUNS times, medians. */
const IN_PAGE = `(() => {
  const { collectText, createStrictJudge, textSegmentsIn } = QV;
  const nodesOf = (c) => textSegmentsIn(c, 0, c.text.length) ?? [];
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  const time = (fn) => { const t = performance.now(); const out = fn(); return [performance.now() - t, out]; };
  const bare = () => {
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const parts = []; let nodes = 0;
    for (let n = w.nextNode(); n; n = w.nextNode()) { parts.push(n.data); nodes++; }
    return { chars: parts.join('').length, nodes };
  };
  const results = { bare: [], walk: [], nodes: [], fast: [], every: [], second: [], strict: [] };
  let facts = {};
  for (let run = 0; run < ${RUNS}; run++) {
    const [bareMs, b] = time(bare);
    results.bare.push(bareMs);
    const [walkMs] = time(() => collectText(document, { generatedContent: false }));
    results.walk.push(walkMs);
    const [nodesMs, walked] = time(() => collectText(document, { wholeBlocks: false }));
    results.nodes.push(nodesMs);
    const [fastMs, collected] = time(() => collectText(document));
    results.fast.push(fastMs);
    // Plain blocks read whole must give what the walk of every text node gives (issue 16).
    const a = nodesOf(collected);
    const b2 = nodesOf(walked);
    const sameAsWalk = collected.text === walked.text && a.length === b2.length && a.every((s, i) => s.node === b2[i].node && s.start === b2[i].start && s.end === b2[i].end);
    const [everyMs] = time(() => collectText(document, { generatedContent: 'every-element' }));
    results.every.push(everyMs);
    // The quoted spans, as the findings the scanner judges: the text nodes between each “ and ”.
    const spans = [];
    for (let at = collected.text.indexOf('“'); at >= 0; at = collected.text.indexOf('“', at + 1)) {
      const end = collected.text.indexOf('”', at);
      if (end > at) spans.push([at, end + 1]);
    }
    const inSpans = spans.flatMap(([a, e]) => (textSegmentsIn(collected, a, e) ?? []).map((s) => s.node));
    const [secondMs, second] = time(() => { const j = createStrictJudge(document); return inSpans.map((n) => j.text(n)); });
    results.second.push(secondMs);
    const [strictMs, strict] = time(() => { const j = createStrictJudge(document); return a.map((s) => j.text(s.node)); });
    results.strict.push(strictMs);
    facts = {
      bareChars: b.chars, textNodes: b.nodes, collectedChars: collected.text.length, spans: spans.length,
      judgedInSpans: inSpans.length, visibleInSpans: second.filter((v) => v === 'visible').length,
      judgedWhole: strict.length, visibleWhole: strict.filter((v) => v === 'visible').length,
      sameAsWalk: sameAsWalk ? 1 : 0, wholeBlocks: collected.segments.filter((s) => s.block).length,
    };
  }
  const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
  return { m, facts };
})()`;

async function main(): Promise<void> {
  const bundle = await build({
    stdin: {
      contents: `export { collectText } from './src/page/collect-text';\nexport { textSegmentsIn } from './src/page/ranges';\nexport { createStrictJudge } from './src/page/visibility';`,
      resolveDir: repoRoot,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'QV',
    write: false,
    target: 'es2022',
  });
  const script = bundle.outputFiles[0]!.text;
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.setContent(buildPage(), { waitUntil: 'load' });
    await page.addScriptTag({ content: script });
    const { m, facts } = (await page.evaluate(IN_PAGE)) as {
      m: Record<'bare' | 'walk' | 'nodes' | 'fast' | 'every' | 'second' | 'strict', number>;
      facts: Record<string, number>;
    };
    // Check the runs measured what they claim.
    const problems: string[] = [];
    if (facts.collectedChars! < 0.9 * facts.bareChars!) problems.push(`the collector read ${facts.collectedChars} of ${facts.bareChars} characters`);
    if (facts.spans! < 0.9 * QUOTED_SPANS) problems.push(`only ${facts.spans} quoted spans found`);
    if (facts.visibleInSpans !== facts.judgedInSpans) problems.push(`${facts.judgedInSpans! - facts.visibleInSpans!} span nodes judged not visible on a plain page`);
    if (facts.visibleWhole !== facts.judgedWhole) problems.push(`${facts.judgedWhole! - facts.visibleWhole!} nodes judged not visible on a plain page`);
    if (facts.sameAsWalk !== 1) problems.push('plain blocks read whole gave another collection than the walk of every text node');
    if (facts.wholeBlocks! < 100) problems.push(`only ${facts.wholeBlocks} blocks read whole`);
    const f1 = (x: number) => x.toFixed(1);
    const ratio = (x: number) => `${f1(x / m.bare)}x`;
    console.log(`Chromium, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`Page: ${facts.bareChars} characters in ${facts.textNodes} text nodes, ${facts.spans} quoted spans (${facts.judgedInSpans} text nodes in them); medians of ${RUNS} runs.`);
    console.log('| Pass | Time | vs bare TreeWalker |');
    console.log('|---|---|---|');
    console.log(`| bare TreeWalker (SHOW_TEXT, join) | ${f1(m.bare)} ms | 1.0x |`);
    console.log(`| collector walk, no generated content | ${f1(m.walk)} ms | ${ratio(m.walk)} |`);
    console.log(`| fast pass, every text node walked (wholeBlocks: false, before issue 16's plain blocks) | ${f1(m.nodes)} ms | ${ratio(m.nodes)} |`);
    console.log(`| fast pass as shipped (plain blocks read whole, ${facts.wholeBlocks} here; walk + ::before/::after of the elements the style sheets name) | ${f1(m.fast)} ms | ${ratio(m.fast)} |`);
    console.log(`| fast pass where the sheets cannot be read (::before/::after of every element) | ${f1(m.every)} ms | ${ratio(m.every)} |`);
    console.log(`| strict second look, quoted spans only | ${f1(m.second)} ms | ${ratio(m.second)} |`);
    console.log(`| strict judge on every text node | ${f1(m.strict)} ms | ${ratio(m.strict)} |`);
    if (problems.length) {
      console.error(`The benchmark did not measure what it claims: ${problems.join('; ')}`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
  }
}

await main();
