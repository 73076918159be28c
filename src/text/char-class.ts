/**
 * Unicode character classes by code point, cached for the Basic Multilingual
 * Plane. Normalization and tokenization look at every character of a page, so
 * a Unicode property regex per character is too slow; the first look at a
 * code unit runs the regexes once and later looks are one array read.
 */

export const MARK = 1 << 1; // \p{M}: combining marks stay with their base character
export const INVISIBLE = 1 << 2; // removed outright (zero-width, soft hyphen, bidi controls)
export const SPACE = 1 << 3; // \s: collapsed to one space
export const LETTER = 1 << 4; // \p{L}
export const LOWER = 1 << 5; // \p{Ll}
export const WORD = 1 << 6; // \p{L} | \p{N} | \p{M}: part of a word
export const UPPER = 1 << 7; // \p{Lu} | \p{Lt}

const KNOWN = 1;
const MARK_RE = /\p{M}/u;
const SPACE_RE = /\s/u;
const LETTER_RE = /\p{L}/u;
const LOWER_RE = /\p{Ll}/u;
const NUMBER_RE = /\p{N}/u;
const UPPER_RE = /[\p{Lu}\p{Lt}]/u;

/**
 * Invisible format characters: zero-width space and joiners, word joiner,
 * invisible operators, BOM, soft hyphen, combining grapheme joiner, the
 * bidirectional controls (used to spoof text), variation selectors
 * (U+FE00–FE0F, U+E0100–E01EF: they pick a glyph style and draw nothing
 * after a letter), tag characters (U+E0000–E007F: invisible outside emoji
 * flags) and the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0: letters by
 * category, drawn as nothing or blank). None of them is visible in a
 * quotation, so none of them may change a match: a word with one inside
 * reads as the word without it, and a doctored word stays *altered*.
 */
export function isInvisibleCodePoint(cp: number): boolean {
  if (cp < 0x2000) return cp === 0x00ad || cp === 0x034f || cp === 0x061c || cp === 0x115f || cp === 0x1160 || cp === 0x180e;
  if (cp < 0x10000) {
    return (
      (cp >= 0x200b && cp <= 0x200f) ||
      (cp >= 0x202a && cp <= 0x202e) ||
      (cp >= 0x2060 && cp <= 0x2064) ||
      (cp >= 0x2066 && cp <= 0x2069) ||
      cp === 0x3164 ||
      (cp >= 0xfe00 && cp <= 0xfe0f) ||
      cp === 0xfeff ||
      cp === 0xffa0
    );
  }
  return (cp >= 0xe0000 && cp <= 0xe007f) || (cp >= 0xe0100 && cp <= 0xe01ef);
}

function compute(cp: number): number {
  const ch = String.fromCodePoint(cp);
  let c = KNOWN;
  if (isInvisibleCodePoint(cp)) return c | INVISIBLE;
  if (MARK_RE.test(ch)) c |= MARK | WORD;
  if (SPACE_RE.test(ch)) c |= SPACE;
  if (LETTER_RE.test(ch)) c |= LETTER | WORD;
  if (LOWER_RE.test(ch)) c |= LOWER;
  if (UPPER_RE.test(ch)) c |= UPPER;
  if (NUMBER_RE.test(ch)) c |= WORD;
  return c;
}

const bmp = new Uint8Array(0x10000);

/** Class bits of a code point (see the exported constants). Surrogate halves alone have none. */
export function charClass(cp: number): number {
  if (cp < 0x10000) {
    let c = bmp[cp]!;
    if (c === 0) {
      c = compute(cp);
      bmp[cp] = c;
    }
    return c;
  }
  return compute(cp);
}
