/**
 * One document in, its attributable quotations out: prose paragraphs ->
 * quotations (across paragraphs where they run on) -> sentences -> speakers
 * discovered -> each quotation attributed, dated, classified, or set aside
 * with a reason the build report shows.
 */
import { firstControlChar } from '../import/control-chars';
import type { DateBasis, QuoteKind } from '../schema';
import {
  accordingTo,
  attributionAt,
  attributionBefore,
  reportingBefore,
  type Link,
} from './attribution';
import {
  findDateMentions,
  findStatementDates,
  formatDate,
  isValidDay,
  lastDayOf,
  latestWeekdayNotAfter,
  parseIsoPartial,
  resolveWeekdayYear,
  resolveYearNotAfter,
  weekdayOf,
  WEEKDAYS,
  type CalendarDate,
  type DayDate,
} from './dates';
import { ADJACENT_SPEECH_VERBS, HONORIFICS, INSTITUTION_NOUNS, PRONOUNS, REPORTING_VERBS, ROLE_NOUNS, SPEECH_NOUNS } from './lexicon';
import type { DocumentMeta } from './metadata';
import { classifyParagraphs, wordCount, type ClassifiedParagraph, type Paragraph } from './paragraphs';
import { opensWithQuote, scanQuotes, type QuoteSpan } from './quote-marks';
import { splitSentences, tokenize, type MaskedRange, type Sentence, type Token } from './sentences';
import { genderAround, phraseIn, phraseToken, pronounFits, roleText, SpeakerRegistry, type Entity, type NounPhrase } from './speakers';
import { isFirstName } from './names';
import { CLAUSE_RULES, firstFinding, SPEECH_RULES, type Attributed, type QuoteSite } from './rules';
import { UNNAMED_SOURCE_ROLE, type Gender } from '../../text/english';

/**
 * A quoted phrase of at most this many words that starts with a capital and
 * is not set off as speech ("the “Green Deal”") is a name or title.
 */
const TERM_MAX_WORDS = 3;

/**
 * A quoted phrase of at most this many words with every longer word
 * capitalized is a title or slogan ("The Fixers: Eddie Mannix and the MGM
 * Publicity Machine" has 10); speech is not written in title case.
 */
const TITLE_MAX_WORDS = 12;

/** The only words a title leaves lowercase ("The Lead with Jane Roe", "Ursula von der Leyen"). */
const TITLE_SMALL_WORDS = new Set('a an the of and or nor but for with in on at to by from as vs via de la le du del von van der den da di y'.split(' '));

/**
 * Is `raw` written as a title: at least two capitalized words, every other
 * word a small one (articles, short prepositions), no comma inside and no
 * question or exclamation mark (“Nusra is Al Qaeda” and “Happy new year!” are speech)?
 */
export function isTitleCase(raw: string): boolean {
  const t = raw.trim().replace(/[,;:\s]+$/u, '');
  if (/[!?;]/u.test(t)) return false;
  // A comma is speech ("Yes, We Will"), unless after a subtitle's colon ("The Harbour: Ships, Storms and the Sea").
  if (t.includes(',') && !/^[^,]+:\s/u.test(t)) return false;
  const words = t.split(/[\s\u2014\u2013/:]+/u).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter((w) => w !== '');
  let capitals = 0;
  for (const w of words) {
    if (/^[\p{Lu}\p{N}]/u.test(w)) capitals++;
    else if (!TITLE_SMALL_WORDS.has(w)) return false;
  }
  return capitals >= 2;
}

/**
 * Head nouns of descriptions that stand for someone the article does not name
 * ("the source said", "the person added", "the official said"): they refer
 * back to the unnamed speaker described before, not to a named one.
 */
const UNNAMED_HEADS = new Set(['source', 'sources', 'person', 'official', 'officials', 'aide', 'aides', 'adviser', 'advisers', 'advisor', 'staffer', 'insider']);

/**
 * How many paragraphs back "the spokeswoman" or "the star" looks for the
 * person with that role: further on, the story has moved to someone else
 * (a roundup names a new person every few paragraphs).
 */
const ROLE_REFERENCE_PARAGRAPHS = 3;

/**
 * The role recorded for a speaker the text only describes: the wording is
 * kept (the article reports it), and an editor sees at once that no one is named.
 */
export const UNNAMED_ROLE = UNNAMED_SOURCE_ROLE;

/**
 * An unattributed quotation of at least this many words that starts with a
 * capital reads as a sentence someone said: it is reported as left out (no
 * speaker), not silently counted among the terms.
 */
const SENTENCE_MIN_WORDS = 4;

export interface ParsedDocument {
  docId: string;
  /** Path as shown in messages (relative to where the build was started). */
  file: string;
  meta: DocumentMeta;
  paragraphs: Paragraph[];
}

export interface ExtractOptions {
  /** Reference date when a document has neither `published` nor `retrieved`. */
  referenceDate?: DayDate;
  /** Today, for a document with no reference date at all (warned). */
  today: () => DayDate;
}

export interface ExtractedQuote {
  text: string;
  kind: QuoteKind;
  speaker: Entity;
  date: CalendarDate;
  dateBasis: DateBasis;
  context: string;
  line?: number;
  /** The attribution rule that found the speaker (src/corpus/build/rules.ts); for tests and -v. */
  rule: string;
  /** Order within the document. */
  order: number;
}

export interface SetAside {
  docId: string;
  file: string;
  line?: number;
  /** The quotation as printed, with its marks. */
  quoted: string;
  reason: string;
}

export interface Warning {
  file: string;
  line?: number;
  message: string;
}

export interface Extraction {
  quotes: ExtractedQuote[];
  terms: SetAside[];
  leftOut: SetAside[];
  warnings: Warning[];
  paragraphs: ClassifiedParagraph[];
  entities: Entity[];
}

interface Segment {
  para: number; // index into prose paragraphs
  span: QuoteSpan;
}

interface Occurrence {
  segments: Segment[];
}

interface Pos {
  para: number;
  sentence: number;
  token: number;
}

const before = (a: Pos, b: Pos) =>
  a.para !== b.para ? a.para < b.para : a.sentence !== b.sentence ? a.sentence < b.sentence : a.token < b.token;

interface Mention {
  entity: Entity;
  pos: Pos;
  /** The speaker is the subject of a speech verb here (or the object of "according to"). */
  speaking: boolean;
}

/** Strips what is not the speaker's wording from the end of a quotation (see docs/corpus-format.md). */
export function trimQuoteText(raw: string, kind: QuoteKind): string {
  let t = raw.replace(/\s+/gu, ' ').trim();
  t = t.replace(/[\s,;:\u2013\u2014-]+$/u, '');
  // A partial quote is a fragment of the reporter's sentence: its final period is the reporter's.
  if (kind === 'partial' && /[^.]\.$/u.test(t) && !/(?:^|\s)(?:\p{L}\.)+$/u.test(t)) t = t.slice(0, -1);
  return t;
}

const firstLetterUpper = (s: string) => {
  const m = /\p{L}/u.exec(s);
  return m !== null && /\p{Lu}/u.test(m[0]);
};

function phraseText(p: NounPhrase): string {
  if (p.pronoun) return p.pronoun;
  if (p.institution) return `the ${p.institution}`;
  return [...p.role, ...p.name].join(' ');
}

export function extractDocument(doc: ParsedDocument, options: ExtractOptions): Extraction {
  const warnings: Warning[] = [];
  const warn = (message: string, line?: number) =>
    warnings.push(line === undefined ? { file: doc.file, message } : { file: doc.file, line, message });
  const terms: SetAside[] = [];
  const leftOut: SetAside[] = [];

  const classified = classifyParagraphs(doc.paragraphs, doc.meta.title);
  const proseIndex: number[] = [];
  classified.forEach((p, i) => {
    if (p.leftover === undefined) proseIndex.push(i);
  });
  const prose = proseIndex.map((i) => classified[i]!);
  const texts = prose.map((p) => p.text);

  // 1. Quotations, joined across paragraphs where a quote runs on.
  const occurrences: Occurrence[] = [];
  let pending: Occurrence | undefined;
  const dropPending = () => {
    if (!pending) return;
    const first = pending.segments[0]!;
    warn('opening quotation mark is never closed; quotation ignored', prose[first.para]!.line);
    pending = undefined;
  };
  texts.forEach((text, p) => {
    const spans = scanQuotes(text);
    let k = 0;
    if (pending) {
      if (opensWithQuote(text, spans)) {
        const span = spans[0]!;
        pending.segments.push({ para: p, span });
        k = 1;
        if (span.close >= 0) {
          occurrences.push(pending);
          pending = undefined;
        }
      } else {
        dropPending();
      }
    }
    for (; k < spans.length; k++) {
      const span = spans[k]!;
      const occ = { segments: [{ para: p, span }] };
      if (span.close >= 0) occurrences.push(occ);
      else pending = occ;
    }
  });
  dropPending();
  occurrences.sort((a, b) => a.segments[0]!.para - b.segments[0]!.para || a.segments[0]!.span.open - b.segments[0]!.span.open);

  // 2. Sentences and tokens, quotations masked.
  const ranges: MaskedRange[][] = texts.map(() => []);
  occurrences.forEach((occ, q) => {
    for (const seg of occ.segments) {
      const t = texts[seg.para]!;
      const end = seg.span.close >= 0 ? seg.span.close + 1 : t.length;
      const content = t.slice(seg.span.contentStart, seg.span.contentEnd).trimEnd();
      ranges[seg.para]!.push({ start: seg.span.open, end, quote: q, endsSentence: /[.!?\u2026]$/u.test(content) });
    }
  });
  const attributionFollows = (rest: string) => {
    // "… doing.” And Jane Roe said …": a conjunction opens a new sentence.
    if (/^(?:And|But|Or|So|Yet|Meanwhile|However|Still)\b/u.test(rest)) return false;
    const tokens = tokenize(rest, 0, Math.min(rest.length, 120), []);
    return attributionAt(tokens, 0) !== undefined;
  };
  const sentences: Sentence[][] = texts.map((t, p) => splitSentences(t, ranges[p]!, attributionFollows));
  const tokens: Token[][][] = texts.map((t, p) => sentences[p]!.map((s) => tokenize(t, s.start, s.end, ranges[p]!)));

  // 3. Speakers the document names.
  const registry = new SpeakerRegistry(doc.meta.speakers);
  // Maximal runs of capitalized and role words: the noun phrases that may name someone.
  const runs = (toks: Token[]) => {
    const out: [number, number][] = [];
    let a = -1;
    toks.forEach((t, i) => {
      const inRun = phraseToken(t);
      if (inRun && a < 0) a = i;
      if (!inRun && a >= 0) {
        out.push([a, i]);
        a = -1;
      }
    });
    if (a >= 0) out.push([a, toks.length]);
    return out;
  };
  // Names are collected first and registered full names first, so that a
  // surname met before the full name ("Roe said … Senator Jane Roe") still
  // resolves to the full name.
  const found: { link: Link; para: number; sentence: number }[] = [];
  const introduced: { phrase: NounPhrase; gender?: Gender }[] = [];
  tokens.forEach((sents, para) =>
    sents.forEach((sentToks, sentence) => {
      const note = (link: Link | undefined) => {
        if (link) found.push({ link, para, sentence });
      };
      for (let i = 0; i < sentToks.length; i++) {
        const t = sentToks[i]!;
        if (t.kind === 'quote') {
          note(attributionAt(sentToks, i + 1));
          if (i > 0) note(attributionBefore(sentToks, i));
        } else if (t.kind === 'word' && t.text === t.lower && REPORTING_VERBS.has(t.lower)) {
          note(reportingBefore(sentToks, i + 1));
        }
      }
      note(accordingTo(sentToks));
      // A person named anywhere is someone "he" or "she" may refer to later: a name after a role
      // ("Finance Ministry spokeswoman Jane Roe"), after an honorific ("Mrs. Roe"), or with a known first name.
      for (const [a, b] of runs(sentToks)) {
        const phrase = phraseIn(sentToks, a, b);
        if (!phrase || phrase.name.length === 0) continue;
        const gender = genderAround(sentToks, a, phrase);
        const honorific = phrase.first > a && HONORIFICS.has(sentToks[phrase.first - 1]!.lower);
        const role = phrase.role.some((w) => ROLE_NOUNS.has(w.toLowerCase().replace(/\.$/u, '')));
        // An organisation named in full ("The Harbour Workers Union") is what "the group" or "it" may refer to later.
        const organisation = phrase.name.length >= 2 && phrase.name.some((w) => INSTITUTION_NOUNS.has(w.toLowerCase()));
        if ((phrase.name.length >= 2 && (role || organisation || gender !== undefined || isFirstName(phrase.name[0]!))) || (honorific && phrase.name.length === 1)) {
          introduced.push({ phrase, ...(gender === undefined ? {} : { gender }) });
        }
      }
    }),
  );
  const phrases: { phrase: NounPhrase; gender?: Gender }[] = [...introduced, ...found.map((f) => ({ phrase: f.link.phrase }))];
  for (const { phrase, gender } of [...phrases.filter((p) => p.phrase.name.length >= 2), ...phrases.filter((p) => p.phrase.name.length < 2)]) {
    registry.discover(phrase, gender);
  }
  for (const { link } of found) {
    const e = registry.resolveName(link.phrase);
    const role = link.appositive && link.appositive.name.length === 0 ? roleText(link.appositive.role) : undefined;
    if (e && role !== undefined && e.role === undefined) e.role = role;
  }
  /** Sentences in which each speaker speaks: "he added" prefers the last one who spoke. */
  const spoke = new Set(
    found.flatMap(({ link, para, sentence }) => {
      const e = link.phrase.name.length ? registry.lookup(link.phrase.name.join(' ')) : undefined;
      return e ? [`${para}:${sentence}:${e.name}`] : [];
    }),
  );

  // 4. Every mention of a known speaker, in order, for "he", "it" and "the spokesperson".
  const mentions: Mention[] = [];
  tokens.forEach((sents, para) =>
    sents.forEach((sentToks, sentence) => {
      for (const [a, b] of runs(sentToks)) {
        const phrase = phraseIn(sentToks, a, b);
        if (!phrase || phrase.name.length === 0) continue;
        const e = registry.lookup(phrase.name.join(' '));
        if (e) {
          const speaking = spoke.has(`${para}:${sentence}:${e.name}`);
          mentions.push({ entity: e, pos: { para, sentence, token: phrase.first }, speaking });
        }
      }
    }),
  );

  /** Speakers the text describes but never names ("a senior adviser"), where they first speak. */
  const unnamed: { entity: Entity; pos: Pos }[] = [];
  const unnamedSpeaker = (phrase: NounPhrase, pos: Pos): Entity => {
    const words = phrase.role.join(' ');
    const entity: Entity = { name: `${/^[aeiou]/iu.test(words) ? 'an' : 'a'} ${words}`, kind: 'person', role: UNNAMED_ROLE, aliases: new Set(), declared: false, unnamed: true };
    unnamed.push({ entity, pos });
    return entity;
  };

  const resolve = (phrase: NounPhrase, pos: Pos): Entity | undefined => {
    const earlier = mentions.filter((m) => before(m.pos, pos));
    if (phrase.pronoun) {
      const p = phrase.pronoun;
      // The nearest fitting name earlier in the same sentence ("The ministry rejected what it calls");
      // else, sentence by sentence backwards, the one who speaks there, else the first fitting name
      // there (a sentence's subject comes first). A pronoun bound to a person tells their gender.
      const bind = (e: Entity) => {
        const g = PRONOUNS.get(p)?.gender;
        if (g && e.kind !== 'organization' && e.gender === undefined && !e.declared) e.gender = g;
        return e;
      };
      const fits = earlier.filter((m) => pronounFits(p, m.entity));
      const same = fits.filter((m) => m.pos.para === pos.para && m.pos.sentence === pos.sentence);
      if (same.length) return bind(same[same.length - 1]!.entity);
      const last = fits[fits.length - 1];
      if (!last) return undefined;
      const group = fits.filter((m) => m.pos.para === last.pos.para && m.pos.sentence === last.pos.sentence);
      return bind((group.find((m) => m.speaking) ?? group[0]!).entity);
    }
    if (phrase.institution) {
      const noun = phrase.institution;
      // "the statement said", "the letter read": whoever spoke last before it.
      if (SPEECH_NOUNS.has(noun)) {
        for (let i = earlier.length - 1; i >= 0; i--) if (earlier[i]!.speaking) return earlier[i]!.entity;
        return undefined;
      }
      // "the ministry", "the group": a declared or named organisation with that noun, else the last organisation named.
      const named = registry.resolveInstitution(noun, earlier.map((m) => m.entity));
      if (named) return named;
      // "the campaign said": the campaign of the person the text is about (named in this paragraph or the one before).
      if (noun === 'campaign') {
        const person = earlier.filter((m) => m.entity.kind === 'person' && pos.para - m.pos.para <= 1).pop();
        const surname = person?.entity.name.split(/\s+/).pop();
        if (person && surname) return registry.discover({ first: 0, end: 0, role: [], name: [surname, 'campaign'] });
      }
      for (let i = earlier.length - 1; i >= 0; i--) if (earlier[i]!.entity.kind === 'organization') return earlier[i]!.entity;
      return undefined;
    }
    if (phrase.name.length === 0) {
      // "the spokesperson": the last person named whose role has that noun.
      const nouns = phrase.role.map((w) => w.toLowerCase()).filter((w) => ROLE_NOUNS.has(w));
      const stem = (w: string) => (w.startsWith('spokes') ? 'spokes' : w.replace(/s$/u, ''));
      for (let i = earlier.length - 1; i >= 0 && pos.para - earlier[i]!.pos.para <= ROLE_REFERENCE_PARAGRAPHS; i--) {
        const role = earlier[i]!.entity.role?.toLowerCase().split(/\s+/).map(stem) ?? [];
        if (nouns.some((n) => role.includes(stem(n)))) return earlier[i]!.entity;
      }
      // "the source said", "the person added": the unnamed speaker met before, not a named one.
      const head = phrase.role[phrase.role.length - 1]?.toLowerCase() ?? '';
      if (phrase.definite && UNNAMED_HEADS.has(head)) {
        const met = unnamed.filter((u) => before(u.pos, pos)).pop();
        if (met) return met.entity;
      }
      // "said a senior party adviser", "one shop owner said": someone the text does not name.
      if (phrase.indefinite) return unnamedSpeaker(phrase, pos);
      // "the Texas senator said": a definite description of the person the text is about, when
      // one was named in this paragraph or the one before (that sentence's speaker, else its subject).
      if (phrase.definite) {
        const persons = earlier.filter((m) => m.entity.kind === 'person');
        const last = persons[persons.length - 1];
        if (last && pos.para - last.pos.para <= 1) {
          const group = persons.filter((m) => m.pos.para === last.pos.para && m.pos.sentence === last.pos.sentence);
          return (group.find((m) => m.speaking) ?? group[0]!).entity;
        }
      }
      if (phrase.definite && UNNAMED_HEADS.has(head)) return unnamedSpeaker(phrase, pos);
      return undefined;
    }
    return registry.resolveName(phrase) ?? registry.discover(phrase);
  };

  // 5. Statement dates in the text.
  const refSource = doc.meta.published ? 'published' : doc.meta.retrieved ? 'retrieved' : options.referenceDate ? 'flag' : 'clock';
  let ref: DayDate | undefined;
  const reference = (): DayDate => {
    if (ref) return ref;
    const given = doc.meta.published ?? doc.meta.retrieved;
    if (given) ref = lastDayOf(parseIsoPartial(given)!);
    else if (options.referenceDate) ref = options.referenceDate;
    else {
      ref = options.today();
      warn(`no publication, retrieval or --reference-date: years resolved against today (${formatDate(ref)})`);
    }
    return ref;
  };
  const publishedDay = doc.meta.published !== undefined && parseIsoPartial(doc.meta.published)?.day !== undefined;
  interface Marker {
    pos: Pos;
    date: CalendarDate;
    basis: DateBasis;
    /** A statement date: it dates only the quotations near it (see `reaches`). */
    near?: boolean;
    /** It opens its sentence ("In 1992, …"): it may set the time of the next sentence too. */
    leading?: boolean;
  }
  const markers: Marker[] = [];
  texts.forEach((text, para) =>
    sentences[para]!.forEach((s, sentence) => {
      const sentToks = tokens[para]![sentence]!;
      let masked = text.slice(s.start, s.end);
      for (const r of ranges[para]!) {
        const a = Math.max(r.start, s.start) - s.start;
        const b = Math.min(r.end, s.end) - s.start;
        if (a < b) masked = masked.slice(0, a) + ' '.repeat(b - a) + masked.slice(b);
      }
      const speech = sentToks.some((t) => t.kind === 'quote' || (t.kind === 'word' && t.text === t.lower && ADJACENT_SPEECH_VERBS.has(t.lower)));
      for (const m of findDateMentions(masked)) {
        const head = masked.slice(0, m.start).trim();
        // "On Friday, …", or a dateline opening the paragraph: "Kyiv, Wednesday 4 June".
        const leading = /^(?:[Oo]n)?$/u.test(head) || (sentence === 0 && /^\p{Lu}[\p{L}\s.'-]{0,30},$/u.test(head));
        if (!leading && !speech) continue;
        const line = prose[para]!.line;
        let marker: { date: CalendarDate; basis: DateBasis } | undefined;
        if (m.month !== undefined && m.day !== undefined && m.year !== undefined) {
          marker = { date: { year: m.year, month: m.month, day: m.day }, basis: 'explicit' };
          if (m.weekday !== undefined && weekdayOf(marker.date as DayDate) !== m.weekday) {
            warn(`${formatDate(marker.date)} was not a ${WEEKDAYS[m.weekday]}; kept the written date`, line);
          }
        } else if (m.month !== undefined && m.day !== undefined && m.weekday !== undefined) {
          const year = resolveWeekdayYear(m.month, m.day, m.weekday, reference(), refSource === 'published');
          // Undefined for a day still to come ("the vote on Tuesday, March 15"): no one said anything then, and no warning.
          const anyYear = resolveWeekdayYear(m.month, m.day, m.weekday, { year: reference().year + 1, month: 12, day: 31 });
          if (year === undefined && anyYear === undefined) warn(`no year in which ${m.month}/${m.day} was a ${WEEKDAYS[m.weekday]}`, line);
          else if (year !== undefined) marker = { date: { year, month: m.month, day: m.day }, basis: 'weekday' };
        } else if (m.month !== undefined && m.day !== undefined) {
          // "December 16" alone: the writer meant the year of publication.
          if (refSource === 'published') {
            const year = resolveYearNotAfter(m.month, m.day, reference());
            if (year !== undefined) marker = { date: { year, month: m.month, day: m.day }, basis: 'published' };
          }
        } else if (m.weekday !== undefined && publishedDay) {
          // "on Monday": the last Monday up to the day of publication.
          marker = { date: latestWeekdayNotAfter(m.weekday, reference()), basis: 'weekday' };
        }
        if (marker) markers.push({ pos: { para, sentence, token: 0 }, ...marker });
      }
      // A bracketed source after a quotation: "[Remarks to a trade group, 11/18/13]".
      for (const b of masked.matchAll(/\[[^\]]{0,80}?(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4}|\d{2})\]/gu)) {
        const g = b.groups!;
        const y = g.y!.length === 2 ? 2000 + Number(g.y) : Number(g.y);
        const date = { year: y, month: Number(g.m), day: Number(g.d) };
        if (isValidDay(date.year, date.month, date.day)) markers.push({ pos: { para, sentence, token: 0 }, date, basis: 'explicit', near: true });
      }
      // "in March 2009", "in a 2013 speech", "last month": when it was said, for the quotations near it.
      if (doc.meta.published !== undefined) {
        for (const d of findStatementDates(masked, reference())) {
          const leading = masked.slice(0, d.start).trim() === '';
          // "in an interview last October." sets the time of the quotation that follows, as a leading date does.
          const occasion = leading || sentToks.some((t) => t.kind === 'word' && SPEECH_NOUNS.has(t.lower));
          if (leading || speech) markers.push({ pos: { para, sentence, token: 0 }, date: d.date, basis: d.basis, near: true, leading: occasion });
        }
      }
    }),
  );
  /**
   * A statement date reaches the quotations of its own sentence and the next
   * one (across a paragraph break): "In 1992, she roiled … one sentence.¶… she
   * shot back, “…”". Further on, the text is about something else.
   */
  const reaches = (m: Marker, here: Pos) =>
    !m.near ||
    (m.pos.para === here.para && m.pos.sentence === here.sentence) ||
    (m.leading === true &&
      ((m.pos.para === here.para && here.sentence - m.pos.sentence === 1) ||
        (here.sentence === 0 && m.pos.para === here.para - 1 && m.pos.sentence === sentences[m.pos.para]!.length - 1)));

  // 6. Attribute, date and classify each quotation.
  /** Attributed quotations by the sentence they end in, for "“…,” he said. “…”". */
  const attributed: Attributed[] = [];
  const quotes: ExtractedQuote[] = [];
  const sentenceOf = (para: number, offset: number) => {
    const list = sentences[para]!;
    const i = list.findIndex((s) => offset >= s.start && offset < s.end);
    return i >= 0 ? i : list.length - 1;
  };
  const contexts = new Map<string, string>();
  const quoteToken = (toks: Token[], q: number) => toks.findIndex((t) => t.kind === 'quote' && t.quote === q);

  occurrences.forEach((occ, q) => {
    const first = occ.segments[0]!;
    const last = occ.segments[occ.segments.length - 1]!;
    const line = prose[first.para]!.line;
    const raw = occ.segments.map((s) => texts[s.para]!.slice(s.span.contentStart, s.span.contentEnd).trim()).join(' ');
    const quoted = occ.segments.map((s) => texts[s.para]!.slice(s.span.open, s.span.close >= 0 ? s.span.close + 1 : undefined)).join(' ');
    const setAside = (list: SetAside[], reason: string) =>
      list.push({ docId: doc.docId, file: doc.file, ...(line === undefined ? {} : { line }), quoted, reason });

    const sA = sentenceOf(first.para, first.span.open);
    const sB = sentenceOf(last.para, last.span.close >= 0 ? last.span.close : last.span.contentEnd - 1);
    const tA = tokens[first.para]![sA]!;
    const tB = tokens[last.para]![sB]!;
    const qa = quoteToken(tA, q);
    const qb = quoteToken(tB, q);
    const pre = tA.slice(0, qa);
    const post = tB.slice(qb + 1).filter((t) => !(t.kind === 'punct' && /^[.!?,;:\u2026)]$/u.test(t.text)));

    const words = wordCount(raw);
    const upper = firstLetterUpper(raw);

    // Every longer word capitalized: a title, a name or a slogan (“The Lead with Jane Roe”, “Fair Pay Now”), whatever verb is near.
    if (words <= TITLE_MAX_WORDS && isTitleCase(raw)) return setAside(terms, 'a title, name or slogan: every word capitalized');
    const site: QuoteSite = {
      tA, qa, tB, qb, firstPara: first.para, lastPara: last.para, double: first.span.double, sA, sB, tokens, attributed,
      otherNamedBetween: (para, from, to, e) =>
        mentions.some((m) => m.pos.para === para && m.pos.sentence > from && m.pos.sentence < to && m.entity !== e),
    };
    // Rules that set the quotation off as speech, then (for fragments) rules that tie it to a clause's speaker.
    let finding = firstFinding(SPEECH_RULES, site);
    const setOff = finding !== undefined;

    // “No,” at the head of a sentence, with its own punctuation, is a reply, not a name.
    const clause = pre.length === 0 && /[,.!?\u2026]$/u.test(raw);
    if (!setOff && words <= TERM_MAX_WORDS && upper && !clause) {
      return setAside(terms, 'a short capitalized phrase not set off as speech: a name or title');
    }
    finding ??= firstFinding(CLAUSE_RULES, site);
    if (!finding) {
      if (upper && words >= SENTENCE_MIN_WORDS) return setAside(leftOut, 'no speaker: nothing in its sentence attributes it');
      return setAside(terms, 'scare quote: no speaker or reporting verb linked to it');
    }

    const link = 'link' in finding ? finding.link : undefined;
    const entity = 'entity' in finding ? finding.entity : resolve(link!.phrase, link!.pos);
    if (!entity) return setAside(leftOut, `no speaker: "${phraseText(link!.phrase)}" names no known speaker`);
    const appositiveRole = link?.appositive && link.appositive.name.length === 0 ? roleText(link.appositive.role) : undefined;
    if (appositiveRole !== undefined && entity.role === undefined && !entity.declared) entity.role = appositiveRole;

    const intro = finding.rule === 'speaker-before' || finding.rule === 'roundup-caption';
    const after = finding.rule === 'speaker-after';
    const continued = pre[0]?.kind === 'quote' && (intro || finding.rule === 'same-sentence'); // “…,” he said, “…”
    const introduced = pre.length === 0 || intro || pre[pre.length - 1]?.text === ':';
    const closed = post.length === 0 || after;
    const kind: QuoteKind = continued || (upper && introduced && closed) ? 'direct' : 'partial';
    const entry: Attributed = { para: last.para, sentence: sB, entity, kind, rule: finding.rule };
    attributed.push(entry);
    // A speaker first met here (discovered while resolving) is someone "he" or "she" may refer to next.
    if (link && !entity.unnamed && !mentions.some((m) => m.entity === entity && m.pos.para === link.pos.para && m.pos.sentence === link.pos.sentence)) {
      const at = mentions.findIndex((m) => before(link.pos, m.pos));
      mentions.splice(at < 0 ? mentions.length : at, 0, { entity, pos: link.pos, speaking: true });
    }

    // Date: metadata, else the last date phrase before the quote, else publication.
    let date: CalendarDate | undefined;
    let dateBasis: DateBasis | undefined;
    if (doc.meta.statementDate) {
      date = parseIsoPartial(doc.meta.statementDate)!;
      dateBasis = 'metadata';
    } else {
      const here: Pos = { para: first.para, sentence: sA, token: qa };
      let marker: Pick<Marker, 'date' | 'basis' | 'near'> | undefined = markers.filter((m) => !before(here, m.pos) && reaches(m, here)).pop();
      // A continuation was said on the occasion of the quotation it continues, unless a date of its own is near.
      const from = 'from' in finding ? finding.from.stated : undefined;
      if (from && !marker?.near) marker = { date: from.date, basis: from.basis };
      if (marker) {
        date = marker.date;
        dateBasis = marker.basis;
      } else if (doc.meta.published) {
        date = parseIsoPartial(doc.meta.published)!;
        dateBasis = 'published';
      }
    }
    if (!date || !dateBasis) return setAside(leftOut, 'no date: no date in the text before it, no publication date');
    if (dateBasis === 'statement' || dateBasis === 'relative') entry.stated = { date, basis: dateBasis };

    const text = trimQuoteText(raw, kind);
    if (text === '') return setAside(terms, 'empty quotation');
    // As imports do: a terminal escape or a bidi override could hide or reorder the words an editor approves.
    const control = firstControlChar(text);
    if (control !== undefined) return setAside(leftOut, `contains a control character (${control}) that could hide or reorder the text on screen`);
    const paras = [...new Set(occ.segments.map((s) => s.para))];
    const contextParas = first.para > 0 ? [first.para - 1, ...paras] : paras;
    // Quotations of one paragraph share one context string: the records hold it once, not once per quotation.
    const contextKey = contextParas.join(',');
    let context = contexts.get(contextKey);
    if (context === undefined) contexts.set(contextKey, (context = contextParas.map((p) => texts[p]).join('\n\n')));
    quotes.push({ text, kind, speaker: entity, date, dateBasis, context, rule: finding.rule, order: q, ...(line === undefined ? {} : { line }) });
  });

  for (const note of registry.notes) warn(note);
  return { quotes, terms, leftOut, warnings, paragraphs: classified, entities: registry.entities };
}
