/**
 * The CSV import format: the JSON fields as columns, with a header row
 * (`text, speaker, speakerRole, date, sourceTitle, sourcePublisher, sourceUrl, context`).
 * Parsed with csv-parse (RFC 4180: quoted fields, doubled quotes, commas and
 * line breaks inside quotes, CRLF or LF), a UTF-8 BOM tolerated. Header names
 * are matched without regard to case, spaces, dots or underscores, so
 * `source.title` and `Source Title` both mean `sourceTitle`.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { ImportError } from './errors';
import { IMPORT_FIELDS, type ImportField, type RawRow } from './record';

const key = (s: string) => s.toLowerCase().replace(/[\s._-]/g, '');
const FIELD_BY_KEY = new Map<string, ImportField>(IMPORT_FIELDS.map((f) => [key(f), f]));

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
  info: { bytes: number };
}

export function csvRows(file: string, docBase: string, bytes: Uint8Array): { rows: RawRow[]; errors: ImportError[] } {
  let records: CsvRecord[];
  try {
    records = parse(Buffer.from(bytes), { bom: true, info: true, skip_empty_lines: true }) as unknown as CsvRecord[];
  } catch (e) {
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines;
      return { rows: [], errors: [new ImportError(file, undefined, line, undefined, `not valid CSV: ${e.message.replace(/ (at|on) line \d+$/, '')}`)] };
    }
    throw e;
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [new ImportError(file, undefined, 1, undefined, 'empty file: expected a header row')] };
  const errors: ImportError[] = [];
  const columns: (ImportField | undefined)[] = header.record.map((name) => FIELD_BY_KEY.get(key(name)));
  header.record.forEach((name, i) => {
    if (columns[i] === undefined) {
      errors.push(new ImportError(file, 'header', 1, name, `unknown column (expected ${IMPORT_FIELDS.join(', ')})`));
    } else if (columns.indexOf(columns[i]) !== i) {
      errors.push(new ImportError(file, 'header', 1, name, `column ${columns[i]} given twice`));
    }
  });
  for (const required of ['text', 'speaker', 'date', 'sourceTitle'] as const) {
    if (!columns.includes(required)) errors.push(new ImportError(file, 'header', 1, required, 'missing column'));
  }
  if (errors.length) return { rows: [], errors };
  const names = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, header.record[columns.indexOf(f)] ?? f])) as Record<ImportField, string>;
  const rows: RawRow[] = [];
  const lines = new LineCounter(bytes);
  let previousEnd = header.info.bytes;
  body.forEach(({ record, info }, i) => {
    const line = lines.startLine(previousEnd);
    previousEnd = info.bytes;
    const fields: RawRow['fields'] = {};
    columns.forEach((f, c) => {
      // An empty cell is an absent value: required fields then say "is empty".
      if (f !== undefined) fields[f] = record[c] ?? '';
    });
    rows.push({ where: `row ${i + 1}`, line, docId: `${docBase}#${i + 1}`, names, fields });
  });
  return { rows, errors };
}
