/**
 * The card's lead sentence for an altered quotation: what the edits do to the
 * meaning, in words ("The page drops “not”: the statement is reversed."),
 * built from the meaning call-outs (src/match/meaning.ts), most consequential
 * first. A raised call-out replaces the similarity percentage: "96% the same"
 * undersells a reversed statement.
 */
import { meaningCallouts, type Callout, type MeaningKind } from '../match/meaning';
import type { DiffOp } from '../match/types';
import { t, type MessageKey } from './i18n';

/** What each kind of edit does, after the words it names (message keys). */
const CONSEQUENCE: Record<MeaningKind, MessageKey> = {
  negation: 'consequenceNegation',
  antonym: 'consequenceAntonym',
  swap: 'consequenceSwap',
  number: 'consequenceNumber',
  name: 'consequenceName',
  verb: 'consequenceVerb',
  quantity: 'consequenceQuantity',
  hedge: 'consequenceHedge',
  modal: 'consequenceModal',
  wording: 'consequenceWording',
};

const q = (words: readonly string[]) => `“${words.join(' ')}”`;

/** "The page drops “not”: the statement is reversed." */
export function calloutSentence(c: Callout): string {
  const consequence = t(CONSEQUENCE[c.kind]);
  if (c.dropped.length > 0 && c.added.length > 0) return t('meaningChanges', q(c.dropped), q(c.added), consequence);
  if (c.dropped.length > 0) return t('meaningDrops', q(c.dropped), consequence);
  return t('meaningAdds', q(c.added), consequence);
}

/** The lead sentence of an altered finding, or undefined when no edit is known to change the meaning. */
export function meaningSummary(diff: readonly DiffOp[]): string | undefined {
  const [first] = meaningCallouts(diff);
  return first ? calloutSentence(first) : undefined;
}
