/**
 * A fact-checker's selection: judged as a quotation (`best`) and ranked
 * against its nearest corpus quotations (`nearest`).
 *
 * fuse.js ranks, but only a shortlist from the index (quotes sharing
 * trigrams, then quotes sharing rare words): a linear fuse.js scan costs
 * about a second per search at 10k quotes and misleads on patterns over 32
 * characters (krisk/Fuse#136), so it never sees the whole corpus.
 */
import Fuse from 'fuse.js';
import { canonical } from '../text';
import type { Engine, Evaluation } from './engine';
import { LOOKUP_FUSE_THRESHOLD, LOOKUP_NEAREST, LOOKUP_SHORTLIST } from './thresholds';
import { tokenize, wordAt, type Tokens } from './tokenize';
import type { Finding, LookupResult } from './types';

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
  const { wordOffsets, wordHashes, quoteCount } = engine.index;
  const scored: [number, number][] = [];
  const seen = new Uint8Array(wanted.length);
  for (let q = 0; q < quoteCount; q++) {
    if (exclude.has(q)) continue;
    seen.fill(0);
    let shared = 0;
    for (let p = wordOffsets[q]!; p < wordOffsets[q + 1]!; p++) {
      const i = wanted.indexOf(wordHashes[p]!);
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

export function lookupSelection(
  engine: Engine,
  selection: string,
  toFinding: (e: Evaluation, tk: Tokens) => Finding,
): LookupResult {
  const tk = tokenize(selection);
  const evals = engine.matchQuoted(tk, 0, tk.count);
  const bestEval = [...evals].sort((x, y) => (y.verdict === 'verified' ? 1 : 0) - (x.verdict === 'verified' ? 1 : 0) || y.score - x.score)[0];
  const best = bestEval ? toFinding(bestEval, tk) : undefined;

  const shortlist = engine
    .clusters(tk.hash, 0, tk.count, 1)
    .map((c) => c.q)
    .filter((q, i, all) => all.indexOf(q) === i)
    .slice(0, LOOKUP_SHORTLIST);
  if (shortlist.length < LOOKUP_NEAREST) {
    shortlist.push(...sharedWordShortlist(engine, tk, LOOKUP_SHORTLIST - shortlist.length, new Set(shortlist)));
  }
  const fuse = new Fuse(
    shortlist.map((q) => canonical(engine.quotes[q]!.text)),
    { includeScore: true, ignoreLocation: true, ignoreFieldNorm: true, threshold: LOOKUP_FUSE_THRESHOLD },
  );
  const nearest = fuse
    .search(canonical(selection))
    .slice(0, LOOKUP_NEAREST)
    .map((r) => ({ quoteId: engine.quotes[shortlist[r.refIndex]!]!.id, score: Math.round((1 - (r.score ?? 1)) * 1000) / 1000 }));
  if (best?.quoteId && !nearest.some((n) => n.quoteId === best.quoteId)) {
    nearest.unshift({ quoteId: best.quoteId, score: best.score });
    if (nearest.length > LOOKUP_NEAREST) nearest.pop();
  }
  return best ? { best, nearest } : { nearest };
}
