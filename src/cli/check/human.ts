/**
 * The human report: grouped by file, each finding with its verdict, the page
 * wording, a word diff against the verified wording, the speaker, the date and
 * the source. Colour only when asked (a terminal without NO_COLOR); without
 * colour the diff reads `[-removed-] {+added+}`, as `git diff --word-diff`
 * prints it, so it survives logs and copy-paste.
 */
import { escapeControlChars } from '../../corpus/import/control-chars';
import type { DiffOp, Flag, Verdict } from '../../match/types';
import type { FileReport, Report, ReportFinding, ReportSource } from './report';
import { VERDICTS } from './report';
import { VERDICTS as VERDICT_TABLE } from '../../match/verdicts';

export interface Style {
  verdict(v: Verdict, s: string): string;
  removed(s: string): string;
  added(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const sgr = (open: string, close: string) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
/** Verdict colours are the VERDICTS table's (src/match/verdicts.ts): the same verdict, the same colour, everywhere. */
const verdictColour = (v: Verdict) => sgr(VERDICT_TABLE[v].ansi, VERDICT_TABLE[v].ansi === '2' ? '22' : '39');

export const COLOUR: Style = {
  verdict: (v, s) => verdictColour(v)(sgr('1', '22')(s)),
  // Colour plus strike-through/underline: the diff must not rely on colour alone.
  removed: (s) => sgr('31', '39')(sgr('9', '29')(s)),
  added: (s) => sgr('32', '39')(sgr('4', '24')(s)),
  dim: sgr('2', '22'),
  bold: sgr('1', '22'),
};

export const PLAIN: Style = {
  verdict: (_v, s) => s,
  removed: (s) => `[-${s}-]`,
  added: (s) => `{+${s}+}`,
  dim: (s) => s,
  bold: (s) => s,
};

/** Colour when stdout is a terminal, unless NO_COLOR is set (no-color.org); FORCE_COLOR forces it. */
export function wantsColour(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return isTTY === true && env.TERM !== 'dumb';
}

/** "✓ VERIFIED", "≠ ALTERED": the table's glyph and word; unverified spans are listed quietly. */
const label = (v: Verdict) => (v === 'unverified' ? `${VERDICT_TABLE[v].glyph} unverified` : `${VERDICT_TABLE[v].glyph} ${VERDICT_TABLE[v].word.toUpperCase()}`);

const FLAG_WORDING: Record<Flag, string> = {
  negation: 'a negation was added or removed',
  number: 'a number changed',
  name: 'a name changed',
  modal: 'a modal verb changed',
  hedge: 'how sure the speaker was changed',
  quantity: 'a quantity word changed',
  antonym: 'a word became its opposite',
  swap: 'who does what to whom was swapped',
  verb: 'a verb was replaced',
  wording: 'a word was replaced',
  homoglyph: 'a word mixes scripts (look-alike letters)',
  excerpt: 'quotes part of the verified quotation',
  ellipsis: 'joins excerpts with an ellipsis',
  embedded: 'the verified quotation sits inside a longer quotation',
  rendering: 'the page draws part of it in a way that could not be checked (not verified)',
};

/** Longest page wording printed for an unverified span; they are listed, not examined. */
const UNVERIFIED_PREVIEW_CHARS = 100;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "Tuesday, 16 December 2025", "December 2025" or "2025": never more precise than the corpus. */
export function formatDate(iso: string, precision: ReportFinding['datePrecision']): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  if (mo === undefined || precision === 'year') return y!;
  const month = MONTHS[Number(mo) - 1] ?? mo;
  if (d === undefined || precision === 'month') return `${month} ${y}`;
  const weekday = WEEKDAYS[new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDay()];
  return `${weekday}, ${Number(d)} ${month} ${y}`;
}

/**
 * Article text, file names and corpus fields on one line, with control
 * characters, escape sequences and bidi controls shown as `\u001b`: an
 * article must not be able to recolour, hide or reorder words on the
 * editor's terminal (the style's own colour codes are added after this).
 */
export const safe = (s: string) => escapeControlChars(s);
const oneLine = (s: string) => safe(s.replace(/\s+/g, ' ').trim());

export function formatDiff(diff: readonly DiffOp[], style: Style): string {
  return diff
    .map((op) => {
      const words = oneLine(op.text);
      if (words === '') return '';
      if (op.op === 'delete') return style.removed(words);
      if (op.op === 'insert') return style.added(words);
      return words;
    })
    .filter((s) => s !== '')
    .join(' ');
}

function formatSource(source: ReportSource): string {
  const parts = [source.title];
  if (source.publisher) parts.push(source.publisher);
  const url = source.fragmentUrl ?? source.url;
  if (url) parts.push(url);
  return oneLine(parts.join(' — '));
}

function formatWordingSource(source: { title: string; publisher: string | null; url: string | null }): string {
  return [source.title, source.publisher, source.url].filter((x): x is string => !!x).join(' — ');
}

function field(name: string, value: string, style: Style): string {
  return `      ${style.dim(name.padEnd(13))} ${value}`;
}

function formatFinding(f: ReportFinding, style: Style): string[] {
  const where = f.line === undefined ? '' : style.dim(` line ${f.line}:${f.column}`);
  if (f.verdict === 'unverified') {
    const text = oneLine(f.text);
    const preview = text.length > UNVERIFIED_PREVIEW_CHARS ? `${text.slice(0, UNVERIFIED_PREVIEW_CHARS - 1)}…` : text;
    return [`  ${style.verdict(f.verdict, label(f.verdict))}${where}  ${style.dim(`“${preview}”`)}`];
  }
  const lines = [`  ${style.verdict(f.verdict, label(f.verdict))}${where}`];
  lines.push(field('page', `“${oneLine(f.text)}”`, style));
  if (f.diff.some((op) => op.op !== 'equal')) lines.push(field('diff', formatDiff(f.diff, style), style));
  else if (f.verifiedText !== null && (f.verdict === 'altered' || f.verdict === 'variant')) {
    lines.push(field('verified', `“${oneLine(f.wording?.text ?? f.verifiedText)}”`, style));
  }
  if (f.wording !== null) {
    const source = f.wording.source ? ` — ${formatWordingSource(f.wording.source)}` : '';
    lines.push(field('against', oneLine(`the ${f.wording.kind === 'original' ? 'original' : f.wording.kind} (${f.wording.lang})${source}`), style));
    if (f.verifiedText !== null) lines.push(field('main wording', `“${oneLine(f.verifiedText)}”`, style));
  }
  if (f.flags.length > 0) lines.push(field('flags', f.flags.map((x) => `${x} (${FLAG_WORDING[x]})`).join('; '), style));
  if (f.attributedTo !== null) lines.push(field('attributed to', `${oneLine(f.attributedTo)} on the page`, style));
  if (f.speaker !== null) lines.push(field('speaker', oneLine(f.role ? `${f.speaker}, ${f.role}` : f.speaker), style));
  if (f.date !== null) lines.push(field('date', formatDate(f.date, f.datePrecision), style));
  if (f.source !== null) lines.push(field('source', formatSource(f.source), style));
  if (f.sources.length > 1) lines.push(field('also in', `${f.sources.length - 1} other source${f.sources.length > 2 ? 's' : ''}`, style));
  return lines;
}

export function formatFile(file: FileReport, style: Style): string {
  const lines = [style.bold(safe(file.path))];
  if (file.error !== undefined) lines.push(`  error: ${safe(file.error)}`);
  if (file.truncated !== undefined) lines.push(`  error: only checked up to line ${file.truncated.atLine}: the rest of the file was not read`);
  else if (file.findings.length === 0) lines.push(style.dim('  no quotations found'));
  for (const f of file.findings) lines.push(...formatFinding(f, style));
  return `${lines.join('\n')}\n`;
}

export function formatSummary(report: Report, style: Style): string {
  const { files, errors, verdicts } = report.summary;
  // Another wording of a verified statement is listed only when there is one: it is neither a check passed nor a problem.
  const counts = VERDICTS.filter((v) => v !== 'variant' || verdicts[v] > 0).map((v) => {
    const text = v === 'variant' ? `${verdicts[v]} ${VERDICT_TABLE[v].lower}${verdicts[v] === 1 ? '' : 's'}` : `${verdicts[v]} ${v}`;
    return verdicts[v] > 0 ? style.verdict(v, text) : text;
  }).join(', ');
  const failed = errors > 0 ? `, ${errors} could not be checked` : '';
  const corpus = style.dim(` (corpus: ${oneLine(report.corpus.name)}, ${report.corpus.quotes} quotes)`);
  return `${files} file${files === 1 ? '' : 's'}${failed}: ${counts}${corpus}\n`;
}

export function formatHuman(report: Report, style: Style): string {
  return [...report.files.map((f) => formatFile(f, style)), formatSummary(report, style)].join('\n');
}
