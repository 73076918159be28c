/**
 * From offsets in collected text back to DOM ranges. The page may have
 * changed since the text was collected (the match ran in the background
 * meanwhile): a range is only made when every text node it spans is still in
 * the document with the text it had, so a highlight never lands on the wrong
 * words.
 */
import type { CollectedText, TextSegment } from './collect-text';

/** Index of the first segment whose end is after `offset`, or `segments.length`. */
export function firstSegmentEndingAfter(segments: readonly TextSegment[], offset: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[mid]!.end > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the last segment whose start is before `offset`, or -1. */
export function lastSegmentStartingBefore(segments: readonly TextSegment[], offset: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export interface NodeSpan {
  startNode: Text;
  startOffset: number;
  endNode: Text;
  endOffset: number;
  /** Segment indexes covered, inclusive. */
  first: number;
  last: number;
}

/**
 * The text-node boundaries of `[start, end)`. Offsets that fall on a
 * separator the collector inserted (between blocks) move inward to the
 * nearest real character. Null when the span holds no page text.
 */
export function spanForOffsets(collected: CollectedText, start: number, end: number): NodeSpan | null {
  const { segments } = collected;
  if (!(start < end)) return null;
  const first = firstSegmentEndingAfter(segments, start);
  const last = lastSegmentStartingBefore(segments, end);
  if (first >= segments.length || last < first) return null;
  const a = segments[first]!;
  const b = segments[last]!;
  return {
    startNode: a.node,
    startOffset: Math.max(start, a.start) - a.start,
    endNode: b.node,
    endOffset: Math.min(end, b.end) - b.start,
    first,
    last,
  };
}

/** Whether the segments still hold, in the live DOM, exactly the text that was collected. */
export function segmentsUnchanged(collected: CollectedText, first: number, last: number): boolean {
  for (let i = first; i <= last; i++) {
    const seg = collected.segments[i]!;
    if (!seg.node.isConnected) return false;
    const data = seg.node.data;
    if (data.length !== seg.end - seg.start || data !== collected.text.slice(seg.start, seg.end)) return false;
  }
  return true;
}

/**
 * A range over the element whose generated text (CSS `::before`/`::after`, a
 * read-only textarea's value) holds `[start, end)`, for a finding with no
 * text node to anchor on. Null when the span is not generated text or the
 * element left the page.
 */
export function rangeForGenerated(collected: CollectedText, start: number, end: number): Range | null {
  const g = collected.generated.find((s) => s.start < end && s.end > start);
  if (!g || !g.element.isConnected) return null;
  const range = g.element.ownerDocument.createRange();
  if (g.kind === 'value') range.selectNode(g.element);
  else range.selectNodeContents(g.element);
  return range;
}

/** A live DOM range for `[start, end)`, or null when the page no longer has that text there. */
export function rangeForOffsets(collected: CollectedText, start: number, end: number): Range | null {
  const span = spanForOffsets(collected, start, end);
  if (!span || !segmentsUnchanged(collected, span.first, span.last)) return null;
  const range = span.startNode.ownerDocument.createRange();
  range.setStart(span.startNode, span.startOffset);
  range.setEnd(span.endNode, span.endOffset);
  return range;
}
