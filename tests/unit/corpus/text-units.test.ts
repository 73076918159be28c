/** Building blocks of the builder: quote marks, sentences, dates, fragment links, leftovers. */
import { describe, expect, it } from 'vitest';
import { findDateMentions, parseIsoPartial, resolveWeekdayYear, resolveYearNotAfter, latestWeekdayNotAfter } from '../../../src/corpus/build/dates';
import { encodeFragmentTerm, textFragmentUrl } from '../../../src/corpus/build/fragment-url';
import { leftoverReason } from '../../../src/corpus/build/paragraphs';
import { scanQuotes } from '../../../src/corpus/build/quote-marks';
import { splitSentences } from '../../../src/corpus/build/sentences';
import { quoteId } from '../../../src/corpus/build';
import { canonical } from '../../../src/text';
import { createHash } from 'node:crypto';

const quoted = (s: string) =>
  scanQuotes(s).map((q) => (q.close >= 0 ? s.slice(q.contentStart, q.contentEnd) : `${s.slice(q.contentStart)}…(open)`));

describe('scanQuotes', () => {
  it.each([
    ['“a” and “b”', ['a', 'b']],
    ['"a" and "b"', ['a', 'b']],
    ['«a» and „b“ and „c”', ['a', 'b', 'c']],
    ['‘a’ said', ['a']],
    ['“outer ‘inner’ end”', ['outer ‘inner’ end']],
    ['"outer \'inner\' end"', ["outer 'inner' end"]],
    ['“outer “inner” end”', ['outer “inner” end']],
    ['Russia’s and the ’90s', []],
    ['the ‘90s saw “a quote”', ['a quote']],
    ['“runs on past the end', ['runs on past the end…(open)']],
    ['12" screens and "quoted"', ['quoted']],
  ])('%s', (text, expected) => {
    expect(quoted(text)).toEqual(expected);
  });
});

describe('splitSentences', () => {
  const split = (t: string) => {
    const ranges = scanQuotes(t).map((q, i) => ({
      start: q.open,
      end: q.close + 1,
      quote: i,
      endsSentence: /[.!?]$/.test(t.slice(q.contentStart, q.contentEnd)),
    }));
    return splitSentences(t, ranges, (rest) => /^\p{Lu}\p{L}+ said/u.test(rest)).map((s) => t.slice(s.start, s.end));
  };
  it('keeps periods inside quotations and after abbreviations', () => {
    expect(split('“One. Two,” he said. The U.S. Senate met Mr. Smith. J. Doe left.')).toEqual([
      '“One. Two,” he said.',
      'The U.S. Senate met Mr. Smith.',
      'J. Doe left.',
    ]);
  });
  it('ends a sentence after a quotation that ends one, unless its attribution follows', () => {
    expect(split('He wants “peace.” Moscow disagrees. “We are ready.” Roe said.')).toEqual([
      'He wants “peace.”',
      'Moscow disagrees.',
      '“We are ready.” Roe said.',
    ]);
  });
});

describe('dates', () => {
  it('parses ISO partial dates and refuses impossible days', () => {
    expect(parseIsoPartial('2025')).toEqual({ year: 2025 });
    expect(parseIsoPartial('2025-12')).toEqual({ year: 2025, month: 12 });
    expect(parseIsoPartial('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoPartial('2025-02-29')).toBeUndefined();
    expect(parseIsoPartial('2025-13')).toBeUndefined();
    expect(parseIsoPartial('25-12-01')).toBeUndefined();
  });

  it('resolves the latest year, not after the reference, in which the day fell on the weekday', () => {
    // 16 December: a Tuesday in 2025 and 2014; 13 December: a Friday in 2024 and 2019
    expect(resolveWeekdayYear(12, 16, 2, { year: 2025, month: 12, day: 31 })).toBe(2025);
    // Tuesday 16 December 2025 is the day after: a day still to come, not one eleven years back.
    expect(resolveWeekdayYear(12, 16, 2, { year: 2025, month: 12, day: 15 }, true)).toBeUndefined();
    expect(resolveWeekdayYear(3, 15, 2, { year: 2016, month: 3, day: 10 }, true)).toBeUndefined(); // "the vote on Tuesday, March 15"
    expect(resolveWeekdayYear(12, 29, 2, { year: 2016, month: 1, day: 5 }, true)).toBe(2015); // last December, across the new year
    // Against a retrieval date or today the piece is older than the reference: the latest such year before it.
    expect(resolveWeekdayYear(12, 16, 2, { year: 2025, month: 12, day: 15 })).toBe(2014);
    expect(resolveYearNotAfter(12, 1, { year: 2016, month: 7, day: 6 })).toBeUndefined(); // "On Dec. 1, that changes"
    expect(resolveYearNotAfter(12, 16, { year: 2016, month: 1, day: 5 })).toBe(2015);
    expect(resolveYearNotAfter(7, 1, { year: 2016, month: 7, day: 6 })).toBe(2016);
    expect(resolveWeekdayYear(12, 13, 5, { year: 2026, month: 11, day: 23 })).toBe(2024);
    expect(resolveWeekdayYear(2, 29, 4, { year: 2025, month: 1, day: 1 })).toBe(2024); // leap days only in leap years
  });

  it('finds the latest weekday not after a day', () => {
    expect(latestWeekdayNotAfter(1, { year: 2024, month: 3, day: 8 })).toEqual({ year: 2024, month: 3, day: 4 });
    expect(latestWeekdayNotAfter(5, { year: 2024, month: 3, day: 8 })).toEqual({ year: 2024, month: 3, day: 8 });
  });

  it('finds date phrases in their common forms', () => {
    const found = (s: string) => findDateMentions(s).map(({ start, end, ...d }) => [s.slice(start, end), d]);
    expect(found('On Tuesday, December 16, he spoke')).toEqual([['Tuesday, December 16', { weekday: 2, month: 12, day: 16 }]]);
    expect(found('On Friday, 13 December, he spoke')).toEqual([['Friday, 13 December', { weekday: 5, month: 12, day: 13 }]]);
    expect(found('on 16 December 2025 and Dec. 3rd, 2024')).toEqual([
      ['16 December 2025', { month: 12, day: 16, year: 2025 }],
      ['Dec. 3rd, 2024', { month: 12, day: 3, year: 2024 }],
    ]);
    expect(found('2025-12-16')).toEqual([['2025-12-16', { year: 2025, month: 12, day: 16 }]]);
    expect(found('he said on Monday that')).toEqual([['on Monday', { weekday: 1 }]]);
    expect(found('in March 2022, May 40, and 30 February')).toEqual([]);
  });
});

describe('text fragment links', () => {
  it('encodes the characters the spec reserves', () => {
    expect(encodeFragmentTerm('full-fledged, A&B')).toBe('full%2Dfledged%2C%20A%26B');
  });
  it('uses the whole text when short, start and end words when long', () => {
    expect(textFragmentUrl('https://x.org/a', 'full-fledged peace')).toBe('https://x.org/a#:~:text=full%2Dfledged%20peace');
    expect(textFragmentUrl('https://x.org/a', 'one two three four five six seven eight nine ten eleven')).toBe(
      'https://x.org/a#:~:text=one%20two%20three%20four,eight%20nine%20ten%20eleven',
    );
  });
  it('keeps an existing fragment', () => {
    expect(textFragmentUrl('https://x.org/a#part', 'hi')).toBe('https://x.org/a#part:~:text=hi');
  });
});

describe('ids', () => {
  it('are q_ + 16 hex of sha256(canonical(name) \\n canonical(text)), so typography does not change them', () => {
    const expected = createHash('sha256').update(`${canonical('Dmitry Peskov')}\n${canonical('We’re ready')}`).digest('hex');
    expect(quoteId('Dmitry Peskov', 'We’re ready')).toBe(`q_${expected.slice(0, 16)}`);
    expect(quoteId('DMITRY  PESKOV', "We're ready")).toBe(quoteId('Dmitry Peskov', 'We’re ready'));
    expect(quoteId('Dmitry Peskov', 'We are ready')).not.toBe(quoteId('Dmitry Peskov', 'We’re ready'));
  });
});

describe('page leftovers', () => {
  const reason = (text: string, role: 'text' | 'heading' = 'text') => leftoverReason({ text, role }, 'The Title');
  it.each([
    ['The Title', 'title'],
    ['🇷🇺 Kremlin’s Official Stance', 'emoji marker'],
    ['📌 Read this first.', 'emoji marker'],
    ['Dmitry Peskov Photo: Evgenia Novozhenina / Reuters', 'caption'],
    ['Post a Comment', 'comment widget'],
    ['12 Comments', 'comment widget'],
    ['Close Menu', 'comment widget'],
    ['Share this article', 'comment widget'],
    ['IssueWestern / Ukrainian PositionRussian PositionStatus', 'flattened table'],
    ['Rejecting the Process, Not Just the Details', 'heading'],
    ['Дмитро Пєсков', 'heading'],
    ['A real sentence, heading role.', 'heading', 'heading'],
  ])('%s -> %s', (text, expected, role?: string) => {
    expect(reason(text, (role as 'heading') ?? 'text')).toBe(expected);
  });
  it.each([
    ['Peskov confirmed that Russia has not received any proposals.'],
    ['“We have not seen any texts yet,” Peskov stated.'],
    ['Peskov told reporters:'],
    ['The iPhone maker said its McDonald deal is done.'],
  ])('prose: %s', (text) => {
    expect(reason(text)).toBeUndefined();
  });
});
