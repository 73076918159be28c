/**
 * Text normalization shared by the corpus builder, the matcher and the page.
 * Produces a folded string plus an offset map back to the original, so every
 * finding can point at exact original characters.
 */

/** Result of {@link normalize}. */
export interface Normalized {
  /** The folded text. */
  text: string;
  /**
   * `map[i]` is the offset in the original string of the character that
   * produced `text[i]`; `map[text.length]` is the original length, so a
   * half-open range [a, b) in `text` maps to [map[a], map[b - 1] + 1).
   */
  map: Uint32Array;
}

// Characters removed outright: zero-width space/joiners, word joiner, BOM, soft hyphen.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u2035`\u00B4]/;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB\u2039\u203A\u300C\u300D]/;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;
const SPACE = /\s/u;
const COMBINING = /\p{M}/u;
const LETTER = /\p{L}/u;
const LOWER = /\p{Ll}/u;

function foldChar(ch: string): string {
  if (SINGLE_QUOTES.test(ch)) return "'";
  if (DOUBLE_QUOTES.test(ch)) return '"';
  if (DASHES.test(ch)) return '-';
  return ch;
}

/**
 * Unicode NFKC; quotes, apostrophes, dashes and ellipses folded; whitespace
 * (NBSP and line breaks included) collapsed to one space and trimmed;
 * zero-width characters and soft hyphens removed; words hyphenated across a
 * line break joined; case folded.
 */
export function normalize(input: string): Normalized {
  const out: string[] = [];
  const map: number[] = [];
  const push = (s: string, at: number) => {
    for (const c of s) {
      for (let k = 0; k < c.length; k++) {
        out.push(c[k]!);
        map.push(at);
      }
    }
  };
  let pendingSpace = -1; // original offset of a pending collapsed space
  let i = 0;
  const n = input.length;
  while (i < n) {
    const cp = input.codePointAt(i)!;
    let unitEnd = i + (cp > 0xffff ? 2 : 1);
    // Keep a base character together with its combining marks for NFKC.
    while (unitEnd < n && COMBINING.test(String.fromCodePoint(input.codePointAt(unitEnd)!))) {
      unitEnd += input.codePointAt(unitEnd)! > 0xffff ? 2 : 1;
    }
    const unit = input.slice(i, unitEnd);
    const start = i;
    i = unitEnd;
    if (INVISIBLE.test(unit) && unit.length === 1) continue;
    // "sub-\n jects" -> "subjects": a hyphen after a letter, then whitespace with a line break, then a lowercase letter.
    if (unit === '-' || unit === '\u2010') {
      const m = /^[ \t]*\r?\n\s*/.exec(input.slice(i, i + 64));
      const prev = input[start - 1];
      const next = m ? input[i + m[0].length] : undefined;
      if (m && prev && LETTER.test(prev) && next && LOWER.test(next)) {
        i += m[0].length;
        continue;
      }
    }
    const folded = unit.normalize('NFKC');
    for (const ch of folded) {
      if (SPACE.test(ch)) {
        if (pendingSpace < 0) pendingSpace = start;
        continue;
      }
      if (INVISIBLE.test(ch)) continue;
      if (pendingSpace >= 0) {
        if (out.length > 0) push(' ', pendingSpace);
        pendingSpace = -1;
      }
      push(foldChar(ch).toLowerCase(), start);
    }
  }
  const m = new Uint32Array(map.length + 1);
  m.set(map);
  m[map.length] = n;
  return { text: out.join(''), map: m };
}

/** The folded form of a string, without the offset map. */
export function canonical(input: string): string {
  return normalize(input).text;
}
