/**
 * What a capitalized name is: a person (and of which gender, where the first
 * name says), a place, or unknown. The first-name and place data come from
 * the `compromise` package's lexicon (MIT; builder only, never in the
 * extension): thousands of first names tagged male or female, and places.
 * Looked up one word or name at a time, cached.
 */
import nlp from 'compromise';
import type { Gender } from '../../text/english';

const genderCache = new Map<string, Gender | null>();
const placeCache = new Map<string, boolean>();

/** The gender a first name usually has ("Jane" female, "John" male), or undefined when unknown or shared. */
export function firstNameGender(word: string): Gender | undefined {
  let g = genderCache.get(word);
  if (g === undefined) {
    const doc = nlp(word);
    const male = doc.has('#MaleName');
    const female = doc.has('#FemaleName');
    g = male === female ? null : male ? 'male' : 'female';
    genderCache.set(word, g);
  }
  return g ?? undefined;
}

/** Is `word` a known first name? */
const firstNameCache = new Map<string, boolean>();
export function isFirstName(word: string): boolean {
  let f = firstNameCache.get(word);
  if (f === undefined) {
    f = firstNameGender(word) !== undefined || nlp(word).has('#FirstName');
    firstNameCache.set(word, f);
  }
  return f;
}

/** Is the name a place ("South Carolina", "Jerusalem")? Then it is never a speaker by itself. */
export function isPlaceName(name: string): boolean {
  let p = placeCache.get(name);
  if (p === undefined) {
    const doc = nlp(name);
    p = doc.has('#Place') && !doc.has('#Person');
    placeCache.set(name, p);
  }
  return p;
}
