/**
 * Progress of a long `quote-verifier corpus` build on stderr, through every
 * stage the builder reports (documents read and attributed, imports, merge,
 * review file), so stdout stays the report. On a terminal: one line redrawn
 * in place. Elsewhere (CI logs, a pipe): a line at most every
 * PROGRESS_LOG_INTERVAL_MS, the last document, and one line per later stage.
 * Nothing for a short build, and nothing with --quiet.
 */
import type { BuildProgress } from '../corpus/build';
import { escapeControlChars as safe } from '../corpus/import/control-chars';

/** Above this many documents the build shows progress: a handful finishes before anyone looks. */
export const PROGRESS_MIN_DOCUMENTS = 20;
/** Off a terminal, one document line at most this often: long builds show life without flooding the log. */
export const PROGRESS_LOG_INTERVAL_MS = 2000;

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export class CorpusProgress {
  private readonly live: boolean;
  private shown = false;
  private drawn = false;
  private lastLog = -Infinity;

  constructor(
    private readonly stream: ProgressStream,
    private readonly quiet: boolean,
    private readonly now: () => number = Date.now,
  ) {
    this.live = stream.isTTY === true;
  }

  update(p: BuildProgress): void {
    if (this.quiet) return;
    if (p.stage === 'documents') {
      if (p.total <= PROGRESS_MIN_DOCUMENTS) return;
      this.shown = true;
      const line = `[${p.done}/${p.total}] ${safe(p.file ?? '')}`;
      if (this.live) this.draw(line);
      else if (p.done === p.total || this.now() - this.lastLog >= PROGRESS_LOG_INTERVAL_MS) {
        this.stream.write(`${line}\n`);
        this.lastLog = this.now();
      }
      return;
    }
    // Later stages are shown when the build was long enough to show its documents (or has several imports).
    if (p.stage === 'imports' && p.total > 1) this.shown = true;
    if (!this.shown) return;
    const line =
      p.stage === 'imports'
        ? `importing ${p.done + 1}/${p.total} ${safe(p.file ?? '')}`
        : p.stage === 'merge'
          ? p.done < p.total
            ? `merging ${p.total} quotations into records`
            : `merged ${p.total} quotations`
          : `applying the review file ${safe(p.file ?? '')} to ${p.total} records`;
    if (this.live) this.draw(line);
    else this.stream.write(`quote-verifier corpus: ${line}\n`);
  }

  /** Clears the live line before the report is printed. */
  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }

  private draw(line: string): void {
    this.stream.write(`\r\x1b[K${line}`);
    this.drawn = true;
  }
}
