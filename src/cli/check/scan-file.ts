/**
 * Checks one file of any size: the decoded text streams through ./windows.ts,
 * each window goes through the extension's text extraction and engine, and
 * each finding gets its position in the file (line, column and offsets in the
 * decoded text) and is kept by the window that owns its start.
 */
import type { Quote } from '../../corpus/schema';
import type { Finding } from '../../match/types';
import type { Checker } from './engine';
import { extractText, type InputFormat } from './extract';
import { HtmlLocator } from './html-locate';
import { toReportFinding, type ReportFinding } from './report';
import { windows, type Window, type WindowSizes } from './windows';

export interface FileScan {
  findings: ReportFinding[];
  /** Windows the file was read in (1 for any article of ordinary size). */
  windows: number;
  /** Set if some text could not be read (the collector's cap was reached in a window): where it stopped. */
  truncated?: { atLine: number; atOffset: number };
}

/** Line starts of a window's source, for line and column. */
class Lines {
  private readonly starts: number[] = [0];
  constructor(
    source: string,
    /** 1-based line number of the window's first line. */
    private readonly firstLine: number,
    /** Column (0-based) at which the window starts on its first line. */
    private readonly firstColumn: number,
  ) {
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const column = offset - this.starts[lo]! + (lo === 0 ? this.firstColumn : 0);
    return { line: this.firstLine + lo, column: column + 1 };
  }

  /** Newlines before `offset`, and the 0-based column there (counted from the line's start in the file), for the next window's start. */
  countTo(offset: number): { lines: number; column: number } {
    const p = this.at(offset);
    return { lines: p.line - this.firstLine, column: p.column - 1 };
  }
}

type Ok = Extract<Checker, { ok: true }>;

/** A finding in the window's text, with where it is in the window's source (undefined if not located). */
interface Placed {
  finding: Finding;
  at?: { start: number; end: number };
}

async function scanWindow(w: Window, format: InputFormat, checker: Ok): Promise<{ placed: Placed[]; quotes: ReadonlyMap<string, Quote>; truncated: boolean }> {
  // A Markdown window after the first starts after a blank line: keep a leading `---` from reading as front matter.
  const lead = format === 'html' ? w.prefix : format === 'markdown' && w.start > 0 ? '\n\n' : '';
  const article = await extractText(lead + w.source, format);
  const { findings, quotes } = checker.scan(article.text, article.unjudged);
  let placed: Placed[];
  if (format === 'html') {
    const locator = new HtmlLocator(w.source);
    placed = [...findings].sort((a, b) => a.start - b.start).map((finding) => ({ finding, at: locator.locate(finding.text) }));
  } else {
    const map = article.map;
    const place = (i: number) => (map ? map[Math.min(i, map.length - 1)]! : i) - lead.length;
    placed = findings.map((finding) => ({ finding, at: { start: place(finding.start), end: place(finding.end) } }));
  }
  return { placed, quotes, truncated: article.truncated === true };
}

const key = (f: Finding) => `${f.verdict}\u0000${f.quoteId ?? ''}\u0000${f.text}`;

export async function scanFile(text: AsyncIterable<string>, format: InputFormat, checker: Ok, sizes?: WindowSizes): Promise<FileScan> {
  const findings: ReportFinding[] = [];
  let count = 0;
  let truncated: FileScan['truncated'];
  let line = 1;
  let column = 0;
  let previous: { window: Window; lines: Lines } | undefined;
  let previousUnplaced = new Set<string>();
  for await (const w of windows(text, format, sizes)) {
    count++;
    if (previous) {
      const moved = previous.lines.countTo(w.start - previous.window.start);
      line += moved.lines;
      column = moved.column;
    }
    const lines = new Lines(w.source, line, column);
    const { placed, quotes, truncated: cut } = await scanWindow(w, format, checker);
    if (cut && truncated === undefined) truncated = { atLine: line, atOffset: w.start };
    const unplaced = new Set<string>();
    for (const { finding, at } of placed) {
      if (at === undefined) {
        // Not located in the source (HTML hiding a letter in an entity): no position; kept once.
        if (previousUnplaced.has(key(finding))) continue;
        unplaced.add(key(finding));
        findings.push(toReportFinding(finding, quotes));
        continue;
      }
      const fileStart = w.start + at.start;
      if (fileStart < w.ownStart || fileStart >= w.ownEnd) continue;
      const where = lines.at(at.start);
      findings.push({ ...toReportFinding(finding, quotes, where), fileStart, fileEnd: w.start + at.end });
    }
    previousUnplaced = unplaced;
    previous = { window: w, lines };
  }
  return { findings, windows: count, ...(truncated ? { truncated } : {}) };
}
