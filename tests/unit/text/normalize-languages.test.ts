/**
 * Normalization and words in the languages of the corpus's other wordings
 * (issue 17): Russian, Ukrainian, Bulgarian (Cyrillic), Greek, Italian (Latin
 * with diacritics). Two printings of one word must hash alike; two different
 * words must not; honest Cyrillic and Greek are never homoglyphs.
 */
import { describe, expect, it } from 'vitest';
import { canonical, normalize } from '../../../src/text';
import { HOMOGLYPH, tokenize, wordAt } from '../../../src/match/tokenize';

const words = (s: string) => {
  const tk = tokenize(s);
  return Array.from({ length: tk.count }, (_, k) => wordAt(tk, k));
};
const hashes = (s: string) => Array.from(tokenize(s).hash);
const homoglyphs = (s: string) => {
  const tk = tokenize(s);
  return Array.from({ length: tk.count }, (_, k) => wordAt(tk, k)).filter((_, k) => tk.flags[k]! & HOMOGLYPH);
};

describe('the same words, printed two ways, are the same words', () => {
  const same: [string, string, string][] = [
    ['ru: capitals', 'МЫ ХОТИМ МИРА', 'мы хотим мира'],
    ['ru: ё printed as е', 'Ещё не всё решено', 'Еще не все решено'],
    ['ru: «ёлочки» and „лапки“ are only marks', '«Нужен мир»', '„Нужен мир“'],
    ['ru: й decomposed (и + breve) is й', 'мой', 'мои\u0306'],
    ['uk: capitals with і, ї, є, ґ', 'ЇЖАК ЄВРОПИ ҐАНОК І', 'їжак європи ґанок і'],
    ['uk: apostrophe styles inside a word', 'перемир’я', "перемир'я"],
    ['bg: capitals, ъ and ѝ', 'ИСКАМЕ МИР В ЕВРОПА', 'искаме мир в европа'],
    ['it: capitals with accents', 'È PERCHÉ CITTÀ', 'è perché città'],
    ['it: precomposed and combining accents', 'perché', 'perche\u0301'],
    ['it: elision apostrophes', 'l’Ucraina dell’Europa', "l'Ucraina dell'Europa"],
    ['el: capitals without accents, final sigma', 'ΘΕΛΟΥΜΕ ΕΙΡΗΝΗ ΣΤΗΝ ΕΥΡΩΠΗ ΓΙΑ ΠΑΝΤΑ ΤΟΥΣ', 'θέλουμε ειρήνη στην Ευρώπη για πάντα τους'],
    ['el: dialytika and tonos', 'ΠΡΩΪΝΟ', 'πρωινό'],
  ];
  for (const [name, a, b] of same) {
    it(name, () => {
      expect(hashes(a)).toEqual(hashes(b));
      expect(canonical(a)).toBe(canonical(b));
    });
  }
});

describe('different words stay different', () => {
  const other: [string, string, string][] = [
    ['uk: и and і are other letters', 'син', 'сін'],
    ['uk: ї and і', 'їх', 'іх'],
    ['ru/uk: й and и', 'мой', 'мои'],
    ['bg: ъ and ь', 'път', 'пьт'],
    ['it: an accent that makes another word', 'è', 'e'],
    ['ru: е and э', 'мер', 'мэр'],
  ];
  for (const [name, a, b] of other) {
    it(name, () => expect(hashes(a)).not.toEqual(hashes(b)));
  }
});

describe('words and sentences', () => {
  it('Cyrillic, Greek and accented Latin words are whole words', () => {
    expect(words('Мы не хотим перемирия, — сказал Песков.')).toEqual(['мы', 'не', 'хотим', 'перемирия', 'сказал', 'песков']);
    expect(words('Ми не хочемо перемир’я')).toEqual(['ми', 'не', 'хочемо', "перемир'я"]);
    expect(words('Не искаме примирие.')).toEqual(['не', 'искаме', 'примирие']);
    expect(words('Non vogliamo una tregua: è così.')).toEqual(['non', 'vogliamo', 'una', 'tregua', 'è', 'così']);
    expect(words('Θέλουμε ειρήνη.')).toEqual(['θελουμε', 'ειρηνη']);
  });

  it('a capital after a full stop starts a sentence in Cyrillic too', () => {
    const tk = tokenize('Мы хотим мира. Мы не хотим перемирия.');
    expect(tk.flags[3]! & 1).toBe(1);
  });

  it('normalizing twice changes nothing', () => {
    for (const s of ['Ещё ΕΙΡΗΝΗΣ ПРΩΪΝΟ перемир’я PERCHÉ', 'ΣΟΦΟΣ σοφός']) {
      const once = normalize(s).text;
      expect(normalize(once).text).toBe(once);
    }
  });
});

describe('honest Cyrillic and Greek are not homoglyph attacks', () => {
  it('a Russian quotation inside an English page: its look-alike words ("а", "он", "не") are Russian', () => {
    expect(homoglyphs('He said: «Мы хотим мира, а он не хочет», and the English text goes on for a while.')).toEqual([]);
  });
  it('a Ukrainian and a Bulgarian sentence among English ones', () => {
    expect(homoglyphs('She wrote “Ми не хочемо перемир’я, а миру” in her post.')).toEqual([]);
    expect(homoglyphs('The headline read „Не искаме примирие“ in Sofia.')).toEqual([]);
  });
  it('a Greek quotation inside an English page ("και" is all look-alikes)', () => {
    expect(homoglyphs('He said “ειρήνη και ασφάλεια” to reporters.')).toEqual([]);
  });
  it('still flags look-alike words among Latin words, and words mixing scripts', () => {
    expect(homoglyphs('We want реасе, not a truce')).toEqual(['реасе']);
    expect(homoglyphs('We want pеace, not a truce')).toEqual(['pеace']);
    expect(homoglyphs('Мы хотим мирa')).toEqual(['мирa']);
  });
});
