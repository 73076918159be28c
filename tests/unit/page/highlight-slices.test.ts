/**
 * Painting many ranges (issue 12: a page of 20,000 quotations) goes in slices that
 * yield to the page, so no task paints them all; a newer show() stops an older paint.
 */
import { describe, expect, it } from 'vitest';
import { createHighlighter, PAINT_AT_ONCE, type HighlightEnv } from '../../../src/page/highlights';

class FakeHighlight extends Set<unknown> {
  priority = 0;
  constructor(...ranges: unknown[]) {
    super(ranges);
  }
}

function setup() {
  const registry = new Map<string, FakeHighlight>();
  const env = { CSS: { highlights: registry }, Highlight: FakeHighlight, CSSStyleSheet: class { replaceSync() {} } } as unknown as HighlightEnv;
  const doc = { adoptedStyleSheets: [] as unknown[] } as unknown as Document;
  let clock = 0;
  let yields = 0;
  // Each look at the clock is 1 ms of work: a slice of 8 ms holds a few steps.
  const h = createHighlighter({
    env,
    doc,
    css: '',
    signal: new AbortController().signal,
    every: () => {},
    now: () => clock++,
    sliceMs: 8,
    yieldToPage: async () => {
      yields++;
    },
  });
  const range = (n: number) => ({ n, startContainer: { getRootNode: () => ({ nodeType: 9 }) } }) as unknown as AbstractRange;
  return { registry, h, range, yields: () => yields };
}

describe('painting in slices', () => {
  it('paints up to PAINT_AT_ONCE ranges at once', async () => {
    const { registry, h, range, yields } = setup();
    h.show(Array.from({ length: PAINT_AT_ONCE }, (_, i) => ({ range: range(i), verdict: 'verified' as const })));
    expect(registry.get('qv-verified')!.size).toBe(PAINT_AT_ONCE);
    await h.painted();
    expect(yields()).toBe(0);
  });

  it('paints more in slices, yielding between them, until every range is painted', async () => {
    const { registry, h, range, yields } = setup();
    const n = PAINT_AT_ONCE * 5;
    h.show(Array.from({ length: n }, (_, i) => ({ range: range(i), verdict: i % 2 ? ('altered' as const) : ('verified' as const) })));
    // Registered at once, filled over several slices.
    expect(registry.get('qv-verified')!.size).toBeLessThan(n / 2);
    await h.painted();
    expect(yields()).toBeGreaterThan(3);
    expect(registry.get('qv-verified')!.size).toBe(n / 2);
    expect(registry.get('qv-altered')!.size).toBe(n / 2);
    // What was painted in slices is what the tamper check guards.
    expect(h.verify()).toBe(0);
  });

  it('a newer show() stops the older paint: only the newer ranges are painted', async () => {
    const { registry, h, range } = setup();
    h.show(Array.from({ length: PAINT_AT_ONCE * 5 }, (_, i) => ({ range: range(i), verdict: 'verified' as const })));
    const older = h.painted();
    const newer = [range(-1), range(-2)];
    h.show(newer.map((r) => ({ range: r, verdict: 'verified' as const })));
    await older;
    await h.painted();
    expect([...registry.get('qv-verified')!]).toEqual(newer);
  });
});
