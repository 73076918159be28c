/** The build summary a person reads after `quote-verifier corpus`. */
import type { BuildReport } from './index';
import type { SetAside, Warning } from './extract';

const where = (x: { file: string; line?: number }) => (x.line === undefined ? x.file : `${x.file}:${x.line}`);

/** Longest quotation shown in the report before it is shortened. */
const SHOWN_QUOTE_CHARS = 90;

const shorten = (s: string) => (s.length > SHOWN_QUOTE_CHARS ? `${s.slice(0, SHOWN_QUOTE_CHARS - 1)}…` : s);

function setAsideLines(title: string, items: SetAside[]): string[] {
  if (items.length === 0) return [`${title}: none`];
  return [`${title} (${items.length}):`, ...items.map((t) => `  ${where(t)}  ${shorten(t.quoted)}  — ${t.reason}`)];
}

function warningLines(items: Warning[]): string[] {
  if (items.length === 0) return ['Warnings: none'];
  return [`Warnings (${items.length}):`, ...items.map((w) => `  ${where(w)}: ${w.message}`)];
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
  lines.push(...setAsideLines('Terms dropped', report.terms));
  lines.push(...setAsideLines('Quotations left out', report.leftOut));
  lines.push(...warningLines(report.warnings));
  if (options.verbose) {
    for (const d of report.documents) {
      lines.push(`${d.file}: ${d.format}, ${d.paragraphs} paragraphs, ${d.quotes} quotations`);
      for (const l of d.leftovers) lines.push(`  dropped ${l.line ?? '?'} (${l.reason}): ${shorten(l.text)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
