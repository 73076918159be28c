/**
 * The highlight rules adopted at document_start (Chromium builds, issue 12): scoped to the
 * root element, left for the content script in the isolated world, used by the highlighter
 * instead of a sheet adopted when the first mark is painted (which restyles the whole page).
 * Their names can be read from document.adoptedStyleSheets by the page from the start, so
 * a highlight the page registers under one of them is removed at the next check.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  adoptHighlightRulesEarly,
  createHighlighter,
  earlyHighlightRules,
  highlightRules,
  rootScopedHighlightRules,
  type HighlightEnv,
} from '../../../src/page/highlights';

const highlightsCss = readFileSync(path.resolve(__dirname, '../../../src/page/highlights.css'), 'utf8');

class FakeHighlight extends Set<unknown> {
  priority = 0;
  constructor(...ranges: unknown[]) {
    super(ranges);
  }
}

class FakeSheet {
  css = '';
  replaceSync(css: string) {
    this.css = css;
  }
}

const fakeDoc = () => ({ adoptedStyleSheets: [] as unknown[] }) as unknown as Document;

describe('root-scoped highlight rules', () => {
  it('scopes every ::highlight() selector of the whole sheet to :root, the forced-colours list included', () => {
    const css = highlightRules(highlightsCss, 'k3y');
    const scoped = rootScopedHighlightRules(css);
    const all = css.match(/::highlight\(/g)!.length;
    expect(all).toBeGreaterThan(15);
    expect(scoped.match(/:root::highlight\(/g)).toHaveLength(all);
    // Nothing left on every element: each ::highlight( follows :root.
    expect(scoped.replace(/:root::highlight\(/g, '')).not.toContain('::highlight(');
    expect(scoped).toContain(':root::highlight(qv-verified_k3y) {');
    expect(scoped).toContain(':root::highlight(qv-active_k3y) {');
    expect(scoped).toMatch(/\{ :root::highlight\(qv-verified_k3y\), :root::highlight\(qv-altered_k3y\),/);
  });
});

describe('rules adopted at document_start', () => {
  it('adopts one root-scoped sheet under a random suffix and leaves it for the content script', () => {
    const doc = fakeDoc();
    const pageSheet = {};
    doc.adoptedStyleSheets = [pageSheet as CSSStyleSheet];
    const holder = {};
    expect(earlyHighlightRules(holder)).toBeUndefined();
    const early = adoptHighlightRulesEarly(holder, doc, highlightsCss, FakeSheet as unknown as typeof CSSStyleSheet)!;
    expect(early.suffix).toMatch(/^[0-9a-z]{8}$/);
    expect(doc.adoptedStyleSheets).toEqual([pageSheet, early.sheet]);
    expect((early.sheet as unknown as FakeSheet).css).toBe(rootScopedHighlightRules(highlightRules(highlightsCss, early.suffix)));
    expect(earlyHighlightRules(holder)).toBe(early);
    // Another frame, another suffix.
    expect(adoptHighlightRulesEarly({}, fakeDoc(), highlightsCss, FakeSheet as unknown as typeof CSSStyleSheet)!.suffix).not.toBe(early.suffix);
  });

  it('does nothing where documents cannot adopt sheets', () => {
    const holder = {};
    expect(adoptHighlightRulesEarly(holder, {} as Document, highlightsCss, FakeSheet as unknown as typeof CSSStyleSheet)).toBeUndefined();
    expect(earlyHighlightRules(holder)).toBeUndefined();
  });
});

describe('the highlighter with the early sheet', () => {
  const setup = () => {
    const registry = new Map<string, FakeHighlight>();
    let constructed = 0;
    class CountingSheet extends FakeSheet {
      constructor() {
        super();
        constructed++;
      }
    }
    const env = { CSS: { highlights: registry }, Highlight: FakeHighlight, CSSStyleSheet: CountingSheet } as unknown as HighlightEnv;
    const doc = fakeDoc();
    const early = adoptHighlightRulesEarly({}, doc, highlightsCss, CountingSheet as unknown as typeof CSSStyleSheet)!;
    const adopted = doc.adoptedStyleSheets;
    let check: () => void = () => {};
    const controller = new AbortController();
    const h = createHighlighter({
      env,
      doc,
      css: highlightsCss,
      signal: controller.signal,
      nameSuffix: early.suffix,
      earlySheet: early.sheet,
      every: (fn) => (check = fn),
    });
    const shadowRoot = { nodeType: 11, adoptedStyleSheets: [] as unknown[] };
    const range = (root: unknown) => ({ startContainer: { getRootNode: () => root } }) as unknown as AbstractRange;
    return { registry, doc, early, adopted, h, shadowRoot, range, controller, constructed: () => constructed, check: () => check() };
  };

  it('paints without adopting anything: the document keeps the very list it had, shadow roots get no copy', () => {
    const { registry, doc, early, adopted, h, shadowRoot, range, constructed } = setup();
    h.show([
      { range: range({ nodeType: 9 }), verdict: 'verified' },
      { range: range(shadowRoot), verdict: 'altered' },
    ]);
    h.setActive(range({ nodeType: 9 }));
    expect([...registry.keys()].sort()).toEqual([`qv-active_${early.suffix}`, `qv-altered_${early.suffix}`, `qv-verified_${early.suffix}`]);
    // The same array object: no assignment to adoptedStyleSheets, so nothing for the browser to restyle.
    expect(doc.adoptedStyleSheets).toBe(adopted);
    expect(constructed()).toBe(1);
    expect(shadowRoot.adoptedStyleSheets).toEqual([]);
  });

  it('adopts the same sheet again if the page dropped it, and removes it when stopped', () => {
    const { doc, early, h, range, controller } = setup();
    h.show([{ range: range({ nodeType: 9 }), verdict: 'verified' }]);
    doc.adoptedStyleSheets = [];
    h.verify();
    expect(doc.adoptedStyleSheets).toEqual([early.sheet]);
    controller.abort();
    expect(doc.adoptedStyleSheets).toEqual([]);
  });

  it('a highlight the page registers under one of its names, with nothing of ours to paint there, is removed at the next check', () => {
    const { registry, early, h, range, check } = setup();
    const forged = new FakeHighlight({ forged: true });
    // Before anything is painted (the names are readable from the sheet since document_start).
    registry.set(`qv-verified_${early.suffix}`, forged);
    registry.set(`qv-misattributed--background_${early.suffix}`, forged);
    registry.set('page-own', forged);
    check();
    expect([...registry.keys()]).toEqual(['page-own']);
    // After painting: a name holding no finding of ours is claimed too.
    h.show([{ range: range({ nodeType: 9 }), verdict: 'verified' }]);
    registry.set(`qv-altered_${early.suffix}`, forged);
    expect(h.verify()).toBe(1);
    expect(registry.has(`qv-altered_${early.suffix}`)).toBe(false);
  });
});
