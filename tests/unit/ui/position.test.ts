import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ANCHOR_GAP, VIEWPORT_MARGIN, placeCard } from '../../../src/ui/position';

const viewport = { width: 1000, height: 800 };
const card = { width: 360, height: 300 };

describe('placeCard', () => {
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
