/**
 * The VERDICTS table (src/match/verdicts.ts) is the one verdict language: its
 * colours read on light and dark backgrounds, each verdict differs by more
 * than colour, and every view (highlights, card, popup, side panel, badge,
 * CLI) draws verdicts from it and from nothing else.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERDICT_NAMES, VERDICTS } from '../../../src/match/verdicts';
import { badgeFor, emptyCounts } from '../../../src/host';
import { COLOUR } from '../../../src/cli/check/human';
import { verdictHighlightCss } from '../../../src/page/highlights';

const root = path.resolve(__dirname, '../../..');

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
};

/** Backgrounds the views draw on: white; the card's and the popup's dark backgrounds. */
const LIGHT_BG = '#ffffff';
const DARK_BGS = ['#1f2428', '#1c1c21'];

describe('the VERDICTS table', () => {
  it('has colours that read: text 4.5:1 on light and dark views, white badge text, page marks 3:1 on white and black pages', () => {
    for (const v of VERDICT_NAMES) {
      const { light, dark, mark } = VERDICTS[v].colour;
      expect(contrast(light, LIGHT_BG), `${v} light`).toBeGreaterThanOrEqual(4.5);
      for (const bg of DARK_BGS) expect(contrast(dark, bg), `${v} dark on ${bg}`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(mark, '#ffffff'), `${v} mark on white`).toBeGreaterThanOrEqual(3);
      expect(contrast(mark, '#000000'), `${v} mark on black`).toBeGreaterThanOrEqual(3);
    }
  });

  it('tells every verdict apart without colour: word, glyph, icon, line and edge', () => {
    const distinct = (f: (v: (typeof VERDICTS)['verified']) => string) => new Set(VERDICT_NAMES.map((v) => f(VERDICTS[v]))).size;
    expect(distinct((l) => l.word)).toBe(VERDICT_NAMES.length);
    expect(distinct((l) => l.glyph)).toBe(VERDICT_NAMES.length);
    expect(distinct((l) => l.line)).toBe(VERDICT_NAMES.length);
    expect(distinct((l) => l.edge)).toBe(VERDICT_NAMES.length);
    expect(distinct((l) => l.icon.shape + l.icon.paths.join())).toBe(VERDICT_NAMES.length);
  });

  it('is what the views draw: highlight rules, badge colours and the CLI colours come from it', () => {
    const css = verdictHighlightCss();
    for (const v of VERDICT_NAMES) {
      expect(css).toContain(`::highlight(qv-${v}) { text-decoration-line: underline; text-decoration-style: ${VERDICTS[v].line}; text-decoration-color: ${VERDICTS[v].colour.mark};`);
      expect(COLOUR.verdict(v, 'x')).toContain(`\x1b[${VERDICTS[v].ansi}m`);
    }
    expect(badgeFor({ ...emptyCounts(), verified: 2 }).color).toBe(VERDICTS.verified.colour.light);
    expect(badgeFor({ ...emptyCounts(), altered: 1, misattributed: 1 }).color).toBe(VERDICTS.altered.colour.light);
    expect(badgeFor({ ...emptyCounts(), misattributed: 1 }).color).toBe(VERDICTS.misattributed.colour.light);
  });
});

/** Every file of the views: src/ui, the highlights, the badge, the CLI's human report, the entrypoints. */
function viewFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx|css|html)$/.test(name)) out.push(p);
    }
  };
  walk(path.join(root, 'src/ui'));
  walk(path.join(root, 'entrypoints'));
  out.push(...['src/page/highlights.ts', 'src/page/highlights.css', 'src/host/badge.ts', 'src/platform/badge.ts', 'src/cli/check/human.ts'].map((f) => path.join(root, f)));
  return out;
}

const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

/** What a view may not hold: a verdict drawn from anywhere but the table. */
const RULES: [string, RegExp][] = [
  ['a verdict word of its own', /['"`>](Verified|Altered|Misattributed|Not in the corpus)['"`<]/],
  ['a verdict glyph of its own (the table\'s, or one it replaced)', /[✓≠⇄✎⊗✗]/],
  ['a colour literal next to a verdict name', /(verified|altered|misattributed|unverified)[^\n]*(#[0-9a-fA-F]{3,8}\b|rgba?\(\s*\d|hsla?\(\s*\d|sgr\('3\d')/],
  ['a ::highlight() rule for a verdict (they are written from the table)', /::highlight\(qv-(verified|altered|misattributed|unverified)[^)]*\)\s*\{/],
];

describe('views draw verdicts only from the VERDICTS table', () => {
  const files = viewFiles();

  it('finds the views', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(RULES)('no view holds %s', (_what, rule) => {
    const offenders = files.flatMap((f) =>
      withoutComments(readFileSync(f, 'utf8'))
        .split('\n')
        .map((line, i) => [line, i] as const)
        .filter(([line]) => rule.test(line))
        .map(([line, i]) => `${path.relative(root, f)}:${i + 1}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the rules catch what they are meant to (the old popup, card and CLI lines)', () => {
    const old = [
      "  altered: '✎',",
      '  --qv-misattributed: #cf222e;',
      "  misattributed: sgr('35', '39'),",
      '::highlight(qv-altered) {',
      "  verified: 'Verified',",
    ];
    for (const line of old) expect(RULES.some(([, rule]) => rule.test(line)), line).toBe(true);
  });

  it('each view reads the table', () => {
    for (const f of ['src/ui/quote-card.tsx', 'src/ui/popup/popup-view.tsx', 'src/page/highlights.ts', 'src/host/badge.ts', 'src/cli/check/human.ts']) {
      expect(readFileSync(path.join(root, f), 'utf8'), f).toMatch(/from '(\.\.\/)+match\/verdicts'/);
    }
  });
});
