/**
 * The one verdict language: every view draws a verdict from this table and
 * from nothing else: the page's highlights (src/page/highlights.ts), the card,
 * the popup and side panel (src/ui), the toolbar badge (src/host/badge.ts) and
 * the CLI's human report (src/cli/check/human.ts). It lives in src/match, the
 * one layer all of them may import; it holds data only (no DOM).
 * tests/unit/match/verdict-table.test.ts checks the contrasts and fails when a
 * view defines a verdict's colour, icon or word of its own.
 *
 * Colour is never the only signal: each verdict has its own word, icon shape
 * and glyph, and line style.
 */
import type { Verdict } from './types';

export interface VerdictLook {
  /** The verdict's name in English (the CLI, the badge's tooltip). */
  word: string;
  /** Its message in the UI's catalogues (public/_locales), for the card, the popup and the side panel. */
  message: 'verdictVerified' | 'verdictAltered' | 'verdictMisattributed' | 'verdictVariant' | 'verdictUnverified';
  /** Lowercase, inside a sentence: "2 altered". */
  lower: string;
  /** A text icon, for the popup, the CLI and anywhere an SVG does not fit. */
  glyph: string;
  /** The card's SVG icon: an outline shape and the strokes inside it (16×16 viewBox). */
  icon: { shape: 'circle' | 'triangle' | 'diamond'; paths: readonly string[] };
  /**
   * Colour tokens. `light`/`dark`: text and edges on a light or dark UI
   * background (4.5:1 or more; white text on `light` too, for the badge).
   * `mark`: the page's underline, 3:1 on white and on black pages alike.
   */
  colour: { light: string; dark: string; mark: string };
  /** Underline style on the page, under the card's verdict word and the popup's. */
  line: 'solid' | 'wavy' | 'double' | 'dashed' | 'dotted';
  /** The card's edge (a border cannot be wavy). */
  edge: 'solid' | 'double' | 'dashed' | 'ridge' | 'dotted';
  /** SGR colour of the CLI's verdict label. */
  ansi: string;
}

export const VERDICTS: Readonly<Record<Verdict, VerdictLook>> = {
  verified: {
    word: 'Verified',
    message: 'verdictVerified',
    lower: 'verified',
    glyph: '✓',
    icon: { shape: 'circle', paths: ['M4.5 8.5l2.5 2.5 4.5-5'] },
    colour: { light: '#116329', dark: '#3fb950', mark: '#2b8a3e' },
    line: 'solid',
    edge: 'solid',
    ansi: '32',
  },
  altered: {
    word: 'Altered',
    message: 'verdictAltered',
    lower: 'altered',
    glyph: '≠',
    icon: { shape: 'triangle', paths: ['M5.2 7.6h5.6', 'M5.2 10.4h5.6', 'M9.4 5.6l-2.8 6.6'] },
    colour: { light: '#bc4c00', dark: '#f0883e', mark: '#d9480f' },
    line: 'wavy',
    edge: 'double',
    ansi: '31',
  },
  misattributed: {
    word: 'Misattributed',
    message: 'verdictMisattributed',
    lower: 'misattributed',
    glyph: '⇄',
    icon: { shape: 'diamond', paths: ['M5 6.5h6l-1.6-1.6', 'M11 9.5H5l1.6 1.6'] },
    colour: { light: '#8250df', dark: '#a371f7', mark: '#ae3ec9' },
    line: 'double',
    edge: 'dashed',
    ansi: '35',
  },
  // Another wording of a verified statement: informative, never a problem. Blue, a
  // dashed line (not verified's solid one) and an approximately-equal sign.
  variant: {
    word: 'Another wording',
    message: 'verdictVariant',
    lower: 'another wording',
    glyph: '≈',
    icon: { shape: 'circle', paths: ['M4.6 6.9c1.1-1 2.2-1 3.4 0s2.3 1 3.4 0', 'M4.6 9.9c1.1-1 2.2-1 3.4 0s2.3 1 3.4 0'] },
    colour: { light: '#0550ae', dark: '#58a6ff', mark: '#1c7ed6' },
    line: 'dashed',
    edge: 'ridge',
    ansi: '34',
  },
  unverified: {
    word: 'Not in the corpus',
    message: 'verdictUnverified',
    lower: 'not in the corpus',
    glyph: '?',
    icon: { shape: 'circle', paths: ['M6.2 6.2a1.9 1.9 0 1 1 2.6 1.8c-.5.2-.8.6-.8 1.1v.4', 'M8 11.5v.01'] },
    colour: { light: '#59636e', dark: '#9198a1', mark: '#7c8591' },
    line: 'dotted',
    edge: 'dotted',
    ansi: '2',
  },
};

export const VERDICT_NAMES = Object.keys(VERDICTS) as Verdict[];

/**
 * The table as CSS custom properties (`--qv-altered-light`, `-dark`, `-mark`,
 * `-line`, `-edge`), set on a view's root element: stylesheets use these and
 * hold no verdict colour or line of their own.
 */
export function verdictCssVariables(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of VERDICT_NAMES) {
    const look = VERDICTS[v];
    out[`--qv-${v}-light`] = look.colour.light;
    out[`--qv-${v}-dark`] = look.colour.dark;
    out[`--qv-${v}-mark`] = look.colour.mark;
    out[`--qv-${v}-line`] = look.line;
    out[`--qv-${v}-edge`] = look.edge;
  }
  return out;
}

/** `#rrggbb` as `r g b`, for `rgb(r g b / alpha)` tints. */
export function rgbChannels(hex: string): string {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(' ');
}
