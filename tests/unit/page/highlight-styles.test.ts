import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHighlighter, HIGHLIGHT_NAMES, highlightName, PAGE_HIGHLIGHT_STYLES, type HighlightEnv } from '../../../src/page/highlights';
import { verdictHighlightCss } from '../../../src/page/highlights';
import { HIGHLIGHT_STYLES } from '../../../src/settings/settings';
import type { Verdict } from '../../../src/match/types';

// What the highlighter adopts: the verdicts' rules written from the VERDICTS table, then highlights.css.
const css = `${verdictHighlightCss()}\n${readFileSync(path.resolve(__dirname, '../../../src/page/highlights.css'), 'utf8')}`;
const verdicts = Object.keys(HIGHLIGHT_NAMES) as Verdict[];

/** Declarations of the top-level `::highlight(name)` rule. */
function rule(name: string): Record<string, string> {
  const top = css.replace(/@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, '');
  const match = new RegExp(`::highlight\\(${name}\\)\\s*\\{([^}]*)\\}`).exec(top);
  if (!match) throw new Error(`highlights.css has no rule for ::highlight(${name})`);
  return Object.fromEntries(
    match[1]!
      .split(';')
      .map((d) => d.split(':').map((x) => x.trim()))
      .filter((d) => d.length === 2 && d[0]),
  ) as Record<string, string>;
}

const channel = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const luminance = ([r, g, b]: number[]) => 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
/** WCAG AAA for body text: a tint must not cost the page's text its readability. */
const MIN_TEXT_CONTRAST = 7;

describe('highlight styles', () => {
  it('are the ones the settings offer', () => {
    expect([...PAGE_HIGHLIGHT_STYLES]).toEqual([...HIGHLIGHT_STYLES]);
  });

  it('every style styles every verdict with that verdict’s own line (style and colour), in forced colours too', () => {
    for (const style of PAGE_HIGHLIGHT_STYLES) {
      for (const verdict of verdicts) {
        const own = rule(highlightName(verdict, style));
        const tinted = rule(HIGHLIGHT_NAMES[verdict]);
        for (const property of ['text-decoration-line', 'text-decoration-style', 'text-decoration-color']) {
          expect(own[property], `${style} ${verdict} ${property}`).toBe(tinted[property]);
        }
        expect(css).toContain(`::highlight(${highlightName(verdict, style)})`);
        const forced = css.slice(css.indexOf('@media (forced-colors: active)'));
        expect(forced, `${style} ${verdict} in forced colours`).toContain(`::highlight(${highlightName(verdict, style)})`);
      }
    }
  });

  it('underline has no tint; background keeps black-on-white and white-on-black text above 7:1', () => {
    for (const verdict of verdicts) {
      expect(rule(highlightName(verdict, 'underline'))['background-color']).toBeUndefined();
      const tint = /rgb\((\d+) (\d+) (\d+) \/ ([\d.]+)\)/.exec(rule(highlightName(verdict, 'background'))['background-color'] ?? '');
      expect(tint, verdict).not.toBeNull();
      const [r, g, b, a] = tint!.slice(1).map(Number) as [number, number, number, number];
      const over = (page: number) => [r, g, b].map((c) => c * a + page * (1 - a));
      expect(contrast(luminance(over(255)), 0), `${verdict} on white`).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
      expect(contrast(luminance(over(0)), 1), `${verdict} on black`).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    }
  });
});

/** A registry and Highlight class that record what the highlighter painted. */
function fakeEnv() {
  const registry = new Map<string, { ranges: unknown[]; priority: number }>();
  class FakeHighlight {
    ranges: unknown[];
    priority = 0;
    constructor(...ranges: unknown[]) {
      this.ranges = ranges;
    }
  }
  class FakeSheet {
    replaceSync() {}
  }
  const env = { CSS: { highlights: registry }, Highlight: FakeHighlight, CSSStyleSheet: FakeSheet } as unknown as HighlightEnv;
  const doc = { adoptedStyleSheets: [] } as unknown as Document;
  const painted = () => Object.fromEntries([...registry].map(([name, h]) => [name, h.ranges.length]));
  return { env, doc, painted };
}

const range = (n: number) => ({ n, startContainer: { getRootNode: () => ({ nodeType: 9 }) } }) as unknown as AbstractRange;

describe('createHighlighter: configure', () => {
  it('repaints what is shown in the new style, leaving nothing under the old names', () => {
    const { env, doc, painted } = fakeEnv();
    const h = createHighlighter({ env, doc, css: '', signal: new AbortController().signal });
    h.show([
      { range: range(1), verdict: 'verified' },
      { range: range(2), verdict: 'altered' },
      { range: range(3), verdict: 'unverified' },
    ]);
    expect(painted()).toEqual({ 'qv-verified': 1, 'qv-altered': 1 });
    h.configure({ style: 'background' });
    expect(painted()).toEqual({ 'qv-verified--background': 1, 'qv-altered--background': 1 });
    h.configure({ showUnverified: true });
    expect(painted()).toEqual({ 'qv-verified--background': 1, 'qv-altered--background': 1, 'qv-unverified--background': 1 });
    h.configure({ style: 'tinted', showUnverified: false });
    expect(painted()).toEqual({ 'qv-verified': 1, 'qv-altered': 1 });
    h.show([]);
    expect(painted()).toEqual({});
  });

  it('starts in the style and unverified setting it is given, and ignores an unknown style', () => {
    const { env, doc, painted } = fakeEnv();
    const h = createHighlighter({ env, doc, css: '', signal: new AbortController().signal, style: 'underline', showUnverified: true });
    h.show([{ range: range(1), verdict: 'unverified' }]);
    expect(painted()).toEqual({ 'qv-unverified--underline': 1 });
    h.configure({ style: 'glitter' as never });
    expect(painted()).toEqual({ 'qv-unverified--underline': 1 });
  });
});
