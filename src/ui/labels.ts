/**
 * Words the card uses for flags and the diff, in one place so the card, the
 * popup and their tests agree. Verdict words, icons and colours are the
 * VERDICTS table's (src/match/verdicts.ts).
 */
import { MEANING_KINDS } from '../match/meaning-kinds';
import type { Flag } from '../match/types';
import type { MessageKey } from './i18n';

/** Flags that mean the page's wording says something the speaker did not. */
export const MEANING_FLAGS: readonly Flag[] = [...MEANING_KINDS, 'homoglyph'];

/** Each flag's label and explanation: message keys of the UI's catalogues (src/ui/i18n.ts). */
export const FLAG_TEXT: Record<Flag, { label: MessageKey; explanation: MessageKey }> = {
  negation: { label: 'flagNegationLabel', explanation: 'flagNegationText' },
  number: { label: 'flagNumberLabel', explanation: 'flagNumberText' },
  name: { label: 'flagNameLabel', explanation: 'flagNameText' },
  modal: { label: 'flagModalLabel', explanation: 'flagModalText' },
  hedge: { label: 'flagHedgeLabel', explanation: 'flagHedgeText' },
  quantity: { label: 'flagQuantityLabel', explanation: 'flagQuantityText' },
  antonym: { label: 'flagAntonymLabel', explanation: 'flagAntonymText' },
  swap: { label: 'flagSwapLabel', explanation: 'flagSwapText' },
  verb: { label: 'flagVerbLabel', explanation: 'flagVerbText' },
  wording: { label: 'flagWordingLabel', explanation: 'flagWordingText' },
  homoglyph: { label: 'flagHomoglyphLabel', explanation: 'flagHomoglyphText' },
  excerpt: { label: 'flagExcerptLabel', explanation: 'flagExcerptText' },
  ellipsis: { label: 'flagEllipsisLabel', explanation: 'flagEllipsisText' },
  embedded: { label: 'flagEmbeddedLabel', explanation: 'flagEmbeddedText' },
  rendering: { label: 'flagRenderingLabel', explanation: 'flagRenderingText' },
};

/** How the diff names each side to a screen reader (message keys). */
export const DIFF_LABEL = {
  delete: 'diffDropped',
  insert: 'diffInvented',
  gap: 'diffGap',
} as const satisfies Record<string, MessageKey>;

/** Word-diff segments are joined with a space unless punctuation or existing space makes one wrong. */
export function needsSpaceBetween(before: string, after: string): boolean {
  if (!before || !after) return false;
  if (/\s$/.test(before) || /^\s/.test(after)) return false;
  if (/^[.,;:!?)\]}»”’…%]/.test(after)) return false;
  if (/[([{«“‘]$/.test(before)) return false;
  return true;
}
