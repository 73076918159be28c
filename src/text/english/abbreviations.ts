/**
 * Where a period does not end an English sentence: after an abbreviated title
 * ("Sen.", "the Rev."), an initial ("William G. Gale", "C. Eugene Steuerle"),
 * a suffix ("Jr."), a dotted acronym ("U.S.", "D-N.Y.") or a common
 * abbreviation ("Inc.", "No."). Shared by the builder's sentence splitter and
 * the matcher's.
 */
import { TITLE_ABBREVIATIONS } from './titles';

const set = (words: string) => new Set(words.trim().split(/\s+/));

/** Abbreviations after which a period does not end a sentence (besides titles, initials and acronyms). */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  ...TITLE_ABBREVIATIONS,
  ...set(`
    st jr sr no vol vs etc e.g i.e inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec
    approx dept est fig min max mt ft univ assn bros ave blvd
  `),
]);

/** US state abbreviations ("Rep. Jane Roe (D-Calif.)"): abbreviations only when capitalized ("fell ill." ends a sentence). */
const STATES: ReadonlySet<string> = set(`
  ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev
  okla ore pa tenn tex va vt wash wis wyo
`);

/** Name suffixes: "John Doe Jr.", "John Doe II". Not part of the surname, not a sentence end. */
export const NAME_SUFFIXES: ReadonlySet<string> = set(`jr sr ii iii iv`);

/**
 * Does the period at `text[dot]` belong to an abbreviation, not end a sentence?
 */
export function isAbbreviationAt(text: string, dot: number): boolean {
  const m = /([\p{L}.-]+)$/u.exec(text.slice(Math.max(0, dot - 12), dot));
  if (!m) return false;
  const word = m[1]!.replace(/^.*-/u, '');
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "J. Smith"
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true; // "U.S", "e.g", "N.Y"
  const lower = word.toLowerCase();
  return ABBREVIATIONS.has(lower) || (/^\p{Lu}/u.test(word) && STATES.has(lower));
}
