/**
 * Words the card uses for flags and the diff, in one place so the card, the
 * popup and their tests agree. Verdict words, icons and colours are the
 * VERDICTS table's (src/match/verdicts.ts).
 */
import { MEANING_KINDS } from '../match/meaning';
import type { Flag } from '../match/types';

/** Flags that mean the page's wording says something the speaker did not. */
export const MEANING_FLAGS: readonly Flag[] = [...MEANING_KINDS, 'homoglyph'];

export const FLAG_TEXT: Record<Flag, { label: string; explanation: string }> = {
  negation: { label: 'Negation changed', explanation: 'A “not” or “never” was added or removed: the meaning is reversed.' },
  number: { label: 'Number changed', explanation: 'A number or amount differs from what was said.' },
  name: { label: 'Name changed', explanation: 'A person, place or organisation differs from what was said.' },
  modal: { label: 'Certainty changed', explanation: 'A word like “will”, “may” or “must” differs, changing how certain or binding the statement is.' },
  hedge: { label: 'Hedge changed', explanation: 'A word saying how sure the speaker was (“may”, “possibly”, “certainly”) differs.' },
  quantity: { label: 'Quantity changed', explanation: 'A word like “all”, “some” or “most” differs: the statement covers more or less than was said.' },
  antonym: { label: 'Opposite word', explanation: 'A word was replaced by its opposite: the statement says the reverse.' },
  swap: { label: 'Roles swapped', explanation: 'The same words in another order: who does what to whom is changed.' },
  verb: { label: 'Action changed', explanation: 'A verb was replaced: the page says the speaker described a different action.' },
  wording: { label: 'Word replaced', explanation: 'A word the speaker used was replaced by another.' },
  homoglyph: { label: 'Look-alike letters', explanation: 'The page mixes alphabets inside a word (for example a Cyrillic “а” for a Latin “a”). This is a common way to slip altered text past checks.' },
  excerpt: { label: 'Excerpt', explanation: 'The page quotes part of the statement.' },
  ellipsis: { label: 'Joined with an ellipsis', explanation: 'The page joins separate parts of the statement with “…”. Check that the omission does not change the meaning.' },
  embedded: { label: 'Inside a longer quotation', explanation: 'The statement sits inside a longer quoted passage; the rest of that passage is not in the record.' },
  rendering: { label: 'Drawn in a way we cannot check', explanation: 'The page draws part of this quotation in a way the extension cannot read exactly (reordered, or hidden from extensions), so it is not marked verified. Compare the words you see with the record.' },
};

/** How the card says what each side of the diff means to a screen reader. */
export const DIFF_LABEL = {
  delete: 'dropped or changed by the page: ',
  insert: 'the page’s words, not said: ',
  gap: 'words left out here',
} as const;

/** Word-diff segments are joined with a space unless punctuation or existing space makes one wrong. */
export function needsSpaceBetween(before: string, after: string): boolean {
  if (!before || !after) return false;
  if (/\s$/.test(before) || /^\s/.test(after)) return false;
  if (/^[.,;:!?)\]}»”’…%]/.test(after)) return false;
  if (/[([{«“‘]$/.test(before)) return false;
  return true;
}
