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
 * Smallest height worth scrolling inside rather than covering the quotation:
 * about the verdict line plus two lines of wording. Below it, reading the card
 * matters more than seeing the quote, so the card may overlap its anchor.
 */
export const MIN_SCROLLING_HEIGHT = 160;

/**
 * Below the anchor when it fits; above when only that fits; otherwise on the
 * side with more room, capped by `maxHeight` so the quotation stays visible
 * (the card scrolls inside); only when that side is too small to read, or
 * too small for the card's `essential` height (its top part: verdict,
 * verified wording, speaker, date and source), does the card overlap its
 * anchor: the reader has seen the quotation, and needs the verdict whole. Horizontally aligned with the
 * anchor's left edge, shifted back inside the viewport. A card wider than the
 * viewport is pinned to the left margin (its width is the stylesheet's job).
 * An anchor scrolled out of view still yields an in-viewport placement.
 */
export function placeCard(anchor: Rect, card: Size, viewport: Size, essential = 0): Placement {
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
  } else if (Math.max(roomBelow, roomAbove) >= Math.max(MIN_SCROLLING_HEIGHT, Math.min(essential, usable))) {
    // Fits on neither side: keep the quotation visible and let the card scroll on the roomier side.
    side = roomBelow >= roomAbove ? 'below' : 'above';
    maxHeight = side === 'below' ? roomBelow : roomAbove;
    top = side === 'below' ? anchorBottom + ANCHOR_GAP : minTop;
  } else if (card.height <= usable) {
    // No side is tall enough to read: overlap the anchor rather than leave the viewport.
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
