/**
 * Attribution patterns on a sentence's tokens (quotations are single
 * `quote` tokens). Each function recognizes one way English prose ties words
 * to a speaker and returns the noun phrase naming the speaker; resolving that
 * phrase to a person is the registry's job.
 */
import { ADJACENT_SPEECH_VERBS, REPORTING_VERBS } from './lexicon';
import type { Token } from './sentences';
import { clauseStart, clauseSubject, descriptionAt, isAuxiliary, phraseAt, phraseBefore, skipBracketsAt, subjectOf, type NounPhrase } from './speakers';

export type LinkHow =
  | 'after' // “…,” Roe said  /  “…,” said Roe
  | 'before' // Roe told reporters: “…”
  | 'according' // According to Roe, … “…”
  | 'reporting' // Roe said that … “…”  /  what it calls “…”
  | 'trailing' // … “…”, Roe said.
  | 'next-sentence' // “….” Roe said.
  | 'same-speaker' // “…,” he said. “…”
  | 'colon-paragraph'; // Roe said:¶“…”

export interface Link {
  phrase: NounPhrase;
  /** Token index of the phrase in its sentence's tokens (for pronoun resolution). */
  at: number;
  how: LinkHow;
  /** Role from an appositive ("Jane Roe, the ministry spokeswoman, said"). */
  appositive?: NounPhrase;
}

/**
 * Words a colon-introduced attribution may have between its verb and the
 * colon ("told reporters on Friday:"); more means the verb belongs elsewhere.
 */
const MAX_WORDS_VERB_TO_COLON = 6;

/**
 * Words a description of an unnamed speaker may carry between its head noun
 * and the verb ("a Democratic staffer in the room wondered", "a source close
 * to the mayor said"); more and the verb belongs to another clause.
 */
const MAX_DESCRIPTION_MODIFIER = 6;

/** Tokens of an appositive between commas ("Jane Roe, the ministry's spokeswoman, said"). */
const MAX_APPOSITIVE_TOKENS = 12;
/** Tokens of a "who …" clause between commas: it says what the speaker did, and runs longer. */
const MAX_RELATIVE_TOKENS = 24;

/** Verbs whose object is the listener, not the speaker: "“…,” told Roe" never names Roe as speaker. */
const LISTENER_VERBS = new Set(['tell', 'tells', 'told', 'telling', 'inform', 'informs', 'informed', 'remind', 'reminds', 'reminded', 'assure', 'assures', 'assured']);

/**
 * A bare attribution sentence ("Roe said during the briefing.") is short;
 * a longer sentence after a quote says something else.
 */
const MAX_BARE_ATTRIBUTION_TOKENS = 14;

/** A speech verb as written in running text: lowercase ("United States" is no verb). */
const isVerb = (t: Token | undefined, verbs: ReadonlySet<string>) =>
  t !== undefined && t.kind === 'word' && t.text === t.lower && verbs.has(t.lower);

/**
 * An attribution starting at token `i`: "Roe said", "he added",
 * "Finance Ministry spokeswoman Jane Roe told reporters", inverted "said Roe",
 * or "according to Roe".
 */
export function attributionAt(tokens: Token[], i: number): Link | undefined {
  let k = i;
  if (tokens[k]?.text === ',') k++;
  if (tokens[k]?.lower === 'according' && tokens[k + 1]?.lower === 'to') {
    const phrase = phraseAt(tokens, k + 2);
    return phrase ? { phrase, at: k + 2, how: 'after' } : undefined;
  }
  if (isVerb(tokens[k], ADJACENT_SPEECH_VERBS)) {
    // "said Roe", never "told Roe": whoever is told is the listener.
    if (LISTENER_VERBS.has(tokens[k]!.lower)) return undefined;
    const phrase = phraseAt(tokens, k + 1) ?? descriptionAt(tokens, k + 1);
    if (phrase) return { phrase, at: k + 1, how: 'after' };
    return undefined;
  }
  const phrase = phraseAt(tokens, k) ?? descriptionAt(tokens, k);
  if (!phrase) return undefined;
  // "Rep. Jane Roe (D-Wes.) said": a party and state in brackets after the name.
  let j = skipBracketsAt(tokens, phrase.end);
  let appositive: NounPhrase | undefined;
  if (tokens[j]?.text === ',') {
    // "Jane Roe, the ministry spokeswoman, said"
    let c = j + 1;
    // A "who …" clause runs longer than a role ("Jane Roe, who chaired the board during the flood years, said").
    const reach = tokens[j + 1]?.lower === 'who' ? MAX_RELATIVE_TOKENS : MAX_APPOSITIVE_TOKENS;
    while (c < tokens.length && c < j + reach && tokens[c]!.text !== ',' && tokens[c]!.kind !== 'quote' && !isVerb(tokens[c], ADJACENT_SPEECH_VERBS)) c++;
    if (tokens[c]?.text === ',') {
      appositive = phraseBefore(tokens, c);
      j = c + 1;
    } else if (c > j + 1 && isVerb(tokens[c], ADJACENT_SPEECH_VERBS)) {
      // "Jane Roe, a spokeswoman for the mayor told the paper": the closing comma left out.
      appositive = phraseBefore(tokens, c);
      j = c;
    }
  }
  while (j < tokens.length && isAuxiliary(tokens[j]!)) j++;
  // "a staffer in the room wondered", "a source close to the mayor said": a short modifier after a description.
  if (phrase.name.length === 0 && !phrase.pronoun && !phrase.institution && !isVerb(tokens[j], ADJACENT_SPEECH_VERBS)) {
    for (let m = j; m < tokens.length && m < j + MAX_DESCRIPTION_MODIFIER; m++) {
      const t = tokens[m]!;
      if (t.kind === 'quote' || t.kind === 'punct') break;
      if (isVerb(t, ADJACENT_SPEECH_VERBS)) {
        j = m;
        break;
      }
    }
  }
  // "Roe is quoted as saying", "Roe was quoted by the agency as saying"
  if (tokens[j]?.lower === 'quoted') {
    let k = j + 1;
    while (k < tokens.length && k < j + 8 && tokens[k]!.lower !== 'as') k++;
    if (tokens[k]?.lower === 'as' && isVerb(tokens[k + 1], ADJACENT_SPEECH_VERBS)) j = k + 1;
  }
  if (!isVerb(tokens[j], ADJACENT_SPEECH_VERBS)) return undefined;
  return appositive ? { phrase, at: k, how: 'after', appositive } : { phrase, at: k, how: 'after' };
}

/**
 * An attribution ending just before token `end`, which must be a colon or a
 * comma: "Roe told reporters:", "said Roe:", "According to Roe,".
 */
export function attributionBefore(tokens: Token[], end: number): Link | undefined {
  const mark = tokens[end - 1];
  if (mark?.text !== ':' && mark?.text !== ',') return undefined;
  const according = accordingTo(tokens.slice(0, end - 1));
  if (according && according.phrase.end === end - 1) return according;
  for (let v = end - 2; v >= 0 && v >= end - 2 - MAX_WORDS_VERB_TO_COLON; v--) {
    const t = tokens[v]!;
    if (t.kind === 'quote') return undefined;
    if (!isVerb(t, ADJACENT_SPEECH_VERBS)) continue;
    const subject = subjectOf(tokens, v);
    if (subject) return { phrase: subject.phrase, at: subject.phrase.first, how: 'before', ...withAppositive(subject) };
    const inverted = phraseAt(tokens, v + 1);
    if (inverted && inverted.end === end - 1) return { phrase: inverted, at: v + 1, how: 'before' };
    return undefined;
  }
  return undefined;
}

function withAppositive(s: { appositive?: NounPhrase }): { appositive?: NounPhrase } {
  return s.appositive ? { appositive: s.appositive } : {};
}

/** "according to X" anywhere in `tokens`. */
export function accordingTo(tokens: Token[]): Link | undefined {
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i]!.lower !== 'according' || tokens[i + 1]!.lower !== 'to') continue;
    const phrase = phraseAt(tokens, i + 2);
    if (phrase) return { phrase, at: i + 2, how: 'according' };
  }
  return undefined;
}

/** The last reporting verb before the quote, with its subject: "Roe said that …", "what it calls". */
export function reportingBefore(tokens: Token[], quote: number): Link | undefined {
  for (let v = quote - 1; v >= 0; v--) {
    if (!isVerb(tokens[v], REPORTING_VERBS)) continue;
    const subject = subjectOf(tokens, v);
    if (subject) return { phrase: subject.phrase, at: subject.phrase.first, how: 'reporting', ...withAppositive(subject) };
  }
  return undefined;
}

/** A clause after the quote that attributes it: "…”, Roe said." or "…”, according to Roe." */
export function trailingAttribution(tokens: Token[], quote: number): Link | undefined {
  for (let c = quote + 1; c < tokens.length; c++) {
    if (tokens[c]!.kind === 'quote') return undefined;
    if (tokens[c]!.text !== ',') continue;
    if (tokens.slice(c + 1).some((t) => t.kind === 'quote')) return undefined;
    const according = accordingTo(tokens.slice(c + 1));
    if (according && according.at === 2) return { ...according, at: according.at + c + 1, how: 'trailing' };
    const link = attributionAt(tokens, c + 1);
    if (link) return { ...link, how: 'trailing' };
  }
  return undefined;
}

/** A sentence that is only an attribution: "Roe said during the briefing." */
export function bareAttribution(tokens: Token[]): Link | undefined {
  if (tokens.length > MAX_BARE_ATTRIBUTION_TOKENS || tokens.some((t) => t.kind === 'quote')) return undefined;
  const link = attributionAt(tokens, 0);
  return link ? { ...link, how: 'next-sentence' } : undefined;
}

/**
 * Who speaks in a sentence without quotations: the last speech verb's subject
 * ("Roe says many islanders feel forgotten", "Roe was quick to add that …").
 */
export function speakingIn(tokens: Token[]): Link | undefined {
  for (let v = tokens.length - 1; v >= 0; v--) {
    if (!isVerb(tokens[v], ADJACENT_SPEECH_VERBS)) continue;
    const subject = subjectOf(tokens, v)?.phrase ?? clauseSubject(tokens, clauseStart(tokens, v), v);
    if (subject && (subject.name.length > 0 || subject.pronoun || subject.institution)) return { phrase: subject, at: subject.first, how: 'reporting' };
  }
  return undefined;
}
