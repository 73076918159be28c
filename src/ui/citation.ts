/**
 * Citation text for "Copy citation". Pure; parts the corpus does not give are
 * left out rather than filled with placeholders.
 *   “text” — Speaker, Role, Friday, 13 December 2024. Source title, Publisher. https://…
 */
import type { Quote, Source } from '../corpus/schema';
import { formatStatementDate } from './format';

export function buildCitation(quote: Quote, source: Source | undefined = quote.sources[0]): string {
  const who = [quote.speaker.name, quote.speaker.role, formatStatementDate(quote.date, quote.datePrecision)]
    .filter(Boolean)
    .join(', ');
  let out = `“${quote.text}” — ${who}.`;
  if (source) {
    const where = [source.title, source.publisher].filter(Boolean).join(', ');
    out += ` ${where}.`;
    // The plain URL: a citation should survive browsers without text-fragment support.
    const url = safeHref(source.url) ?? safeHref(source.fragmentUrl);
    if (url) out += ` ${url}`;
  }
  return out;
}

/**
 * Only http(s) links are rendered or copied. The corpus schema checks that a
 * URL parses, and `javascript:` parses too.
 */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return /^https?:\/\//i.test(url) ? url : undefined;
}
