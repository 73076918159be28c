/**
 * Spans of page text the collector could not judge as the reader sees them
 * (src/page/collect-text.ts): text drawn in an order the collector cannot
 * reproduce, or read where the browser gave no way to check how it renders.
 * A finding that touches one is never *verified*: the words matched may not
 * be the words the reader sees. Pure, so the background applies it where it
 * computes verdicts and the `check` CLI can apply it too.
 */
import type { Finding } from './types';

/**
 * Why a span could not be judged:
 * - `bidi`: a bidirectional override (U+202D/U+202E, or CSS `unicode-bidi`
 *   with `direction`) draws the characters in another order than stored;
 * - `order`: flexbox/grid `order` (or a reversed flex direction, grid
 *   placement, SVG pieces placed by their own coordinates) draws the items in
 *   another order than the document's;
 * - `style`: text only partly drawn (clipped by an ancestor) or cut by a
 *   `clip-path` shape the judge cannot measure;
 * - `visited`: link text a `:visited` (or `:link`) style rule may draw
 *   unreadable once the link is visited (browsers hide visited colours from
 *   scripts), or inside a link where a style sheet cannot be read.
 */
export type UnjudgedReason = 'bidi' | 'order' | 'style' | 'visited';

export const UNJUDGED_REASONS: readonly UnjudgedReason[] = ['bidi', 'order', 'style', 'visited'];

/** Half-open offsets into the text the findings refer to. */
export interface UnjudgedSpan {
  start: number;
  end: number;
  reason: UnjudgedReason;
}

/**
 * Flags every finding overlapping an unjudged span with `rendering`, and
 * turns a *verified* one into *unverified* (it keeps its quote id, so the
 * card can show the record and say why it could not confirm the wording).
 * Altered and misattributed findings keep their verdict: they already warn.
 */
export function markUnjudged(findings: readonly Finding[], spans: readonly UnjudgedSpan[]): Finding[] {
  if (spans.length === 0) return findings.slice();
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  // Prefix maximum of ends: one binary search answers "does any span overlap [start, end)".
  const maxEnd: number[] = [];
  let m = -Infinity;
  for (const s of sorted) maxEnd.push((m = Math.max(m, s.end)));
  const overlaps = (start: number, end: number): boolean => {
    // The last span starting before `end`; some span at or before it ends after `start`?
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]!.start < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && maxEnd[lo - 1]! > start;
  };
  return findings.map((f) => {
    if (!overlaps(f.start, f.end)) return f;
    const flags = f.flags.includes('rendering') ? f.flags : [...f.flags, 'rendering' as const];
    return f.verdict === 'verified' ? { ...f, verdict: 'unverified', flags } : { ...f, flags };
  });
}

/** Whether a value received over messaging is a well-formed unjudged span (a list of them: src/platform/background-messaging.ts). */
export function isUnjudgedSpan(value: unknown): value is UnjudgedSpan {
  if (typeof value !== 'object' || value === null) return false;
  const { start, end, reason } = value as UnjudgedSpan;
  return Number.isInteger(start) && Number.isInteger(end) && UNJUDGED_REASONS.includes(reason);
}
