/**
 * Who the page says spoke a quotation: "“…,” Peskov said", "Zelensky told
 * reporters: “…”", "according to the Kremlin spokesman", "Zelensky: …".
 *
 * Conservative on purpose: a verified quotation is called misattributed only
 * when a speech verb stands next to a name that is clearly a person and is
 * not the corpus speaker (nor an alias, nor the speaker's role). Pronouns,
 * institutions ("the Kremlin said"), places ("Moscow says"), groups
 * ("officials said") and someone's aide ("Zelensky's spokesman said") never
 * count as another person.
 */
import { canonical } from '../text';
import {
  ADJACENT_SPEECH_VERBS,
  FIRST_PERSON,
  HONORIFICS,
  PRONOUNS as ENGLISH_PRONOUNS,
  ROLE_MODIFIERS,
  ROLE_NOUNS,
  TITLE_ABBREVIATIONS,
  UNNAMED_SOURCE_ROLE,
} from '../text/english';
import { ATTRIBUTION_CONTEXT_CHARS, ATTRIBUTION_MAX_DISTANCE_WORDS } from './thresholds';

export interface SpeakerRef {
  name: string;
  role?: string;
  aliases?: string[];
}

/** Text around a quotation, within its paragraph. */
export interface AttributionContext {
  /** Paragraph text before the quotation (up to its opening mark, if any). */
  before: string;
  /** Paragraph text after the quotation (from its closing mark, if any). */
  after: string;
  /** The quotation itself ends a sentence ("…of the war."): text after it is a new sentence. */
  quoteEndsSentence?: boolean;
}

export type Attribution =
  | { kind: 'speaker'; name: string }
  | { kind: 'other'; name: string }
  | { kind: 'none' };

/** The builder's speech verbs (src/text/english), every form, plus "according (to)". */
const SPEECH_VERBS: ReadonlySet<string> = new Set([...ADJACENT_SPEECH_VERBS, 'according']);

/** Words between a name and its verb that do not break the attribution: "Peskov also said", "Zelensky has said". */
const AUX = new Set([
  'has', 'had', 'have', 'also', 'later', 'then', 'reportedly', 'previously', 'once', 'again', 'recently', 'earlier',
  'further', 'simply', 'just', 'publicly', 'repeatedly', 'firmly', 'flatly', 'bluntly', 'separately', 'himself',
  'herself', 'on', 'was', 'is', 'quoted', 'as',
]);

/** Title and role words: part of a name phrase, never a name (the shared titles and roles, plus a few). */
const TITLES: ReadonlySet<string> = new Set([
  ...ROLE_NOUNS,
  ...ROLE_MODIFIERS,
  ...TITLE_ABBREVIATIONS,
  ...HONORIFICS.keys(),
  'president', 'prime', 'minister', 'foreign', 'defense', 'defence', 'secretary', 'chancellor', 'senator', 'sen',
  'representative', 'rep', 'governor', 'mayor', 'spokesman', 'spokeswoman', 'spokesperson', 'mr', 'mrs', 'ms', 'dr',
  'general', 'gen', 'ambassador', 'envoy', 'adviser', 'advisor', 'chief', 'head', 'leader', 'deputy', 'vice', 'king',
  'queen', 'prince', 'pope', 'commander', 'colonel', 'press', 'officer', 'official', 'spokes', 'former', 'acting',
  'top', 'senior', 'special', 'state', 'premier', 'chairman', 'chairwoman', 'speaker', 'director', 'the', 'a', 'an',
  'of', 'sir', 'lord', 'lady', 'opposition', 'party', 'negotiator', 'aide', 'lawmaker', 'mp', 'ceo', 'founder',
  'presidential', 'national', 'security', 'council',
]);

/** Capitalized words that are not a person: pronouns, groups, sentence openers. */
const NOT_A_PERSON = new Set([
  'he', 'she', 'they', 'it', 'we', 'i', 'you', 'his', 'her', 'their', 'our', 'my', 'this', 'that', 'these', 'those',
  'officials', 'critics', 'analysts', 'experts', 'sources', 'observers', 'diplomats', 'reporters', 'journalists',
  'residents', 'witnesses', 'protesters', 'lawmakers', 'authorities', 'media', 'reports', 'others', 'some', 'many',
  'both', 'all', 'everyone', 'someone', 'somebody', 'nobody', 'one', 'another', 'and', 'but', 'as', 'when', 'then',
  'later', 'earlier', 'meanwhile', 'however', 'yesterday', 'today', 'in', 'at', 'on', 'after', 'before', 'while',
  'also', 'statement', 'spokesmen', 'people', 'leaders', 'ministers', 'officers', 'police', 'troops', 'soldiers',
  'scientists', 'researchers', 'economists', 'investors', 'voters', 'citizens', 'users', 'readers', 'viewers',
  // Labels before a colon in headlines and captions ("Update: …").
  'update', 'updated', 'analysis', 'breaking', 'watch', 'opinion', 'live', 'video', 'exclusive', 'explainer',
  'headline', 'editorial', 'comment', 'photo', 'photos', 'read', 'more', 'note', 'source', 'quote', 'quotes',
  'transcript', 'summary', 'background', 'context', 'correction', 'factcheck', 'fact', 'check', 'claim', 'verdict',
]);

/** Institutions and places used for their people ("the Kremlin said", "Moscow says"): not a person. */
const INSTITUTIONS = new Set([
  'kremlin', 'ministry', 'department', 'house', 'office', 'committee', 'agency', 'government', 'administration',
  'parliament', 'duma', 'commission', 'service', 'army', 'forces', 'court', 'embassy', 'reuters', 'tass', 'interfax',
  'ria', 'novosti', 'bbc', 'cnn', 'times', 'post', 'news', 'newspaper', 'journal', 'moscow', 'kyiv', 'kiev',
  'washington', 'beijing', 'london', 'paris', 'berlin', 'brussels', 'russia', 'ukraine', 'america', 'china', 'nato',
  'eu', 'un', 'europe', 'minsk', 'warsaw', 'tehran', 'ankara', 'istanbul', 'pentagon', 'ukrinform', 'ukrainska',
  'pravda', 'bloomberg', 'ap', 'afp', 'team', 'headquarters', 'union', 'nations', 'states', 'senate', 'congress',
  'cabinet', 'staff', 'bureau', 'company', 'group', 'spokesperson\'s', 'fund', 'bank',
]);

/** Nationality and origin adjectives before a name ("Ukrainian President"): descriptors, not names. */
const DESCRIPTORS = /^(?:\p{L}+(?:ian|ean|ese|ish|an)|u\.?s|uk|us|eu)$/u;

interface Word {
  text: string;
  lower: string;
  cap: boolean;
  /** Punctuation and spaces between the previous word and this one. */
  gap: string;
  possessive: boolean;
}

const WORD_RE = /[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}'’.-]*[\p{L}\p{M}\p{N}])?/gu;

function words(text: string): Word[] {
  const out: Word[] = [];
  let last = 0;
  for (const m of text.matchAll(WORD_RE)) {
    const raw = m[0];
    const possessive = /['’]s$/i.test(raw);
    const bare = possessive ? raw.slice(0, -2) : raw;
    out.push({
      text: bare,
      lower: /^[\x00-\x7f]*$/.test(bare) ? bare.toLowerCase() : canonical(bare),
      cap: /^\p{Lu}/u.test(raw),
      gap: text.slice(last, m.index),
      possessive,
    });
    last = m.index + raw.length;
  }
  return out;
}

/** A sentence ends in this gap ("war. Then"), judged with the next word. */
function endsSentence(gap: string, prev: Word | undefined, next: Word): boolean {
  if (/\n\s*\n/.test(gap)) return true;
  if (!/[.!?]/.test(gap.replace(/\.\.\.|…/g, ''))) return false;
  // An initial or an abbreviated title ("J. Smith", "Sen. Roe"): the shared list, not a sentence end.
  if (prev && gap.charAt(0) === '.' && (prev.text.length === 1 || TITLE_ABBREVIATIONS.has(prev.lower))) return false;
  return next.cap || /^\d/.test(next.text) || /["“”«»]/.test(gap);
}

function nameWords(s: string): Set<string> {
  const set = new Set<string>();
  for (const w of words(s)) if (w.lower.length > 1) set.add(w.lower);
  return set;
}

interface SpeakerWords {
  names: Set<string>;
  roles: Set<string>;
}

const ROLE_STOP = new Set(['the', 'of', 'for', 'and', 'a', 'an', 'to', 'in', 'on']);

const speakerCache = new WeakMap<SpeakerRef, SpeakerWords>();

function speakerWords(s: SpeakerRef): SpeakerWords {
  let cached = speakerCache.get(s);
  if (!cached) {
    cached = computeSpeakerWords(s);
    speakerCache.set(s, cached);
  }
  return cached;
}

function computeSpeakerWords(s: SpeakerRef): SpeakerWords {
  const names = nameWords(s.name);
  for (const a of s.aliases ?? []) for (const w of nameWords(a)) names.add(w);
  const roles = new Set<string>();
  for (const w of nameWords(s.role ?? '')) if (!ROLE_STOP.has(w)) roles.add(w);
  return { names, roles };
}

/** Judges a name phrase (the words around a speech verb) against the speaker. */
function judgePhrase(phrase: Word[], speaker: SpeakerWords): Attribution | undefined {
  if (phrase.length === 0) return undefined;
  if (phrase.some((w) => w.possessive)) return { kind: 'none' }; // "Zelensky's spokesman said": someone's aide
  const display = phrase.map((w) => w.text).join(' ');
  const persons: Word[] = [];
  let institution = false;
  let roleMatch = false;
  for (const w of phrase) {
    if (speaker.names.has(w.lower)) return { kind: 'speaker', name: display };
    if (speaker.roles.has(w.lower)) roleMatch = true;
    if (INSTITUTIONS.has(w.lower)) institution = true;
    else if (w.cap && !TITLES.has(w.lower) && !NOT_A_PERSON.has(w.lower) && !DESCRIPTORS.test(w.lower)) persons.push(w);
  }
  if (roleMatch && persons.length === 0) return { kind: 'speaker', name: display };
  if (institution || persons.length === 0) return { kind: 'none' };
  const first = phrase.indexOf(persons[0]!);
  const last = phrase.indexOf(persons[persons.length - 1]!);
  return { kind: 'other', name: phrase.slice(first, last + 1).map((w) => w.text).join(' ') };
}

/** True when a gap holds punctuation that ends a name phrase (a comma, a quotation mark, a colon). */
function breaks(gap: string): boolean {
  return /[,;:"“”«»()—–]/.test(gap) || /[.!?](\s|$)/.test(gap);
}

/** The period after an initial or an abbreviated title ("the Rev. Jane Roe", "James A. Lewis") keeps the phrase going. */
function breaksAfter(prev: Word | undefined, gap: string): boolean {
  if (prev && /^\.\s+$/u.test(gap) && (prev.text.length === 1 || TITLE_ABBREVIATIONS.has(prev.lower))) return false;
  return breaks(gap);
}

/** Words between "who" and its verb that keep the relative clause's subject ("who has in the past described"). */
const RELATIVE_MAX_GAP = 6;
const RELATIVE_GAP_WORDS = new Set(['in', 'the', 'past', 'at', 'a', 'an', 'on', 'for', 'by', 'with']);

/** Conjunctions that may open a clause before its subject. */
const CONJUNCTIONS = new Set(['and', 'but', 'yet', 'so', 'or']);

/** Prepositions that put a name inside someone's description ("Roe of Harbourtown, Westshire says"). */
const IN_DESCRIPTION = new Set(['of', 'from', 'in', 'at']);

/**
 * The subject that opens the clause holding words[k] (the sentence start, after an
 * opening adverbial phrase and its comma): "Roe answered the critics, saying …",
 * "Roe, who chairs the board, said", "Roe of Harbourtown, Westshire says".
 */
function clauseSubject(ws: Word[], start: number, k: number): Word[] {
  let i = start;
  // "But Roe refused …": a conjunction opening the clause comes before its subject, with no comma.
  if (i + 1 < k && CONJUNCTIONS.has(ws[i]!.lower) && !/,/.test(ws[i + 1]!.gap)) i++;
  if (i < k && !ws[i]!.cap) return [];
  while (i < k && NOT_A_PERSON.has(ws[i]!.lower)) {
    // "In a letter on Friday, Roe …": skip to after the opener's comma.
    let c = i + 1;
    while (c < k && !/,/.test(ws[c]!.gap)) c++;
    if (c >= k) return [];
    i = c;
  }
  const phrase: Word[] = [];
  while (i < k && phrase.length < PHRASE_MAX_WORDS) {
    const w = ws[i]!;
    if (phrase.length > 0 && breaksAfter(ws[i - 1], w.gap)) break;
    if (IN_DESCRIPTION.has(w.lower) || !(w.cap || TITLES.has(w.lower))) break;
    phrase.push(w);
    i++;
  }
  return phrase;
}

const PHRASE_MAX_WORDS = 6;

/** Most words in brackets between a name and its verb ("(D-Wes.)", "(R-Ohio)"): longer is an aside, not a label. */
const BRACKETED_MAX_WORDS = 4;

/** The name phrase ending at words[k], read backwards. */
function collectBackward(ws: Word[], k: number): Word[] {
  const phrase: Word[] = [];
  while (k >= 0 && phrase.length < PHRASE_MAX_WORDS) {
    const w = ws[k]!;
    if (!(w.cap || TITLES.has(w.lower) || INSTITUTIONS.has(w.lower))) break;
    phrase.unshift(w);
    if (breaksAfter(ws[k - 1], w.gap)) break;
    k--;
  }
  return phrase;
}

/** The name phrase ending just before words[v] (skipping AUX words). */
function phraseBefore(ws: Word[], v: number): Word[] {
  let k = v - 1;
  while (k >= 0 && AUX.has(ws[k]!.lower) && !breaks(ws[k + 1]!.gap)) k--;
  // "Sen. Jane Roe (D-Wes.) said": a party and state in brackets between the name and the verb.
  if (k >= 0 && /\)\s*$/u.test(ws[k + 1]!.gap)) {
    let o = k;
    while (o > 0 && o > k - BRACKETED_MAX_WORDS && !/\(\s*$/u.test(ws[o]!.gap)) o--;
    if (o > 0 && /\(\s*$/u.test(ws[o]!.gap) && !/[,;:"“”«»)]/u.test(ws[o]!.gap.replace(/\(\s*$/u, ''))) return collectBackward(ws, o - 1);
  }
  if (k < 0 || breaks(ws[k + 1]!.gap)) return [];
  return collectBackward(ws, k);
}

/** The name phrase starting just after words[v] ("said Peskov", "according to Zelensky"). */
function phraseAfter(ws: Word[], v: number): Word[] {
  let k = v + 1;
  if (ws[v]!.lower === 'according') {
    if (ws[k]?.lower !== 'to') return [];
    k++;
  }
  const phrase: Word[] = [];
  while (k < ws.length && phrase.length < PHRASE_MAX_WORDS) {
    const w = ws[k]!;
    if (phrase.length > 0 && breaksAfter(ws[k - 1], w.gap)) break;
    if (phrase.length === 0 && /[.!?;:]/.test(w.gap)) break;
    if (!(w.cap || TITLES.has(w.lower) || INSTITUTIONS.has(w.lower))) break;
    phrase.push(w);
    k++;
  }
  return phrase;
}

const PRONOUNS: ReadonlySet<string> = new Set([...ENGLISH_PRONOUNS.keys(), ...FIRST_PERSON]);

interface Found {
  result: Attribution;
  distance: number;
  pronoun: boolean;
}

/** An attribution around the speech verb words[v]. */
function atVerb(ws: Word[], v: number, speaker: SpeakerWords, distance: number, start = 0): Found | undefined {
  const verb = ws[v]!;
  // ", saying …": the subject of the clause the participle hangs from.
  if (verb.lower.endsWith('ing') && /,/.test(verb.gap)) {
    const r = judgePhrase(clauseSubject(ws, start, v), speaker);
    return r ? { result: r, distance, pronoun: false } : undefined;
  }
  // "Roe, who chairs the board, said" / "Roe of Harbourtown, Westshire says": the clause's subject.
  const lead = v > 0 ? ws[v - 1] : undefined;
  if (lead && (/,/.test(verb.gap) || (lead.cap && (/,/.test(lead.gap) || (v > 1 && IN_DESCRIPTION.has(ws[v - 2]!.lower)))))) {
    const subject = clauseSubject(ws, start, v);
    const r = subject.length ? judgePhrase(subject, speaker) : undefined;
    if (r && r.kind !== 'none') return { result: r, distance, pronoun: false };
  }
  if (verb.lower === 'according') {
    const after = phraseAfter(ws, v);
    const r = judgePhrase(after, speaker);
    return r ? { result: r, distance, pronoun: false } : undefined;
  }
  // "… from Jane Roe, who has in the past described …": the relative clause's antecedent.
  for (let w = v - 1; w > 0 && w >= v - RELATIVE_MAX_GAP && !breaks(ws[w + 1]!.gap); w--) {
    if (ws[w]!.lower !== 'who') {
      if (AUX.has(ws[w]!.lower) || RELATIVE_GAP_WORDS.has(ws[w]!.lower)) continue;
      break;
    }
    if (!/,\s*$/u.test(ws[w]!.gap)) break;
    const r = judgePhrase(collectBackward(ws, w - 1), speaker);
    if (r && r.kind !== 'none') return { result: r, distance, pronoun: false };
    break;
  }
  const prev = ws[v - 1];
  if (prev && PRONOUNS.has(prev.lower) && !breaks(verb.gap)) return { result: { kind: 'none' }, distance, pronoun: true };
  const before = phraseBefore(ws, v);
  const rb = judgePhrase(before, speaker);
  if (rb) return { result: rb, distance, pronoun: false };
  const next = ws[v + 1];
  if (next && PRONOUNS.has(next.lower)) return { result: { kind: 'none' }, distance, pronoun: true };
  const ra = judgePhrase(phraseAfter(ws, v), speaker);
  return ra ? { result: ra, distance, pronoun: false } : undefined;
}

/** Splits words into sentences; returns the start index of each. */
function sentenceStarts(ws: Word[]): number[] {
  const starts = [0];
  for (let k = 1; k < ws.length; k++) if (endsSentence(ws[k]!.gap, ws[k - 1], ws[k]!)) starts.push(k);
  return starts;
}

/**
 * The attribution of a quotation by its paragraph: first in its own sentence
 * (the nearest speech verb with a name on either side), then, when the
 * sentence has none or only a pronoun, the nearest attribution in the
 * sentences before it.
 */
export function attributionOf(ctx: AttributionContext, speakerRef: SpeakerRef): Attribution {
  const found = attributionIn(ctx, speakerRef);
  // The corpus only knows a description ("a senior adviser"): a page naming someone may be naming that very source.
  return found.kind === 'other' && speakerRef.role === UNNAMED_SOURCE_ROLE ? { kind: 'none' } : found;
}

function attributionIn(ctx: AttributionContext, speakerRef: SpeakerRef): Attribution {
  const speaker = speakerWords(speakerRef);
  const before = words(ctx.before.length > ATTRIBUTION_CONTEXT_CHARS ? ctx.before.slice(-ATTRIBUTION_CONTEXT_CHARS) : ctx.before);
  const after = words(ctx.after.length > ATTRIBUTION_CONTEXT_CHARS ? ctx.after.slice(0, ATTRIBUTION_CONTEXT_CHARS) : ctx.after);
  const startsBefore = sentenceStarts(before);
  // Does the quotation start a new sentence? Then nothing before it is in its sentence.
  const tail = ctx.before.slice(-12);
  const quoteStartsSentence = before.length === 0 || /[.!?]["”’»]?\s*["“‘«„]?\s*$/.test(tail);
  const ownStart = quoteStartsSentence ? before.length : startsBefore[startsBefore.length - 1]!;

  const found: Found[] = [];
  // Before, in the same sentence: the verb nearest the quotation.
  for (let v = before.length - 1; v >= ownStart; v--) {
    const distance = before.length - 1 - v;
    if (distance > ATTRIBUTION_MAX_DISTANCE_WORDS) break;
    if (SPEECH_VERBS.has(before[v]!.lower)) {
      const f = atVerb(before, v, speaker, distance, ownStart);
      if (f) {
        found.push(f);
        break;
      }
    }
  }
  // A headline or a transcript: "Zelensky: …".
  if (found.length === 0 && /:\s*["“‘«„]?\s*$/.test(tail) && before.length > ownStart) {
    const tag = collectBackward(before, before.length - 1);
    // "Jane Roe, The Harbour Gazette: …": the name before the outlet.
    const first = tag.length ? before.indexOf(tag[0]!) : -1;
    const named = first > ownStart && /,/.test(tag[0]!.gap) ? judgePhrase(collectBackward(before, first - 1), speaker) : undefined;
    const r = named && named.kind !== 'none' ? named : judgePhrase(tag, speaker);
    if (r) found.push({ result: r, distance: 0, pronoun: false });
  }
  // After, in the same sentence. After a quotation that ends its sentence,
  // only a short tag ("Peskov said.") attributes it.
  const newSentence =
    ctx.quoteEndsSentence === true || (after.length > 0 && endsSentence(after[0]!.gap, undefined, after[0]!));
  const startsAfter = after.length > 0 ? sentenceStarts(after) : [0];
  const afterEnd = startsAfter[1] ?? after.length;
  for (let v = 0; v < afterEnd && v <= ATTRIBUTION_MAX_DISTANCE_WORDS; v++) {
    if (!SPEECH_VERBS.has(after[v]!.lower)) continue;
    const f = atVerb(after, v, speaker, v);
    if (!f) continue;
    if (newSentence && afterEnd > v + 1 + PHRASE_MAX_WORDS) break;
    found.push(f);
    break;
  }
  const named = found.filter((f) => !f.pronoun).sort((a, b) => a.distance - b.distance);
  if (named.length > 0) return named[0]!.result;
  if (found.length === 0 || found.some((f) => f.pronoun)) {
    // The paragraph: the nearest named attribution in an earlier sentence.
    for (let v = ownStart - 1; v >= 0; v--) {
      if (!SPEECH_VERBS.has(before[v]!.lower)) continue;
      const f = atVerb(before, v, speaker, 0);
      if (f && !f.pronoun && f.result.kind !== 'none') return f.result;
    }
  }
  return { kind: 'none' };
}
