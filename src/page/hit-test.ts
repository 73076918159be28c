/**
 * Which highlighted quotation, if any, is under a click. Highlights are not
 * elements, so a click cannot land "on" one: the click point is tested
 * against the highlighted ranges' boxes. The page's own handlers always run:
 * the listener is passive and never stops or prevents the event.
 */
import { childController } from './lifetime';

export interface RectLike {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Slack around a line box, in CSS pixels, so a click on the underline (drawn just below the glyphs) counts. */
export const HIT_SLOP_PX = 3;

const TEXT_NODE = 3;

export function rectsContainPoint(rects: Iterable<RectLike>, x: number, y: number, slop = HIT_SLOP_PX): boolean {
  for (const r of rects) {
    if (x >= r.left - slop && x <= r.right + slop && y >= r.top - slop && y <= r.bottom + slop) return true;
  }
  return false;
}

export interface Hittable {
  range: Range;
}

/** The text position under a point, where the browser can tell. */
export function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const withPosition = doc as Document & { caretPositionFromPoint?: (x: number, y: number) => CaretPosition | null };
  if (typeof withPosition.caretPositionFromPoint === 'function') {
    const position = withPosition.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const withRange = doc as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null };
  if (typeof withRange.caretRangeFromPoint === 'function') {
    const range = withRange.caretRangeFromPoint(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}

/**
 * The entry whose range is drawn under (x, y), in viewport coordinates.
 * The caret position narrows the candidates to the ranges holding the clicked
 * text node, so an ordinary click costs one lookup rather than a layout query
 * per finding; where the caret says nothing useful (an image, a shadow host),
 * every range's boxes are tested. Where ranges overlap, the shortest wins: it
 * is the more specific finding.
 */
export function entryAtPoint<T extends Hittable>(
  entries: readonly T[],
  x: number,
  y: number,
  doc: Document,
): T | undefined {
  if (entries.length === 0) return undefined;
  let candidates: readonly T[] = entries;
  const caret = caretAt(doc, x, y);
  if (caret && caret.node.nodeType === TEXT_NODE) {
    candidates = entries.filter((e) => safeIntersects(e.range, caret.node));
    if (candidates.length === 0) return undefined;
  }
  let best: T | undefined;
  let bestLength = Infinity;
  for (const entry of candidates) {
    if (!rectsContainPoint(entry.range.getClientRects(), x, y)) continue;
    const length = entry.range.toString().length;
    if (length < bestLength) {
      best = entry;
      bestLength = length;
    }
  }
  return best;
}

function safeIntersects(range: Range, node: Node): boolean {
  try {
    return range.intersectsNode(node);
  } catch {
    return false;
  }
}

/** Clicks meant for the page itself: following a link, pressing a button, selecting text. */
const INTERACTIVE = 'a[href], button, summary, label, input, select, textarea, [role="button"], [role="link"]';

export interface ClickListenerOptions<T extends Hittable> {
  doc: Document;
  signal: AbortSignal;
  /** The current entries, read at click time. */
  entries: () => readonly T[];
  onHit: (entry: T, event: MouseEvent) => void;
  /** A plain click on the page that hit no finding (e.g. to close an open card). */
  onMiss?: (event: MouseEvent) => void;
  /** Clicks inside the extension's own UI are not page clicks. */
  isOwnUi?: (event: MouseEvent) => boolean;
  /** Finds the entry at a point; defaults to entryAtPoint (layout-based, so tests without layout pass their own). */
  hitTest?: (entries: readonly T[], x: number, y: number, doc: Document) => T | undefined;
}

/** Opens a finding when its highlight is clicked. Returns destroy(). */
export function listenForHighlightClicks<T extends Hittable>(options: ClickListenerOptions<T>): () => void {
  const { doc, signal, entries, onHit, onMiss, isOwnUi, hitTest = entryAtPoint } = options;
  const controller = childController(signal);
  const onClick = (event: MouseEvent) => {
    if (!isPlainPrimaryClick(event)) return;
    if (isOwnUi?.(event)) return;
    if (isInteractiveTarget(event)) return;
    const selection = doc.getSelection();
    if (selection && !selection.isCollapsed) return;
    const current = entries();
    const entry = current.length === 0 ? undefined : hitTest(current, event.clientX, event.clientY, doc);
    if (entry) onHit(entry, event);
    else onMiss?.(event);
  };
  // Capture, so a page handler that stops propagation cannot hide the click; passive, so
  // the page's own handling (links, buttons, its scripts) always goes ahead untouched.
  doc.addEventListener('click', onClick, { capture: true, passive: true, signal: controller.signal });
  return () => controller.abort();
}

export function isPlainPrimaryClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
}

function isInteractiveTarget(event: MouseEvent): boolean {
  const target = event.composedPath()[0] ?? event.target;
  // Duck-typed: in Firefox content scripts page nodes are cross-compartment wrappers.
  const node = target as Partial<Node> | null;
  const el = node?.nodeType === 1 ? (node as Element) : (node?.parentElement ?? null);
  return !!el?.closest(INTERACTIVE);
}
