/**
 * Review actions on the working corpus (pure): record decisions in the review
 * file and copy the resulting states into the corpus. The CLI
 * (src/cli/review-command.ts) reads and writes the files.
 */
import { Corpus, type Quote, type ReviewState } from '../schema';
import { decide, resolveIds, reviewOf, type Decision, type ReviewFile } from './review-file';

export * from './review-file';
export { formatQuoteForReview, formatQuoteLine } from './format';

/**
 * Re-applies the review file to a corpus already built; a quote the file does
 * not mention keeps the review it has (approved as part of a vetted import, or
 * none at all in a corpus older than review).
 */
export function reapply(corpus: Corpus, file: ReviewFile): Corpus {
  const quotes = corpus.quotes.map((q) => {
    const entry = file.reviews[q.id];
    return entry === undefined ? q : { ...q, review: reviewOf(q, entry).review };
  });
  return Corpus.parse({ ...corpus, quotes });
}

export interface ReviewChange {
  corpus: Corpus;
  file: ReviewFile;
  decided: Quote[];
}

/** Records `decision` for the quotes `ids` name (ids or unique prefixes); problems for unknown or ambiguous ids. */
export function reviewQuotes(corpus: Corpus, file: ReviewFile, ids: readonly string[], decision: Decision): ReviewChange | { problems: string[] } {
  const { quotes, problems } = resolveIds(ids, corpus.quotes);
  if (problems.length) return { problems };
  const next = decide(file, quotes, decision);
  return { corpus: reapply(corpus, next), file: next, decided: quotes };
}

/** The quotes in a given state (a quote with no review counts as approved, as shipping does). */
export function quotesInState(corpus: Corpus, state: ReviewState): Quote[] {
  return corpus.quotes.filter((q) => (q.review?.state ?? 'approved') === state);
}
