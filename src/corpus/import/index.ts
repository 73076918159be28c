/**
 * Imports a quote database (JSON, CSV or ClaimReview JSON-LD) as corpus
 * quotes: every row validated into the corpus `Quote` schema (kind `direct`,
 * dateBasis `imported`), each with its own source (`docId` `import:<path>#<row>`,
 * the path relative to the newsroom config's folder, else the working directory).
 * A file with any bad row imports nothing: all the bad rows are reported.
 * Merging with other quotes is the caller's (build/merge.ts).
 */
import { readFile } from 'node:fs/promises';
import { firstInvalidUtf8 } from './utf8';
import path from 'node:path';
import type { Quote } from '../schema';
import { BuildFailedError } from '../build/errors';
import { claimReviewItems, claimReviewRows, isClaimReview, type LeftOutReview } from './claimreview';
import { csvRows } from './csv';
import { ImportError } from './errors';
import { jsonRows } from './json';
import { parseJsonText } from './json-text';
import { RowErrors, rowToQuote, type RawRow } from './record';

export { ImportError } from './errors';
export { ACCURATE_RATING_NAMES, isAccurateRating, type LeftOutReview } from './claimreview';

export const IMPORT_FORMATS = ['json', 'csv', 'claimreview'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportResult {
  format: ImportFormat;
  /** One quote per accepted row, in file order (not merged: two rows may share an id). */
  quotes: Quote[];
  /** ClaimReview items not imported, with why (not rated accurate, not a ClaimReview). */
  leftOut: LeftOutReview[];
}

const FORMAT_BY_EXTENSION: Record<string, ImportFormat | 'json-or-claimreview'> = {
  '.csv': 'csv',
  '.json': 'json-or-claimreview',
  '.jsonld': 'claimreview',
};

/**
 * The doc id prefix of an import file's sources: `import:<path>`, the path
 * relative to `baseDir` (the newsroom config's folder, else the working
 * directory) with `/` separators. Not the bare file name: two files named
 * q.json in different folders must not share source ids (nor, through them,
 * review decisions); and not the absolute path, so the ids are the same on
 * every machine.
 */
export function importDocBase(file: string, baseDir: string = process.cwd()): string {
  const rel = path.relative(path.resolve(baseDir), path.resolve(file));
  return `import:${(rel === '' ? path.basename(file) : rel).split(path.sep).join('/')}`;
}

/**
 * Parses an import file's bytes. `display` names the file in messages;
 * `format` defaults from the extension, and a .json holding `@type: ClaimReview`
 * objects is ClaimReview. Throws BuildFailedError with every ImportError.
 */
export function parseImport(bytes: Uint8Array, options: { display: string; docBase: string; format?: ImportFormat }): ImportResult {
  const { display: file, docBase } = options;
  const fail = (errors: ImportError[]): never => {
    throw new BuildFailedError(errors);
  };
  let format = options.format;
  const byExtension = FORMAT_BY_EXTENSION[path.extname(file).toLowerCase()];
  if (format === undefined && byExtension === undefined) {
    fail([new ImportError(file, undefined, undefined, undefined, 'unknown import format: name it with --format json|csv|claimreview (or use .json, .jsonld or .csv)')]);
  }
  let rows: RawRow[];
  let errors: ImportError[];
  let leftOut: LeftOutReview[] = [];
  if ((format ?? byExtension) === 'csv') {
    format = 'csv';
    decodeUtf8(file, bytes); // csv-parse would decode bad bytes to U+FFFD: garbled wording, silently
    ({ rows, errors } = csvRows(file, docBase, bytes));
  } else {
    const text = decodeUtf8(file, bytes);
    let data: unknown;
    try {
      data = parseJsonText(file, text);
    } catch (e) {
      if (e instanceof ImportError) fail([e]);
      throw e;
    }
    format ??= byExtension === 'claimreview' || claimReviewItems(data).some(isClaimReview) ? 'claimreview' : 'json';
    if (format === 'claimreview') ({ rows, errors, leftOut } = claimReviewRows(file, docBase, data, text));
    else ({ rows, errors } = jsonRows(file, docBase, data, text));
  }
  const quotes: Quote[] = [];
  for (const row of rows) {
    try {
      quotes.push(rowToQuote(file, row));
    } catch (e) {
      if (e instanceof RowErrors) errors.push(...e.errors);
      else throw e;
    }
  }
  if (errors.length) fail(errors);
  if (rows.length === 0 && leftOut.length === 0) fail([new ImportError(file, undefined, undefined, undefined, 'no quotations in the file')]);
  return { format, quotes, leftOut };
}

/** The text of a UTF-8 file; a BuildFailedError naming the line of the first bad byte otherwise. */
function decodeUtf8(file: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    throw new BuildFailedError([
      new ImportError(file, undefined, line, undefined, 'not valid UTF-8 (save the file as UTF-8; it may be Latin-1 or Windows-1252)'),
    ]);
  }
}

/** Reads and parses an import file; `baseDir` (default: the working directory) names its sources (importDocBase). */
export async function readImport(file: string, options: { display?: string; format?: ImportFormat; baseDir?: string } = {}): Promise<ImportResult> {
  const display = options.display ?? file;
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new BuildFailedError([new ImportError(display, undefined, undefined, undefined, `cannot read the file: ${e.code ?? e.message}`)]);
  });
  return parseImport(bytes, { display, docBase: importDocBase(file, options.baseDir), ...(options.format ? { format: options.format } : {}) });
}
