/**
 * The kinds of meaning call-out and a call-out's shape (src/match/meaning.ts classifies
 * them). A file of their own so the UI and the content script can name the kinds without
 * bundling the classifier and its word lists (issue 16); meaning.ts re-exports them.
 */
export type MeaningKind = 'negation' | 'number' | 'name' | 'modal' | 'hedge' | 'quantity' | 'antonym' | 'swap' | 'verb' | 'wording';

/** Kinds in the order the card leads with them: the most consequential first. */
export const MEANING_KINDS: readonly MeaningKind[] = [
  'negation', 'antonym', 'swap', 'number', 'name', 'verb', 'quantity', 'hedge', 'modal', 'wording',
];

export interface Callout {
  kind: MeaningKind;
  /** The verified words the page dropped or replaced (as the speaker wrote them). */
  dropped: string[];
  /** The page's words in their place. */
  added: string[];
}
