/**
 * Corpus search for the popup and the side panel: a reader types a few words
 * or a name and gets the corpus quotations that match.
 *
 * Wording: the engine's index makes the shortlist and fuse.js ranks only that
 * shortlist (`Matcher.lookup`, src/match/lookup.ts). fuse.js never scans the
 * corpus: at 100k quotes a linear fuse.js scan takes seconds per query
 * and a search through the shortlist about 20 ms (docs/benchmarks.md).
 *
 * Speaker: fuse.js ranks the corpus's distinct speaker names and aliases (a
 * few hundred strings, not the quotes), and a matching speaker brings their
 * quotations, newest first.
 *
 * Pure: the host hands it the corpus (objects, or the shipped index through a
 * `SearchSource`) and its matcher.
 */
import Fuse from 'fuse.js';
import type { Quote } from '../corpus/schema';
import type { LookupResult } from '../match/types';
import type { SearchHit } from '../platform/messages';
import { canonical } from '../text';
import { isoDateKey } from '../match/match-index';

/** Queries shorter than this (folded) find too much to be useful, and cost a shortlist scan for nothing. */
export const SEARCH_MIN_QUERY_CHARS = 2;

/** The most hits one answer holds: a popup list longer than this is scrolled past, not read. */
export const SEARCH_MAX_HITS = 20;

/** Hits when the request names no limit. */
export const SEARCH_DEFAULT_HITS = 12;

/**
 * Wording hits below this score (1 - fuse.js score) are dropped. The lookup's
 * fuse.js threshold is loose (the shortlist is already close for a selection),
 * but a typed query's shortlist can be all noise; at 0.5 a query of a few words
 * keeps its quotation with a typo or two and drops quotes sharing one word.
 */
export const SEARCH_MIN_WORDING_SCORE = 0.5;

/** fuse.js threshold for speaker names (0 exact, 1 anything): a misspelt surname ("Peskow") still matches. */
export const SPEAKER_FUSE_THRESHOLD = 0.3;

/** Queries longer than this are wording, not a name: no name in a corpus is this long. */
const SPEAKER_MAX_QUERY_CHARS = 60;

/**
 * Words that appear in names and aliases ("the Kremlin", "Ministry of Defence")
 * but say nothing about who: a query made only of these finds no speaker.
 */
const NAME_FILLER_WORDS = new Set(['the', 'a', 'an', 'of', 'and', 'for', 'to', 'in', 'on', 'at', 'by', 'de', 'la', 'le', 'von', 'van']);

/** What search needs of a corpus quotation. */
export type SearchableQuote = Pick<Quote, 'id' | 'text' | 'speaker' | 'date' | 'datePrecision' | 'sources'>;

export interface CorpusSearch {
  search(query: string, limit?: number): SearchHit[];
}

/**
 * What ranking needs of the corpus, quote by quote (i is the quote's position). A
 * corpus held as objects (the CLI, the tests) and the shipped index (the background,
 * src/host/shipped-host.ts) both provide it; neither makes an object per quote for it.
 */
export interface SearchSource {
  readonly count: number;
  positionOf(id: string): number | undefined;
  /** The same object for every quote of one speaker record is cheapest, but not required. */
  speaker(i: number): Pick<Quote['speaker'], 'name' | 'aliases'>;
  /** Orders like the ISO date (src/match `isoDateKey`). */
  dateKey(i: number): number;
}

/** A ranked quote, before it becomes a hit. */
export interface SearchMatch {
  position: number;
  matched: SearchHit['matched'];
  score: number;
}

export interface SearchRanking {
  search(query: string, limit?: number): SearchMatch[];
}

interface SpeakerEntry {
  /** Folded name and aliases, for fuse.js. */
  keys: string[];
  /** Indexes into the quotes, newest statement first. */
  quotes: number[];
}

/** Search over a corpus held as objects: ranking plus the hits' contents. */
export function createCorpusSearch(
  quotes: readonly SearchableQuote[],
  lookup: (text: string) => LookupResult,
): CorpusSearch {
  const position = new Map<string, number>();
  quotes.forEach((q, i) => position.set(q.id, i));
  const ranking = createSearchRanking(
    { count: quotes.length, positionOf: (id) => position.get(id), speaker: (i) => quotes[i]!.speaker, dateKey: (i) => isoDateKey(quotes[i]!.date) },
    lookup,
  );
  return { search: (query, limit) => ranking.search(query, limit).map((m) => searchHit(quotes[m.position]!, m)) };
}

/** A ranked quote as the popup shows it. */
export function searchHit(q: SearchableQuote, m: Pick<SearchMatch, 'matched' | 'score'>): SearchHit {
  const source = q.sources[0]!;
  const url = source.fragmentUrl ?? source.url;
  return {
    quoteId: q.id,
    text: q.text,
    speaker: q.speaker.name,
    ...(q.speaker.role === undefined ? {} : { speakerRole: q.speaker.role }),
    date: q.date,
    datePrecision: q.datePrecision,
    source: {
      title: source.title,
      ...(url === undefined ? {} : { url }),
      ...(source.publisher === undefined ? {} : { publisher: source.publisher }),
    },
    matched: m.matched,
    score: Math.round(m.score * 1000) / 1000,
  };
}

/** Which quotes a query finds, best first. */
export function createSearchRanking(source: SearchSource, lookup: (text: string) => LookupResult): SearchRanking {
  // Built at the first search, not with the host: most sessions never search.
  let speakers: { fuse: Fuse<SpeakerEntry> } | undefined;
  const speakerIndex = () => {
    if (speakers) return speakers;
    const byName = new Map<string, SpeakerEntry & { raw: Set<string> }>();
    for (let i = 0; i < source.count; i++) {
      const speaker = source.speaker(i);
      let entry = byName.get(speaker.name);
      if (!entry) {
        entry = { keys: [canonical(speaker.name)], quotes: [], raw: new Set() };
        byName.set(speaker.name, entry);
      }
      // Folded once per distinct alias, not once per quote: a speaker may have thousands.
      for (const alias of speaker.aliases ?? []) {
        if (entry.raw.has(alias)) continue;
        entry.raw.add(alias);
        const key = canonical(alias);
        if (!entry.keys.includes(key)) entry.keys.push(key);
      }
      entry.quotes.push(i);
    }
    for (const entry of byName.values()) {
      // Newest statement first; ties keep corpus order.
      entry.quotes.sort((a, b) => source.dateKey(b) - source.dateKey(a) || a - b);
    }
    speakers = {
      fuse: new Fuse([...byName.values()].map(({ keys, quotes: list }) => ({ keys, quotes: list })), {
        keys: ['keys'],
        includeScore: true,
        ignoreLocation: true,
        threshold: SPEAKER_FUSE_THRESHOLD,
      }),
    };
    return speakers;
  };

  return {
    search(query, limit = SEARCH_DEFAULT_HITS) {
      const folded = canonical(query).trim();
      const max = Math.max(1, Math.min(SEARCH_MAX_HITS, Math.floor(limit)));
      if (folded.length < SEARCH_MIN_QUERY_CHARS) return [];

      const found: SearchMatch[] = [];
      const seen = new Set<number>();
      for (const n of lookup(query).nearest) {
        const i = source.positionOf(n.quoteId);
        if (i === undefined || n.score < SEARCH_MIN_WORDING_SCORE || seen.has(i)) continue;
        seen.add(i);
        found.push({ position: i, matched: 'wording', score: n.score });
      }
      const words = folded.split(/\s+/).filter(Boolean);
      if (folded.length <= SPEAKER_MAX_QUERY_CHARS && words.some((w) => !NAME_FILLER_WORDS.has(w))) {
        for (const r of speakerIndex().fuse.search(folded)) {
          const score = 1 - (r.score ?? 1);
          for (const i of r.item.quotes) {
            if (found.length >= max * 2) break;
            if (seen.has(i)) continue;
            seen.add(i);
            found.push({ position: i, matched: 'speaker', score });
          }
        }
      }
      // Best first; on a tie the wording hit first (it says more than a name), then found order.
      const rank = found.map((h, k) => ({ h, k }));
      rank.sort((a, b) => b.h.score - a.h.score || (a.h.matched === b.h.matched ? 0 : a.h.matched === 'wording' ? -1 : 1) || a.k - b.k);
      return rank.slice(0, max).map((r) => r.h);
    },
  };
}
