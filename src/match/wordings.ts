/**
 * Every vetted wording of the corpus, in the order the index numbers them:
 * first each quotation's main text (wording q is quote q, so a corpus without
 * other wordings indexes exactly as before), then, quote by quote, its
 * original-language wording and its other vetted wordings
 * (docs/corpus-format.md, "Other wordings"). The index, the aligner and the
 * verdicts work on wordings; a finding names its quote and, when it matched
 * another wording than the main text, which one (`Finding.wording`).
 */
import type { Quote } from '../corpus/schema';
import type { WordingRef } from './types';

/** What the wordings need of a quote. */
export type WordedQuote = Pick<Quote, 'id' | 'text'> & Partial<Pick<Quote, 'original' | 'variants'>>;

export interface Wordings {
  /**
   * One entry per wording: its quote's id, its text, and a key naming the wording (the
   * quote id, with `#original` or `#v<k>` for the others; the index's fingerprint hashes these).
   */
  list: { id: string; key: string; text: string }[];
  /** The quote number of each wording. */
  quoteOf: Uint32Array;
  /** Which wording of its quote each one is (undefined: the main text). */
  refs: (WordingRef | undefined)[];
}

export function wordingsOf(quotes: readonly WordedQuote[]): Wordings {
  const list: Wordings['list'] = quotes.map((q) => ({ id: q.id, key: q.id, text: q.text }));
  const owners: number[] = quotes.map((_, q) => q);
  const refs: (WordingRef | undefined)[] = quotes.map(() => undefined);
  quotes.forEach((q, n) => {
    if (q.original) {
      list.push({ id: q.id, key: `${q.id}#original`, text: q.original.text });
      owners.push(n);
      refs.push({ kind: 'original', lang: q.original.lang });
    }
    q.variants?.forEach((v, k) => {
      list.push({ id: q.id, key: `${q.id}#v${k}`, text: v.text });
      owners.push(n);
      refs.push({ kind: v.kind, lang: v.lang, variant: k });
    });
  });
  return { list, quoteOf: Uint32Array.from(owners), refs };
}

/** The text and source of the wording a finding names on its quote (the main text when `ref` is undefined). */
export function wordingText(quote: WordedQuote, ref: WordingRef | undefined): string {
  if (!ref) return quote.text;
  if (ref.kind === 'original') return quote.original?.text ?? quote.text;
  return quote.variants?.[ref.variant ?? -1]?.text ?? quote.text;
}

/** The source of that wording: the original's or the variant's; the quote's first source for the main text. */
export function wordingSourceOf(
  quote: WordedQuote & Partial<Pick<Quote, 'sources'>>,
  ref: WordingRef | undefined,
): { title: string; publisher?: string; url?: string; published?: string } | undefined {
  if (ref?.kind === 'original') return quote.original?.source;
  if (ref) return quote.variants?.[ref.variant ?? -1]?.source;
  return quote.sources?.[0];
}
