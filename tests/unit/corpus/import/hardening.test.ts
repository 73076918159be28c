/**
 * Import input hardening (review findings): bytes that are not UTF-8 and
 * control characters are refused with the file, row, line and field named,
 * never imported garbled or hidden.
 */
import { describe, expect, it } from 'vitest';
import { BuildFailedError } from '../../../../src/corpus/build';
import { parseImport } from '../../../../src/corpus/import';

function failure(bytes: Uint8Array, display: string): string[] {
  try {
    parseImport(bytes, { display, docBase: `import:${display}` });
  } catch (e) {
    if (e instanceof BuildFailedError) return e.errors.map((x) => x.message);
    throw e;
  }
  throw new Error('the import did not fail');
}

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

describe('files that are not UTF-8', () => {
  it('a Latin-1 CSV is refused, naming the line of the first bad byte', () => {
    const latin1 = bytes('text,speaker,date,sourceTitle\nFine quote,S,2020,T\nCaf', [0xe9], ' quote,S,2020,T\n');
    expect(failure(latin1, 'x.csv')).toEqual(['x.csv: line 3: not valid UTF-8 (save the file as UTF-8; it may be Latin-1 or Windows-1252)']);
  });

  it('a JSON file too, and a truncated last character counts', () => {
    expect(failure(bytes('[\n{"text": "Caf', [0xe9], '"}]'), 'x.json')).toEqual([expect.stringMatching(/^x\.json: line 2: not valid UTF-8/)]);
    expect(failure(bytes('text\nab', [0xc3]), 'y.csv')).toEqual([expect.stringMatching(/^y\.csv: line 2: not valid UTF-8/)]);
  });
});
