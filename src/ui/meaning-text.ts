/**
 * The card's lead sentence for an altered quotation: what the edits do to the
 * meaning, in words ("The page drops “not”: the statement is reversed."),
 * built from the meaning call-outs (src/match/meaning.ts), most consequential
 * first. A raised call-out replaces the similarity percentage: "96% the same"
 * undersells a reversed statement.
 */
import { meaningCallouts, type Callout, type MeaningKind } from '../match/meaning';
import type { DiffOp } from '../match/types';

/** What each kind of edit does, after the words it names. */
const CONSEQUENCE: Record<MeaningKind, string> = {
  negation: 'the statement is reversed',
  antonym: 'the opposite of what was said',
  swap: 'who does what to whom is swapped',
  number: 'the number is not the one said',
  name: 'a name the speaker did not say',
  verb: 'a different action from the one described',
  quantity: 'it covers more or less than was said',
  hedge: 'the speaker sounds more or less sure than they were',
  modal: 'how certain or binding it is changes',
  wording: 'words the speaker did not use',
};

const q = (words: readonly string[]) => `“${words.join(' ')}”`;

/** "drops “not”", "adds “possibly”", "changes “early” to “late”". */
function change(c: Callout): string {
  if (c.dropped.length > 0 && c.added.length > 0) return `changes ${q(c.dropped)} to ${q(c.added)}`;
  if (c.dropped.length > 0) return `drops ${q(c.dropped)}`;
  return `adds ${q(c.added)}`;
}

export function calloutSentence(c: Callout): string {
  return `The page ${change(c)}: ${CONSEQUENCE[c.kind]}.`;
}

/** The lead sentence of an altered finding, or undefined when no edit is known to change the meaning. */
export function meaningSummary(diff: readonly DiffOp[]): string | undefined {
  const [first] = meaningCallouts(diff);
  return first ? calloutSentence(first) : undefined;
}
