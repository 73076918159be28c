/**
 * A fuzzer over the page collector in real Chromium (issue 12): fast-check
 * generates a quotation of a corpus statement whose words are kept, dropped,
 * replaced, hidden by one of many styles, given extra hidden or visible words,
 * drawn from `::before` content, or drawn reordered; the real scanner
 * (src/page/scanner.ts, collector, strict judge) runs in the page against the
 * real host (src/host: the engine and markUnjudged).
 *
 * The generator knows what the reader sees (the visible words, in drawn
 * order), independently of the collector. The property: a finding is
 * *verified* only if its words are a run of the visible words and a run of the
 * statement's words (the engine verifies excerpts), and never when the
 * quotation holds text drawn in another order.
 *
 * No network and no extension: the src modules are bundled with esbuild and
 * the page is set directly.
 */
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath } from './harness/chromium.ts';
import { repoRoot } from './harness/server.ts';
import { PESKOV } from '../unit/host/sample-corpus.ts';

/** Property runs: each is one page in Chromium (about 100–250 ms on the shared machine). */
const RUNS = 150;
/** Edits per quotation: few enough that many quotations stay verifiable (the property needs verified findings). */
const MAX_EDITS = 4;

const WORDS = PESKOV.text.replace(/[.,]/g, '').split(' ');
/** Words the generator inserts: none is in the statement, so an inserted word the collector keeps shows. */
const EXTRA = ['never', 'always', 'gladly', 'soon', 'certainly', 'perhaps'];

/** Styles that leave a word visible. */
const VISIBLE_STYLES = ['', 'font-weight:bold', 'color:#444', 'opacity:.9', 'font-style:italic', 'display:inline-block', 'text-decoration:underline'];
/** Styles that hide a word from the reader (the page's background is white). */
const HIDDEN_STYLES = [
  'display:none',
  'visibility:hidden',
  'font-size:0',
  'opacity:0',
  'color:transparent',
  'color:#fff',
  'font-size:2px',
  'position:absolute;left:-9999px',
  'position:absolute;top:-9999px',
  'display:inline-block;width:0;overflow:hidden',
  'display:inline-block;transform:scale(0)',
  'position:absolute;clip:rect(0 0 0 0)',
  'clip-path:inset(50%)',
  'display:inline-block;content-visibility:hidden',
  'filter:opacity(0)',
];
/** Styles that draw a word's letters in another order. */
const REORDER_STYLES = ['unicode-bidi:bidi-override;direction:rtl'];

type Item =
  | { kind: 'plain'; word: string }
  | { kind: 'styled'; word: string; style: string; shows: boolean }
  | { kind: 'rule'; word: string; tag: 'b' | 's' } // hidden (s) or shown (b) by a stylesheet rule on a tag
  | { kind: 'before'; word: string; shows: boolean } // the word drawn from ::before content only
  | { kind: 'reorder'; word: string; style: string };

type Plan =
  | { op: 'keep' }
  | { op: 'drop' }
  | { op: 'replace'; extra: string }
  | { op: 'style'; style: string; shows: boolean }
  | { op: 'insert-hidden'; extra: string; style: string }
  | { op: 'insert-visible'; extra: string }
  | { op: 'rule'; hide: boolean }
  | { op: 'before'; shows: boolean }
  | { op: 'reorder'; style: string };

const planArb: fc.Arbitrary<Plan> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Plan>({ op: 'drop' }) },
  { weight: 1, arbitrary: fc.constantFrom(...EXTRA).map((extra): Plan => ({ op: 'replace', extra })) },
  { weight: 2, arbitrary: fc.constantFrom(...VISIBLE_STYLES).map((style): Plan => ({ op: 'style', style, shows: true })) },
  { weight: 2, arbitrary: fc.constantFrom(...HIDDEN_STYLES).map((style): Plan => ({ op: 'style', style, shows: false })) },
  { weight: 2, arbitrary: fc.record({ extra: fc.constantFrom(...EXTRA), style: fc.constantFrom(...HIDDEN_STYLES) }).map((r): Plan => ({ op: 'insert-hidden', ...r })) },
  { weight: 1, arbitrary: fc.constantFrom(...EXTRA).map((extra): Plan => ({ op: 'insert-visible', extra })) },
  { weight: 1, arbitrary: fc.boolean().map((hide): Plan => ({ op: 'rule', hide })) },
  { weight: 1, arbitrary: fc.boolean().map((shows): Plan => ({ op: 'before', shows })) },
  { weight: 1, arbitrary: fc.constantFrom(...REORDER_STYLES).map((style): Plan => ({ op: 'reorder', style })) },
);

/** The items of the quotation, and the words the reader sees (null when some are drawn reordered). */
function realize(plans: Plan[]): { items: Item[]; visible: string[] | null } {
  const items: Item[] = [];
  WORDS.forEach((word, i) => {
    const p = plans[i] ?? { op: 'keep' };
    switch (p.op) {
      case 'keep':
        items.push({ kind: 'plain', word });
        break;
      case 'drop':
        break;
      case 'replace':
        items.push({ kind: 'plain', word: p.extra });
        break;
      case 'style':
        items.push({ kind: 'styled', word, style: p.style, shows: p.shows });
        break;
      case 'insert-hidden':
        items.push({ kind: 'plain', word }, { kind: 'styled', word: p.extra, style: p.style, shows: false });
        break;
      case 'insert-visible':
        items.push({ kind: 'plain', word }, { kind: 'plain', word: p.extra });
        break;
      case 'rule':
        items.push({ kind: 'rule', word, tag: p.hide ? 's' : 'b' });
        break;
      case 'before':
        items.push({ kind: 'before', word, shows: p.shows });
        break;
      case 'reorder':
        items.push({ kind: 'reorder', word, style: p.style });
        break;
    }
  });
  if (items.some((it) => it.kind === 'reorder')) return { items, visible: null };
  const visible = items
    .filter((it) => it.kind === 'plain' || (it.kind === 'styled' && it.shows) || (it.kind === 'rule' && it.tag === 'b') || (it.kind === 'before' && it.shows))
    .map((it) => it.word);
  return { items, visible };
}

function html(items: Item[]): string {
  const parts = items.map((it) => {
    switch (it.kind) {
      case 'plain':
        return it.word;
      case 'styled':
        return `<span style="${it.style}">${it.word}</span>`;
      case 'rule':
        return `<${it.tag}>${it.word}</${it.tag}>`;
      case 'before':
        return `<span class="${it.shows ? 'pre' : 'pre-hidden'}" data-w="${it.word}"></span>`;
      case 'reorder':
        return `<span style="${it.style}">${it.word}</span>`;
    }
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
    body { background: #fff; color: #111; font: 16px/1.5 serif }
    article s { display: none } article b { font-weight: bold }
    .pre::before { content: attr(data-w) } .pre-hidden::before { content: attr(data-w); display: none }
  </style></head><body><article><p>Peskov said: “${parts.join(' ')}.” Then he left.</p></article></body></html>`;
}

/** Lowercased words without punctuation. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

function isRun(needle: string[], hay: string[]): boolean {
  if (needle.length === 0) return true;
  for (let i = 0; i + needle.length <= hay.length; i++) {
    if (needle.every((w, k) => hay[i + k] === w)) return true;
  }
  return false;
}

/** Runs in the page: the real scanner against the real host, once; resolves with the findings. */
const SCAN = `new Promise((resolve, reject) => {
  const controller = new AbortController();
  QV.startScanner({
    root: document,
    signal: controller.signal,
    match: async (text, extra) => QV.host.scan({ type: 'qv:scan', text, unjudged: extra.unjudged }),
    onScan: (o) => { controller.abort(); resolve({ findings: o.answer.findings.map((f) => ({ verdict: f.verdict, text: f.text, flags: f.flags })), text: o.collected.text }); },
    onError: (e) => { controller.abort(); reject(e); },
    whenIdle: (cb) => cb(),
  });
})`;

describe('collector fuzzer (Chromium): verified only when the reader sees the corpus wording', () => {
  let browser: Browser;
  let page: Page;
  let script: string;

  beforeAll(async () => {
    const bundle = await build({
      stdin: {
        contents: `
          export { startScanner } from './src/page/scanner';
          import { createHost } from './src/host/host';
          import { sampleCorpus } from './tests/unit/host/sample-corpus';
          export const host = createHost(sampleCorpus());`,
        resolveDir: repoRoot,
        loader: 'ts',
      },
      bundle: true,
      format: 'iife',
      globalName: 'QV',
      write: false,
      target: 'es2022',
      logLevel: 'error',
    });
    script = bundle.outputFiles[0]!.text;
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function scan(items: Item[]): Promise<{ findings: { verdict: string; text: string; flags: string[] }[]; text: string }> {
    await page.setContent(html(items), { waitUntil: 'load' });
    await page.addScriptTag({ content: script });
    return (await page.evaluate(SCAN)) as { findings: { verdict: string; text: string; flags: string[] }[]; text: string };
  }

  it('the control: the statement plainly quoted is verified, and with a hidden "not" dropped it is not', async () => {
    const plain = await scan(WORDS.map((word) => ({ kind: 'plain', word })));
    expect(plain.findings.map((f) => f.verdict)).toEqual(['verified']);
    const doctored = await scan(WORDS.map((word) => (word === 'not' ? { kind: 'styled', word, style: 'font-size:0', shows: false } : { kind: 'plain', word })));
    expect(doctored.findings.map((f) => f.verdict)).toEqual(['altered']);
  });

  it('a verified finding’s words are a run of the visible words and of the statement’s', async () => {
    const statement = words(PESKOV.text);
    let verifiedRuns = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(WORDS.length - 1), planArb), { maxLength: MAX_EDITS }), async (edits) => {
        const plans: Plan[] = WORDS.map(() => ({ op: 'keep' }));
        for (const [at, plan] of edits) plans[at] = plan;
        const { items, visible } = realize(plans);
        const { findings, text } = await scan(items);
        for (const f of findings) {
          if (f.verdict !== 'verified') continue;
          verifiedRuns++;
          const found = words(f.text);
          const context = `collected ${JSON.stringify(text)}; visible ${JSON.stringify(visible)}; finding ${JSON.stringify(f)}`;
          expect(visible, `verified while words are drawn reordered: ${context}`).not.toBeNull();
          expect(isRun(found, words(visible!.join(' '))), `verified words the reader does not see: ${context}`).toBe(true);
          expect(isRun(found, statement), `verified words the statement does not have: ${context}`).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
    // The property was exercised: some generated quotations were verified.
    expect(verifiedRuns).toBeGreaterThan(0);
  }, 300_000);
});
