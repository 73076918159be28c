/**
 * The card's lead sentence for an altered quotation: what the edits do to the
 * meaning, in words ("The page drops “not”: the statement is reversed."),
 * built from the meaning call-outs (src/match/meaning.ts), most consequential
 * first. A raised call-out replaces the similarity percentage: "96% the same"
 * undersells a reversed statement.
 *
 * The background computes the call-outs and sends them with the finding
 * (`Finding.callouts`, src/host/answers.ts): this file only words them, so the content
 * script and the pages do not bundle the classifier (issue 16).
 */
import type { Callout, MeaningKind } from '../match/meaning-kinds';
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

/** The lead sentence of an altered finding from its call-outs, or undefined when no edit is known to change the meaning. */
export function meaningSummary(callouts: readonly Callout[] | undefined): string | undefined {
  const first = callouts?.[0];
  return first ? calloutSentence(first) : undefined;
}
