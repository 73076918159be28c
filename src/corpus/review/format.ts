/**
 * How the review tools show a quote to an editor: id, speaker, date, wording,
 * context, sources. Control and bidi characters in any field are printed
 * escaped (\u001b), so a terminal escape in a database cannot hide words from
 * the person approving them.
 */
import { escapeControlChars as esc } from '../import/control-chars';
import type { Quote } from '../schema';
import { wordingsForReview } from '../wordings';

/** Context longer than this is shortened in lists; the interactive walk shows it whole. */
const LIST_CONTEXT_CHARS = 400;

const indent = (s: string, pad: string) => s.split('\n').map((l) => (l === '' ? '' : `${pad}${l}`)).join('\n');

export interface ReviewFormatOptions {
  fullContext?: boolean;
  /**
   * How dates read (default: as stored, "2025-03"). The CLI passes the check
   * command's formatter so both commands say "March 2025"; it lives in src/cli,
   * which this layer may not import.
   */
  formatDate?: (date: string, precision: Quote['datePrecision']) => string;
}

export function formatQuoteForReview(q: Quote, options: ReviewFormatOptions = {}): string {
  const state = q.review?.state ?? 'approved';
  const speaker = q.speaker.role === undefined ? q.speaker.name : `${q.speaker.name} (${q.speaker.role})`;
  const date = options.formatDate ? options.formatDate(q.date, q.datePrecision) : q.date;
  const lines = [`${esc(q.id)}  [${state}]  ${esc(speaker)}, ${esc(date)}`, `  “${esc(q.text)}”`];
  // Each other wording is approved with the quote: the editor sees every one with its source.
  for (const w of wordingsForReview(q)) lines.push(`  ${esc(w)}`);
  if (q.review?.note) lines.push(`  note: ${esc(q.review.note)}${q.review.reviewer ? ` (${esc(q.review.reviewer)})` : ''}`);
  if (q.context.trim() !== '') {
    const ctx = !options.fullContext && q.context.length > LIST_CONTEXT_CHARS ? `${q.context.slice(0, LIST_CONTEXT_CHARS - 1)}…` : q.context;
    lines.push('  context:', indent(esc(ctx), '    '));
  }
  for (const s of q.sources) {
    lines.push(`  source: ${esc(s.title)}${s.publisher ? ` — ${esc(s.publisher)}` : ''}${s.url ? ` <${esc(s.url)}>` : ''} [${esc(s.docId)}]`);
  }
  return lines.join('\n');
}

/** One line per quote, for error lists (strict builds). */
export function formatQuoteLine(q: Quote): string {
  const s = q.sources[0];
  const src = s ? `${esc(s.title)}${s.url ? ` <${esc(s.url)}>` : ''}` : '';
  return `  ${esc(q.id)}  ${esc(q.speaker.name)}, ${esc(q.date)}: “${esc(q.text)}”${src ? `\n      source: ${src}` : ''}`;
}
