/**
 * The page shares `CSS.highlights` with the extension (issue 12): it can delete,
 * replace or empty the extension's entries. The highlighter's check paints them again,
 * and its names carry a per-load random suffix, in the registry and in the rules.
 */
import { describe, expect, it } from 'vitest';
import { createHighlighter, randomHighlightSuffix, suffixHighlightRules, type HighlightEnv } from '../../../src/page/highlights';

/** A Highlight as the spec has it: a set of ranges with a priority. */
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
  let check: () => void = () => {};
  const h = createHighlighter({
    env,
    doc,
    css: '::highlight(qv-verified) { color: green } ::highlight(qv-altered--underline) { color: red }',
    signal: new AbortController().signal,
    nameSuffix: 'k3y',
    every: (fn) => (check = fn),
  });
  const range = (n: number) => ({ n, startContainer: { getRootNode: () => ({ nodeType: 9 }) } }) as unknown as AbstractRange;
  const ranges = [range(1), range(2)];
  h.show(ranges.map((r) => ({ range: r, verdict: 'verified' as const })));
  return { registry, doc, h, ranges, check: () => check() };
}

describe('highlights the page tampers with', () => {
  it('paints under suffixed names, with the rules renamed to match', () => {
    const { registry } = setup();
    expect([...registry.keys()]).toEqual(['qv-verified_k3y']);
    expect(suffixHighlightRules('::highlight(qv-verified){} ::highlight(qv-altered--underline){}', 'k3y')).toBe(
      '::highlight(qv-verified_k3y){} ::highlight(qv-altered--underline_k3y){}',
    );
    const a = randomHighlightSuffix();
    expect(a).toMatch(/^[0-9a-z]{8}$/);
    expect(randomHighlightSuffix()).not.toBe(a);
  });

  it('nothing changed: the check repaints nothing', () => {
    const { h } = setup();
    expect(h.verify()).toBe(0);
  });

  it('an entry deleted by the page is painted again at the next check', () => {
    const { registry, ranges, check } = setup();
    registry.delete('qv-verified_k3y');
    check();
    expect([...registry.get('qv-verified_k3y')!]).toEqual(ranges);
  });

  it('an entry replaced by a forged one, emptied, or given other ranges is painted again', () => {
    const { registry, ranges, h } = setup();
    const forged = new FakeHighlight({ forged: true });
    registry.set('qv-verified_k3y', forged);
    expect(h.verify()).toBe(1);
    expect([...registry.get('qv-verified_k3y')!]).toEqual(ranges);

    registry.get('qv-verified_k3y')!.clear();
    expect(h.verify()).toBe(1);
    expect(registry.get('qv-verified_k3y')!.size).toBe(2);

    const ours = registry.get('qv-verified_k3y')!;
    ours.delete(ranges[0]);
    ours.add({ other: true });
    expect(h.verify()).toBe(1);
    expect([...registry.get('qv-verified_k3y')!]).toEqual(ranges);

    registry.get('qv-verified_k3y')!.priority = -5;
    expect(h.verify()).toBe(1);
    expect(registry.get('qv-verified_k3y')!.priority).toBe(1);
  });

  it('the rules dropped from adoptedStyleSheets are adopted again', () => {
    const { doc, h } = setup();
    expect(doc.adoptedStyleSheets).toHaveLength(1);
    doc.adoptedStyleSheets = [];
    h.verify();
    expect(doc.adoptedStyleSheets).toHaveLength(1);
  });
});
