/**
 * The one place the host meets the matching engine. Everything else in
 * src/host codes against `Matcher`, so the engine's construction can change
 * without touching the request handling.
 *
 * TEMPORARY: until src/match exposes `createMatcher(quotes, index?)`, this file
 * holds a stand-in that only recognises exact quotations (after
 * normalization). It exists so the extension can be built and driven end to
 * end; it knows nothing of altered or misattributed quotes. Replace its body
 * with a re-export of the engine when the engine lands.
 */
import type { Quote } from '../corpus/schema';
import type { Finding } from '../match/types';
import { normalize, canonical } from '../text';

export interface LookupResult {
  best?: Finding;
  nearest: { quoteId: string; score: number }[];
}

export interface Matcher {
  /** Every quotation of the corpus found in `text`; offsets refer to `text`. */
  findAll(text: string): Finding[];
  /** A fact-checker's selection: the best match, if any, and the nearest candidates. */
  lookup(selection: string): LookupResult;
}

export type MatcherFactory = (quotes: readonly Quote[], index?: Uint8Array) => Matcher;

/** Stand-in: below this length a normalized quotation is too common to claim a match on exact text alone. */
const STAND_IN_MIN_QUOTE_CHARS = 12;

export const createEngineMatcher: MatcherFactory = (quotes) => {
  const folded = quotes
    .map((q) => ({ quote: q, text: canonical(q.text) }))
    .filter((q) => q.text.length >= STAND_IN_MIN_QUOTE_CHARS);

  const findAll = (text: string): Finding[] => {
    const norm = normalize(text);
    const findings: Finding[] = [];
    for (const { quote, text: needle } of folded) {
      let at = norm.text.indexOf(needle);
      while (at >= 0) {
        const start = norm.map[at]!;
        const end = norm.map[at + needle.length - 1]! + 1;
        const pageText = text.slice(start, end);
        findings.push({
          verdict: 'verified',
          quoteId: quote.id,
          score: 1,
          start,
          end,
          text: pageText,
          diff: [{ op: 'equal', text: quote.text }],
          flags: [],
        });
        at = norm.text.indexOf(needle, at + needle.length);
      }
    }
    return findings.sort((a, b) => a.start - b.start);
  };

  return {
    findAll,
    lookup(selection) {
      const best = findAll(selection)[0];
      return best ? { best, nearest: [] } : { nearest: [] };
    },
  };
};
