/**
 * Errors that fail the build. Every one names the file (relative to the
 * documents directory's parent, as the user typed it) and, where known, the
 * line, so the message can be pasted into an editor's "go to".
 */
export class DocumentError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${detail}`);
    this.name = 'DocumentError';
  }
}

/**
 * A document whose content gives nothing to read: empty, binary, no text, no
 * title, HTML that cannot be parsed. One such page in a scraped archive must
 * not stop the archive: the build reports it under "Documents skipped" and
 * goes on, unless `strictDocuments` (`--strict-documents`) makes it an error.
 * Mistakes in what a person wrote (metadata, duplicate ids) stay errors.
 */
export class UnreadableDocumentError extends DocumentError {
  constructor(file: string, line: number | undefined, detail: string) {
    super(file, line, detail);
    this.name = 'UnreadableDocumentError';
  }
}

/** Several document errors at once: the build reports all of them, then fails. */
export class BuildFailedError extends Error {
  constructor(readonly errors: DocumentError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'BuildFailedError';
  }
}

/** 1-based line of a character offset in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
