/**
 * Homoglyphs: letters of one script that look like letters of another
 * (Cyrillic "а" and Latin "a"). A word that mixes scripts is almost never
 * honest text, and it can make a quotation look verified while a search for
 * its words fails, so the matcher folds such words for matching and flags
 * the finding.
 *
 * Works on normalized (lowercased) text: uppercase look-alikes such as
 * Cyrillic "Н" (H) arrive here as "н", so the table maps that too.
 */

export type Script = 'latin' | 'cyrillic' | 'greek' | 'other';

/** Cyrillic and Greek lowercase letters (or lowercased capitals) that pass for Latin ones. */
const TO_LATIN: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', і: 'i', ї: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c',
  т: 't', у: 'y', х: 'x', ѕ: 's', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ү: 'y',
  // Greek
  α: 'a', β: 'b', ε: 'e', ζ: 'z', η: 'n', ι: 'i', κ: 'k', μ: 'u', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u',
  χ: 'x', ϲ: 'c', ϳ: 'j',
};

/** Latin letters that pass for Cyrillic ones, for a Cyrillic word with a Latin intruder. */
const TO_CYRILLIC: Record<string, string> = {
  a: 'а', b: 'в', e: 'е', i: 'і', j: 'ј', k: 'к', m: 'м', h: 'н', o: 'о', p: 'р', c: 'с', t: 'т', y: 'у', x: 'х', s: 'ѕ',
};

/** Latin letters that pass for Greek ones. */
const TO_GREEK: Record<string, string> = {
  a: 'α', e: 'ε', i: 'ι', k: 'κ', n: 'η', o: 'ο', p: 'ρ', t: 'τ', u: 'υ', v: 'ν', x: 'χ', z: 'ζ',
};

const LATIN_RE = /\p{Script=Latin}/u;
const CYRILLIC_RE = /\p{Script=Cyrillic}/u;
const GREEK_RE = /\p{Script=Greek}/u;

const scriptCache = new Map<number, Script>();

/** The script of one letter; `other` for non-letters and for scripts without look-alikes here. */
export function scriptOf(cp: number): Script {
  if (cp < 0x80) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) ? 'latin' : 'other';
  let s = scriptCache.get(cp);
  if (s === undefined) {
    const ch = String.fromCodePoint(cp);
    s = LATIN_RE.test(ch) ? 'latin' : CYRILLIC_RE.test(ch) ? 'cyrillic' : GREEK_RE.test(ch) ? 'greek' : 'other';
    scriptCache.set(cp, s);
  }
  return s;
}

/** Counts of Latin, Cyrillic and Greek letters in a word. */
export function scriptCounts(word: string): { latin: number; cyrillic: number; greek: number } {
  const counts = { latin: 0, cyrillic: 0, greek: 0 };
  for (const ch of word) {
    const s = scriptOf(ch.codePointAt(0)!);
    if (s !== 'other') counts[s]++;
  }
  return counts;
}

/** True when a word has letters of two or more of Latin, Cyrillic and Greek. */
export function isMixedScript(word: string): boolean {
  const c = scriptCounts(word);
  return (c.latin > 0 ? 1 : 0) + (c.cyrillic > 0 ? 1 : 0) + (c.greek > 0 ? 1 : 0) > 1;
}

/** True when every letter of a Cyrillic or Greek word has a Latin look-alike ("реасе"). */
export function isLatinLookalike(word: string): boolean {
  let letters = 0;
  for (const ch of word) {
    const s = scriptOf(ch.codePointAt(0)!);
    if (s === 'latin') return false;
    if (s === 'other') continue;
    if (TO_LATIN[ch] === undefined) return false;
    letters++;
  }
  return letters > 0;
}

/** The script most of a word's letters are in (ties go to Latin, then Cyrillic). */
export function dominantScript(word: string): Script {
  const c = scriptCounts(word);
  if (c.latin === 0 && c.cyrillic === 0 && c.greek === 0) return 'other';
  if (c.latin >= c.cyrillic && c.latin >= c.greek) return 'latin';
  return c.cyrillic >= c.greek ? 'cyrillic' : 'greek';
}

/** Rewrites the look-alike letters of a word into `target`'s script; letters without a look-alike stay. */
export function foldToScript(word: string, target: Script): string {
  let out = '';
  for (const ch of word) {
    const s = scriptOf(ch.codePointAt(0)!);
    if (s === target || s === 'other') {
      out += ch;
      continue;
    }
    let mapped: string | undefined;
    if (target === 'latin') mapped = TO_LATIN[ch];
    else if (s === 'latin') mapped = target === 'cyrillic' ? TO_CYRILLIC[ch] : target === 'greek' ? TO_GREEK[ch] : undefined;
    else mapped = TO_LATIN[ch] !== undefined ? (target === 'cyrillic' ? TO_CYRILLIC : TO_GREEK)[TO_LATIN[ch]] : undefined;
    out += mapped ?? ch;
  }
  return out;
}
