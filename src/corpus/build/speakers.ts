/**
 * Speakers: noun phrases read off tokens ("Finance Ministry spokeswoman Jane Roe"
 * -> role "Finance Ministry spokeswoman", name "Jane Roe"), and the registry that
 * turns what a sentence calls someone ("Roe", "the ministry", "he") into
 * one canonical speaker. Declared speakers (from metadata) come first; names
 * the text introduces are discovered; a surname alone resolves to the one
 * full name that ends with it.
 */
import { canonical } from '../../text';
import type { DeclaredSpeaker } from './metadata';
import {
  AUXILIARIES,
  GENDERED_ROLES,
  HONORIFICS,
  INSTITUTION_NOUNS,
  NAME_PARTICLES,
  NON_NAME_WORDS,
  PRONOUNS,
  ROLE_MODIFIERS,
  ROLE_NOUNS,
  SPEECH_NOUNS,
} from './lexicon';
import type { Token } from './sentences';
import type { Gender } from '../../text/english';
import { firstNameGender, isFirstName, isPlaceName } from './names';

export type EntityKind = 'person' | 'organization' | 'unknown';

export interface Entity {
  name: string;
  kind: EntityKind;
  role?: string;
  /** Other names the documents use for the speaker (declared, or a surname used alone). */
  aliases: Set<string>;
  declared: boolean;
  /** For a person: from an honorific, a gendered role, a pronoun already bound to them, or the first name. */
  gender?: Gender;
  /** Described, never named ("a senior adviser"): the name is the description. */
  unnamed?: boolean;
}

/** A noun phrase split into its role words and its name words. */
export interface NounPhrase {
  /** Token index of the phrase's first token (after any leading article). */
  first: number;
  /** One past the last token. */
  end: number;
  role: string[];
  name: string[];
  /** The phrase is a pronoun ("he", "it"). */
  pronoun?: string;
  /** A lowercase institution after an article ("the ministry"). */
  institution?: string;
  /** The phrase opened with "the" ("the Texas senator"): a description of someone already named. */
  definite?: boolean;
  /** The phrase opened with "a", "an", "one" or "another" ("a senior adviser"): someone the text does not name. */
  indefinite?: boolean;
}

/** Words that open a description of someone not named ("a senior official", "one shop owner", "another source"). */
const INDEFINITE = new Set(['a', 'an', 'one', 'another']);

/**
 * Most words of a description before its head noun ("a longtime party data
 * expert"): longer runs are a clause, not a noun phrase.
 */
const MAX_DESCRIPTION_WORDS = 6;

/** Most tokens in brackets after a name ("Rep. Jane Roe (D-Wes.)"). */
const MAX_BRACKETED_TOKENS = 8;

/** The index after a bracketed aside starting at `i` ("(D-Wes.)"), or `i` when there is none. */
export function skipBracketsAt(tokens: Token[], i: number): number {
  if (tokens[i]?.text !== '(') return i;
  for (let k = i + 1; k < tokens.length && k <= i + MAX_BRACKETED_TOKENS; k++) {
    if (tokens[k]!.text === ')') return k + 1;
    if (tokens[k]!.kind === 'quote' || tokens[k]!.text === '(') return i;
  }
  return i;
}

/** The index of the "(" of a bracketed aside ending just before `end`, or `end` when there is none. */
export function skipBracketsBefore(tokens: Token[], end: number): number {
  if (tokens[end - 1]?.text !== ')') return end;
  for (let k = end - 2; k >= 0 && k >= end - 1 - MAX_BRACKETED_TOKENS; k--) {
    if (tokens[k]!.text === '(') return k;
    if (tokens[k]!.kind === 'quote' || tokens[k]!.text === ')') return end;
  }
  return end;
}

/**
 * A description of someone the text may not name, starting at `start`: an
 * article, up to a few words, and a role noun as its head ("a longtime party
 * data expert", "one owner", "the source"). Only the role is kept.
 */
export function descriptionAt(tokens: Token[], start: number): NounPhrase | undefined {
  const art = tokens[start];
  if (!art || art.kind !== 'word' || !(INDEFINITE.has(art.lower) || art.lower === 'the')) return undefined;
  for (let k = start + 1; k < tokens.length && k <= start + MAX_DESCRIPTION_WORDS; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word' || isPronoun(t)) return undefined;
    if (ROLE_NOUNS.has(t.lower) && !ROLE_NOUNS.has(tokens[k + 1]?.lower ?? '')) {
      const role = tokens.slice(start + 1, k + 1).map((w) => w.text);
      return art.lower === 'the'
        ? { first: start + 1, end: k + 1, role, name: [], definite: true }
        : { first: start + 1, end: k + 1, role, name: [], indefinite: true };
    }
  }
  return undefined;
}

/**
 * Longest name a phrase may have. Personal names run to 4 words with
 * particles; longer capitalized runs are titles or organizations.
 */
const MAX_NAME_WORDS = 5;

const isCap = (t: Token) => t.kind === 'word' && /^\p{Lu}/u.test(t.text);
const isPossessive = (t: Token) => /['\u2019]s?$/u.test(t.text);
const isRoleWord = (t: Token) => t.kind === 'word' && (ROLE_NOUNS.has(t.lower) || ROLE_MODIFIERS.has(t.lower));
const isArticle = (t: Token | undefined) => t !== undefined && (t.lower === 'the' || t.lower === 'a' || t.lower === 'an');

export const isPronoun = (t: Token | undefined): boolean => t !== undefined && t.kind === 'word' && PRONOUNS.has(t.lower);

/** Auxiliaries and adverbs allowed between a subject and its verb. */
export const isAuxiliary = (t: Token): boolean =>
  t.kind === 'word' && (AUXILIARIES.has(t.lower) || /^\p{Ll}{3,}ly$/u.test(t.text));

/** May `t` be part of a noun phrase naming someone (capitalized, a role word, a name particle)? */
export function phraseToken(t: Token): boolean {
  if (t.kind !== 'word') return false;
  if (isCap(t)) return true;
  return isRoleWord(t) || NAME_PARTICLES.has(t.text);
}

/** Splits tokens [a, b) into role and name parts; undefined when nothing is left. */
export function phraseIn(tokens: Token[], a: number, b: number): NounPhrase | undefined {
  let first = a;
  // A capitalized participle or adverb opening a sentence ("Noting …", "Asked …", "Separately") is no name.
  if (first < b && /^\p{Lu}\p{Ll}+(?:ing|ly)$/u.test(tokens[first]!.text) && (first === 0 || tokens[first - 1]!.kind !== 'word')) first++;
  while (
    first < b &&
    (NON_NAME_WORDS.has(tokens[first]!.text) || isArticle(tokens[first]) || HONORIFICS.has(tokens[first]!.lower))
  ) {
    first++;
  }
  while (first < b && NAME_PARTICLES.has(tokens[first]!.text)) first++;
  if (first >= b) return undefined;
  // The name is the trailing run of capitalized words that are not role words.
  let nameStart = b;
  while (nameStart > first) {
    const t = tokens[nameStart - 1]!;
    const capName = isCap(t) && !ROLE_NOUNS.has(t.lower) && !isPossessive(t);
    const particle = NAME_PARTICLES.has(t.text) && nameStart < b;
    if (!capName && !particle) break;
    nameStart--;
  }
  while (nameStart < b && NAME_PARTICLES.has(tokens[nameStart]!.text)) nameStart++;
  const name = tokens.slice(nameStart, b).map((t) => t.text);
  const role = tokens.slice(first, nameStart).map((t) => t.text);
  if (name.length > MAX_NAME_WORDS) return undefined;
  if (name.length === 0 && !role.some((w) => ROLE_NOUNS.has(w.toLowerCase()))) return undefined;
  const opening = tokens.slice(a, first);
  if (a > 0 && tokens[a - 1]!.kind === 'word') opening.push(tokens[a - 1]!); // "said a senior adviser": the article before the run
  const definite = opening.some((t) => t.lower === 'the');
  const indefinite = !definite && name.length === 0 && opening.some((t) => INDEFINITE.has(t.lower));
  return definite ? { first, end: b, role, name, definite } : indefinite ? { first, end: b, role, name, indefinite } : { first, end: b, role, name };
}

/** The noun phrase that ends just before token `end` (a verb's subject). */
export function phraseBefore(tokens: Token[], end: number): NounPhrase | undefined {
  const last = tokens[end - 1];
  if (last === undefined) return undefined;
  if (isPronoun(last)) return { first: end - 1, end, role: [], name: [], pronoun: last.lower };
  if (last.kind === 'word' && (INSTITUTION_NOUNS.has(last.lower) || SPEECH_NOUNS.has(last.lower)) && !isCap(last) && isArticle(tokens[end - 2])) {
    return { first: end - 2, end, role: [], name: [], institution: last.lower };
  }
  let a = end;
  while (a > 0 && phraseToken(tokens[a - 1]!)) a--;
  if (a === end) return undefined;
  return phraseIn(tokens, a, end);
}

/** The noun phrase that starts at token `start` ("said Finance Ministry spokeswoman Jane Roe"). */
export function phraseAt(tokens: Token[], start: number): NounPhrase | undefined {
  let i = start;
  const t0 = tokens[i];
  if (t0 === undefined) return undefined;
  if (isPronoun(t0)) return { first: i, end: i + 1, role: [], name: [], pronoun: t0.lower };
  if (isArticle(t0)) {
    const t1 = tokens[i + 1];
    if (t1 && t1.kind === 'word' && !isCap(t1) && (INSTITUTION_NOUNS.has(t1.lower) || SPEECH_NOUNS.has(t1.lower))) {
      return { first: i, end: i + 2, role: [], name: [], institution: t1.lower };
    }
    i++;
  }
  let b = i;
  // "the Zionist Union Party’s Nachman Shai": a possessive inside the phrase belongs to the role.
  while (b < tokens.length && phraseToken(tokens[b]!) && (!isPossessive(tokens[b]!) || phraseToken(tokens[b + 1] ?? tokens[b]!) && tokens[b + 1] !== undefined)) b++;
  if (b > i && isPossessive(tokens[b - 1]!)) b--;
  // A name ends at its last capitalized word ("Roe said", not "Roe said of").
  while (b > i && !isCap(tokens[b - 1]!) && !ROLE_NOUNS.has(tokens[b - 1]!.lower)) b--;
  if (b === i) return undefined;
  return phraseIn(tokens, start, b);
}

/** Words that open a clause but are not its subject ("In a statement Thursday, Roe said …"). */
const OPENERS = new Set([
  'in', 'on', 'at', 'after', 'before', 'when', 'while', 'during', 'speaking', 'asked', 'although', 'though',
  'as', 'since', 'because', 'despite', 'with', 'without', 'for', 'from', 'by', 'under', 'over', 'earlier', 'later',
  'however', 'but', 'and', 'yet', 'still', 'meanwhile', 'instead', 'also', 'then', 'so', 'again', 'today', 'yesterday',
  'last', 'this', 'once', 'now', 'responding', 'writing', 'addressing', 'following', 'according',
]);

/** Words a relative clause may put between "who" and its speech verb ("who has in the past described"). */
const MAX_RELATIVE_GAP = 6;

/** Conjunctions that may open a clause before its subject ("But Roe said …"). */
const CONJUNCTIONS = new Set(['but', 'and', 'yet', 'so', 'or']);

/** Prepositions that put a name inside someone's description ("Baker of Columbia", "a salesman from Sumter"). */
const PREPOSITIONS = new Set(['of', 'from', 'in', 'at', 'for', 'with', 'to', 'by', 'on', 'about', 'against', 'near']);

/**
 * Most tokens a clause's subject may sit before its verb, appositives and
 * "who …" clauses included ("Melanne Verveer, who served as … during the …
 * administration, told"). Longer, and the verb belongs to another clause.
 */
const MAX_SUBJECT_DISTANCE = 32;

/** Where the clause holding token `i` starts: after a quotation, a colon, a semicolon or a dash, else the sentence start. */
export function clauseStart(tokens: Token[], i: number): number {
  for (let k = i - 1; k >= 0; k--) {
    const t = tokens[k]!;
    if (t.kind === 'quote' || t.text === ':' || t.text === ';' || t.text === '\u2014') return k + 1;
  }
  return 0;
}

/**
 * The clause's subject: the noun phrase that opens it, after any opening
 * adverbial ("In a statement released Thursday, Rep. Jane Roe reacted …",
 * "After the vote, Roe …").
 */
export function clauseSubject(tokens: Token[], start: number, limit: number): NounPhrase | undefined {
  let i = start;
  // "But Roe refused …": a conjunction opening the clause is no adverbial; the subject follows it.
  if (CONJUNCTIONS.has(tokens[i]?.lower ?? '') && tokens[i + 1]?.text !== ',') i++;
  const opener = tokens[i];
  // "In …,", "Taking the stage, …", "Asked about …, …", "Separately, …": an adverbial before the subject.
  if (opener && opener.kind === 'word' && (OPENERS.has(opener.lower) || /^\p{Lu}\p{Ll}+(?:ing|ed|ly)$/u.test(opener.text))) {
    let c = i;
    while (c < limit && tokens[c]!.text !== ',') c++;
    if (c >= limit) return undefined;
    i = c + 1;
  }
  if (isPronoun(tokens[i])) return { first: i, end: i + 1, role: [], name: [], pronoun: tokens[i]!.lower };
  const phrase = phraseAt(tokens, i);
  return phrase && phrase.end <= limit ? phrase : undefined;
}

/**
 * The subject of the verb at token `verb`: skips auxiliaries and adverbs
 * ("has repeatedly stated"), an appositive between commas ("Jane Roe,
 * the Finance Ministry spokeswoman, said"), a "who …" clause, and a place or
 * description a name sits in ("Stacy Baker of Columbia, South Carolina says":
 * the clause's subject, not the place).
 */
export function subjectOf(tokens: Token[], verb: number): { phrase: NounPhrase; appositive?: NounPhrase } | undefined {
  let j = verb;
  while (j > 0 && isAuxiliary(tokens[j - 1]!)) j--;
  j = skipBracketsBefore(tokens, j); // "Sen. Jane Roe (D-Wes.) said"
  while (j > 0 && isAuxiliary(tokens[j - 1]!)) j--;
  const start = clauseStart(tokens, j);
  const before = tokens[j - 1];
  // "… from Jane Roe, who declared …", "Roe, who has in the past described …": the relative clause's antecedent.
  for (let w = j - 1; w > 0 && w >= j - MAX_RELATIVE_GAP; w--) {
    const t = tokens[w]!;
    if (t.kind !== 'word') break;
    if (t.lower !== 'who') {
      // Only auxiliaries and a short time phrase between "who" and the verb ("who has in the past described"):
      // "who was responsible for cleaning up state data" has no verb of speech ("state" is a noun there).
      if (isAuxiliary(t) || isArticle(t) || PREPOSITIONS.has(t.lower) || t.lower === 'past') continue;
      break;
    }
    const antecedent = tokens[w - 1]?.text === ',' ? phraseBefore(tokens, w - 1) : undefined;
    if (antecedent && antecedent.name.length > 0 && !antecedent.pronoun) return { phrase: antecedent };
    break;
  }
  if (before?.text === ',' || before?.lower === 'who') {
    // The name is the phrase before the comma that opens the appositive: the nearest comma whose phrase starts a clause.
    const limit = Math.max(start, j - MAX_SUBJECT_DISTANCE);
    const appositive = before.text === ',' ? phraseBefore(tokens, j - 1) : undefined;
    for (let k = before.text === ',' ? j - 2 : j - 1; k > limit; k--) {
      if (tokens[k]!.kind === 'quote') break;
      if (tokens[k]!.text !== ',') continue;
      const phrase = phraseBefore(tokens, k);
      if (!phrase || phrase.pronoun) continue;
      const lead = tokens[phrase.first - 1];
      const opener = lead !== undefined && phrase.first - 1 === start && OPENERS.has(lead.lower); // "As Roe, an expert, noted,"
      const opensClause = phrase.first <= start || opener || lead?.text === ',' || lead?.kind === 'quote' || isArticle(lead);
      if (!opensClause || (lead && !opener && PREPOSITIONS.has(lead.lower))) continue;
      // "A top strategist, Jane Roe, tells reporters": the name in the appositive is the speaker, the description her role.
      if (appositive && appositive !== phrase && phrase.name.length === 0 && appositive.name.length > 0 && !appositive.pronoun) return { phrase: appositive, appositive: phrase };
      return appositive && appositive !== phrase ? { phrase, appositive } : { phrase };
    }
    return undefined;
  }
  const phrase = phraseBefore(tokens, j);
  if (!phrase) return undefined;
  // "Baker of Columbia, South Carolina says": the phrase is a place inside the subject's description.
  const lead = tokens[phrase.first - 1];
  if (lead && (lead.text === ',' || PREPOSITIONS.has(lead.lower)) && !phrase.pronoun) {
    const subject = clauseSubject(tokens, start, phrase.first);
    if (subject && subject.name.length > 0) return { phrase: subject };
  }
  return { phrase };
}

/** A role as the corpus records it: the words without a leading article; undefined when nothing is left ("the, who …"). */
export function roleText(words: readonly string[]): string | undefined {
  const role = words.join(' ').replace(/^(?:the|a|an)(?:\s+|$)/iu, '').trim();
  return role === '' ? undefined : role;
}

/**
 * The gender the words around a name give: an honorific just before it
 * ("Mrs. Roe"), a gendered role ("spokeswoman Jane Roe"), else the first name.
 */
export function genderAround(tokens: Token[], a: number, phrase: NounPhrase): Gender | undefined {
  for (let i = phrase.first - 1; i >= a && i >= phrase.first - 2; i--) {
    const h = HONORIFICS.get(tokens[i]!.lower.replace(/\.$/u, ''));
    if (h) return h;
  }
  for (const w of phrase.role) {
    const g = GENDERED_ROLES.get(w.toLowerCase()) ?? HONORIFICS.get(w.toLowerCase().replace(/\.$/u, ''));
    if (g) return g;
  }
  return phrase.name.length >= 2 ? firstNameGender(phrase.name[0]!) : undefined;
}

/** Is `phrase` a name worth registering as a speaker by itself (not a lone role)? */
export function hasName(phrase: NounPhrase): boolean {
  return phrase.name.length > 0;
}

function typeOf(name: string[]): EntityKind {
  const last = name[name.length - 1] ?? '';
  if (name.some((w) => INSTITUTION_NOUNS.has(w.toLowerCase()))) return 'organization';
  if (name.length >= 2 && /^\p{Lu}\p{Ll}/u.test(last)) return 'person';
  return 'unknown';
}

const key = (s: string) => canonical(s.replace(/^(?:the|The)\s+/u, ''));

/** Per-document registry of the speakers a document names. */
export class SpeakerRegistry {
  readonly entities: Entity[] = [];
  private readonly byKey = new Map<string, Entity>();
  private surnames = new Map<string, Entity | null>();
  /** Warnings for the build report (an ambiguous surname). */
  readonly notes: string[] = [];

  constructor(declared: readonly DeclaredSpeaker[] = []) {
    for (const d of declared) {
      const e: Entity = {
        name: d.name,
        kind: d.kind ?? 'person',
        aliases: new Set(d.aliases ?? []),
        declared: true,
      };
      if (d.role !== undefined) e.role = d.role;
      this.entities.push(e);
      this.byKey.set(key(d.name), e);
      for (const a of d.aliases ?? []) this.byKey.set(key(a), e);
    }
    this.indexSurnames();
  }

  private indexSurnames() {
    const map = new Map<string, Entity | null>();
    for (const e of this.entities) {
      if (e.kind !== 'person') continue;
      const words = e.name.split(/\s+/);
      if (words.length < 2) continue;
      const k = key(words[words.length - 1]!);
      const seen = map.get(k);
      map.set(k, seen === undefined || seen === e ? e : null);
    }
    this.surnames = map;
  }

  /** Registers a name the text introduces (a verb's subject, a name after a role). */
  discover(phrase: NounPhrase, gender?: Gender): Entity | undefined {
    if (!hasName(phrase)) return undefined;
    const name = phrase.name.join(' ');
    const found = this.lookup(name);
    const role = roleText(phrase.role);
    if (found) {
      if (found.role === undefined && role !== undefined) found.role = role;
      if (found.gender === undefined && gender !== undefined && found.kind !== 'organization') found.gender = gender;
      return found;
    }
    // A place is never a speaker by itself ("Baker of Columbia, South Carolina says").
    if (isPlaceName(name) && !phrase.role.some((w) => ROLE_NOUNS.has(w.toLowerCase()))) return undefined;
    const kind = typeOf(phrase.name);
    const e: Entity = { name, kind: kind === 'unknown' && (gender !== undefined || isFirstName(phrase.name[0]!)) ? 'person' : kind, aliases: new Set(), declared: false };
    if (gender !== undefined && e.kind !== 'organization') e.gender = gender;
    else if (e.kind !== 'organization' && phrase.name.length >= 2) {
      const g = firstNameGender(phrase.name[0]!);
      if (g !== undefined) e.gender = g;
    }
    if (role !== undefined) e.role = role;
    this.entities.push(e);
    this.byKey.set(key(name), e);
    if (e.kind === 'person') this.indexSurnames();
    return e;
  }

  /** The entity a name refers to, without registering anything. */
  lookup(name: string): Entity | undefined {
    const exact = this.byKey.get(key(name));
    if (exact) return exact;
    const words = name.split(/\s+/);
    if (words.length === 1) {
      const bySurname = this.surnames.get(key(name));
      if (bySurname === null) {
        const note = `"${name}" could be more than one speaker; left unresolved`;
        if (!this.notes.includes(note)) this.notes.push(note);
      }
      return bySurname ?? undefined;
    }
    return undefined;
  }

  /**
   * Resolves a name phrase to its entity, noting a surname used alone as an
   * alias ("Roe" for "Jane Roe").
   */
  resolveName(phrase: NounPhrase): Entity | undefined {
    if (!hasName(phrase)) return undefined;
    const name = phrase.name.join(' ');
    const e = this.lookup(name);
    if (e && key(e.name) !== key(name) && !e.declared) e.aliases.add(name);
    return e;
  }

  /** Finds declared institutions named in lowercase ("the ministry"), else the last organization named so. */
  resolveInstitution(noun: string, recent: readonly Entity[]): Entity | undefined {
    const declared = this.byKey.get(key(noun));
    if (declared) return declared;
    for (let i = recent.length - 1; i >= 0; i--) {
      const e = recent[i]!;
      if (e.kind === 'organization' && e.name.toLowerCase().split(/\s+/).includes(noun)) return e;
    }
    return undefined;
  }
}

/** Can pronoun `p` refer to entity `e`? */
export function pronounFits(p: string, e: Entity): boolean {
  const want = PRONOUNS.get(p);
  if (!want) return false;
  if (want.kind === 'person' && want.gender && e.gender && want.gender !== e.gender) return false;
  if (want.kind === 'any' || e.kind === 'unknown') return true;
  return want.kind === e.kind;
}
