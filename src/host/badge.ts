/**
 * The toolbar badge for a tab, from the counts its frames reported. Pure: the
 * platform layer paints what this returns.
 */
import type { Verdict } from '../match/types';
import { VERDICTS } from '../match/verdicts';

export type Counts = Record<Verdict, number>;

export interface BadgeState {
  /** Empty when the tab has no findings: no badge at all. */
  text: string;
  /** Background colour, #rrggbb. */
  color: string;
  /** The action's tooltip, which also says in words what the badge's colour says. */
  title: string;
}

/**
 * Badge colours are the VERDICTS table's (src/match/verdicts.ts), whose light
 * colours are dark enough for white badge text (WCAG AA). Verified: every
 * quotation found matches the record.
 */
export const BADGE_COLOR_OK = VERDICTS.verified.colour.light;
/** At least one altered quotation (also a refused corpus); the text also starts with "!". */
export const BADGE_COLOR_PROBLEM = VERDICTS.altered.colour.light;
/** Grey, for a tab with nothing to report. */
export const BADGE_COLOR_NONE = '#5f6368';
/** A badge shows about four characters; above this the count is written "99+". */
const MAX_BADGE_COUNT = 99;

export const ACTION_TITLE = 'Quote Verifier';

export function emptyCounts(): Counts {
  return { verified: 0, altered: 0, misattributed: 0, variant: 0, unverified: 0 };
}

/**
 * Counts verified, altered and misattributed findings. Unverified spans are
 * quotations the corpus does not know; they are not findings about the corpus
 * and would make every news page light up, so they are not counted. Another
 * wording of a verified statement (`variant`) is not a problem and not a
 * verification: the tooltip names them, the count and colour leave them out.
 */
/** `name`: the extension's name as the build brands it (the tooltip starts with it). */
export function badgeFor(counts: Counts, name: string = ACTION_TITLE): BadgeState {
  const problems = counts.altered + counts.misattributed;
  const total = counts.verified + problems;
  const variants = counts.variant ? `; ${counts.variant} ${VERDICTS.variant.lower}${counts.variant === 1 ? '' : 's'} of verified statements` : '';
  if (total === 0) return { text: '', color: BADGE_COLOR_NONE, title: variants ? `${name}: ${variants.slice(2)}` : name };
  const shown = total > MAX_BADGE_COUNT ? `${MAX_BADGE_COUNT}+` : String(total);
  const parts = [
    counts.verified ? `${counts.verified} ${VERDICTS.verified.lower}` : '',
    counts.altered ? `${counts.altered} ${VERDICTS.altered.lower}` : '',
    counts.misattributed ? `${counts.misattributed} ${VERDICTS.misattributed.lower}` : '',
  ].filter(Boolean);
  const title = `${name}: ${plural(total, 'quotation')} checked on this page (${parts.join(', ')})${variants}`;
  // The worst verdict on the page colours the badge: altered, then misattributed.
  return problems > 0
    ? { text: `!${shown}`, color: counts.altered > 0 ? BADGE_COLOR_PROBLEM : VERDICTS.misattributed.colour.light, title }
    : { text: shown, color: BADGE_COLOR_OK, title };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Badge text when the corpus is refused: short enough for any toolbar, and not a count. */
export const BADGE_TEXT_CORPUS_ERROR = 'ERR';

/**
 * The badge for every tab while the corpus is refused (missing, invalid, or failed
 * its integrity check): red, "ERR", and a tooltip that says nothing is verified.
 */
export function corpusErrorBadge(error: string, name: string = ACTION_TITLE): BadgeState {
  return {
    text: BADGE_TEXT_CORPUS_ERROR,
    color: BADGE_COLOR_PROBLEM,
    title: `${name}: nothing is verified: ${error}`,
  };
}
