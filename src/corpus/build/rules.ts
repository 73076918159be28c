/**
 * Attribution as an ordered list of named rules, one function each, tried in
 * turn for every quotation (docs/corpus-format.md, "Attribution rules").
 * `SPEECH_RULES` set a quotation off as speech (it is a quotation even if it
 * is short and capitalized); `CLAUSE_RULES` tie a fragment inside the
 * reporter's sentence to the clause's speaker. A rule returns the noun phrase
 * naming the speaker (resolved by the registry) or, for continuations, the
 * speaker already given to an earlier quotation.
 */
import type { DateBasis, QuoteKind } from '../schema';
import type { CalendarDate } from './dates';
import { accordingTo, attributionAt, attributionBefore, bareAttribution, reportingBefore, speakingIn, trailingAttribution, type Link } from './attribution';
import { ADJACENT_SPEECH_VERBS } from './lexicon';
import type { Token } from './sentences';
import { clauseStart, clauseSubject, phraseAt, type Entity } from './speakers';

export interface Pos {
  para: number;
  sentence: number;
  token: number;
}

/** A quotation already attributed, by the paragraph and sentence it ends in. */
export interface Attributed {
  para: number;
  sentence: number;
  entity: Entity;
  kind: QuoteKind;
  /** The rule that attributed it. */
  rule: string;
  /** Its date, when the text said when (a continuation says it on the same occasion). */
  stated?: { date: CalendarDate; basis: DateBasis };
}

/** Where a quotation sits: its first and last sentence's tokens (the quote is one token in each). */
export interface QuoteSite {
  /** Tokens of the sentence the quotation opens in, and its index there. */
  tA: Token[];
  qa: number;
  /** Tokens of the sentence the quotation closes in, and its index there. */
  tB: Token[];
  qb: number;
  firstPara: number;
  lastPara: number;
  /** Opened with a double mark: a single-quoted line alone is a headline's style, never a statement running on. */
  double: boolean;
  sA: number;
  sB: number;
  /** Every paragraph's sentences' tokens. */
  tokens: Token[][][];
  /** Quotations attributed so far, in order. */
  attributed: readonly Attributed[];
  /** Is someone other than `e` named in the sentences between (exclusive) `from` and `to` of paragraph `para`? */
  otherNamedBetween: (para: number, from: number, to: number, e: Entity) => boolean;
}

export type Finding = { rule: string; link: Link & { pos: Pos } } | { rule: string; entity: Entity; from: Attributed };

export interface AttributionRule {
  name: string;
  find: (s: QuoteSite) => Finding | undefined;
}

const inA = (s: QuoteSite, rule: string, link: Link | undefined): Finding | undefined =>
  link && { rule, link: { ...link, pos: { para: s.firstPara, sentence: s.sA, token: link.at } } };
const inB = (s: QuoteSite, rule: string, link: Link | undefined): Finding | undefined =>
  link && { rule, link: { ...link, pos: { para: s.lastPara, sentence: s.sB, token: link.at } } };

const pre = (s: QuoteSite) => s.tA.slice(0, s.qa);
const post = (s: QuoteSite) => s.tB.slice(s.qb + 1).filter((t) => !(t.kind === 'punct' && /^[.!?,;:\u2026)]$/u.test(t.text)));

/** The rest of the quotation's sentence has its own speech verb ("“…,” one member whispered"): not a continuation. */
const ownVerbAfter = (s: QuoteSite) => post(s).some((t) => t.kind === 'word' && t.text === t.lower && ADJACENT_SPEECH_VERBS.has(t.lower));

/** “…,” Roe said / “…,” said Roe / “…,” the Finance Ministry spokeswoman, Jane Roe, told reporters / Roe is quoted as saying. */
export const speakerAfter: AttributionRule = { name: 'speaker-after', find: (s) => inB(s, 'speaker-after', attributionAt(s.tB, s.qb + 1)) };

/** Roe said: “…” / Roe told reporters, “…” / According to Roe, “…” / said Roe: “…”. */
export const speakerBefore: AttributionRule = {
  name: 'speaker-before',
  find: (s) => (s.qa > 0 ? inA(s, 'speaker-before', attributionBefore(s.tA, s.qa)) : undefined),
};

/**
 * Roundups and captions: “Jane Roe, The Daily Herald: “…”” or “Jane Roe: “…””.
 * The sentence is only a name (and an outlet or role after a comma) and a colon.
 */
export const roundupCaption: AttributionRule = {
  name: 'roundup-caption',
  find: (s) => {
    const p = pre(s);
    if (p.length < 2 || p[p.length - 1]!.text !== ':') return undefined;
    const phrase = phraseAt(p, 0);
    if (!phrase || phrase.name.length === 0 || phrase.pronoun) return undefined;
    const rest = p.slice(phrase.end, -1);
    if (rest.length > 0 && (rest[0]!.text !== ',' || rest.some((t) => t.kind === 'word' && t.text === t.lower && ADJACENT_SPEECH_VERBS.has(t.lower)))) return undefined;
    if (rest.length > 8) return undefined;
    return inA(s, 'roundup-caption', { phrase, at: phrase.first, how: 'before' });
  },
};

/** “….” Roe said. — a quotation alone in its sentence, and a short sentence after it that only attributes. */
export const tagInNextSentence: AttributionRule = {
  name: 'tag-next-sentence',
  find: (s) => {
    if (pre(s).length || post(s).length) return undefined;
    const next = s.tokens[s.lastPara]![s.sB + 1];
    const bare = next ? bareAttribution(next) : undefined;
    return bare && { rule: 'tag-next-sentence', link: { ...bare, pos: { para: s.lastPara, sentence: s.sB + 1, token: bare.at } } };
  },
};

/**
 * “…,” he said. “…” — a quotation opening a sentence continues the last
 * direct quotation of its paragraph, unless someone else is named in between.
 */
export const continuesInParagraph: AttributionRule = {
  name: 'continues-in-paragraph',
  find: (s) => {
    if (pre(s).length || ownVerbAfter(s)) return undefined;
    for (let i = s.attributed.length - 1; i >= 0; i--) {
      const a = s.attributed[i]!;
      if (a.para !== s.firstPara || a.sentence >= s.sA) continue;
      // A fragment attributed right after it ("… “a dead heat,” Roe said. “…”") is followed up as a full quotation is.
      const tagged = a.rule === 'speaker-after' || a.rule === 'trailing-clause';
      if ((a.kind !== 'direct' && !tagged) || s.otherNamedBetween(a.para, a.sentence, s.sA, a.entity)) return undefined;
      return { rule: 'continues-in-paragraph', entity: a.entity, from: a };
    }
    return undefined;
  },
};

/** Roe said:¶“…” — a paragraph ending in a colon introduces the next one. */
export const colonParagraph: AttributionRule = {
  name: 'colon-paragraph',
  find: (s) => {
    if (pre(s).length || s.sA !== 0 || s.firstPara === 0) return undefined;
    const prevSents = s.tokens[s.firstPara - 1]!;
    const lastToks = prevSents[prevSents.length - 1];
    if (!lastToks || lastToks[lastToks.length - 1]?.text !== ':') return undefined;
    const colon = attributionBefore(lastToks, lastToks.length);
    return colon && { rule: 'colon-paragraph', link: { ...colon, how: 'colon-paragraph', pos: { para: s.firstPara - 1, sentence: prevSents.length - 1, token: colon.at } } };
  },
};

/**
 * A paragraph that opens with a quotation nobody attributes continues the
 * speaker of the quotation that ends the paragraph before (news runs a
 * statement over several paragraphs: “…,” Roe said.¶“…”).
 */
export const continuesNextParagraph: AttributionRule = {
  name: 'continues-next-paragraph',
  find: (s) => {
    if (pre(s).length || ownVerbAfter(s) || s.sA !== 0 || s.firstPara === 0 || !s.double) return undefined;
    const last = s.attributed[s.attributed.length - 1];
    const prevSents = s.tokens[s.firstPara - 1]!;
    if (!last || last.para !== s.firstPara - 1 || last.sentence !== prevSents.length - 1) return undefined;
    return { rule: 'continues-next-paragraph', entity: last.entity, from: last };
  },
};

/**
 * Roe says many islanders feel forgotten. “They feel like nobody listens.” —
 * a quotation standing alone as a sentence right after a sentence in which
 * someone speaks (in the same paragraph, or ending the paragraph before)
 * continues that speaker.
 */
export const afterSpeakingSentence: AttributionRule = {
  name: 'after-speaking-sentence',
  find: (s) => {
    if (pre(s).length || post(s).length) return undefined;
    const para = s.sA > 0 ? s.firstPara : s.firstPara - 1;
    if (para < 0 || (para !== s.firstPara && !s.double)) return undefined;
    const sentences = s.tokens[para]!;
    const sentence = s.sA > 0 ? s.sA - 1 : sentences.length - 1;
    const prev = sentences[sentence];
    if (!prev) return undefined;
    // Its own quotations are attributed on their own; only a speech verb after the last of them counts here.
    let last = -1;
    prev.forEach((t, i) => {
      if (t.kind === 'quote') last = i;
    });
    const link = speakingIn(prev.slice(last + 1));
    if (link) link.at += last + 1;
    return link && { rule: 'after-speaking-sentence', link: { ...link, pos: { para, sentence, token: link.at } } };
  },
};

/** According to Roe, the talks “went nowhere.” / … “went nowhere,” according to Roe. */
export const accordingToRule: AttributionRule = {
  name: 'according-to',
  find: (s) => inA(s, 'according-to', accordingTo(s.tA)) ?? inB(s, 'according-to', accordingTo(s.tB)),
};

/**
 * Roe shot back in a statement, saying the plan was “a disgrace.” — a
 * speech participle after a comma: the speaker is the subject of the clause it hangs from.
 */
export const participleClause: AttributionRule = {
  name: 'participle-clause',
  find: (s) => {
    for (let v = s.qa - 1; v > 0; v--) {
      const t = s.tA[v]!;
      if (t.kind === 'quote') return undefined;
      if (t.kind !== 'word' || !t.lower.endsWith('ing') || !ADJACENT_SPEECH_VERBS.has(t.lower)) continue;
      const comma = s.tA[v - 1]!;
      // The comma may sit inside a scare quote's marks: “that plan,” telling …
      if (comma.text !== ',' && !(comma.kind === 'quote' && /,\s*\S$/u.test(comma.text))) continue;
      // The clause opens after an earlier quotation, else (a scare quote inside the clause) at the sentence start.
      const subject = clauseSubject(s.tA, clauseStart(s.tA, v), v) ?? clauseSubject(s.tA, 0, v);
      if (subject && (subject.name.length > 0 || subject.pronoun || subject.institution)) {
        return inA(s, 'participle-clause', { phrase: subject, at: subject.first, how: 'reporting' });
      }
    }
    return undefined;
  },
};

/** Roe said that the deal was “a historic step” / Roe is telling supporters that “…” / what it calls “…”. */
export const reportingClause: AttributionRule = {
  name: 'reporting-clause',
  find: (s) => inA(s, 'reporting-clause', reportingBefore(s.tA, s.qa)),
};

/** … “a historic step,” Roe said of the deal. */
export const trailingClause: AttributionRule = {
  name: 'trailing-clause',
  find: (s) => inB(s, 'trailing-clause', trailingAttribution(s.tB, s.qb)),
};

/** Roe told the crowd, “…,” and, “…” — a later quotation of a sentence whose earlier one is attributed. */
export const sameSentence: AttributionRule = {
  name: 'same-sentence',
  find: (s) => {
    if (!pre(s).some((t) => t.kind === 'quote')) return undefined;
    const a = s.attributed[s.attributed.length - 1];
    return a && a.para === s.firstPara && a.sentence === s.sA ? { rule: 'same-sentence', entity: a.entity, from: a } : undefined;
  },
};

/** Rules that set a quotation off as speech, in the order they are tried. */
export const SPEECH_RULES: readonly AttributionRule[] = [
  speakerAfter,
  speakerBefore,
  roundupCaption,
  continuesInParagraph,
  colonParagraph,
  continuesNextParagraph,
  afterSpeakingSentence,
];

/** Rules that tie a fragment to the speaker of the reporter's clause, tried when no speech rule applies. */
export const CLAUSE_RULES: readonly AttributionRule[] = [accordingToRule, participleClause, reportingClause, trailingClause, sameSentence];

/** The first rule of `rules` that finds a speaker. */
export function firstFinding(rules: readonly AttributionRule[], site: QuoteSite): Finding | undefined {
  for (const r of rules) {
    const f = r.find(site);
    if (f) return f;
  }
  return undefined;
}
