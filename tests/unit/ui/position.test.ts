import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ANCHOR_GAP, VIEWPORT_MARGIN, placeCard } from '../../../src/ui/position';

const viewport = { width: 1000, height: 800 };
const card = { width: 360, height: 300 };

describe('placeCard', () => {
  it('keeps the essentials on screen: overlaps the quotation rather than cut them off (issue 14, 360×640)', () => {
    const narrow = { width: 360, height: 640 };
    // The quotation in the middle: 290 px above it, 300 px below; the card is 700 px, its essentials 380 px.
    const anchor = { top: 298, left: 8, width: 340, height: 26 };
    const p = placeCard(anchor, { width: 344, height: 700 }, narrow, 380);
    expect(p.top).toBe(VIEWPORT_MARGIN);
    expect(p.maxHeight).toBe(narrow.height - 2 * VIEWPORT_MARGIN);
    expect(p.top + Math.min(700, p.maxHeight!)).toBeGreaterThanOrEqual(p.top + 380);
    // Without an essential height it scrolls on the roomier side, as before, and the essentials would be cut.
    const before = placeCard(anchor, { width: 344, height: 700 }, narrow);
    expect(before.maxHeight).toBeLessThan(380);
  });

  it('scrolls on the roomier side when the essentials fit there (1280×800)', () => {
    const wide = { width: 1280, height: 800 };
    const anchor = { top: 330, left: 300, width: 600, height: 40 };
    const p = placeCard(anchor, { width: 380, height: 690 }, wide, 330);
    expect(p.side).toBe('below');
    expect(p.maxHeight).toBeGreaterThanOrEqual(330);
  });

  it('puts the card below the quotation when it fits', () => {
    const p = placeCard({ top: 100, left: 50, width: 200, height: 20 }, card, viewport);
    expect(p).toEqual({ side: 'below', top: 120 + ANCHOR_GAP, left: 50 });
  });

  it('flips above a quotation near the bottom', () => {
    const p = placeCard({ top: 700, left: 50, width: 200, height: 20 }, card, viewport);
    expect(p.side).toBe('above');
    expect(p.top + card.height).toBe(700 - ANCHOR_GAP);
  });

  it('shifts left to stay inside the right edge', () => {
    const p = placeCard({ top: 100, left: 900, width: 60, height: 20 }, card, viewport);
    expect(p.left).toBe(viewport.width - VIEWPORT_MARGIN - card.width);
  });

  it('caps the height of a card taller than the viewport', () => {
    const p = placeCard({ top: 100, left: 0, width: 60, height: 20 }, { width: 300, height: 2000 }, viewport);
    // Below the quotation, scrolling inside the room left there.
    expect(p.top).toBe(120 + ANCHOR_GAP);
    expect(p.maxHeight).toBe(viewport.height - VIEWPORT_MARGIN - (120 + ANCHOR_GAP));
    expect(p.left).toBe(VIEWPORT_MARGIN);
  });

  it('keeps the quotation visible: a card too tall for either side scrolls on the roomier one', () => {
    const anchor = { top: 300, left: 10, width: 60, height: 40 };
    const p = placeCard(anchor, { width: 300, height: 500 }, viewport);
    expect(p.maxHeight).toBeDefined();
    const bottom = p.top + (p.maxHeight ?? 500);
    // The card's box and the quotation's box do not intersect.
    expect(bottom <= anchor.top || p.top >= anchor.top + anchor.height).toBe(true);
  });

  it('overlaps the anchor rather than leave the viewport when neither side is tall enough to read', () => {
    // 134 px above and below the quotation: too little to read a card in.
    const p = placeCard({ top: 150, left: 10, width: 60, height: 500 }, { width: 300, height: 500 }, viewport);
    expect(p.maxHeight).toBeUndefined();
    expect(p.top).toBeGreaterThanOrEqual(VIEWPORT_MARGIN);
    expect(p.top + 500).toBeLessThanOrEqual(viewport.height - VIEWPORT_MARGIN);
  });

  it('keeps every card that fits inside the viewport, wherever the anchor is', () => {
    fc.assert(
      fc.property(
        fc.record({ top: fc.integer({ min: -3000, max: 3000 }), left: fc.integer({ min: -500, max: 2000 }), width: fc.integer({ min: 0, max: 900 }), height: fc.integer({ min: 0, max: 400 }) }),
        fc.record({ width: fc.integer({ min: 100, max: 400 }), height: fc.integer({ min: 50, max: 1200 }) }),
        fc.record({ width: fc.integer({ min: 420, max: 2000 }), height: fc.integer({ min: 200, max: 1400 }) }),
        (anchor, size, vp) => {
          const p = placeCard(anchor, size, vp);
          const height = p.maxHeight ?? size.height;
          expect(p.top).toBeGreaterThanOrEqual(VIEWPORT_MARGIN);
          expect(p.top + height).toBeLessThanOrEqual(vp.height - VIEWPORT_MARGIN);
          expect(p.left).toBeGreaterThanOrEqual(VIEWPORT_MARGIN);
          expect(p.left + size.width).toBeLessThanOrEqual(vp.width - VIEWPORT_MARGIN);
        },
      ),
    );
  });
});
