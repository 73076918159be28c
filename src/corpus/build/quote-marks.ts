/**
 * Quoted spans of one paragraph for the builder, read by the project's one
 * quote-mark scanner (src/text/quote-marks.ts, which the matcher uses too):
 * “…”, "…", ‘…’, '…', «…», „…“, ‹…›, 「…」, Swedish ”…”. Only top-level
 * spans are returned; nested quotes stay part of their parent's wording. A
 * double mark left open at the paragraph's end runs on to it (a statement
 * continued in the next paragraph).
 */
import { topLevelQuotes } from '../../text/quote-marks';

export interface QuoteSpan {
  /** Index of the opening mark. */
  open: number;
  /** Index of the closing mark, or -1 when the quote runs on past the paragraph's end. */
  close: number;
  contentStart: number;
  /** End of the wording (exclusive): the closing mark, or the paragraph's end. */
  contentEnd: number;
  /** Double marks may run over paragraphs; single ones are too easily apostrophes to try. */
  double: boolean;
}

const DOUBLE = /^[\u201C\u201D\u201E\u00AB\u00BB"\u300E\u300F]$/u;

/** Top-level quoted spans of `text`, in order. Linear in the length of `text`. */
export function scanQuotes(text: string): QuoteSpan[] {
  return topLevelQuotes(text).map((s) =>
    s.unclosed
      ? { open: s.open, close: -1, contentStart: s.open + 1, contentEnd: text.length, double: true }
      : { open: s.open, close: s.close - 1, contentStart: s.open + 1, contentEnd: s.close - 1, double: DOUBLE.test(text[s.open]!) },
  );
}

/** Does the paragraph open with a quotation mark (a continued quote's next paragraph)? */
export function opensWithQuote(text: string, spans: QuoteSpan[]): boolean {
  const first = spans[0];
  return first !== undefined && first.double && text.slice(0, first.open).trim() === '';
}
