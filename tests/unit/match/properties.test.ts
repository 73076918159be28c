/**
 * Properties of the engine on generated text: it never throws, findings point
 * at exact original characters, and a dropped "not" is never verified.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatcher, type Finding } from '../../../src/match';
import { QUOTES } from './peskov-corpus';

const matcher = createMatcher(QUOTES);

function consistent(text: string, fs: Finding[]): boolean {
  let last = -1;
  for (const f of fs) {
    if (!(f.start >= 0 && f.start <= f.end && f.end <= text.length)) return false;
    if (text.slice(f.start, f.end) !== f.text) return false;
    if (f.start < last) return false; // sorted, no overlaps
    last = f.end;
    if ((f.verdict === 'unverified') !== (f.quoteId === undefined)) return false;
    if (f.score < 0 || f.score > 1) return false;
    if (f.verdict === 'verified' && f.score !== 1) return false;
  }
  return true;
}

/** Text built from pieces of the corpus, quotation marks, noise and typography. */
const pieces = fc.constantFrom(
  ...QUOTES.flatMap((q) => q.text.split(/(?<=[,.]) /)),
  '“', '”', '"', '‘', '’', "'", '«', '»', '…', ' ', '\n\n', '\u00A0', '\u200B', '\u00AD', ' Peskov said. ', ' Zelensky said, ',
  'not ', 'never ', 'We ', 'Ukraine ', 'е', '28 ',
);
const pageText = fc.oneof(fc.array(pieces, { maxLength: 25 }).map((a) => a.join('')), fc.string({ unit: 'binary', maxLength: 200 }));

describe('engine properties', () => {
  it('findAll never throws and its findings match the text exactly', () => {
    fc.assert(
      fc.property(pageText, (text) => consistent(text, matcher.findAll(text))),
      { numRuns: 1500 },
    );
  });

  it('matchSpans and lookup never throw', () => {
    fc.assert(
      fc.property(pageText, fc.boolean(), (text, quoted) => {
        const [fs] = matcher.matchSpans([{ text, quoted }]);
        matcher.lookup(text);
        return consistent(text, fs!);
      }),
      { numRuns: 500 },
    );
  });

  it('a dropped "not" is never verified', () => {
    const withNot = QUOTES.filter((q) => / not /.test(q.text));
    expect(withNot.length).toBeGreaterThan(2);
    fc.assert(
      fc.property(fc.constantFrom(...withNot), fc.constantFrom('“', '"', ''), fc.constantFrom(' Peskov said.', ''), (q, mark, tail) => {
        const close = mark === '“' ? '”' : mark;
        const dropped = q.text.replace(/ not /, ' ');
        const text = `${mark}${dropped}${close}${tail}`;
        return matcher.findAll(text).every((f) => !(f.quoteId === q.id && f.verdict === 'verified'));
      }),
    );
  });
});
