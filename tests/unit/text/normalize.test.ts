import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical, normalize, originalRange } from '../../../src/text';

describe('normalize', () => {
  it.each([
    ['curly double quotes', '“Peace”', '"peace"'],
    ['guillemets and German quotes', '«a» „b“ ‹c›', '"a" "b" "c"'],
    ['curly apostrophes and single quotes', 'Peskov’s ‘truce’', "peskov's 'truce'"],
    ['dashes', 'a—b – c − d', 'a-b - c - d'],
    ['ellipsis character', 'so far…', 'so far...'],
    ['NBSP, tabs and line breaks collapse', 'a\u00A0b\t\tc\n\nd\r\ne', 'a b c d e'],
    ['leading and trailing space trimmed', '  \u00A0word \n', 'word'],
    ['zero-width characters removed', 'ne\u200Bgo\u200Cti\u200Dations\u2060\uFEFF', 'negotiations'],
    ['soft hyphen removed', 'dis\u00ADcussed', 'discussed'],
    ['bidi controls removed', 'a\u202Eb\u200Fc', 'abc'],
    ['word hyphenated across a line break joined', 'sub-\n  jects', 'subjects'],
    ['soft hyphen at a line end joined', 'sub\u00AD\njects', 'subjects'],
    ['a real hyphen before a capital stays', 'Franco-\nGerman', 'franco- german'],
    ['a dash between words on one line stays', 'non-viable', 'non-viable'],
    ['NFKC: ligatures and full-width forms', 'ﬁne ＡＢＣ', 'fine abc'],
    ['NFKC: a combining accent composes', 'Cafe\u0301', 'café'],
    ['case folded', 'Kremlin SPOKESMAN', 'kremlin spokesman'],
    ['Cyrillic case folded too', 'Дмитро Пєсков', 'дмитро пєсков'],
    ['backtick used as an apostrophe', 'don`t', "don't"],
    // Found by the property below: the mark after a soft hyphen still composes with the letter.
    ['a combining mark behind a soft hyphen', 'a\u00AD\u0307', '\u0227'],
  ])('%s', (_, input, expected) => {
    expect(normalize(input).text).toBe(expected);
    expect(canonical(input)).toBe(expected);
  });

  it('maps every output character to the original characters it came from', () => {
    const input = '  “Café\u0301” — sub-\n jects…';
    const n = normalize(input);
    expect(n.text).toBe('"café́" - subjects...');
    // "é" + U+0301: one cluster of two original characters, both output characters map to all of it.
    const e = n.text.indexOf('é');
    expect(input.slice(n.map[e]!, n.ends[e]!)).toBe('é\u0301');
    expect(input.slice(n.map[e + 1]!, n.ends[e + 1]!)).toBe('é\u0301');
    const sub = n.text.indexOf('subjects');
    expect(input.slice(...originalRange(n, sub, sub + 'subjects'.length))).toBe('sub-\n jects');
    const dots = n.text.indexOf('...');
    expect(input.slice(...originalRange(n, dots, dots + 3))).toBe('…');
    expect(n.map[n.text.length]).toBe(input.length);
  });

  it('keeps the map for plain ASCII identical to the general path', () => {
    const plain = normalize('We have not seen any texts yet');
    const general = normalize('We have not seen any texts yet\u00A0');
    expect(plain.text).toBe(general.text);
    expect(Array.from(plain.map.subarray(0, plain.text.length))).toEqual(Array.from(general.map.subarray(0, general.text.length)));
    expect(Array.from(plain.ends)).toEqual(Array.from(general.ends));
  });
});

/** Strings rich in what normalization treats specially. */
const tricky = fc.string({
  unit: fc.constantFrom(
    'a', 'B', 'é', 'e', '\u0301', '\u0307', 'İ', 'ß', 'ﬁ', '…', '.', '-', '\u2010', '\u00AD', '\u200B', '\uFEFF', '\u202E',
    ' ', '\u00A0', '\n', '\r', '\t', '“', '”', '‘', '’', '«', '»', '„', '"', "'", '`', 'а', 'Σ', 'Ω', '\u1100', '\u1161',
    '𝐀', '\uD800', '1', '９',
  ),
  maxLength: 40,
});
const anyUnicode = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 }), tricky);

describe('normalize properties', () => {
  it('never throws, and is idempotent', () => {
    fc.assert(
      fc.property(anyUnicode, (s) => {
        const once = normalize(s).text;
        return normalize(once).text === once;
      }),
      { numRuns: 3000 },
    );
  });

  it('maps every offset inside the original, in order', () => {
    fc.assert(
      fc.property(anyUnicode, (s) => {
        const n = normalize(s);
        if (n.map.length !== n.text.length + 1 || n.ends.length !== n.text.length) return false;
        if (n.map[n.text.length] !== s.length) return false;
        for (let i = 0; i < n.text.length; i++) {
          if (!(n.map[i]! < n.ends[i]! && n.ends[i]! <= s.length)) return false;
          if (i > 0 && (n.map[i]! < n.map[i - 1]! || n.ends[i]! < n.ends[i - 1]!)) return false;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('has no leading, trailing or double spaces, and nothing invisible', () => {
    fc.assert(
      fc.property(anyUnicode, (s) => !/^ | $| {2}|[\u200B\u00AD\uFEFF\u202E\n\t\u00A0]/.test(normalize(s).text)),
      { numRuns: 2000 },
    );
  });
});
