/**
 * The generated pages of the scan-cost benchmark (scripts/bench-scan.ts), shared with
 * scripts/profile-scan.ts: paragraphs of generated sentences, each split by a link and
 * often an `<em>`, with the seed corpus's quotations planted verbatim and with one word
 * changed among unrelated quoted sentences.
 */
import type { Quote } from '../src/corpus/schema';
import { makeGen, render, sentenceWords, type Gen } from './bench-data';

/** A generated page. */
export interface PageSpec {
  name: string;
  bytes: number;
  /** Quoted spans on the page, seed copies included. */
  quotedSpans: number;
  /** Copies of each seed quote on the page, verbatim and edited (each a planted finding). */
  seedCopies: number;
  /** Page loads per corpus; figures are medians. */
  runs: number;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A sentence as three text nodes (text, a link's word, text), every other one as five (and an emphasized word). */
function sentenceHtml(g: Gen, text: string): string {
  const words = text.split(' ').map(escapeHtml);
  if (words.length < 6) return words.join(' ');
  const at = 1 + Math.floor(g.rand() * (words.length - 4));
  words[at] = `<a href="#s">${words[at]!}</a>`;
  if (g.rand() < 0.5) words[at + 2] = `<em>${words[at + 2]!}</em>`;
  return words.join(' ');
}

function editQuote(g: Gen, text: string): string {
  const words = text.split(' ');
  const at = 1 + Math.floor(g.rand() * Math.max(1, words.length - 2));
  words[at] = g.pick();
  return words.join(' ');
}

/**
 * Seed quotations worth planting: a two- or three-word phrase ("full-fledged peace") is a
 * term, not an attributable quotation, and the engine does not index it (MIN_QUOTE_WORDS);
 * an edit of one word in eight still reads as the quotation, altered.
 */
const PLANT_MIN_WORDS = 8;

export function buildPage(allSeed: Quote[], spec: PageSpec): { html: string; planted: number } {
  const g = makeGen(4242);
  const seed = allSeed.filter((q) => q.text.split(/\s+/).length >= PLANT_MIN_WORDS);
  const quoted: string[] = [];
  for (const q of seed) for (let i = 0; i < spec.seedCopies; i++) quoted.push(q.text);
  for (const q of seed) for (let i = 0; i < spec.seedCopies; i++) quoted.push(editQuote(g, q.text));
  const planted = quoted.length;
  while (quoted.length < spec.quotedSpans) quoted.push(render(sentenceWords(g, 10, 30)));
  // Spread the quotations over the page.
  for (let i = quoted.length - 1; i > 0; i--) {
    const j = Math.floor(g.rand() * (i + 1));
    [quoted[i], quoted[j]] = [quoted[j]!, quoted[i]!];
  }
  const paragraphs: string[] = [];
  let size = 0;
  let next = 0;
  // Spread the quotations over roughly the paragraphs the page will have (~590 bytes each).
  const paragraphsWanted = spec.bytes / 590;
  while (size < spec.bytes) {
    const n = 2 + Math.floor(g.rand() * 4);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) parts.push(sentenceHtml(g, render(sentenceWords(g, 8, 30))));
    if (next < quoted.length && g.rand() < spec.quotedSpans / paragraphsWanted) {
      // Unnamed: a span naming one of the generated corpus's 50 speakers (2,000 quotations
      // each) costs the variant rule 0.3-0.4 s at 100k quotations (docs/benchmarks.md), which
      // would make this a benchmark of that rule alone.
      parts.splice(1, 0, `“${escapeHtml(quoted[next++]!)}” a spokesperson said.`);
    }
    const p = `<p>${parts.join(' ')}</p>`;
    paragraphs.push(p);
    size += p.length;
  }
  while (next < quoted.length) paragraphs.push(`<p>“${escapeHtml(quoted[next++]!)}” she said.</p>`);
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Scan bench</title></head><body><main>${paragraphs.join('')}</main></body></html>`;
  return { html, planted };
}

