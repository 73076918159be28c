/**
 * What ships: only quotes an editor approved. Pure and browser-safe (no Node
 * imports), so the build and any tool agree on one rule. A quote with no
 * review field comes from a corpus that predates review and counts as approved.
 */
import type { Corpus, Quote } from './schema';

export function isApproved(quote: Quote): boolean {
  return quote.review === undefined || quote.review.state === 'approved';
}

/** The corpus with only its approved quotes, and the documents those quotes cite. */
export function shippableCorpus(corpus: Corpus): Corpus {
  const quotes = corpus.quotes.filter(isApproved);
  const cited = new Set(quotes.flatMap((q) => q.sources.map((s) => s.docId)));
  return { ...corpus, documents: corpus.documents.filter((d) => cited.has(d.docId)), quotes };
}
