/**
 * Words of a text, for the index and the aligner: normalized, hashed, with
 * their offsets in the original text and what the gap before each one says
 * (sentence end, ellipsis, paragraph break).
 *
 * A word is a run of letters, digits and marks; an apostrophe between two
 * such characters stays inside (don't, Peskov's), as do "," and "." between
 * digits (1,000, 3.5). Hyphens and dashes split words, so "non-viable",
 * "non viable" and "non—viable" are the same two words. Punctuation is never
 * part of a word: a quotation that differs from the verified one only in
 * punctuation or typography has the same words.
 */
// Direct module imports, not the src/text barrel: these run per character.
import { charClass as charClassImport, UPPER as UPPER_IMPORT, WORD as WORD_IMPORT } from '../text/char-class';
import { dominantScript, foldToScript, isLatinLookalike, isMixedScript, type Script } from '../text/homoglyph';
import { normalize, type Normalized } from '../text/normalize';
import { fnv1a } from './hash';

// Module-level copies of per-character imports (some loaders reach imports through getters).
const charClass = charClassImport;
const UPPER = UPPER_IMPORT;
const WORD = WORD_IMPORT;

/** The gap before this word ends a sentence (or this is the first word). */
export const SENTENCE = 1;
/** The gap before this word holds an ellipsis ("...", "[...]"): words were left out. */
export const ELLIPSIS = 2;
/** The gap before this word is a paragraph break. */
export const PARAGRAPH = 4;
/** The word starts with a capital letter in the original text. */
export const CAPITAL = 8;
/** The word mixes scripts (or is a Latin look-alike in another script) and was folded to match. */
export const HOMOGLYPH = 16;

export interface Tokens {
  original: string;
  norm: Normalized;
  count: number;
  /** Hash of each word (after homoglyph folding). */
  hash: Uint32Array;
  /** Offsets of each word in the normalized text. */
  nStart: Uint32Array;
  nEnd: Uint32Array;
  /** SENTENCE | ELLIPSIS | PARAGRAPH | CAPITAL | HOMOGLYPH bits per word. */
  flags: Uint8Array;
}

const APOSTROPHE = 39;
const DOT = 46;
const COMMA = 44;

/** Lowercase abbreviations that end with a period without ending a sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'vs', 'etc', 'prof', 'gen', 'gov', 'sen', 'rep', 'col', 'lt', 'sgt',
  'capt', 'inc', 'ltd', 'co', 'corp', 'dept', 'approx', 'e.g', 'i.e', 'fig', 'jan', 'feb', 'mar', 'apr', 'jun',
  'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'pres', 'adm', 'rev', 'hon',
]);

/** ASCII word characters (letters, digits), by code. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_WORD[c] = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) ? 1 : 0;
}

function isWordCode(c: number): boolean {
  if (c < 0x80) return ASCII_WORD[c] === 1;
  if (c >= 0xd800 && c <= 0xdfff) return true; // astral letters (surrogate pairs): treat as word characters
  return (charClass(c) & WORD) !== 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// Scratch arrays reused across calls; each result gets exact-size copies.
let scratchStart = new Uint32Array(256);
let scratchEnd = new Uint32Array(256);
let scratchHash = new Uint32Array(256);
let scratchFlags = new Uint8Array(256);

/** Splits a text into words (see the module comment). `norm` may be passed when already computed. */
export function tokenize(original: string, norm: Normalized = normalize(original)): Tokens {
  const t = norm.text;
  const n = t.length;
  // At most one word per two characters, plus one.
  const cap = (n >> 1) + 2;
  if (scratchStart.length < cap) {
    const size = Math.max(cap, scratchStart.length * 2);
    scratchStart = new Uint32Array(size);
    scratchEnd = new Uint32Array(size);
    scratchHash = new Uint32Array(size);
    scratchFlags = new Uint8Array(size);
  }
  const nStart = scratchStart;
  const nEnd = scratchEnd;
  const hash = scratchHash;
  const flags = scratchFlags;
  const newlines = original.includes('\n');
  let count = 0;
  let nonAscii = false;
  let i = 0;
  let gapStart = 0;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c < 0x80 ? ASCII_WORD[c] === 0 : !isWordCode(c)) {
      i++;
      continue;
    }
    const start = i;
    let ascii = c < 0x80;
    let h = Math.imul(0x811c9dc5 ^ c, 0x01000193);
    i++;
    while (i < n) {
      const d = t.charCodeAt(i);
      if (d < 0x80 ? ASCII_WORD[d] === 1 : isWordCode(d)) {
        if (d >= 0x80) ascii = false;
        h = Math.imul(h ^ d, 0x01000193);
        i++;
        continue;
      }
      // Inside a word: an apostrophe between word characters; "," or "." between digits.
      if (i + 1 < n) {
        const e = t.charCodeAt(i + 1);
        if (d === APOSTROPHE && isWordCode(e)) {
          h = Math.imul(Math.imul(h ^ d, 0x01000193) ^ e, 0x01000193);
          i += 2;
          if (e >= 0x80) ascii = false;
          continue;
        }
        if ((d === DOT || d === COMMA) && isDigit(e) && isDigit(t.charCodeAt(i - 1))) {
          h = Math.imul(Math.imul(h ^ d, 0x01000193) ^ e, 0x01000193);
          i += 2;
          continue;
        }
      }
      break;
    }
    nStart[count] = start;
    nEnd[count] = i;
    hash[count] = h >>> 0;
    let f = 0;
    if (count === 0) f = SENTENCE;
    // A single space between words says nothing, unless the original had a line break there.
    else if (start - gapStart !== 1 || t.charCodeAt(gapStart) !== 32 || newlines) {
      f = gapFlags(original, norm, t, gapStart, start, nStart[count - 1]!);
    }
    const oc = original.charCodeAt(norm.map[start]!);
    if (oc < 0x80 ? oc >= 65 && oc <= 90 : charClass(original.codePointAt(norm.map[start]!)!) & UPPER) f |= CAPITAL;
    flags[count] = f;
    if (!ascii) nonAscii = true;
    count++;
    gapStart = i;
  }
  const tokens: Tokens = {
    original,
    norm,
    count,
    hash: hash.slice(0, count),
    nStart: nStart.slice(0, count),
    nEnd: nEnd.slice(0, count),
    flags: flags.slice(0, count),
  };
  // Sentence boundaries need the next word's capital, known only now.
  fixSentenceFlags(tokens);
  if (nonAscii) foldHomoglyphs(tokens);
  return tokens;
}

/** Pending sentence ends: bit 7 of the gap flags marks "., ! or ? seen", resolved by fixSentenceFlags. */
const SENTENCE_PUNCT = 128;

function gapFlags(original: string, norm: Normalized, t: string, from: number, to: number, prevStart: number): number {
  let f = 0;
  let dots = 0;
  let punct = false;
  let quote = false;
  for (let k = from; k < to; k++) {
    const c = t.charCodeAt(k);
    if (c === DOT) {
      dots++;
      if (dots >= 3) f |= ELLIPSIS;
    } else {
      if (dots === 1 || dots === 2) punct = true;
      dots = 0;
      if (c === 33 || c === 63) punct = true; // ! ?
      else if (c === 34 || c === APOSTROPHE) quote = true;
    }
  }
  if (dots === 1 || dots === 2) punct = true;
  // An abbreviation or an initial before the period does not end a sentence.
  if (punct && !(f & ELLIPSIS)) {
    const prev = t.slice(prevStart, from);
    if (prev.length === 1 || ABBREVIATIONS.has(prev)) punct = false;
    // "No. 5" is a number; "we said no." ends a sentence.
    if (prev === 'no' && isDigit(t.charCodeAt(to))) punct = false;
  }
  // Paragraph: a blank line, or a line break after sentence punctuation or a colon.
  const oFrom = norm.ends[from - 1] ?? 0;
  const oTo = norm.map[to]!;
  let newlines = 0;
  for (let k = oFrom; k < oTo; k++) if (original.charCodeAt(k) === 10) newlines++;
  if (newlines >= 2 || (newlines === 1 && (punct || f & ELLIPSIS || t.slice(from, to).includes(':')))) {
    f |= PARAGRAPH | SENTENCE;
  }
  if (punct) f |= SENTENCE_PUNCT;
  if (quote && punct) f |= SENTENCE;
  return f;
}

function fixSentenceFlags(tk: Tokens): void {
  for (let k = 0; k < tk.count; k++) {
    let f = tk.flags[k]!;
    if (f & SENTENCE_PUNCT) {
      // ". Then" ends a sentence; "U.S. officials" and "3 p.m. on" do not.
      const c = tk.norm.text.charCodeAt(tk.nStart[k]!);
      if (f & CAPITAL || isDigit(c)) f |= SENTENCE;
      f &= ~SENTENCE_PUNCT;
      tk.flags[k] = f;
    }
  }
}

/**
 * Words mixing Latin, Cyrillic and Greek letters are folded to their main
 * script and flagged. A word made only of Cyrillic or Greek look-alikes of
 * Latin letters ("реасе") is folded to Latin and flagged when it sits among
 * Latin words: the nearest word on each side that is not itself such a
 * look-alike (skipping numbers) is Latin, or there is none on that side.
 * Judged by its neighbours, not by the whole text: a Russian or Greek
 * quotation inside an English page ("он не", "και") is honest text
 * (tests/unit/text/normalize-languages.test.ts).
 */
function foldHomoglyphs(tk: Tokens): void {
  const t = tk.norm.text;
  const scripts: Script[] = [];
  const lookalike = new Uint8Array(tk.count);
  let any = false;
  for (let k = 0; k < tk.count; k++) {
    const w = t.slice(tk.nStart[k]!, tk.nEnd[k]!);
    const script = dominantScript(w);
    scripts.push(script);
    if (isMixedScript(w)) {
      tk.hash[k] = fnv1a(foldToScript(w, script));
      tk.flags[k]! |= HOMOGLYPH;
    } else if (script !== 'latin' && script !== 'other' && isLatinLookalike(w)) {
      lookalike[k] = 1;
      any = true;
    }
  }
  if (!any) return;
  const side = (k: number, step: number): Script | undefined => {
    for (let j = k + step; j >= 0 && j < tk.count; j += step) {
      if (lookalike[j] || scripts[j] === 'other') continue;
      return scripts[j];
    }
    return undefined;
  };
  for (let k = 0; k < tk.count; k++) {
    if (!lookalike[k]) continue;
    const before = side(k, -1);
    const after = side(k, 1);
    if ((before ?? after) === undefined) continue; // nothing around it to judge by
    if ((before ?? 'latin') !== 'latin' || (after ?? 'latin') !== 'latin') continue;
    tk.hash[k] = fnv1a(foldToScript(t.slice(tk.nStart[k]!, tk.nEnd[k]!), 'latin'));
    tk.flags[k]! |= HOMOGLYPH;
  }
}

/** The normalized text of word `k`. */
export function wordAt(tk: Tokens, k: number): string {
  return tk.norm.text.slice(tk.nStart[k]!, tk.nEnd[k]!);
}

/** The original text of word `k` (exact characters of the input). */
export function originalWordAt(tk: Tokens, k: number): string {
  return tk.original.slice(tk.norm.map[tk.nStart[k]!]!, tk.norm.ends[tk.nEnd[k]! - 1]!);
}

/** Original offsets [start, end) of words [a, b). */
export function originalSpan(tk: Tokens, a: number, b: number): [number, number] {
  if (b <= a) {
    const at = a < tk.count ? tk.norm.map[tk.nStart[a]!]! : tk.original.length;
    return [at, at];
  }
  return [tk.norm.map[tk.nStart[a]!]!, tk.norm.ends[tk.nEnd[b - 1]! - 1]!];
}

/** Just the word hashes of a text: what the index stores per quote. */
export function wordHashes(text: string): Uint32Array {
  const out = new Uint32Array((text.length >> 1) + 2);
  const n = wordHashesInto(text, out, 0);
  return out.slice(0, n);
}

/**
 * Writes the word hashes of `text` into `out` from `at`, returning how many
 * (`out` must have room for text.length / 2 + 2). Printable ASCII takes a
 * path that allocates nothing (the corpus build hashes millions of words);
 * anything else goes through tokenize(). Both give the same hashes.
 */
export function wordHashesInto(text: string, out: Uint32Array, at: number): number {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 126 || c < 32 || c === 0x60) {
      const h = tokenize(text).hash;
      out.set(h, at);
      return h.length;
    }
  }
  let count = 0;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (ASCII_WORD[c] === 0) {
      i++;
      continue;
    }
    if (c >= 65 && c <= 90) c += 32;
    let h = Math.imul(0x811c9dc5 ^ c, 0x01000193);
    i++;
    while (i < n) {
      let d = text.charCodeAt(i);
      if (ASCII_WORD[d] === 1) {
        if (d >= 65 && d <= 90) d += 32;
        h = Math.imul(h ^ d, 0x01000193);
        i++;
        continue;
      }
      if (i + 1 < n) {
        let e = text.charCodeAt(i + 1);
        if (d === APOSTROPHE && ASCII_WORD[e] === 1) {
          if (e >= 65 && e <= 90) e += 32;
          h = Math.imul(Math.imul(h ^ d, 0x01000193) ^ e, 0x01000193);
          i += 2;
          continue;
        }
        if ((d === DOT || d === COMMA) && isDigit(e) && isDigit(text.charCodeAt(i - 1))) {
          h = Math.imul(Math.imul(h ^ d, 0x01000193) ^ e, 0x01000193);
          i += 2;
          continue;
        }
      }
      break;
    }
    out[at + count++] = h >>> 0;
  }
  return count;
}
