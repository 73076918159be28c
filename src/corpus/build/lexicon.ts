/**
 * Word lists the attribution rules read. The English words the matcher must
 * agree on (speech verbs, titles, honorifics, pronouns, abbreviations) live in
 * src/text/english and are re-exported here; the lists below are the
 * builder's own (what may sit inside a speaker's noun phrase). They describe
 * English news prose in general; nothing here is about any particular document.
 */
export {
  ABBREVIATIONS,
  ADJACENT_SPEECH_VERBS,
  FIRST_PERSON,
  GENDERED_ROLES,
  HONORIFICS,
  NAME_SUFFIXES,
  PRONOUNS,
  REPORTING_VERBS,
  ROLE_MODIFIERS,
  ROLE_NOUNS,
  SPEECH_NOUNS,
  TITLE_ABBREVIATIONS,
} from '../../text/english';

const set = (words: string) => new Set(words.trim().split(/\s+/));

/**
 * Words allowed between a speaker and the verb ("The ministry has repeatedly
 * stated"); besides these, any lowercase word ending in -ly is an adverb.
 */
export const AUXILIARIES = set(`
  has have had was were is are also later then again once further previously earlier
  reportedly repeatedly already now still never recently today yesterday will would
  has been had been be been just even then also himself herself itself themselves
  first again once more back
`);

/**
 * Nouns that make a capitalized name an institution rather than a person
 * ("Foreign Ministry", "European Commission"), so "it" can refer to it.
 */
export const INSTITUTION_NOUNS = set(`
  ministry government council commission committee agency office department
  parliament assembly congress senate court union federation states nations republic
  kingdom army forces police bank company corporation group party embassy administration
  authority authorities service institute university foundation fund organization
  organisation alliance bureau cabinet house team club board ministries
  secretariat directorate inc ltd campaign newspaper paper daily magazine network
  association coalition center centre institution firm
`);

/**
 * Lowercase nouns that stand for a named organisation met earlier ("the
 * company said", "her campaign said", "the newspaper wrote").
 */
export const DESCRIPTION_NOUNS = set(`
  ministry government council commission committee agency office department
  company corporation group party embassy administration campaign newspaper paper daily
  magazine network organization organisation foundation association coalition firm
  union team club board bank court panel
`);

/** Lowercase name particles inside personal names ("Ursula von der Leyen"). */
export const NAME_PARTICLES = set(`de da di du van von der den bin al la le del dos das ter ten`);

/**
 * Capitalized words that start sentences or clauses but are never part of a
 * speaker's name ("Although Roe called …", "On Friday, …").
 */
export const NON_NAME_WORDS = set(`
  The A An On In At According When While Although Though But And Or So As After Before If
  For By From With Without This That These Those It He She They We I You Our Its His Her
  Their My Your Most Many Some Any Notably Meanwhile However Moreover Still Yet Then Now
  Today Yesterday Also Asked Speaking Earlier Later Last Next Such Both Each Every All No
  Not Only Even Since Until Unless Because Despite During Under Over Into Onto Upon Why
  What Who Whom Whose Which Where How There Here Mr Mrs Ms Dr Analysis Update Updated
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday
  January February March April May June July August September October November December
  Instead Indeed Still Thus Hence Perhaps Maybe Sometimes Often Rather Once Twice Among Like Unlike
`);
