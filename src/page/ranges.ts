/**
 * From offsets in collected text back to DOM ranges. The page may have
 * changed since the text was collected (the match ran in the background
 * meanwhile): a range is only made when every text node it spans is still in
 * the document with the text it had, so a highlight never lands on the wrong
 * words.
 */
import { blockTextNodes, isBlockSegment, type CollectedText, type Segment, type TextSegment } from './collect-text';

/** Index of the first segment whose end is after `offset`, or `segments.length`. */
export function firstSegmentEndingAfter(segments: readonly Pick<Segment, 'start' | 'end'>[], offset: number): number {
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
export function lastSegmentStartingBefore(segments: readonly Pick<Segment, 'start' | 'end'>[], offset: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The text nodes under `[start, end)`, in order, with their offsets in the collected text:
 * plain blocks' nodes are listed here (blockTextNodes). Null when the span covers text a
 * plain block no longer holds.
 */
export function textSegmentsIn(collected: CollectedText, start: number, end: number): TextSegment[] | null {
  const { segments } = collected;
  const out: TextSegment[] = [];
  const last = lastSegmentStartingBefore(segments, end);
  for (let i = firstSegmentEndingAfter(segments, start); i <= last && i < segments.length; i++) {
    const s = segments[i]!;
    if (!isBlockSegment(s)) {
      out.push(s);
      continue;
    }
    // Offsets from the block's start: the query is shifted, not the block's list.
    const shift = s.start;
    const { list, changed } = blockTextNodes(s, collected.text, end);
    const a = start - shift;
    const b = end - shift;
    // A span over what changed, or across the point where text was inserted, is not mapped.
    if (changed && b > changed.start && a < (changed.end > changed.start ? changed.end : changed.start)) return null;
    const from = firstSegmentEndingAfter(list, a);
    const to = lastSegmentStartingBefore(list, b);
    for (let j = from; j <= to && j < list.length; j++) {
      const listed = list[j]!;
      // A node listed earlier that the page moved out of the block since (a range checks its data, not where it is).
      if (!s.block.contains(listed.node)) return null;
      out.push({ node: listed.node, start: listed.start + shift, end: listed.end + shift });
    }
  }
  return out;
}

export interface NodeSpan {
  startNode: Text;
  startOffset: number;
  endNode: Text;
  endOffset: number;
  /** The text nodes covered, in order. */
  nodes: TextSegment[];
}

/**
 * The text-node boundaries of `[start, end)`. Offsets that fall on a
 * separator the collector inserted (between blocks) move inward to the
 * nearest real character. Null when the span holds no page text.
 */
export function spanForOffsets(collected: CollectedText, start: number, end: number): NodeSpan | null {
  if (!(start < end)) return null;
  const nodes = textSegmentsIn(collected, start, end);
  if (!nodes || nodes.length === 0) return null;
  const a = nodes[0]!;
  const b = nodes[nodes.length - 1]!;
  return {
    startNode: a.node,
    startOffset: Math.max(start, a.start) - a.start,
    endNode: b.node,
    endOffset: Math.min(end, b.end) - b.start,
    nodes,
  };
}

/** Whether the text nodes still hold, in the live DOM, exactly the text that was collected. */
export function segmentsUnchanged(collected: CollectedText, nodes: readonly TextSegment[]): boolean {
  for (const seg of nodes) {
    if (!seg.node.isConnected) return false;
    const data = seg.node.data;
    // A slice, not startsWith: a slice flattens a rescan's text (a rope of kept blocks) once, startsWith reads the rope per call.
    if (data.length !== seg.end - seg.start || data !== collected.text.slice(seg.start, seg.end)) return false;
  }
  return true;
}

/**
 * A range over the element whose generated text (CSS `::before`/`::after`, a
 * read-only textarea's value) holds `[start, end)`, for a finding with no
 * text node to anchor on. Null when the span is not generated text only (a span
 * over page text is placed by its text nodes or not at all: text no node can
 * be found for was never judged) or the element left the page.
 */
export function rangeForGenerated(collected: CollectedText, start: number, end: number): Range | null {
  const { segments } = collected;
  const first = firstSegmentEndingAfter(segments, start);
  if (first < segments.length && segments[first]!.start < end) return null;
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
  if (!span || !segmentsUnchanged(collected, span.nodes)) return null;
  const range = span.startNode.ownerDocument.createRange();
  range.setStart(span.startNode, span.startOffset);
  range.setEnd(span.endNode, span.endOffset);
  return range;
}
