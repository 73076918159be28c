import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CAPITAL,
  ELLIPSIS,
  HOMOGLYPH,
  originalSpan,
  PARAGRAPH,
  SENTENCE,
  tokenize,
  wordAt,
  wordHashes,
} from '../../../src/match/tokenize';

const words = (s: string) => {
  const tk = tokenize(s);
  return Array.from({ length: tk.count }, (_, k) => wordAt(tk, k));
};

describe('tokenize', () => {
  it.each([
    ['punctuation is not part of words', 'We have, so far: seen “texts”!', ['we', 'have', 'so', 'far', 'seen', 'texts']],
    ['apostrophes inside words', 'Peskov’s aides don’t know', ["peskov's", 'aides', "don't", 'know']],
    ['hyphens and dashes split', 'non-viable non—viable', ['non', 'viable', 'non', 'viable']],
    ['numbers keep their separators', '1,000 troops and 3.5 billion', ['1,000', 'troops', 'and', '3.5', 'billion']],
    ['a sentence period after a number is not part of it', 'It cost 28. Then', ['it', 'cost', '28', 'then']],
    ['other scripts', 'Дмитро Пєсков сказав', ['дмитро', 'пєсков', 'сказав']],
  ])('%s', (_, text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('typography does not change the word hashes', () => {
    const a = tokenize('We don\'t want a truce - we want peace...');
    const b = tokenize('We\u00A0don’t want a\u200B truce — we want pe\u00ADace…');
    expect(Array.from(b.hash)).toEqual(Array.from(a.hash));
  });

  it('marks sentence starts, ellipses, paragraphs and capitals', () => {
    const tk = tokenize('We said no. Then U.S. officials came … and left.\n\nNext day');
    const at = (w: string) => Array.from({ length: tk.count }, (_, k) => k).find((k) => wordAt(tk, k) === w)!;
    expect(tk.flags[0]! & SENTENCE).toBeTruthy();
    expect(tk.flags[at('then')]! & SENTENCE).toBeTruthy();
    expect(tk.flags[at('officials')]! & SENTENCE).toBeFalsy(); // "U.S." is not a sentence end
    expect(tk.flags[at('and')]! & ELLIPSIS).toBeTruthy();
    expect(tk.flags[at('and')]! & SENTENCE).toBeFalsy();
    expect(tk.flags[at('next')]! & PARAGRAPH).toBeTruthy();
    expect(tk.flags[at('then')]! & CAPITAL).toBeTruthy();
    expect(tk.flags[at('officials')]! & CAPITAL).toBeFalsy();
  });

  it('folds and flags words mixing scripts', () => {
    const plain = tokenize('peace now');
    const spoofed = tokenize('p\u0435ace now');
    expect(spoofed.hash[0]).toBe(plain.hash[0]);
    expect(spoofed.flags[0]! & HOMOGLYPH).toBeTruthy();
    expect(plain.flags[0]! & HOMOGLYPH).toBeFalsy();
    // A Russian sentence is not folded.
    const russian = tokenize('мир сейчас');
    expect(russian.flags[0]! & HOMOGLYPH).toBeFalsy();
  });

  it('maps words back to the original characters', () => {
    const text = '“Peskov’s  aides—don’t”';
    const tk = tokenize(text);
    expect(text.slice(...originalSpan(tk, 0, 1))).toBe('Peskov’s');
    expect(text.slice(...originalSpan(tk, 1, 3))).toBe('aides—don’t');
  });

  it('wordHashes (the index path) agrees with tokenize on any text', () => {
    const unit = fc.constantFrom(...'aB1 ,.\'-"`x\n:!?9Zé\u00A0’…'.split(''));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (s) => {
        const a = wordHashes(s);
        const b = tokenize(s).hash;
        return a.length === b.length && a.every((x, i) => x === b[i]);
      }),
      { numRuns: 3000 },
    );
  });
});
