/**
 * The matching engine: pure TypeScript, no DOM, no browser API. Import from
 * here in Node (CLI, tests, benchmark) and in the extension's background.
 */
export type { Verdict, DiffOp, Flag, Finding, MatchOptions, SpanInput, LookupResult, LookupContext } from './types';
export { createMatcher, type Matcher, type MatcherQuote } from './matcher';
export {
  buildIndex,
  serializeIndex,
  loadIndex,
  indexByteSize,
  corpusFingerprint,
  IndexError,
  INDEX_FORMAT_VERSION,
  TOKENIZER_VERSION,
  SHIPPED_INDEX_FORMAT_VERSION,
  serializeShippedIndex,
  openShippedIndex,
  isoDateKey,
  isoFromDateKey,
  type MatchIndex,
  type IndexedQuote,
  type ShippedIndex,
  type ShippedIndexInput,
  type ShippedQuote,
  type ShippedWording,
} from './match-index';
export { findQuotedSpans, type QuotedSpan } from './candidates';
export { attributionOf, type Attribution, type AttributionContext, type SpeakerRef } from './attribution';
export { tokenize, type Tokens } from './tokenize';
export { markUnjudged, isUnjudgedSpan, UNJUDGED_REASONS, type UnjudgedSpan, type UnjudgedReason } from './unjudged';
