/**
 * Over WINDOW_OVER findings only those near the viewport are registered in CSS.highlights
 * (issue 12: the browser's rendering cost grows with every registered range), and the
 * window follows scrolling; the tamper check guards what is registered.
 */
import { describe, expect, it } from 'vitest';
import { createHighlighter, entriesNearViewport, WINDOW_MAX, WINDOW_OVER, type HighlightEnv } from '../../../src/page/highlights';

class FakeHighlight extends Set<unknown> {
  priority = 0;
  constructor(...ranges: unknown[]) {
    super(ranges);
  }
}

/** Lines of 20 px, one finding each; the viewport is 600 px high. */
const LINE = 20;
const HEIGHT = 600;

function setup(count: number) {
  const registry = new Map<string, FakeHighlight>();
  const frames: (() => void)[] = [];
  const listeners = new Map<string, () => void>();
  let scrollY = 0;
  const env = {
    CSS: { highlights: registry },
    Highlight: FakeHighlight,
    CSSStyleSheet: class {
      replaceSync() {}
    },
    innerHeight: HEIGHT,
    requestAnimationFrame: (f: () => void) => frames.push(f),
    addEventListener: (type: string, f: () => void) => listeners.set(type, f),
  } as unknown as HighlightEnv;
  const doc = { adoptedStyleSheets: [] as unknown[] } as unknown as Document;
  const h = createHighlighter({ env, doc, css: '', signal: new AbortController().signal, every: () => {} });
  const range = (n: number) =>
    ({
      n,
      startContainer: { getRootNode: () => ({ nodeType: 9 }) },
      getBoundingClientRect: () => ({ top: n * LINE - scrollY, bottom: (n + 1) * LINE - scrollY }),
    }) as unknown as AbstractRange;
  const entries = Array.from({ length: count }, (_, i) => ({ range: range(i), verdict: i % 3 ? ('verified' as const) : ('altered' as const) }));
  const registered = () => [...registry.values()].flatMap((hl) => [...hl].map((r) => (r as { n: number }).n)).sort((a, b) => a - b);
  const scrollTo = (y: number) => {
    scrollY = y;
    // Many scroll events, one look per frame.
    listeners.get('scroll')!();
    listeners.get('scroll')!();
    expect(frames.length).toBe(1);
    frames.shift()!();
  };
  return { registry, h, entries, registered, scrollTo };
}

describe('entriesNearViewport', () => {
  const boxes = Array.from({ length: 1000 }, (_, i) => ({ top: i * LINE - 5_000, bottom: (i + 1) * LINE - 5_000 }));
  it('takes the entries from `margin` above the viewport to `margin` below it', () => {
    const near = entriesNearViewport(boxes, (b) => b, HEIGHT, HEIGHT, 1000);
    expect(near[0]).toBe(boxes[(5_000 - HEIGHT) / LINE]);
    expect(near.at(-1)).toBe(boxes[(5_000 + 2 * HEIGHT) / LINE]);
  });
  it('takes at most `max`, at most half of them above the viewport', () => {
    const near = entriesNearViewport(boxes, (b) => b, HEIGHT, 10_000, 100);
    expect(near.length).toBe(100);
    expect(near[0]).toBe(boxes[5_000 / LINE - 50]);
  });
  it('measures a few dozen boxes, not all', () => {
    let measured = 0;
    entriesNearViewport(boxes, (b) => (measured++, b), HEIGHT, HEIGHT, 1000);
    expect(measured).toBeLessThan(boxes.length / 5);
  });
});

describe('a window of highlights', () => {
  it(`registers every finding up to WINDOW_OVER (${WINDOW_OVER})`, () => {
    const { h, entries, registered } = setup(WINDOW_OVER);
    h.show(entries);
    expect(registered().length).toBe(WINDOW_OVER);
  });

  it('over it, registers those near the viewport and follows scrolling, adding and removing', () => {
    const { h, entries, registered, scrollTo, registry } = setup(20_000);
    h.show(entries);
    const top = registered();
    expect(top.length).toBeLessThanOrEqual(WINDOW_MAX);
    // Every line in view, and two viewports below it.
    expect(top).toEqual(Array.from({ length: (3 * HEIGHT) / LINE + 1 }, (_, i) => i));
    const verified = [...registry.entries()].find(([name]) => name === 'qv-verified')![1];
    scrollTo(100_000);
    const middle = registered();
    expect(middle.length).toBeLessThanOrEqual(WINDOW_MAX);
    expect(middle).toContain(100_000 / LINE);
    expect(middle).toContain((100_000 + HEIGHT) / LINE - 1);
    expect(middle).not.toContain(0);
    // Moved in place: the same Highlight objects, not a rebuild.
    expect(registry.get('qv-verified')).toBe(verified);
    // What the window registered is what the tamper check guards.
    expect(h.verify()).toBe(0);
    verified.clear();
    expect(h.verify()).toBe(1);
    expect(registered()).toEqual(middle);
  });

  it('the active mark is registered wherever its finding is', () => {
    const { h, entries, registry } = setup(20_000);
    h.show(entries);
    const far = entries[19_999]!.range;
    h.setActive(far);
    expect([...registry.get('qv-active')!]).toEqual([far]);
  });
});
