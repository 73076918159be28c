/**
 * The CSV import format: the JSON fields as columns, with a header row
 * (`text, speaker, speakerRole, date, sourceTitle, sourcePublisher, sourceUrl, context`).
 * Parsed with csv-parse (RFC 4180: quoted fields, doubled quotes, commas and
 * line breaks inside quotes, CRLF or LF), a UTF-8 BOM tolerated. Header names
 * are matched without regard to case, spaces, dots or underscores, so
 * `source.title` and `Source Title` both mean `sourceTitle`.
 */
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { CsvError, parse as parseStream } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { BuildFailedError } from '../build/errors';
import { firstInvalidUtf8 } from './utf8';
import { ImportError } from './errors';
import { IMPORT_FIELDS, type ImportField, type RawRow } from './record';

const key = (s: string) => s.toLowerCase().replace(/[\s._-]/g, '');
const FIELD_BY_KEY = new Map<string, ImportField>(IMPORT_FIELDS.map((f) => [key(f), f]));

/**
 * Optional columns for a row's other wordings (docs/corpus-format.md, "Other wordings"):
 * the original, and one variant per row (rows with the same speaker and text are one
 * quotation, so several rows give it several variants). Each maps to its path in ImportWordings.
 */
const WORDING_COLUMNS: Record<string, readonly (string | number)[]> = {
  originalLang: ['original', 'lang'],
  originalText: ['original', 'text'],
  originalSourceTitle: ['original', 'source', 'title'],
  originalSourcePublisher: ['original', 'source', 'publisher'],
  originalSourceUrl: ['original', 'source', 'url'],
  variantKind: ['variants', 0, 'kind'],
  variantLang: ['variants', 0, 'lang'],
  variantText: ['variants', 0, 'text'],
  variantSourceTitle: ['variants', 0, 'source', 'title'],
  variantSourcePublisher: ['variants', 0, 'source', 'publisher'],
  variantSourceUrl: ['variants', 0, 'source', 'url'],
};
const WORDING_BY_KEY = new Map(Object.keys(WORDING_COLUMNS).map((c) => [key(c), c]));

interface Header {
  columns: (ImportField | undefined)[];
  names: Record<ImportField, string>;
  /** Wording columns by position: their canonical name and the header's spelling. */
  wordings: Map<number, { column: string; name: string }>;
}

/**
 * Line numbers of record starts, counted incrementally (records come in
 * order), so a large file costs one pass, not one pass per row.
 */
class LineCounter {
  private offset = 0;
  private line = 1;
  constructor(private readonly bytes: Uint8Array) {}

  /** 1-based line of the first character of the record that starts at byte `start` (blank lines skipped). */
  startLine(start: number): number {
    let i = start;
    while (i < this.bytes.length && (this.bytes[i] === 0x0d || this.bytes[i] === 0x0a)) i++;
    for (; this.offset < i; this.offset++) if (this.bytes[this.offset] === 0x0a) this.line++;
    return this.line;
  }
}

interface CsvRecord {
  record: string[];
  info: { bytes: number; lines: number };
}

/** The header row's columns, or its errors (unknown, repeated or missing columns). */
function readHeader(file: string, header: string[]): Header | { errors: ImportError[] } {
  const errors: ImportError[] = [];
  const columns: (ImportField | undefined)[] = header.map((name) => FIELD_BY_KEY.get(key(name)));
  const wordings = new Map<number, { column: string; name: string }>();
  header.forEach((name, i) => {
    const wording = WORDING_BY_KEY.get(key(name));
    if (wording !== undefined) {
      if ([...wordings.values()].some((w) => w.column === wording)) errors.push(new ImportError(file, 'header', 1, name, `column ${wording} given twice`));
      wordings.set(i, { column: wording, name });
    } else if (columns[i] === undefined) {
      errors.push(new ImportError(file, 'header', 1, name, `unknown column (expected ${[...IMPORT_FIELDS, ...Object.keys(WORDING_COLUMNS)].join(', ')})`));
    } else if (columns.indexOf(columns[i]) !== i) {
      errors.push(new ImportError(file, 'header', 1, name, `column ${columns[i]} given twice`));
    }
  });
  for (const required of ['text', 'speaker', 'date', 'sourceTitle'] as const) {
    if (!columns.includes(required)) errors.push(new ImportError(file, 'header', 1, required, 'missing column'));
  }
  if (errors.length) return { errors };
  return { columns, names: Object.fromEntries(IMPORT_FIELDS.map((f) => [f, header[columns.indexOf(f)] ?? f])) as Record<ImportField, string>, wordings };
}

/** One data row (`index` 1-based) as a RawRow. */
function toRow(record: string[], index: number, line: number, docBase: string, head: Header): RawRow {
  const { columns, names } = head;
  const fields: RawRow['fields'] = {};
  columns.forEach((f, c) => {
    // An empty cell is an absent value: required fields then say "is empty".
    if (f !== undefined) fields[f] = record[c] ?? '';
  });
  const row: RawRow = { where: `row ${index}`, line, docId: `${docBase}#${index}`, names, fields };
  // Wording cells: an original (or a variant) is given when any of its cells is filled.
  const wordings: Record<string, unknown> = {};
  const spelled = new Map<string, string>();
  for (const [c, { column, name }] of head.wordings) {
    const path = WORDING_COLUMNS[column]!;
    spelled.set(path.join('.'), name);
    const value = record[c] ?? '';
    if (value === '') continue;
    let at = wordings;
    for (const [k, part] of path.entries()) {
      if (k === path.length - 1) at[part] = value;
      else at = (at[part] ??= typeof path[k + 1] === 'number' ? [] : {}) as Record<string, unknown>;
    }
  }
  if (Object.keys(wordings).length) {
    row.wordings = wordings;
    row.wordingName = (p) => spelled.get(p.map(String).join('.')) ?? p.map(String).join('.');
  }
  return row;
}

const csvError = (file: string, e: CsvError) =>
  new ImportError(file, undefined, (e as CsvError & { lines?: number }).lines, undefined, `not valid CSV: ${e.message.replace(/ (at|on) line \d+$/, '')}`);

export function csvRows(file: string, docBase: string, bytes: Uint8Array): { rows: RawRow[]; errors: ImportError[] } {
  let records: CsvRecord[];
  try {
    records = parseSync(Buffer.from(bytes), { bom: true, info: true, skip_empty_lines: true }) as unknown as CsvRecord[];
  } catch (e) {
    if (e instanceof CsvError) return { rows: [], errors: [csvError(file, e)] };
    throw e;
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [new ImportError(file, undefined, 1, undefined, 'empty file: expected a header row')] };
  const head = readHeader(file, header.record);
  if ('errors' in head) return { rows: [], errors: head.errors };
  const rows: RawRow[] = [];
  const lines = new LineCounter(bytes);
  let previousEnd = header.info.bytes;
  body.forEach(({ record, info }, i) => {
    const line = lines.startLine(previousEnd);
    previousEnd = info.bytes;
    rows.push(toRow(record, i + 1, line, docBase, head));
  });
  return { rows, errors: [] };
}

/**
 * The rows of a CSV file read as a stream, one at a time, in bounded memory
 * (issue 12: a 1,000,000-row file took 3.9 GB read whole). The bytes are
 * checked as UTF-8 on the way (a bad byte is an error naming its line, as for
 * a whole file); header, CSV and read errors are thrown as BuildFailedError.
 */
export async function* streamCsvRows(file: string, display: string, docBase: string): AsyncGenerator<RawRow> {
  const parser = parseStream({ bom: true, info: true, raw: true, skip_empty_lines: true });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let failure: ImportError | undefined;
  // Feeds the parser from the file, with backpressure; a bad byte stops the feed.
  const feeding = (async () => {
    let line = 1;
    try {
      for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
        let text: string;
        try {
          text = decoder.decode(chunk, { stream: true });
        } catch {
          const at = firstInvalidUtf8(chunk);
          for (let i = 0; i < at; i++) if (chunk[i] === 0x0a) line++;
          throw new ImportError(display, undefined, line, undefined, 'not valid UTF-8 (save the file as UTF-8; it may be Latin-1 or Windows-1252)');
        }
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
        if (!parser.write(text)) await once(parser, 'drain');
      }
      decoder.decode();
      parser.end();
    } catch (e) {
      failure = e instanceof ImportError ? e : new ImportError(display, undefined, undefined, undefined, `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      parser.end();
    }
  })();
  let head: Header | undefined;
  let index = 0;
  try {
    for await (const { record, info, raw } of parser as AsyncIterable<CsvRecord & { raw: string }>) {
      if (failure) break;
      if (head === undefined) {
        const read = readHeader(display, record);
        if ('errors' in read) throw new BuildFailedError(read.errors);
        head = read;
        continue;
      }
      const inside = raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '');
      let newlines = 0;
      for (let i = inside.indexOf('\n'); i >= 0; i = inside.indexOf('\n', i + 1)) newlines++;
      yield toRow(record, ++index, info.lines - newlines, docBase, head);
    }
  } catch (e) {
    if (e instanceof CsvError) throw new BuildFailedError([csvError(display, e)]);
    throw e;
  } finally {
    await feeding;
  }
  if (failure) throw new BuildFailedError([failure]);
  if (head === undefined) throw new BuildFailedError([new ImportError(display, undefined, 1, undefined, 'empty file: expected a header row')]);
}
