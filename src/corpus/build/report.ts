/** The build summary a person reads after `quote-verifier corpus`. */
import type { BuildReport } from './index';
import type { SetAside, Warning } from './extract';

import { escapeControlChars } from '../import/control-chars';

/** file:line, with any control character in a file name shown escaped (a name must not rewrite the terminal). */
const where = (x: { file: string; line?: number }) => {
  const file = escapeControlChars(x.file);
  return x.line === undefined ? file : `${file}:${x.line}`;
};

/** Longest quotation shown in the report before it is shortened. */
const SHOWN_QUOTE_CHARS = 90;

const shorten = (raw: string) => {
  const s = escapeControlChars(raw);
  return s.length > SHOWN_QUOTE_CHARS ? `${s.slice(0, SHOWN_QUOTE_CHARS - 1)}…` : s;
};

function setAsideLines(title: string, items: SetAside[]): string[] {
  if (items.length === 0) return [`${title}: none`];
  return [`${title} (${items.length}):`, ...items.map((t) => `  ${where(t)}  ${shorten(t.quoted)}  — ${t.reason}`)];
}

function warningLines(items: Warning[]): string[] {
  if (items.length === 0) return ['Warnings: none'];
  return [`Warnings (${items.length}):`, ...items.map((w) => `  ${where(w)}: ${escapeControlChars(w.message)}`)];
}

function reviewLines(r: NonNullable<BuildReport['review']>): string[] {
  const { approved, rejected, pending } = r.counts;
  const lines = [`Review (${r.file}): ${approved} approved, ${rejected} rejected, ${pending} pending`];
  for (const c of r.changed) {
    lines.push(`  ${c.id}: ${c.wordingsOnly ? 'its other wordings (original, translations) changed' : 'the wording changed'} since it was ${c.was.state}; pending again`);
  }
  if (r.stale.length) {
    lines.push(`  ${r.stale.length} review entr${r.stale.length === 1 ? 'y names a quote' : 'ies name quotes'} no longer in the corpus (kept): ${r.stale.join(', ')}`);
  }
  if (pending) lines.push(`  Warning: ${pending} quotation${pending === 1 ? ' is' : 's are'} pending review and will not ship: run \`quote-verifier review\``);
  return lines;
}

export function formatReport(report: BuildReport, options: { verbose?: boolean } = {}): string {
  const total = report.perSpeaker.reduce((n, s) => n + s.direct + s.partial, 0);
  const direct = report.perSpeaker.reduce((n, s) => n + s.direct, 0);
  const lines = [
    `Documents read: ${report.documents.length}`,
    `Quotations: ${total} (${direct} direct, ${total - direct} partial)${report.merged ? `, ${report.merged} reported by several documents` : ''}`,
  ];
  if (report.perSpeaker.length) {
    lines.push('Quotations per speaker:');
    const width = Math.max(...report.perSpeaker.map((s) => s.name.length));
    for (const s of report.perSpeaker) {
      lines.push(`  ${s.name.padEnd(width)}  ${s.direct + s.partial} (${s.direct} direct, ${s.partial} partial)`);
    }
  }
  for (const imp of report.imports) {
    lines.push(`Imported ${imp.file} (${imp.format}): ${imp.quotes} quotation${imp.quotes === 1 ? '' : 's'}`);
    if (imp.leftOut.length) {
      lines.push(`  Not imported (${imp.leftOut.length}):`);
      for (const l of imp.leftOut) {
        lines.push(`    ${l.where}${l.line === undefined ? '' : ` (line ${l.line})`}  ${l.text ? `${shorten(l.text)}  — ` : ''}${l.reason}`);
      }
    }
  }
  if (report.skipped.length) {
    lines.push(`Documents skipped (${report.skipped.length}):`, ...report.skipped.map((d) => `  ${where(d)}: ${escapeControlChars(d.reason)}`));
  }
  lines.push(...setAsideLines('Terms dropped', report.terms));
  lines.push(...setAsideLines('Quotations left out', report.leftOut));
  lines.push(...warningLines(report.warnings));
  if (report.review) lines.push(...reviewLines(report.review));
  if (options.verbose) {
    for (const d of report.documents) {
      lines.push(`${d.file}: ${d.format}, ${d.paragraphs} paragraphs, ${d.quotes} quotations`);
      for (const l of d.leftovers) lines.push(`  dropped ${l.line ?? '?'} (${l.reason}): ${shorten(l.text)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
