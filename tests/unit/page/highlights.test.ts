import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIVE_HIGHLIGHT_NAME, HIGHLIGHT_NAMES, rangesByVerdict } from '../../../src/page/highlights';
import { verdictHighlightCss } from '../../../src/page/highlights';
import type { Verdict } from '../../../src/match/types';

// What the highlighter adopts: the verdicts' rules written from the VERDICTS table, then highlights.css.
const css = `${verdictHighlightCss()}\n${readFileSync(path.resolve(__dirname, '../../../src/page/highlights.css'), 'utf8')}`;

/** The declarations of the first `::highlight(name)` rule that is not inside an @media block. */
function rule(name: string): Record<string, string> {
  const top = css.replace(/@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, '');
  const match = new RegExp(`::highlight\\(${name}\\)\\s*\\{([^}]*)\\}`).exec(top);
  if (!match) throw new Error(`highlights.css has no rule for ::highlight(${name})`);
  const declarations: Record<string, string> = {};
  for (const part of match[1]!.split(';')) {
    const [property, ...value] = part.split(':');
    if (property && value.length) declarations[property.trim()] = value.join(':').trim();
  }
  return declarations;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/** WCAG 2.1 non-text contrast: an underline must stand out from the page by 3:1. */
const MIN_NON_TEXT_CONTRAST = 3;

describe('highlights.css', () => {
  const verdicts = Object.keys(HIGHLIGHT_NAMES) as Verdict[];

  it('styles every verdict and the active finding', () => {
    for (const verdict of verdicts) expect(() => rule(HIGHLIGHT_NAMES[verdict])).not.toThrow();
    expect(rule(ACTIVE_HIGHLIGHT_NAME)['background-color']).toBeDefined();
  });

  it('gives each verdict its own underline style, so colour is not the only difference', () => {
    const styles = verdicts.map((v) => rule(HIGHLIGHT_NAMES[v])['text-decoration-style']);
    expect(new Set(styles).size).toBe(verdicts.length);
    for (const v of verdicts) expect(rule(HIGHLIGHT_NAMES[v])['text-decoration-line']).toBe('underline');
  });

  it('uses underline colours that stand out 3:1 on white pages and on black pages', () => {
    for (const verdict of verdicts) {
      const colour = rule(HIGHLIGHT_NAMES[verdict])['text-decoration-color']!;
      expect(colour).toMatch(/^#[0-9a-f]{6}$/i);
      const l = luminance(colour);
      expect(contrast(l, 1), `${verdict} ${colour} on white`).toBeGreaterThanOrEqual(MIN_NON_TEXT_CONTRAST);
      expect(contrast(l, 0), `${verdict} ${colour} on black`).toBeGreaterThanOrEqual(MIN_NON_TEXT_CONTRAST);
    }
  });

  it('keeps tints faint so the page’s text keeps its own contrast', () => {
    for (const verdict of verdicts) {
      const background = rule(HIGHLIGHT_NAMES[verdict])['background-color'];
      if (!background) continue;
      const alpha = Number(/\/\s*([\d.]+)\s*\)/.exec(background)?.[1]);
      expect(alpha).toBeLessThanOrEqual(0.2);
    }
  });
});

describe('rangesByVerdict', () => {
  const r = (n: number) => ({ n }) as unknown as AbstractRange;

  it('groups ranges by verdict and leaves unverified quotations unmarked by default', () => {
    const entries = [
      { range: r(1), verdict: 'verified' as const },
      { range: r(2), verdict: 'altered' as const },
      { range: r(3), verdict: 'unverified' as const },
      { range: r(4), verdict: 'verified' as const },
    ];
    const grouped = rangesByVerdict(entries, false);
    expect(grouped.verified).toEqual([r(1), r(4)]);
    expect(grouped.altered).toEqual([r(2)]);
    expect(grouped.unverified).toEqual([]);
    expect(rangesByVerdict(entries, true).unverified).toEqual([r(3)]);
  });
});
