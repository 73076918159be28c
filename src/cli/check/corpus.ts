/**
 * Reads the corpus `check` runs against. A corpus that cannot be read, parsed
 * or validated is refused whole (exit 2): checking articles against a corpus
 * we cannot trust would print verdicts we cannot trust.
 */
import { readFile } from 'node:fs/promises';
import { bundledCorpus } from '../../config/package-root';

export class CorpusError extends Error {}

/**
 * Reads and parses the corpus file. Its validation against the corpus schema
 * happens in the engine host (./engine.ts), exactly as in the extension's
 * background, so `check` refuses what the extension would refuse.
 */
/** `shown` is the name the user gave (or the default's full path), used in messages. */
export async function readCorpusJson(path: string, shown = path): Promise<unknown> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    const hint = path === bundledCorpus() ? ' (build it with `npm run build:corpus`, or pass --corpus <file>)' : '';
    throw new CorpusError(`cannot read corpus ${shown}: ${reason(error)}${hint}`);
  }
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new CorpusError(`corpus ${shown} is not valid JSON: ${jsonErrorWhere(raw, error as Error)}`);
  }
}

/** "ENOENT: no such file or directory" without the path repeated. */
export function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file or directory';
  if (e.code === 'EACCES') return 'permission denied';
  if (e.code === 'EISDIR') return 'is a directory';
  return e.code ? `${e.code}: ${e.message.replace(/^\w+: /, '').replace(/, \w+ '.*'$/, '')}` : String(e.message ?? e);
}

/** Adds the line and column to JSON.parse's "at position N". */
function jsonErrorWhere(raw: string, error: Error): string {
  const m = /position (\d+)/.exec(error.message);
  if (!m) return error.message;
  const at = Number(m[1]);
  const before = raw.slice(0, at);
  const line = before.split('\n').length;
  const column = at - (before.lastIndexOf('\n') + 1) + 1;
  return `${error.message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}
