/**
 * The one place the host meets the matching engine. Everything else in
 * src/host codes against `Matcher`, the part of the engine's matcher the host
 * uses, so the engine can grow without touching the request handling.
 */
import { createMatcher, type MatcherQuote } from '../match';
import type { MatchIndex } from '../match/match-index';
import type { SpeakerTable } from '../match/variant';
import type { Wordings } from '../match/wordings';
import type { Finding, LookupContext, LookupResult } from '../match/types';

export type { LookupResult };

export interface Matcher {
  /**
   * Every quotation of the corpus found in `text`; offsets refer to `text`. `pageDate`: the
   * page's own date, which bounds the `variant` verdict (src/match/variant.ts).
   */
  findAll(text: string, options?: { pageDate?: string }): Finding[];
  /** A fact-checker's selection: the best match, if any, and the nearest candidates. */
  lookup(selection: string, context?: LookupContext): LookupResult;
  /** Prepares up to `count` wordings for `lookup`; true when it needs no more (src/match/matcher.ts). */
  prepareLookup?(count: number): boolean;
}

/**
 * `index`: a serialized index for these quotes, or the views of a shipped one
 * (src/host/shipped-host.ts); without it the engine builds one. `wordings`, `speakers`: the
 * shipped index's, read without an object per quote.
 */
export type MatcherFactory = (quotes: readonly MatcherQuote[], index?: Uint8Array | MatchIndex, wordings?: Wordings, speakers?: SpeakerTable) => Matcher;

export const createEngineMatcher: MatcherFactory = (quotes, index, wordings, speakers) => createMatcher(quotes, index, wordings, speakers);
