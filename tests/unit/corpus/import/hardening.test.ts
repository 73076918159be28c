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

describe('control and bidi characters', () => {
  const ESC = '\u001b';
  it('are refused in any text field, naming file, row, line and field', () => {
    const csv = `text,speaker,date,sourceTitle,context\nWe will ${ESC}[8mnot${ESC}[0m raise taxes,S,2020,T,\nFine,Ann\u202Eeb,2020,Ti\u0085tle,ok\tcontext\n`;
    expect(failure(bytes(csv), 'x.csv')).toEqual([
      'x.csv: row 1 (line 2): text: contains a control character (U+001B) that could hide or reorder the text on screen',
      'x.csv: row 2 (line 3): speaker: contains a control character (U+202E) that could hide or reorder the text on screen',
      'x.csv: row 2 (line 3): sourceTitle: contains a control character (U+0085) that could hide or reorder the text on screen',
    ]);
  });

  it('tabs and line breaks are still accepted', () => {
    const json = JSON.stringify([{ text: 'one\ttwo\nthree', speaker: 'S', date: '2020', source: { title: 'T' }, context: 'a\r\nb' }]);
    expect(parseImport(bytes(json), { display: 'ok.json', docBase: 'import:ok.json' }).quotes[0]!.text).toBe('one two three');
  });
});
