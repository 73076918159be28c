/**
 * Words the card uses for verdicts and flags, in one place so the card, the
 * popup and their tests agree. Every verdict has a word and an icon: colour is
 * never the only signal.
 */
import type { Flag, Verdict } from '../match/types';

export const VERDICT_WORD: Record<Verdict, string> = {
  verified: 'Verified',
  altered: 'Altered',
  misattributed: 'Misattributed',
  unverified: 'Not in the corpus',
};

/** Flags that mean the page's wording says something the speaker did not. */
export const MEANING_FLAGS: readonly Flag[] = ['negation', 'number', 'name', 'modal', 'homoglyph'];

export const FLAG_TEXT: Record<Flag, { label: string; explanation: string }> = {
  negation: { label: 'Negation changed', explanation: 'A “not” or “never” was added or removed: the meaning is reversed.' },
  number: { label: 'Number changed', explanation: 'A number or amount differs from what was said.' },
  name: { label: 'Name changed', explanation: 'A person, place or organisation differs from what was said.' },
  modal: { label: 'Certainty changed', explanation: 'A word like “will”, “may” or “must” differs, changing how certain or binding the statement is.' },
  homoglyph: { label: 'Look-alike letters', explanation: 'The page mixes alphabets inside a word (for example a Cyrillic “а” for a Latin “a”). This is a common way to slip altered text past checks.' },
  excerpt: { label: 'Excerpt', explanation: 'The page quotes part of the statement.' },
  ellipsis: { label: 'Joined with an ellipsis', explanation: 'The page joins separate parts of the statement with “…”. Check that the omission does not change the meaning.' },
  embedded: { label: 'Inside a longer quotation', explanation: 'The statement sits inside a longer quoted passage; the rest of that passage is not in the record.' },
  rendering: { label: 'Drawn in a way we cannot check', explanation: 'The page draws part of this quotation in a way the extension cannot read exactly (reordered, or hidden from extensions), so it is not marked verified. Compare the words you see with the record.' },
};

/** How the card says what each side of the diff means to a screen reader. */
export const DIFF_LABEL = {
  delete: 'missing on the page: ',
  insert: 'added by the page: ',
} as const;

/** Word-diff segments are joined with a space unless punctuation or existing space makes one wrong. */
export function needsSpaceBetween(before: string, after: string): boolean {
  if (!before || !after) return false;
  if (/\s$/.test(before) || /^\s/.test(after)) return false;
  if (/^[.,;:!?)\]}»”’…%]/.test(after)) return false;
  if (/[([{«“‘]$/.test(before)) return false;
  return true;
}
