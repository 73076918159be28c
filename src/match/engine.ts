/**
 * The matching core: index hits -> candidate quotes -> alignment -> verdict.
 *
 * Two modes:
 * - quoted: the words between quotation marks claim to be the speaker's. The
 *   whole quoted sentence(s) holding the index hits are compared with the
 *   quotation, so extra or changed words inside them show as alterations;
 * - unquoted: page text without marks (a blockquote, a headline, prose) is
 *   searched for the quotation, which must appear whole (verified or closely
 *   altered) or as a long exact excerpt.
 */
import { A_ONLY, alignInside, alignmentStats, EQ, exactAlign, indexOfRun, type Alignment } from './align';
import { diffFromSteps, equalDiff, PAGE_ONLY, QUOTE_ONLY } from './diff';
import { trigramKey } from './hash';
import type { MatchIndex } from './match-index';
import {
  ALTERED_MIN_MATCHED_WORDS,
  ALTERED_MIN_SIMILARITY,
  CANDIDATE_MIN_HIT_RATIO,
  CLUSTER_SLACK_WORDS,
  QUERY_COMMON_POSTINGS,
  QUERY_MIN_RARE_TRIGRAMS,
  EDGE_ABSORB_WORDS,
  EXTRA_CANDIDATE_PER_WORDS,
  HOMOGLYPH_EDIT_WEIGHT,
  MAX_CANDIDATES_PER_SPAN,
  MAX_EDGE_INSERT_WORDS,
  MAX_REPLACED_RUN,
  MIN_ELLIPSIS_PIECE_WORDS,
  MIN_EXCERPT_WORDS,
  MIN_SHARED_TRIGRAMS,
  MIN_SHARED_TRIGRAMS_SHORT_SPAN,
  SHORT_SPAN_WORDS,
  NEGATION_LOOKBEHIND_WORDS,
  UNQUOTED_ALTERED_MIN_SIMILARITY,
  UNQUOTED_CHUNK_OVERLAP_WORDS,
  UNQUOTED_CHUNK_WORDS,
  UNQUOTED_MIN_SHARED_TRIGRAMS,
  UNQUOTED_WINDOW_SLACK_WORDS,
  UNQUOTED_MIN_EXCERPT_WORDS,
} from './thresholds';
import { ELLIPSIS, HOMOGLYPH, originalWordAt, PARAGRAPH, SENTENCE, tokenize, wordAt, wordHashesInto, type Tokens } from './tokenize';
import type { DiffOp, Flag } from './types';
import { negationCount } from './word-classes';

/** What the engine needs of a quote. */
export interface EngineQuote {
  id: string;
  text: string;
}

/** Index hits of one quote close together on the page. */
export interface Cluster {
  q: number;
  /** Page word where the first shared trigram starts. */
  first: number;
  /** Page word where the last shared trigram starts. */
  last: number;
  /** Shared trigram occurrences. */
  hits: number;
}

/** A judged match, before it becomes a Finding. */
export interface Evaluation {
  q: number;
  verdict: 'verified' | 'altered';
  score: number;
  /** Page words [from, to). */
  from: number;
  to: number;
  flags: Set<Flag>;
  diff: DiffOp[];
  /** Fraction of the quotation's words the page covers. */
  coverage: number;
}

/** Positions and quote numbers packed into one float for a numeric sort. */
const POS_RANGE = 2 ** 26;
// Module-level copies of imports used per index posting: some loaders (tsx,
// which runs the CLI and the benchmark) reach imports through getters.
const trigramKeyLocal = trigramKey;
const COMMON_POSTINGS = QUERY_COMMON_POSTINGS;
const QUOTE_TOKENS_CACHE_MAX = 4096;

export class Engine {
  private readonly shift: number;
  private hitKeys = new Float64Array(1024);
  /** Votes per quote for the span being scanned; back to zero after each scan. */
  private readonly counts: Uint32Array;
  /** Tag (low key bits) of each trigram of the span being scanned. */
  private tags = new Uint8Array(256);
  private readonly quoteTokenCache = new Map<number, Tokens>();
  /** allWordHashes when the index keeps no hashes: the array, and the next wording to hash. */
  private hashing: { out: Uint32Array; next: number } | undefined;
  /** First posting and end of each trigram's bucket, for the span being scanned (an empty range: skipped). */
  private begins = new Uint32Array(256);
  private ends = new Uint32Array(256);

  constructor(
    readonly quotes: readonly EngineQuote[],
    readonly index: MatchIndex,
  ) {
    this.shift = 32 - index.tableBits;
    this.counts = new Uint32Array(index.quoteCount);
  }

  quoteLength(q: number): number {
    return this.index.wordOffsets[q + 1]! - this.index.wordOffsets[q]!;
  }

  /** Wording q's word hashes: the index's, or (a shipped index keeps none) its tokens'. */
  quoteHashes(q: number): Uint32Array {
    const { wordHashes, wordOffsets } = this.index;
    if (wordHashes) return wordHashes.subarray(wordOffsets[q]!, wordOffsets[q + 1]!);
    const tk = this.quoteTokens(q);
    return tk.hash.subarray(0, tk.count);
  }

  /**
   * Every wording's word hashes (the fact-checker's lookup scans them all): the index's, or
   * hashed from the texts when the index keeps none (0.1-0.25 s at 100k quotations), once,
   * and kept. `hashWordings` does that work in steps beforehand.
   */
  allWordHashes(): Uint32Array {
    if (this.index.wordHashes) return this.index.wordHashes;
    while (!this.hashWordings(this.index.quoteCount));
    return this.hashing!.out.subarray(0, this.index.wordOffsets[this.index.quoteCount]!);
  }

  /**
   * Hashes up to `count` more wordings for `allWordHashes`; true when all are done (at once
   * when the index keeps the hashes). A host calls it between tasks, so a lookup after a
   * wake-up does not hold the worker for a quarter of a second in one task.
   */
  hashWordings(count: number): boolean {
    const { wordOffsets, quoteCount, wordHashes } = this.index;
    if (wordHashes) return true;
    this.hashing ??= { out: new Uint32Array(wordOffsets[quoteCount]! + 1024), next: 0 };
    const h = this.hashing;
    const end = Math.min(quoteCount, h.next + count);
    for (let q = h.next; q < end; q++) {
      const n = wordHashesInto(this.quotes[q]!.text, h.out, wordOffsets[q]!);
      if (n !== wordOffsets[q + 1]! - wordOffsets[q]!) throw new Error(`wording ${q} has ${n} words, the index says ${wordOffsets[q + 1]! - wordOffsets[q]!}: rebuild the extension`);
    }
    h.next = end;
    return end === quoteCount;
  }

  /** The quote's words with offsets and flags, for diffs (tokenized on demand, cached). */
  quoteTokens(q: number): Tokens {
    let tk = this.quoteTokenCache.get(q);
    if (!tk) {
      tk = tokenize(this.quotes[q]!.text);
      if (this.quoteTokenCache.size >= QUOTE_TOKENS_CACHE_MAX) this.quoteTokenCache.clear();
      this.quoteTokenCache.set(q, tk);
    }
    return tk;
  }

  /**
   * Quotes sharing trigrams with page words [a, b), grouped into clusters of
   * nearby hits, most hits first.
   */
  clusters(hash: Uint32Array, a: number, b: number, minShared: number): Cluster[] {
    const { buckets, postings } = this.index;
    const shift = this.shift;
    const counts = this.counts;
    const touched: number[] = [];
    const trigrams = Math.max(0, b - a - 2);
    if (this.begins.length < trigrams) {
      const size = Math.max(trigrams, this.begins.length * 2);
      this.begins = new Uint32Array(size);
      this.ends = new Uint32Array(size);
      this.tags = new Uint8Array(size);
    }
    const begins = this.begins;
    const ends = this.ends;
    const tags = this.tags;
    // Where the postings of the span's trigrams are. When enough of them are rare, the
    // common ones (hundreds of postings each) are skipped: they cost most of
    // the time and hardly tell quotes apart.
    let rare = 0;
    for (let p = a; p + 2 < b; p++) {
      const key = trigramKeyLocal(hash[p]!, hash[p + 1]!, hash[p + 2]!);
      const bucket = key >>> shift;
      const size = buckets.size(bucket);
      const start = size === 0 ? 0 : buckets.start(bucket);
      begins[p - a] = start;
      ends[p - a] = start + size;
      tags[p - a] = key & 0xff;
      if (size <= COMMON_POSTINGS) rare++;
    }
    const skipCommon = rare >= QUERY_MIN_RARE_TRIGRAMS;
    // Pass 1: votes per quote. Most quotes touched by a span get one or two
    // votes from common trigrams and never reach the sort below.
    for (let p = a; p + 2 < b; p++) {
      const e = ends[p - a]!;
      if (skipCommon && e - begins[p - a]! > COMMON_POSTINGS) {
        ends[p - a] = begins[p - a]!; // skipped in pass 2 too
        continue;
      }
      const tag = tags[p - a]!;
      for (let k = begins[p - a]!; k < e; k++) {
        const v = postings.entry(k);
        if ((v & 0xff) !== tag) continue; // another trigram in the same bucket
        const q = v >>> 8;
        if (counts[q]!++ === 0) touched.push(q);
      }
    }
    let m = 0;
    let most = 0;
    for (const q of touched) if (counts[q]! > most) most = counts[q]!;
    // A short span falls back to a single shared trigram only when no quote
    // shares two; and since every candidate there overlaps the best one, the
    // weak ones go before their positions are even collected (see the ratio below).
    if (b - a <= SHORT_SPAN_WORDS && minShared < MIN_SHARED_TRIGRAMS && most >= MIN_SHARED_TRIGRAMS) {
      minShared = MIN_SHARED_TRIGRAMS;
    }
    if (b - a <= SHORT_SPAN_WORDS) minShared = Math.max(minShared, Math.ceil(most * CANDIDATE_MIN_HIT_RATIO));
    if (most >= minShared) {
      // Pass 2: positions of the votes of quotes with enough of them.
      for (let p = a; p + 2 < b; p++) {
        const e = ends[p - a]!;
        const tag = tags[p - a]!;
        for (let k = begins[p - a]!; k < e; k++) {
          const v = postings.entry(k);
          if ((v & 0xff) !== tag) continue;
          const q = v >>> 8;
          if (counts[q]! < minShared) continue;
          if (m === this.hitKeys.length) {
            const grown = new Float64Array(this.hitKeys.length * 2);
            grown.set(this.hitKeys);
            this.hitKeys = grown;
          }
          this.hitKeys[m++] = q * POS_RANGE + (p % POS_RANGE);
        }
      }
    }
    for (const q of touched) counts[q] = 0;
    if (m === 0) return [];
    const keys = this.hitKeys.subarray(0, m).sort();
    const out: Cluster[] = [];
    let cur: Cluster | undefined;
    let gap = 0;
    for (let k = 0; k < m; k++) {
      const key = keys[k]!;
      const q = Math.floor(key / POS_RANGE);
      const pos = key - q * POS_RANGE;
      if (cur && cur.q === q && pos - cur.last <= gap) {
        cur.last = pos;
        cur.hits++;
        continue;
      }
      if (cur && cur.hits >= minShared) out.push(cur);
      cur = { q, first: pos, last: pos, hits: 1 };
      gap = this.quoteLength(q) + CLUSTER_SLACK_WORDS;
    }
    if (cur && cur.hits >= minShared) out.push(cur);
    out.sort((x, y) => y.hits - x.hits || x.first - y.first);
    // A cluster far weaker than one over the same words is a quote sharing
    // a common phrase with the span, not its source.
    const kept: Cluster[] = [];
    for (const c of out) {
      const stronger = kept.find((k) => k.first <= c.last + 2 && c.first <= k.last + 2);
      if (!stronger || c.hits >= stronger.hits * CANDIDATE_MIN_HIT_RATIO) kept.push(c);
    }
    return kept;
  }

  /** Findings for the quoted span of page words [a, b). */
  matchQuoted(tk: Tokens, a: number, b: number): Evaluation[] {
    const words = b - a;
    if (words < 3) return [];
    const minShared = words <= SHORT_SPAN_WORDS ? MIN_SHARED_TRIGRAMS_SHORT_SPAN : MIN_SHARED_TRIGRAMS;
    const limit = MAX_CANDIDATES_PER_SPAN + Math.floor(words / EXTRA_CANDIDATE_PER_WORDS);
    const clusters = this.clusters(tk.hash, a, b, minShared).slice(0, limit);
    const evals: Evaluation[] = [];
    for (const c of clusters) {
      const e = this.evaluateQuoted(tk, a, b, c);
      if (!e) continue;
      evals.push(e);
      // The whole span is exactly the whole quotation: nothing can do better.
      if (e.verdict === 'verified' && e.coverage === 1 && e.from === a && e.to === b) break;
    }
    return pickBest(evals);
  }

  /** Findings in page words [a, b) outside quotation marks. */
  matchUnquoted(tk: Tokens, a: number, b: number): Evaluation[] {
    // Paragraph by paragraph (a quotation outside quotation marks does not
    // run across paragraphs), in chunks with an overlap when one is huge: votes
    // then stay local instead of piling up over a whole page.
    const out: Evaluation[] = [];
    let start = a;
    for (let k = a + 1; k <= b; k++) {
      if (k < b && !(tk.flags[k]! & PARAGRAPH)) continue;
      for (let from = start; from < k; from += UNQUOTED_CHUNK_WORDS) {
        const to = Math.min(k, from + UNQUOTED_CHUNK_WORDS + UNQUOTED_CHUNK_OVERLAP_WORDS);
        for (const e of this.matchUnquotedChunk(tk, from, to)) {
          if (!out.some((o) => o.q === e.q && o.from === e.from && o.to === e.to)) out.push(e);
        }
        if (to === k) break;
      }
      start = k;
    }
    return pickBest(out);
  }

  private matchUnquotedChunk(tk: Tokens, a: number, b: number): Evaluation[] {
    if (b - a < MIN_EXCERPT_WORDS) return [];
    const evals: Evaluation[] = [];
    for (const c of this.clusters(tk.hash, a, b, UNQUOTED_MIN_SHARED_TRIGRAMS)) {
      // Cheap necessary condition, before any alignment: an 8-word exact
      // excerpt shares 6 trigrams in a row; a whole quotation within the
      // altered similarity has lost at most 3 trigrams per edit, and at most
      // a quarter of its words are edited.
      const qlen = this.quoteLength(c.q);
      const whole = Math.max(UNQUOTED_MIN_SHARED_TRIGRAMS, qlen - 2 - 3 * Math.floor(qlen / 4));
      if (c.hits < Math.min(UNQUOTED_MIN_EXCERPT_WORDS - 2, whole)) continue;
      const e = this.evaluateUnquoted(tk, a, b, c);
      if (e) evals.push(e);
    }
    return pickBest(evals);
  }

  private evaluateQuoted(tk: Tokens, a: number, b: number, c: Cluster): Evaluation | undefined {
    const q = c.q;
    const qh = this.quoteHashes(q);
    const qlen = qh.length;
    // The sentence(s) of the span holding the hits.
    let rs = c.first;
    while (rs > a && !(tk.flags[rs]! & SENTENCE)) rs--;
    let re = Math.min(b, c.last + 3);
    while (re < b && !(tk.flags[re]! & SENTENCE)) re++;
    const al = exactAlign(tk.hash, rs, re, qh, 0, qlen) ?? alignInside(tk.hash, rs, re, qh, 0, qlen);
    if (!al) return undefined;
    let ops = al.ops;
    let dist = al.dist;
    // Extra words at an edge, beyond a quotation matched up to that end: the
    // rest of a longer quoted passage (embedded) when many or a sentence apart.
    let lead = 0;
    while (lead < ops.length && ops[lead] === A_ONLY) lead++;
    if (lead === ops.length) return undefined;
    if (lead > 0 && al.bStart === 0 && (lead > MAX_EDGE_INSERT_WORDS || tk.flags[rs + lead]! & SENTENCE)) {
      ops = ops.subarray(lead);
      rs += lead;
      dist -= lead;
    }
    let trail = 0;
    while (trail < ops.length && ops[ops.length - 1 - trail] === A_ONLY) trail++;
    if (trail > 0 && al.bEnd === qlen && (trail > MAX_EDGE_INSERT_WORDS || tk.flags[re - trail]! & SENTENCE)) {
      ops = ops.subarray(0, ops.length - trail);
      re -= trail;
      dist -= trail;
    }
    const embedded = rs > a || re < b;
    const pageWords = re - rs;
    const full = al.bStart === 0 && al.bEnd === qlen;
    const coverage = (al.bEnd - al.bStart) / qlen;
    const qtk = () => this.quoteTokens(q);

    if (dist === 0) {
      if (!full && pageWords < MIN_EXCERPT_WORDS) return undefined; // a quoted fragment or term
      const flags = new Set<Flag>();
      if (!full) flags.add('excerpt');
      if (embedded) flags.add('embedded');
      if (!full) {
        const dropped = droppedNegation(qtk(), al.bStart);
        if (dropped > 0) {
          flags.add('negation');
          const diff: DiffOp[] = [
            { op: 'delete', text: wordsOf(qtk(), al.bStart - dropped, al.bStart) },
            ...equalDiff(qtk(), al.bStart, al.bEnd),
          ];
          return { q, verdict: 'altered', score: 1 - dropped / (pageWords + dropped), from: rs, to: re, flags, diff, coverage };
        }
      }
      return this.withHomoglyphs(tk, rs, re, q, al.bStart, ops, {
        q, verdict: 'verified', score: 1, from: rs, to: re, flags, diff: equalDiff(qtk(), al.bStart, al.bEnd), coverage,
      });
    }

    const ellipsis = this.ellipsisVerdict(tk, rs, re, q, embedded);
    if (ellipsis) return ellipsis;

    // An altered quotation that stops one or two words short of an end of
    // the quotation (a swap at the end, a dropped last word) is shown against
    // the whole quotation there, not as an excerpt.
    let bStart = al.bStart;
    let bEnd = al.bEnd;
    const pinStart = bStart > 0 && bStart <= EDGE_ABSORB_WORDS;
    const pinEnd = bEnd < qlen && qlen - bEnd <= EDGE_ABSORB_WORDS;
    if (pinStart || pinEnd) {
      const wider = alignInside(tk.hash, rs, re, qh, pinStart ? 0 : bStart, pinEnd ? qlen : bEnd, !pinStart, !pinEnd);
      if (wider) {
        ops = wider.ops;
        dist = wider.dist;
        bStart = wider.bStart;
        bEnd = wider.bEnd;
      }
    }

    const stats = alignmentStats(ops);
    const sim = 1 - dist / Math.max(pageWords, bEnd - bStart);
    if (sim < ALTERED_MIN_SIMILARITY || stats.matched < ALTERED_MIN_MATCHED_WORDS || stats.maxReplacedRun > MAX_REPLACED_RUN) {
      return undefined;
    }
    const d = diffFromSteps(tk, rs, qtk(), bStart, ops);
    if (bStart > 0 || bEnd < qlen) d.flags.add('excerpt');
    if (embedded) d.flags.add('embedded');
    const score = Math.max(0, sim - (d.homoglyphs * HOMOGLYPH_EDIT_WEIGHT) / Math.max(pageWords, 1));
    return { q, verdict: 'altered', score, from: rs, to: re, flags: d.flags, diff: d.diff, coverage: (bEnd - bStart) / qlen };
  }

  /** A verified match whose page words include homoglyphs is altered, flagged: the page text is not the verified text. */
  private withHomoglyphs(
    tk: Tokens,
    rs: number,
    re: number,
    q: number,
    qFrom: number,
    steps: ArrayLike<number>,
    e: Evaluation,
  ): Evaluation {
    let h = 0;
    for (let k = rs; k < re; k++) if (tk.flags[k]! & HOMOGLYPH) h++;
    if (h === 0) return e;
    const d = diffFromSteps(tk, rs, this.quoteTokens(q), qFrom, steps);
    for (const f of e.flags) d.flags.add(f);
    return {
      ...e,
      verdict: 'altered',
      score: 1 - (d.homoglyphs * HOMOGLYPH_EDIT_WEIGHT) / Math.max(re - rs, 1),
      flags: d.flags,
      diff: d.diff,
    };
  }

  /**
   * Excerpts joined by an ellipsis: each piece exact and in order in the
   * quotation. Verified, unless a left-out stretch held a negation.
   */
  private ellipsisVerdict(tk: Tokens, rs: number, re: number, q: number, embedded: boolean): Evaluation | undefined {
    const pieces: [number, number][] = [];
    let start = rs;
    for (let k = rs + 1; k < re; k++) {
      if (tk.flags[k]! & ELLIPSIS) {
        pieces.push([start, k]);
        start = k;
      }
    }
    if (pieces.length === 0) return undefined;
    pieces.push([start, re]);
    if (re - rs < MIN_EXCERPT_WORDS) return undefined;
    const qh = this.quoteHashes(q);
    const qtk = this.quoteTokens(q);
    let cursor = 0;
    const diff: DiffOp[] = [];
    const flags = new Set<Flag>(['ellipsis']);
    if (embedded) flags.add('embedded');
    let firstAt = -1;
    let homoglyphs = 0;
    for (const [ps, pe] of pieces) {
      if (pe - ps < MIN_ELLIPSIS_PIECE_WORDS) return undefined;
      const at = indexOfRun(qh, cursor, qh.length, tk.hash, ps, pe);
      if (at < 0) return undefined;
      if (firstAt < 0) firstAt = at;
      else if (at > cursor) {
        diff.push({ op: 'delete', text: wordsOf(qtk, cursor, at) });
        // A negation left out of the sentence the next piece belongs to
        // changes what it says ("we will … respond"); one in a sentence
        // left out whole does not.
        for (let k = at - 1; k >= cursor; k--) {
          if (qtk.flags[k + 1]! & SENTENCE) break;
          if (negationCount(wordAt(qtk, k)) > 0) flags.add('negation');
        }
      }
      diff.push(...equalDiff(qtk, at, at + (pe - ps)));
      for (let k = ps; k < pe; k++) if (tk.flags[k]! & HOMOGLYPH) homoglyphs++;
      cursor = at + (pe - ps);
    }
    if (firstAt > 0 || cursor < qh.length) flags.add('excerpt');
    if (firstAt > 0 && droppedNegation(qtk, firstAt) > 0) flags.add('negation');
    if (homoglyphs > 0) flags.add('homoglyph');
    const altered = flags.has('negation') || homoglyphs > 0;
    return {
      q,
      verdict: altered ? 'altered' : 'verified',
      score: altered ? 1 - (homoglyphs * HOMOGLYPH_EDIT_WEIGHT + (flags.has('negation') ? 1 : 0)) / (re - rs) : 1,
      from: rs,
      to: re,
      flags,
      diff,
      coverage: (cursor - firstAt) / qh.length,
    };
  }

  private evaluateUnquoted(tk: Tokens, a: number, b: number, c: Cluster): Evaluation | undefined {
    const q = c.q;
    const qh = this.quoteHashes(q);
    const qlen = qh.length;
    // The page words around the hits, with room for edited words before the
    // first hit and after the last (not the quote's whole length: a long
    // quotation would make the table too large).
    const slack = Math.min(qlen, UNQUOTED_WINDOW_SLACK_WORDS);
    const from = Math.max(a, c.first - slack);
    const to = Math.min(b, c.last + 3 + slack);
    // The quotation whole (A) inside the page window (B).
    const al = exactAlign(qh, 0, qlen, tk.hash, from, to) ?? alignInside(qh, 0, qlen, tk.hash, from, to);
    if (!al) return undefined;
    const steps = pageSteps(al);
    const stats = alignmentStats(steps);
    const pageWords = al.bEnd - al.bStart;
    const sim = 1 - al.dist / Math.max(qlen, pageWords);
    if (al.dist === 0 && qlen >= MIN_EXCERPT_WORDS) {
      return this.withHomoglyphs(tk, al.bStart, al.bEnd, q, 0, steps, {
        q, verdict: 'verified', score: 1, from: al.bStart, to: al.bEnd, flags: new Set(), diff: equalDiff(this.quoteTokens(q), 0, qlen), coverage: 1,
      });
    }
    if (
      al.dist > 0 &&
      sim >= UNQUOTED_ALTERED_MIN_SIMILARITY &&
      stats.matched >= ALTERED_MIN_MATCHED_WORDS &&
      stats.maxReplacedRun <= MAX_REPLACED_RUN
    ) {
      const d = diffFromSteps(tk, al.bStart, this.quoteTokens(q), 0, steps);
      const score = Math.max(0, sim - (d.homoglyphs * HOMOGLYPH_EDIT_WEIGHT) / Math.max(pageWords, 1));
      return { q, verdict: 'altered', score, from: al.bStart, to: al.bEnd, flags: d.flags, diff: d.diff, coverage: 1 };
    }
    // A long exact excerpt.
    if (stats.maxEqualRun < UNQUOTED_MIN_EXCERPT_WORDS) return undefined;
    let i = al.bStart;
    let j = 0;
    let best: [number, number, number, number] | undefined; // page from, quote from, length, step index
    let run = 0;
    for (let k = 0; k < steps.length; k++) {
      const op = steps[k]!;
      if (op === EQ) {
        run++;
        if (!best || run > best[2]) best = [i - run + 1, j - run + 1, run, k];
      } else run = 0;
      if (op !== QUOTE_ONLY) i++;
      if (op !== PAGE_ONLY) j++;
    }
    if (!best || best[2] < UNQUOTED_MIN_EXCERPT_WORDS) return undefined;
    const [ps, qs, len, kEnd] = best;
    // Outside quotation marks, an excerpt cut just after a negation is not reported.
    if (droppedNegation(this.quoteTokens(q), qs) > 0) return undefined;
    return this.withHomoglyphs(tk, ps, ps + len, q, qs, steps.subarray(kEnd - len + 1, kEnd + 1), {
      q,
      verdict: 'verified',
      score: 1,
      from: ps,
      to: ps + len,
      flags: new Set<Flag>(['excerpt']),
      diff: equalDiff(this.quoteTokens(q), qs, qs + len),
      coverage: len / qlen,
    });
  }
}

/** Alignment steps of (quote = A, page = B) seen from the page (page = A). */
function pageSteps(al: Alignment): Uint8Array {
  const out = new Uint8Array(al.ops.length);
  for (let k = 0; k < out.length; k++) {
    const op = al.ops[k]!;
    out[k] = op === A_ONLY ? QUOTE_ONLY : op === QUOTE_ONLY ? PAGE_ONLY : op;
  }
  return out;
}

/**
 * How many words an excerpt starting at quote word `start` drops from a
 * negation just before it in the same sentence ("do not | believe"): the
 * words from that negation to the excerpt, or 0.
 */
function droppedNegation(qtk: Tokens, start: number): number {
  if (start < qtk.count && qtk.flags[start]! & SENTENCE) return 0;
  for (let k = start - 1; k >= 0 && k >= start - NEGATION_LOOKBEHIND_WORDS; k--) {
    if (negationCount(wordAt(qtk, k)) > 0) return start - k;
    if (qtk.flags[k]! & SENTENCE) break;
  }
  return 0;
}

function wordsOf(tk: Tokens, from: number, to: number): string {
  const out: string[] = [];
  for (let k = from; k < to; k++) out.push(originalWordAt(tk, k));
  return out.join(' ');
}

const RANK = { verified: 2, altered: 1 } as const;

/** The best evaluations that do not overlap: verified first, then score, then coverage. */
export function pickBest(evals: Evaluation[]): Evaluation[] {
  if (evals.length <= 1) return evals;
  const sorted = [...evals].sort(
    (x, y) =>
      RANK[y.verdict] - RANK[x.verdict] ||
      y.score - x.score ||
      y.coverage - x.coverage ||
      y.to - y.from - (x.to - x.from) ||
      x.q - y.q,
  );
  const chosen: Evaluation[] = [];
  for (const e of sorted) {
    if (chosen.some((c) => e.from < c.to && c.from < e.to)) continue;
    chosen.push(e);
  }
  return chosen.sort((x, y) => x.from - y.from);
}

