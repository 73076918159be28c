/**
 * The `variant` verdict (issue 17): a quoted span that no vetted wording
 * verifies or calls altered, but that is another wording of a corpus
 * statement: a translation or an outlet's own rendering of the same remark.
 *
 * All of these must hold (thresholds in ./thresholds.ts, VARIANT_*):
 * - the page names the statement's speaker near the span (its paragraph: a
 *   surname or alias, in any inflection) and does not attribute the span to
 *   someone else;
 * - the page's date, when it gives one, is within a window of the statement's;
 * - the span shares the statement's content words with one of its vetted
 *   wordings (main text, original, variants) in the span's language: at least
 *   VARIANT_MIN_SHARED_WORDS, and a Dice share of VARIANT_MIN_DICE;
 * - both negate, or neither does ("we want a truce" is no wording of "not a truce").
 * A variant is never verified or altered: it says "these are not the verified
 * words, and here are the verified ones".
 */
import type { Quote } from '../corpus/schema';
import { parsePartialDate, type CalendarDate } from '../text/partial-date';
import { isContentWord } from './function-words';
import {
  VARIANT_MAX_CANDIDATES,
  VARIANT_MAX_DAYS_AFTER,
  VARIANT_MAX_DAYS_BEFORE,
  VARIANT_MIN_DICE,
  VARIANT_MIN_SHARED_WORDS,
  VARIANT_STEM_MIN,
  VARIANT_STEM_PREFIX,
  VARIANT_STEM_SLACK,
} from './thresholds';
import { tokenize, wordAt } from './tokenize';
import { negationCount } from './word-classes';
import type { Wordings } from './wordings';

/** What the rule needs of a quote. */
export type VariantQuote = Pick<Quote, 'id' | 'text' | 'speaker'> & Partial<Pick<Quote, 'date' | 'original' | 'variants'>>;

/** Two words are one content word (see VARIANT_STEM_* in thresholds.ts). */
export function sameStem(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  if (shorter < VARIANT_STEM_MIN) return a === b;
  const need = Math.min(VARIANT_STEM_PREFIX, Math.max(VARIANT_STEM_MIN, shorter - VARIANT_STEM_SLACK));
  for (let k = 0; k < need; k++) if (a.charCodeAt(k) !== b.charCodeAt(k)) return false;
  return true;
}

/** Italian elided articles and prepositions before an apostrophe (l'Italia, dell'Ucraina). */
const ELIDED = /^(?:l|un|dell|all|dall|nell|sull|coll|d|c|s|m|t|v|quest|quell|nessun)'/u;

/** The distinct content words of a text, normalized. */
export function contentWords(text: string): string[] {
  const tk = tokenize(text);
  const out: string[] = [];
  for (let k = 0; k < tk.count; k++) {
    const w = wordAt(tk, k).replace(ELIDED, '');
    if (isContentWord(w) && !out.includes(w)) out.push(w);
  }
  return out;
}

/** How many words of `a` have a word of the same stem in `b`, each word of `b` used once. */
export function sharedWords(a: readonly string[], b: readonly string[]): number {
  const used = new Uint8Array(b.length);
  let m = 0;
  for (const x of a) {
    for (let j = 0; j < b.length; j++) {
      if (used[j] || !sameStem(x, b[j]!)) continue;
      used[j] = 1;
      m++;
      break;
    }
  }
  return m;
}

const DAY_MS = 86_400_000;

/** First and last day (UTC ms) a partial date covers. */
function dayRange(d: CalendarDate): [number, number] {
  if (d.month === undefined) return [Date.UTC(d.year, 0, 1), Date.UTC(d.year, 11, 31)];
  if (d.day === undefined) return [Date.UTC(d.year, d.month - 1, 1), Date.UTC(d.year, d.month, 0)];
  const t = Date.UTC(d.year, d.month - 1, d.day);
  return [t, t];
}

/** The page's date is within the window of the statement's (true when either is unknown). */
export function withinDateWindow(statement: string | undefined, page: string | undefined): boolean {
  if (!statement || !page) return true;
  const s = parsePartialDate(statement);
  const p = parsePartialDate(page, { allowTime: true });
  if (!s || !p) return true;
  return daysWithinWindow(dayRange(s), dayRange(p));
}

/** The same, on day ranges already parsed (true when either is unknown). */
function daysWithinWindow(statement: readonly [number, number] | undefined, page: readonly [number, number] | undefined): boolean {
  if (!statement || !page) return true;
  const [s0, s1] = statement;
  const [p0, p1] = page;
  // The page at its earliest after the statement at its latest, and the other way round.
  if (p1 < s0 - VARIANT_MAX_DAYS_BEFORE * DAY_MS) return false;
  return p0 - s1 <= VARIANT_MAX_DAYS_AFTER * DAY_MS;
}

/**
 * The corpus's distinct speakers and the quotes of each: what the rule reads to know whom
 * a page names, without reading every quote (at 100k quotations the walk over every quote
 * through the shipped host cost 0.3-1 s per wake-up of the background).
 */
export interface SpeakerTable {
  readonly count: number;
  /** Speaker s's name, then its aliases. */
  names(s: number): readonly string[];
  /** Numbers of speaker s's quotes, newest first, then in corpus order. */
  quotesOf(s: number): Iterable<number>;
  /** The order of quotesOf, for quotes of several speakers: newest first, then in corpus order. */
  compare(a: number, b: number): number;
}

/** A speaker table from the quote objects; speakers numbered by their first quote. */
export function speakerTableOf(quotes: readonly VariantQuote[]): SpeakerTable {
  const numbers = new Map<VariantQuote['speaker'], number>();
  const records: VariantQuote['speaker'][] = [];
  const lists: number[][] = [];
  for (let q = 0; q < quotes.length; q++) {
    const speaker = quotes[q]!.speaker;
    let s = numbers.get(speaker);
    if (s === undefined) {
      numbers.set(speaker, (s = records.length));
      records.push(speaker);
      lists.push([]);
    }
    lists[s]!.push(q);
  }
  const compare = (x: number, y: number) => byDateDesc(quotes[x]!.date, quotes[y]!.date) || x - y;
  const sorted = new Uint8Array(records.length);
  return {
    count: records.length,
    names: (s) => [records[s]!.name, ...(records[s]!.aliases ?? [])],
    quotesOf(s) {
      if (!sorted[s]) {
        lists[s]!.sort(compare);
        sorted[s] = 1;
      }
      return lists[s]!;
    },
    compare,
  };
}

/** speakerTableOf(quotes), made at its first use. */
function lazySpeakerTable(quotes: readonly VariantQuote[]): SpeakerTable {
  let table: SpeakerTable | undefined;
  const get = () => (table ??= speakerTableOf(quotes));
  return {
    get count() {
      return get().count;
    },
    names: (s) => get().names(s),
    quotesOf: (s) => get().quotesOf(s),
    compare: (a, b) => get().compare(a, b),
  };
}

interface NameEntry {
  word: string;
  /** Speakers with this name word, in their order. */
  speakers: number[];
  /** Their quotes, newest first; listed when a page first names them. */
  quotes: number[] | undefined;
}

export interface VariantMatch {
  /** The wording it resembles most (a number in `Wordings`). */
  wording: number;
  /** Dice share of content words, 0..1. */
  score: number;
}

export class VariantFinder {
  /** Speaker name words (surnames, aliases' last words), by their first letters; made at the first use. */
  private namesIndex: Map<string, NameEntry[]> | undefined;
  /** The corpus's speakers and their quotes. */
  private readonly speakers: SpeakerTable;
  /** Per wording, made at its first use: content words, their stem keys, whether it negates. */
  private readonly wordingFacts = new Map<number, WordingFacts>();
  /** Per quote, made at its first use: the days its date covers (undefined: no date, or unreadable). */
  private readonly quoteDays = new Map<number, readonly [number, number] | undefined>();
  /** Other wordings of each quote that has any (wording q is quote q's main text: ./wordings.ts). */
  private otherWordings: Map<number, number[]> | undefined;

  /**
   * `speakers`: the corpus's speaker table when the caller holds one (the shipped index,
   * src/host/shipped-host.ts); otherwise made from `quotes` at the first variant question.
   */
  constructor(
    private readonly quotes: readonly VariantQuote[],
    private readonly wordings: Wordings,
    speakers?: SpeakerTable,
  ) {
    this.speakers = speakers ?? lazySpeakerTable(quotes);
  }

  /** Wordings of quote q: its main text, then its others. */
  private wordingsOfQuote(q: number): number[] {
    if (!this.otherWordings) {
      this.otherWordings = new Map();
      const { quoteOf } = this.wordings;
      for (let w = this.quotes.length; w < quoteOf.length; w++) {
        const owner = quoteOf[w]!;
        let list = this.otherWordings.get(owner);
        if (!list) this.otherWordings.set(owner, (list = []));
        list.push(w);
      }
    }
    return [q, ...(this.otherWordings.get(q) ?? [])];
  }

  private get names(): Map<string, NameEntry[]> {
    if (this.namesIndex) return this.namesIndex;
    // Built at the first variant question, not with the matcher: a woken background answers
    // its first scan without it when no span needs it. From the speaker table, not the quotes:
    // a speaker's quotes are listed only when a page names them (namedIn).
    const table = this.speakers;
    const names = new Map<string, NameEntry[]>();
    const surnameOf = new Map<string, string | undefined>();
    const byWord = new Map<string, number[]>();
    for (let s = 0; s < table.count; s++) {
      for (const name of table.names(s)) {
        let surname = surnameOf.get(name);
        if (!surnameOf.has(name)) {
          const words = contentWordsOfName(name);
          surnameOf.set(name, (surname = words[words.length - 1]));
        }
        if (surname === undefined) continue;
        let list = byWord.get(surname);
        if (!list) byWord.set(surname, (list = []));
        if (list[list.length - 1] !== s) list.push(s);
      }
    }
    for (const [word, speakers] of byWord) {
      const key = word.slice(0, VARIANT_STEM_MIN);
      let list = names.get(key);
      if (!list) names.set(key, (list = []));
      list.push({ word, speakers, quotes: undefined });
    }
    return (this.namesIndex = names);
  }

  /** Quotes of the speakers a name word stands for, newest first (made at its first use). */
  private quotesNamed(entry: NameEntry): readonly number[] {
    if (entry.quotes) return entry.quotes;
    const table = this.speakers;
    const quotes: number[] = [];
    for (const s of entry.speakers) for (const q of table.quotesOf(s)) quotes.push(q);
    // Newest first, once: a span then takes the newest VARIANT_MAX_CANDIDATES without sorting.
    if (entry.speakers.length > 1) quotes.sort(table.compare);
    return (entry.quotes = quotes);
  }

  /** Whether `text` names quote q's speaker (a surname or alias, in any inflection). */
  isNamed(text: string, q: number): boolean {
    return this.namedIn(text).some((n) => this.quotesNamed(n).includes(q));
  }

  /** The name words `text` names, in the text's order, each once. */
  private namedIn(text: string): NameEntry[] {
    const out: NameEntry[] = [];
    if (this.names.size === 0 || text.length === 0) return out;
    const tk = tokenize(text);
    for (let k = 0; k < tk.count; k++) {
      const w = wordAt(tk, k).replace(/'s$/, '');
      const list = this.names.get(w.slice(0, VARIANT_STEM_MIN));
      if (!list) continue;
      for (const n of list) if (sameStem(w, n.word) && !out.includes(n)) out.push(n);
    }
    return out;
  }

  /**
   * Quotes of the speakers named, newest first per name word, each once (a Set of
   * thousands per span cost more than the comparisons), up to VARIANT_MAX_CANDIDATES
   * within the page's date window.
   */
  private candidates(named: readonly NameEntry[], page: readonly [number, number] | undefined): number[] {
    const candidates: number[] = [];
    // A quote named twice (two name words of one speaker) counts once; a Set only then.
    const seen = named.length > 1 ? new Set<number>() : undefined;
    for (const n of named) {
      for (const q of this.quotesNamed(n)) {
        if (candidates.length === VARIANT_MAX_CANDIDATES) return candidates;
        if (seen) {
          if (seen.has(q)) continue;
          seen.add(q);
        }
        // Each quote's date is parsed once (this.days), not once per span.
        if (daysWithinWindow(this.days(q), page)) candidates.push(q);
      }
    }
    return candidates;
  }

  private facts(w: number): WordingFacts {
    let facts = this.wordingFacts.get(w);
    if (!facts) {
      const text = this.wordings.list[w]!.text;
      const words = contentWords(text);
      this.wordingFacts.set(w, (facts = { words, keys: words.map(stemKey), negated: hasNegation(text) }));
    }
    return facts;
  }

  private days(q: number): readonly [number, number] | undefined {
    if (this.quoteDays.has(q)) return this.quoteDays.get(q);
    const date = this.quotes[q]!.date;
    const parsed = date ? parsePartialDate(date) : undefined;
    const days = parsed ? dayRange(parsed) : undefined;
    this.quoteDays.set(q, days);
    return days;
  }

  /**
   * The statement `span` is another wording of, if any. `context`: the span's
   * paragraph around it; `pageDate`: the page's own date, where it gives one.
   */
  find(span: string, context: string, pageDate?: string): VariantMatch | undefined {
    const named = this.namedIn(context);
    if (named.length === 0) return undefined;
    const words = contentWords(span);
    if (words.length < VARIANT_MIN_SHARED_WORDS) return undefined;
    const negated = hasNegation(span);
    const parsedPage = pageDate ? parsePartialDate(pageDate, { allowTime: true }) : undefined;
    const page = parsedPage ? dayRange(parsedPage) : undefined;
    const candidates = this.candidates(named, page);
    const spanKeys = new Set(words.map(stemKey));
    let best: VariantMatch | undefined;
    for (const q of candidates) {
      for (const w of this.wordingsOfQuote(q)) {
        const facts = this.facts(w);
        // A wording that negates where the page does not (or the other way round) says the opposite: no variant.
        if (facts.negated !== negated) continue;
        // Two words of one stem share their first VARIANT_STEM_MIN letters (sameStem), so
        // counting shared keys bounds the shared words from above: most wordings stop here.
        let bound = 0;
        for (const key of facts.keys) if (spanKeys.has(key)) bound++;
        if (bound < VARIANT_MIN_SHARED_WORDS) continue;
        const theirs = facts.words;
        const shared = sharedWords(theirs, words);
        if (shared < VARIANT_MIN_SHARED_WORDS) continue;
        const dice = (2 * shared) / (theirs.length + words.length);
        if (dice < VARIANT_MIN_DICE) continue;
        if (!best || dice > best.score) best = { wording: w, score: dice };
      }
    }
    return best;
  }
}

function hasNegation(text: string): boolean {
  const tk = tokenize(text);
  for (let k = 0; k < tk.count; k++) if (negationCount(wordAt(tk, k)) > 0) return true;
  return false;
}

function contentWordsOfName(name: string): string[] {
  const tk = tokenize(name);
  const out: string[] = [];
  for (let k = 0; k < tk.count; k++) {
    const w = wordAt(tk, k);
    if (w.length >= VARIANT_STEM_MIN && !/^\d+$/.test(w)) out.push(w);
  }
  return out;
}

function byDateDesc(a: string | undefined, b: string | undefined): number {
  // ISO dates compare as strings: no locale rules, which cost much over thousands of quotes.
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? 1 : x > y ? -1 : 0;
}

interface WordingFacts {
  words: string[];
  /** stemKey of each word. */
  keys: string[];
  negated: boolean;
}

/** What two words of one stem always share (see sameStem): their first VARIANT_STEM_MIN letters, or the whole word when shorter. */
export function stemKey(word: string): string {
  return word.length < VARIANT_STEM_MIN ? `=${word}` : word.slice(0, VARIANT_STEM_MIN);
}
