/**
 * A fact-checker's selection: judged as a quotation (`best`) and ranked
 * against its nearest corpus quotations (`nearest`).
 *
 * Judging (src/match/matcher.ts `lookup`) is the scan's: the selection, with
 * the paragraph around it when the caller has one, goes through `findAll`,
 * and the quotation the selection covers is the answer, with the verdict its
 * highlight has. Narration and attribution around it ("Peskov said:") are not
 * part of the quotation, so they are never edits. Only a selection with no
 * quotation marks in which the scan finds nothing is judged whole
 * (`judgeWhole`): a short excerpt, or words typed from memory.
 *
 * Ranking (`nearestQuotes`):
 * The index makes a shortlist (quotes sharing trigrams, then quotes sharing
 * rare words); fuse.js ranks it for short selections, the word alignment for
 * long ones. fuse.js never sees the whole corpus: a linear scan costs about a
 * second per search at 10k quotes, and it misleads on patterns over 32
 * characters (krisk/Fuse#136).
 */
import Fuse from 'fuse.js';
import { canonical } from '../text';
import type { Engine, Evaluation } from './engine';
import { alignInside } from './align';
import {
  LOOKUP_FUSE_MAX_CHARS,
  LOOKUP_FUSE_THRESHOLD,
  LOOKUP_NEAREST,
  LOOKUP_SHORTLIST,
  MIN_SHARED_TRIGRAMS,
  SHORT_SPAN_WORDS,
} from './thresholds';
import { tokenize, wordAt, type Tokens } from './tokenize';
import type { LookupResult } from './types';

type Nearest = LookupResult['nearest'];

/** Words too common to shortlist quotes by: they are in most of them. */
const STOPWORDS = new Set([
  'the', 'a', 'an', 'and', 'or', 'but', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'is', 'are', 'was',
  'were', 'be', 'been', 'it', 'that', 'this', 'we', 'i', 'you', 'he', 'she', 'they', 'our', 'as', 'not', 'no', 'will',
  'have', 'has', 'had', 'do', 'does', 'so', 'all', 'its', 'their', 'his', 'her', 'there', 'what', 'which', 'who',
]);

/** Quotes sharing the most distinct non-stopwords with the selection (a scan of the packed word hashes, no strings). */
function sharedWordShortlist(engine: Engine, tk: Tokens, limit: number, exclude: Set<number>): number[] {
  const wanted: number[] = [];
  for (let k = 0; k < tk.count; k++) {
    const w = wordAt(tk, k);
    if (w.length > 2 && !STOPWORDS.has(w) && !wanted.includes(tk.hash[k]!)) wanted.push(tk.hash[k]!);
  }
  if (wanted.length === 0) return [];
  const { wordOffsets, quoteCount } = engine.index;
  const wordHashes = engine.allWordHashes();
  const scored: [number, number][] = [];
  const seen = new Uint8Array(wanted.length);
  // A 4096-bit filter of the wanted hashes: most words of the corpus fail it at once.
  const filter = new Uint32Array(128);
  for (const h of wanted) filter[(h >>> 5) & 127]! |= 1 << (h & 31);
  for (let q = 0; q < quoteCount; q++) {
    if (exclude.has(q)) continue;
    seen.fill(0);
    let shared = 0;
    for (let p = wordOffsets[q]!; p < wordOffsets[q + 1]!; p++) {
      const h = wordHashes[p]!;
      if (!(filter[(h >>> 5) & 127]! & (1 << (h & 31)))) continue;
      const i = wanted.indexOf(h);
      if (i >= 0 && !seen[i]) {
        seen[i] = 1;
        shared++;
      }
    }
    if (shared > 0) scored.push([shared, q]);
  }
  return scored
    .sort((x, y) => y[0] - x[0] || x[1] - y[1])
    .slice(0, limit)
    .map(([, q]) => q);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** A short selection: fuse.js ranks the shortlist, forgiving typos ("newspapr"). */
function rankWithFuse(engine: Engine, shortlist: number[], selection: string): Nearest {
  const fuse = new Fuse(
    shortlist.map((q) => canonical(engine.quotes[q]!.text)),
    { includeScore: true, ignoreLocation: true, ignoreFieldNorm: true, threshold: LOOKUP_FUSE_THRESHOLD },
  );
  return fuse
    .search(canonical(selection))
    .slice(0, LOOKUP_NEAREST)
    .map((r) => ({ quoteId: engine.quotes[shortlist[r.refIndex]!]!.id, score: round(1 - (r.score ?? 1)) }));
}

/**
 * A long selection: the word alignment ranks the shortlist (the share of the
 * selection's words found in order in the quote). fuse.js would cut the
 * pattern into 32-character pieces, each scored alone, and take seconds.
 */
function rankByWords(engine: Engine, shortlist: number[], tk: Tokens): Nearest {
  const scored: { quoteId: string; score: number }[] = [];
  for (const q of shortlist) {
    const qh = engine.quoteHashes(q);
    const al = alignInside(tk.hash, 0, tk.count, qh, 0, qh.length);
    if (!al) continue;
    const score = 1 - al.dist / Math.max(tk.count, 1);
    if (score > 0) scored.push({ quoteId: engine.quotes[q]!.id, score: round(score) });
  }
  return scored.sort((x, y) => y.score - x.score).slice(0, LOOKUP_NEAREST);
}

/**
 * The corpus quotations nearest to `text`, best first. `best` (the selection's
 * own judged match) is always among them.
 */
export function nearestQuotes(engine: Engine, text: string, best?: { quoteId?: string; score: number }): Nearest {
  const tk = tokenize(text);
  const seen = new Set<number>();
  for (const c of engine.clusters(tk.hash, 0, tk.count, tk.count <= SHORT_SPAN_WORDS ? 1 : MIN_SHARED_TRIGRAMS)) {
    seen.add(c.q);
    if (seen.size === LOOKUP_SHORTLIST) break;
  }
  const shortlist = [...seen];
  if (shortlist.length < LOOKUP_NEAREST) {
    shortlist.push(...sharedWordShortlist(engine, tk, LOOKUP_SHORTLIST - shortlist.length, new Set(shortlist)));
  }
  const ranked = canonical(text).length <= LOOKUP_FUSE_MAX_CHARS ? rankWithFuse(engine, shortlist, text) : rankByWords(engine, shortlist, tk);
  // Several wordings of one quotation (src/match/wordings.ts) name it once, at its best rank.
  const nearest = ranked.filter((n, i) => ranked.findIndex((m) => m.quoteId === n.quoteId) === i);
  if (best?.quoteId && !nearest.some((n) => n.quoteId === best.quoteId)) {
    nearest.unshift({ quoteId: best.quoteId, score: best.score });
    if (nearest.length > LOOKUP_NEAREST) nearest.pop();
  }
  return nearest;
}

/** A selection without quotation marks that the scan finds nothing in, judged whole as a claimed quotation. */
export function judgeWhole(engine: Engine, tk: Tokens): Evaluation | undefined {
  const evals = engine.matchQuoted(tk, 0, tk.count);
  return [...evals].sort((x, y) => (y.verdict === 'verified' ? 1 : 0) - (x.verdict === 'verified' ? 1 : 0) || y.score - x.score)[0];
}
