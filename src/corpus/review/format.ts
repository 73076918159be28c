/** How the review tools show a quote to an editor: id, speaker, date, wording, context, sources. */
import type { Quote } from '../schema';

/** Context longer than this is shortened in lists; the interactive walk shows it whole. */
const LIST_CONTEXT_CHARS = 400;

const indent = (s: string, pad: string) => s.split('\n').map((l) => (l === '' ? '' : `${pad}${l}`)).join('\n');

export function formatQuoteForReview(q: Quote, options: { fullContext?: boolean } = {}): string {
  const state = q.review?.state ?? 'approved';
  const speaker = q.speaker.role === undefined ? q.speaker.name : `${q.speaker.name} (${q.speaker.role})`;
  const lines = [`${q.id}  [${state}]  ${speaker}, ${q.date}`, `  “${q.text}”`];
  if (q.review?.note) lines.push(`  note: ${q.review.note}${q.review.reviewer ? ` (${q.review.reviewer})` : ''}`);
  if (q.context.trim() !== '') {
    const ctx = !options.fullContext && q.context.length > LIST_CONTEXT_CHARS ? `${q.context.slice(0, LIST_CONTEXT_CHARS - 1)}…` : q.context;
    lines.push('  context:', indent(ctx, '    '));
  }
  for (const s of q.sources) {
    lines.push(`  source: ${s.title}${s.publisher ? ` — ${s.publisher}` : ''}${s.url ? ` <${s.url}>` : ''} [${s.docId}]`);
  }
  return lines.join('\n');
}

/** One line per quote, for error lists (strict builds). */
export function formatQuoteLine(q: Quote): string {
  const s = q.sources[0];
  const src = s ? `${s.title}${s.url ? ` <${s.url}>` : ''}` : '';
  return `  ${q.id}  ${q.speaker.name}, ${q.date}: “${q.text}”${src ? `\n      source: ${src}` : ''}`;
}
