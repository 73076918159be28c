/**
 * Quoted spans of a page's text: the one quote-mark scanner of the project,
 * shared with the corpus builder, lives in src/text/quote-marks.ts.
 */
export { findQuotedSpans, MAX_OPEN_QUOTES, MAX_QUOTED_SPAN_CHARS, type QuotedSpan } from '../text/quote-marks';
