/**
 * `quote-verifier import` of a CSV file in bounded memory (issue 12: a
 * 1,000,000-row file took 3.9 GB and 270 s read and merged whole).
 *
 * Rows stream in (src/corpus/import/csv.ts) and are validated one at a time.
 * A quotation new to the corpus is written to a spill file at once; only its id
 * is kept (to merge a later row with the same wording). Rows that touch a
 * quotation already in the corpus, and repeats within the file, are few and are
 * merged in memory with the same rule as every import (mergeImport,
 * mergeQuotes). The corpus is then written as a stream: the existing quotations,
 * then the new ones read back from the spill file. As before, a bad row imports
 * nothing and writes nothing; both files are replaced atomically.
 *
 * With --approved, each new quotation also gets a review-file entry, held in
 * memory (the review file is sorted by id).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { BuildFailedError } from '../corpus/build/errors';
import { mergeQuotes, type MergeWarning } from '../corpus/build/merge';
import { writeFilesAtomic } from '../corpus/build/write-atomic';
import { streamCsvRows } from '../corpus/import/csv';
import { ImportError } from '../corpus/import/errors';
import { mergeImport } from '../corpus/import/merge-into-corpus';
import { rowToQuote, RowErrors } from '../corpus/import/record';
import { decide, reviewOf, serializeReviewFile, type ReviewFile } from '../corpus/review/review-file';
import type { Corpus, Quote } from '../corpus/schema';

/** Row errors kept for the message: enough to fix a file's pattern of mistakes; the rest are counted. */
const MAX_REPORTED_ROW_ERRORS = 100;

export interface CsvImportResult {
  rows: number;
  added: number;
  merged: string[];
  unchanged: string[];
  reopened: string[];
  warnings: MergeWarning[];
  /** The final corpus's quotations that were already there (for the reopened notes). */
  existing: Quote[];
}

export interface CsvImportOptions {
  file: string;
  display: string;
  docBase: string;
  corpus: Corpus;
  reviewFile: ReviewFile;
  corpusFile: string;
  reviewPath: string;
  approved?: { reviewer: string; note?: string; at: string };
}

/** Removes the spill folder on SIGINT/SIGTERM/SIGHUP too, then dies of the signal as the default handler would. */
function spillFolder(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'qv-import-'));
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const remove = () => {
    rmSync(dir, { recursive: true, force: true });
    for (const s of signals) process.removeListener(s, onSignal);
  };
  function onSignal(signal: NodeJS.Signals): void {
    remove();
    process.kill(process.pid, signal);
  }
  for (const s of signals) process.on(s, onSignal);
  return { dir, remove };
}

/**
 * A set of quote ids (`q_` + 16 hex digits = 64 bits) in typed arrays: open
 * addressing, linear probing. A million ids take 32 MB outside V8's heap,
 * where a Set of strings took about 100 MB inside it, and V8 grows its heap to
 * a multiple of what lives there (the first streaming version peaked at 488 MB).
 */
export class QuoteIdSet {
  private hi = new Uint32Array(1 << 16);
  private lo = new Uint32Array(1 << 16);
  private used = new Uint8Array(1 << 16);
  size = 0;

  private static split(id: string): [number, number] {
    if (!/^q_[0-9a-f]{16}$/.test(id)) throw new Error(`not a quote id: ${id}`);
    return [parseInt(id.slice(2, 10), 16), parseInt(id.slice(10, 18), 16)];
  }

  private slot(hi: number, lo: number): number {
    const mask = this.used.length - 1;
    // The ids are hash digests already: their low bits are spread evenly.
    let i = lo & mask;
    while (this.used[i] && (this.hi[i] !== hi || this.lo[i] !== lo)) i = (i + 1) & mask;
    return i;
  }

  has(id: string): boolean {
    const [hi, lo] = QuoteIdSet.split(id);
    return this.used[this.slot(hi, lo)] === 1;
  }

  add(id: string): void {
    const [hi, lo] = QuoteIdSet.split(id);
    const i = this.slot(hi, lo);
    if (this.used[i]) return;
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.used[i] = 1;
    // Kept at most half full, so probes stay short.
    if (++this.size * 2 > this.used.length) this.grow();
  }

  private grow(): void {
    const [hi, lo, used] = [this.hi, this.lo, this.used];
    this.hi = new Uint32Array(used.length * 2);
    this.lo = new Uint32Array(used.length * 2);
    this.used = new Uint8Array(used.length * 2);
    for (let i = 0; i < used.length; i++) {
      if (!used[i]) continue;
      const j = this.slot(hi[i]!, lo[i]!);
      this.hi[j] = hi[i]!;
      this.lo[j] = lo[i]!;
      this.used[j] = 1;
    }
  }
}

/** Each quote as JSON.stringify(corpus, null, 2) prints it inside the quotes array. */
const indented = (q: Quote) => `    ${JSON.stringify(q, null, 2).replace(/\n/g, '\n    ')}`;

export async function importCsvStreaming(o: CsvImportOptions): Promise<CsvImportResult> {
  const existingIds = new Set(o.corpus.quotes.map((q) => q.id));
  const touching: Quote[] = [];
  const newIds = new QuoteIdSet();
  const repeats = new Map<string, Quote[]>();
  const errors: ImportError[] = [];
  let errorCount = 0;
  let rows = 0;
  const spill = spillFolder();
  try {
    const spillFile = path.join(spill.dir, 'new-quotes.ndjson');
    const out = createWriteStream(spillFile);
    for await (const row of streamCsvRows(o.file, o.display, o.docBase)) {
      rows++;
      let q: Quote;
      try {
        q = rowToQuote(o.display, row);
      } catch (e) {
        if (!(e instanceof RowErrors)) throw e;
        errorCount += e.errors.length;
        if (errors.length < MAX_REPORTED_ROW_ERRORS) errors.push(...e.errors.slice(0, MAX_REPORTED_ROW_ERRORS - errors.length));
        continue;
      }
      if (errorCount > 0) continue; // nothing will be written: only the rest of the errors matter
      if (existingIds.has(q.id)) touching.push(q);
      else if (newIds.has(q.id)) (repeats.get(q.id) ?? repeats.set(q.id, []).get(q.id)!).push(q);
      else {
        newIds.add(q.id);
        if (!out.write(`${JSON.stringify(q)}\n`)) await once(out, 'drain');
      }
    }
    out.end();
    await once(out, 'close');
    if (errorCount > 0) {
      const more = errorCount - errors.length;
      throw new BuildFailedError(more > 0 ? [...errors, new ImportError(o.display, undefined, undefined, undefined, `… and ${more} more error${more === 1 ? '' : 's'}`)] : errors);
    }
    if (rows === 0) throw new BuildFailedError([new ImportError(o.display, undefined, undefined, undefined, 'no quotations in the file')]);

    // The quotations already in the corpus: the usual merge (reopens, warnings, vetted decisions).
    const merged = mergeImport(o.corpus, o.reviewFile, touching, { corpusFile: o.corpusFile, importFile: o.display, ...(o.approved ? { approved: o.approved } : {}) });
    const warnings = [...merged.warnings];
    const approvedReviews: ReviewFile['reviews'] = {};

    async function* newQuotes(): AsyncGenerator<Quote> {
      const lines = createInterface({ input: createReadStream(spillFile), crlfDelay: Infinity });
      for await (const line of lines) {
        if (line === '') continue;
        let q = JSON.parse(line) as Quote;
        const more = repeats.get(q.id);
        if (more) {
          const m = mergeQuotes([q, ...more].map((quote) => ({ quote, file: o.display })));
          warnings.push(...m.warnings);
          q = m.quotes[0]!;
        }
        // As mergeImport: a vetted import approves what no editor decided; an entry already in the review file stands.
        let entry = o.reviewFile.reviews[q.id];
        if (o.approved && (entry === undefined || entry.state === 'pending')) {
          entry = decide({ version: o.reviewFile.version, reviews: {} }, [q], { state: 'approved', ...o.approved }).reviews[q.id]!;
          approvedReviews[q.id] = entry;
        }
        q = { ...q, review: entry === undefined ? { state: 'pending' } : reviewOf(q, entry).review };
        yield q;
      }
    }

    // The corpus as JSON.stringify(corpus, null, 2) would print it, the quotes streamed in.
    const shell = `${JSON.stringify({ ...merged.corpus, quotes: [] }, null, 2)}\n`;
    const [before, after] = shell.split('"quotes": []');
    if (after === undefined) throw new Error('corpus shell without a quotes array');
    async function* corpusText(): AsyncGenerator<string> {
      yield `${before}"quotes": [`;
      let first = true;
      const all = async function* () {
        yield* merged.corpus.quotes;
        yield* newQuotes();
      };
      for await (const q of all()) {
        yield `${first ? '\n' : ',\n'}${indented(q)}`;
        first = false;
      }
      yield `${first ? '' : '\n  '}]${after}`;
    }

    // The corpus is written (from the spill) before the review file's text is made: approved entries are gathered on the way.
    const reviewText = {
      async *[Symbol.asyncIterator]() {
        yield serializeReviewFile({ ...merged.file, reviews: { ...merged.file.reviews, ...approvedReviews } });
      },
    };
    await writeFilesAtomic([
      { path: o.corpusFile, data: corpusText() },
      { path: o.reviewPath, data: reviewText },
    ]);
    return {
      rows,
      added: newIds.size,
      merged: merged.merged,
      unchanged: merged.unchanged,
      reopened: merged.reopened,
      warnings,
      existing: merged.corpus.quotes,
    };
  } finally {
    spill.remove();
  }
}
