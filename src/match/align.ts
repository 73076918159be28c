/**
 * Word-level alignment that finds one text inside another: sequence A is
 * aligned whole, sequence B only in the stretch that fits A best (free
 * prefix and suffix), with unit costs for a substituted, an inserted and a
 * deleted word. It is what approx-string-match does for characters
 * (Myers/Sellers), on words: quotations differ by words, and a word edit
 * should cost one, not its length in characters.
 *
 * Sizes are small (a quotation against a quoted span or a window around the
 * index hits), so a plain dynamic program with a traceback is fast and keeps
 * the code easy to check.
 */
import { MAX_ALIGN_CELLS } from './thresholds';

/** Alignment steps. */
export const EQ = 0; // A word equals B word
export const SUB = 1; // A word replaces B word
export const A_ONLY = 2; // A word with no counterpart in B
export const B_ONLY = 3; // B word with no counterpart in A

export interface Alignment {
  /** Steps in order, from A[aFrom] / B[bStart] on. */
  ops: Uint8Array;
  /** The stretch of B aligned to A: [bStart, bEnd). */
  bStart: number;
  bEnd: number;
  /** Word edit distance between A and B[bStart, bEnd). */
  dist: number;
}

let scratch = new Int32Array(1024);

/**
 * Aligns A[aFrom, aTo) (whole) with the best-fitting stretch of B[bFrom, bTo).
 * Ties prefer consuming B words as substitutions over leaving them out, so a
 * page word replacing the last word of a quotation shows as a substitution,
 * not as an extra word. `freeStart` / `freeEnd` false pin the stretch to the
 * start / end of B (its words there count as deletions). Returns undefined
 * when the table would exceed MAX_ALIGN_CELLS.
 */
export function alignInside(
  a: Uint32Array,
  aFrom: number,
  aTo: number,
  b: Uint32Array,
  bFrom: number,
  bTo: number,
  freeStart = true,
  freeEnd = true,
): Alignment | undefined {
  const m = aTo - aFrom;
  const n = bTo - bFrom;
  const w = n + 1;
  const cells = (m + 1) * w;
  if (cells > MAX_ALIGN_CELLS) return undefined;
  if (scratch.length < cells) scratch = new Int32Array(Math.max(cells, scratch.length * 2));
  const d = scratch;
  for (let j = 0; j <= n; j++) d[j] = freeStart ? 0 : j; // any start in B is free, or B's first words are deletions
  for (let i = 1; i <= m; i++) {
    const row = i * w;
    const prev = row - w;
    const ai = a[aFrom + i - 1]!;
    d[row] = i;
    for (let j = 1; j <= n; j++) {
      const diag = d[prev + j - 1]! + (ai === b[bFrom + j - 1]! ? 0 : 1);
      const up = d[prev + j]! + 1;
      const left = d[row + j - 1]! + 1;
      d[row + j] = diag < up ? (diag < left ? diag : left) : up < left ? up : left;
    }
  }
  // Any end in B is free; ties take the latest end (see above).
  const last = m * w;
  let bestJ = n;
  if (freeEnd) {
    bestJ = 0;
    for (let j = 1; j <= n; j++) if (d[last + j]! <= d[last + bestJ]!) bestJ = j;
  }
  const dist = d[last + bestJ]!;
  // Traceback, written backwards.
  const rev = new Uint8Array(m + n);
  let len = 0;
  let i = m;
  let j = bestJ;
  while (i > 0 || (!freeStart && j > 0)) {
    if (i === 0) {
      rev[len++] = B_ONLY;
      j--;
      continue;
    }
    const here = d[i * w + j]!;
    const ai = a[aFrom + i - 1]!;
    const same = j > 0 && ai === b[bFrom + j - 1]!;
    if (same && here === d[(i - 1) * w + j - 1]!) {
      rev[len++] = EQ;
      i--;
      j--;
      continue;
    }
    // Ties: a word left out or added rather than a substitution, so equal
    // words line up ("a c" against "a b c": "b" deleted, not "a" replaced).
    if (j > 0 && here === d[i * w + j - 1]! + 1) {
      rev[len++] = B_ONLY;
      j--;
      continue;
    }
    if (here === d[(i - 1) * w + j]! + 1) {
      rev[len++] = A_ONLY;
      i--;
      continue;
    }
    rev[len++] = SUB;
    i--;
    j--;
  }
  const ops = rev.subarray(0, len).reverse();
  return { ops, bStart: bFrom + j, bEnd: bFrom + bestJ, dist };
}

/** Counts of a run of steps, for the verdict rules. */
export interface AlignmentStats {
  /** Words equal on both sides. */
  matched: number;
  /** Longest run of words replaced by other words (both sides non-empty), counted on its longer side. */
  maxReplacedRun: number;
  /** Longest run of equal steps. */
  maxEqualRun: number;
}

export function alignmentStats(ops: Uint8Array, from = 0, to = ops.length): AlignmentStats {
  let matched = 0;
  let maxReplacedRun = 0;
  let maxEqualRun = 0;
  let eqRun = 0;
  let aRun = 0;
  let bRun = 0;
  for (let k = from; k <= to; k++) {
    const op = k < to ? ops[k]! : EQ; // a final EQ closes the last run
    if (op === EQ) {
      if (aRun > 0 && bRun > 0) maxReplacedRun = Math.max(maxReplacedRun, aRun, bRun);
      aRun = 0;
      bRun = 0;
      if (k === to) break;
      matched++;
      eqRun++;
      if (eqRun > maxEqualRun) maxEqualRun = eqRun;
      continue;
    }
    eqRun = 0;
    if (op === SUB) {
      aRun++;
      bRun++;
    } else if (op === A_ONLY) aRun++;
    else bRun++;
  }
  return { matched, maxReplacedRun, maxEqualRun };
}

/** First position in hay[from, to) where needle[ns, ne) occurs, or -1. */
export function indexOfRun(hay: Uint32Array, from: number, to: number, needle: Uint32Array, ns: number, ne: number): number {
  const len = ne - ns;
  if (len === 0) return from;
  const first = needle[ns]!;
  outer: for (let s = from; s + len <= to; s++) {
    if (hay[s] !== first) continue;
    for (let k = 1; k < len; k++) if (hay[s + k] !== needle[ns + k]) continue outer;
    return s;
  }
  return -1;
}

/**
 * The exact cases, without the dynamic program: A inside B, or B whole
 * inside A with A words left over at the edges. Gives what alignInside
 * would, faster; undefined when neither holds.
 */
export function exactAlign(
  a: Uint32Array,
  aFrom: number,
  aTo: number,
  b: Uint32Array,
  bFrom: number,
  bTo: number,
): Alignment | undefined {
  const m = aTo - aFrom;
  const n = bTo - bFrom;
  if (m === 0 || n === 0) return undefined;
  if (m <= n) {
    const at = indexOfRun(b, bFrom, bTo, a, aFrom, aTo);
    return at < 0 ? undefined : { ops: new Uint8Array(m), bStart: at, bEnd: at + m, dist: 0 };
  }
  const at = indexOfRun(a, aFrom, aTo, b, bFrom, bTo);
  if (at < 0) return undefined;
  const ops = new Uint8Array(m).fill(A_ONLY);
  ops.fill(EQ, at - aFrom, at - aFrom + n);
  return { ops, bStart: bFrom, bEnd: bTo, dist: m - n };
}
