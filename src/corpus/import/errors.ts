/**
 * A bad import row. The message names the file, the row (or item) and, where
 * known, the line it starts on, and the field, e.g.
 * `quotes.csv: row 4 (line 6): date: "03/2025" is not YYYY, YYYY-MM or YYYY-MM-DD`.
 * It is a DocumentError, so a build reports it like any bad document.
 */
import { DocumentError } from '../build/errors';

export class ImportError extends DocumentError {
  constructor(
    file: string,
    /** "row 4" (CSV) or "item 2" (JSON); undefined for a problem with the whole file. */
    readonly where: string | undefined,
    line: number | undefined,
    readonly field: string | undefined,
    detail: string,
  ) {
    super(file, line, detail);
    this.name = 'ImportError';
    const parts = [file];
    if (where !== undefined) parts.push(line === undefined ? where : `${where} (line ${line})`);
    else if (line !== undefined) parts.push(`line ${line}`);
    if (field !== undefined) parts.push(field);
    parts.push(detail);
    this.message = parts.join(': ');
  }
}
