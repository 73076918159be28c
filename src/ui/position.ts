/**
 * Where the card goes: next to the quotation it explains, always inside the
 * viewport. Pure so it can be tested without layout; coordinates are viewport
 * pixels, for a `position: fixed` card.
 */

export interface Rect {
  top: number;
  left: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Placement {
  top: number;
  left: number;
  /** Set when the card is taller than the room available: the card scrolls inside this height. */
  maxHeight?: number;
  /** Where the card sits relative to the anchor. */
  side: 'below' | 'above';
}

/** Space between the quotation and the card, so the card does not cover the line it explains. */
export const ANCHOR_GAP = 8;
/** Space kept between the card and the viewport's edges, so it never touches the scrollbar or the edge. */
export const VIEWPORT_MARGIN = 8;

/**
 * Below the anchor when it fits; above when only that fits; otherwise on the
 * side with more room, capped by `maxHeight`. Horizontally aligned with the
 * anchor's left edge, shifted back inside the viewport. A card wider than the
 * viewport is pinned to the left margin (its width is the stylesheet's job).
 * An anchor scrolled out of view still yields an in-viewport placement.
 */
export function placeCard(anchor: Rect, card: Size, viewport: Size): Placement {
  const minTop = VIEWPORT_MARGIN;
  const maxBottom = viewport.height - VIEWPORT_MARGIN;
  const usable = Math.max(0, maxBottom - minTop);

  const anchorBottom = clamp(anchor.top + anchor.height, minTop, maxBottom);
  const anchorTop = clamp(anchor.top, minTop, maxBottom);
  const roomBelow = Math.max(0, maxBottom - (anchorBottom + ANCHOR_GAP));
  const roomAbove = Math.max(0, anchorTop - ANCHOR_GAP - minTop);

  let top: number;
  let side: Placement['side'];
  let maxHeight: number | undefined;
  if (card.height <= roomBelow) {
    side = 'below';
    top = anchorBottom + ANCHOR_GAP;
  } else if (card.height <= roomAbove) {
    side = 'above';
    top = anchorTop - ANCHOR_GAP - card.height;
  } else if (card.height <= usable) {
    // Fits on screen but on neither side: overlap the anchor rather than leave the viewport.
    side = roomBelow >= roomAbove ? 'below' : 'above';
    top = side === 'below' ? maxBottom - card.height : minTop;
  } else {
    side = roomBelow >= roomAbove ? 'below' : 'above';
    top = minTop;
    maxHeight = usable;
  }

  const maxLeft = viewport.width - VIEWPORT_MARGIN - card.width;
  const left = Math.max(VIEWPORT_MARGIN, Math.min(anchor.left, maxLeft));

  return maxHeight === undefined ? { top, left, side } : { top, left, side, maxHeight };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(x, lo), hi);
}
