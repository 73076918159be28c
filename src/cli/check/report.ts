/**
 * The report `check` prints: one entry per file, one per finding, with the
 * corpus record each finding refers to. The JSON output is this object as is;
 * the human report is a view of it (./human.ts).
 *
 * JSON contract (fields may be added, never removed or renamed):
 * { "files": [ { "path", "findings": [ { "verdict", "quoteId", "text",
 *   "speaker", "date", "source": { "title", "url" }, "diff", "flags" } ] } ] }
 * Fields of the corpus record are null for `unverified` findings. A `variant`
 * (another wording of a verified statement) names the corpus quotation it
 * belongs to like any other finding; `wording` says which vetted wording the
 * page was judged against when it was not the record's main text.
 */
import type { Quote } from '../../corpus/schema';
import type { DiffOp, Finding, Flag, Verdict, WordingRef } from '../../match/types';
import { wordingSourceOf, wordingText } from '../../match/wordings';

/** The vetted wording a finding was judged against, when not the record's main text (an original, a translation). */
export interface ReportWording {
  kind: WordingRef['kind'];
  lang: string;
  text: string;
  source: { title: string; publisher: string | null; url: string | null } | null;
}

export interface ReportSource {
  title: string;
  url: string | null;
  publisher: string | null;
  /** The source URL with a Text Fragment that scrolls to the quote. */
  fragmentUrl: string | null;
  published: string | null;
}

export interface ReportFinding {
  verdict: Verdict;
  quoteId: string | null;
  /** The page's wording, exactly as in the checked text. */
  text: string;
  /** The verified wording from the corpus. */
  verifiedText: string | null;
  speaker: string | null;
  role: string | null;
  /** Statement date, ISO partial (YYYY, YYYY-MM or YYYY-MM-DD). */
  date: string | null;
  datePrecision: Quote['datePrecision'] | null;
  /** The first source; `sources` lists them all. */
  source: ReportSource | null;
  sources: ReportSource[];
  /** Word diff from the verified wording to the page's wording. */
  diff: DiffOp[];
  flags: Flag[];
  score: number;
  /** For `misattributed`: who the page says said it. */
  attributedTo: string | null;
  /** The vetted wording judged against, when not `verifiedText` (the record's main text); for `variant`, the one it resembles most. */
  wording: ReportWording | null;
  /** Found without quotation marks (a blockquote, a headline, prose). */
  unquoted: boolean;
  /** Offsets in the checked text (for HTML: the collected page text). */
  start: number;
  end: number;
  /** 1-based position in the file (HTML, Markdown and plain text). */
  line?: number;
  column?: number;
  /** Offsets in the decoded file (UTF-16 code units) where the quotation starts and ends. */
  fileStart?: number;
  fileEnd?: number;
}

export interface FileReport {
  path: string;
  format: string | null;
  /** Why the file could not be checked; its findings are then empty. */
  error?: string;
  /**
   * Set when part of the file could not be checked (the page collector's cap
   * was reached in a window): the findings cover the file up to there. Never
   * expected (windows are far below the cap), never silent: exit code 2.
   */
  truncated?: { atLine: number; atOffset: number };
  findings: ReportFinding[];
}

export type VerdictCounts = Record<Verdict, number>;

export interface Summary {
  files: number;
  /** Files that could not be checked, or only in part (truncated). */
  errors: number;
  verdicts: VerdictCounts;
}

export interface Report {
  /** The corpus checked against: its file, how it was chosen (src/cli/corpus-source.ts), its name and size. */
  corpus: { path: string; from: string; name: string; quotes: number };
  files: FileReport[];
  summary: Summary;
}

export const VERDICTS: readonly Verdict[] = ['verified', 'altered', 'misattributed', 'variant', 'unverified'];

/** Verdicts that fail a check: the page misquotes someone. */
export const FAILING: ReadonlySet<Verdict> = new Set<Verdict>(['altered', 'misattributed']);

function toSource(source: Quote['sources'][number]): ReportSource {
  return {
    title: source.title,
    url: source.url ?? null,
    publisher: source.publisher ?? null,
    fragmentUrl: source.fragmentUrl ?? null,
    published: source.published ?? null,
  };
}

function reportWording(quote: Quote, ref: WordingRef): ReportWording {
  const source = wordingSourceOf(quote, ref);
  return {
    kind: ref.kind,
    lang: ref.lang,
    text: wordingText(quote, ref),
    source: source ? { title: source.title, publisher: source.publisher ?? null, url: source.url ?? null } : null,
  };
}

export function toReportFinding(
  finding: Finding,
  quotes: ReadonlyMap<string, Quote>,
  where?: { line: number; column: number },
): ReportFinding {
  const quote = finding.quoteId === undefined ? undefined : quotes.get(finding.quoteId);
  const sources = quote ? quote.sources.map(toSource) : [];
  return {
    verdict: finding.verdict,
    quoteId: finding.quoteId ?? null,
    text: finding.text,
    verifiedText: quote?.text ?? null,
    speaker: quote?.speaker.name ?? null,
    role: quote?.speaker.role ?? null,
    date: quote?.date ?? null,
    datePrecision: quote?.datePrecision ?? null,
    source: sources[0] ?? null,
    sources,
    diff: finding.diff,
    flags: finding.flags,
    score: finding.score,
    attributedTo: finding.attributedTo ?? null,
    wording: quote && finding.wording ? reportWording(quote, finding.wording) : null,
    unquoted: finding.unquoted ?? false,
    start: finding.start,
    end: finding.end,
    ...(where ? { line: where.line, column: where.column } : {}),
  };
}

export function summarize(files: readonly FileReport[]): Summary {
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as VerdictCounts;
  for (const file of files) for (const f of file.findings) verdicts[f.verdict] += 1;
  return { files: files.length, errors: files.filter((f) => f.error !== undefined || f.truncated !== undefined).length, verdicts };
}

/** 2 when any file could not be checked (or only in part), else 1 when any quotation is altered or misattributed, else 0. */
export function exitCode(report: Report): number {
  if (report.summary.errors > 0) return 2;
  return report.files.some((f) => f.findings.some((x) => FAILING.has(x.verdict))) ? 1 : 0;
}
