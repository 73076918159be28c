/**
 * The background's host over what the build shipped: the index file
 * (`corpus-index.bin`, src/config/package-corpus.ts) opened as views on one
 * buffer, and corpus.json read a piece at a time, only when an answer needs a
 * quote's record (a finding's card, a search hit).
 *
 * Why: a service worker is stopped when idle and started again for the next
 * message. Parsing and validating a 100k-quote corpus (70 MB of JSON) and
 * indexing it took about 10 s per start; opening the index costs a hash of its
 * bytes and a few views, and memory stays at the index's size (the records are
 * read when needed and dropped). The build validated everything; the hashes
 * prove these are the build's bytes:
 * - the index file's SHA-256 is embedded in the build and checked before it is
 *   opened (src/platform/corpus-asset.ts, entrypoints/background.ts);
 * - the index holds the SHA-256 of every piece of corpus.json, and a piece is
 *   used only after its bytes hash to that. A piece that does not makes this host
 *   refuse everything from then on, as a corpus that failed its check at start.
 *
 * The answers are the ones `createHost` gives for the same corpus
 * (tests/unit/host/shipped-host.test.ts compares them).
 */
import type { Quote } from '../corpus/schema';
import { pieceOfQuote, type ShippedCorpusMeta } from '../corpus/shipped';
import { isoFromDateKey, type ShippedIndex } from '../match/match-index';
import type { MatcherQuote } from '../match/matcher';
import type { SpeakerTable } from '../match/variant';
import type { WordingRef } from '../match/types';
import type { Wordings } from '../match/wordings';
import type { Finding } from '../match/types';
import type { CorpusStatus, LookupResponse, ScanResponse, SearchHit } from '../platform/messages';
import { createEngineMatcher, type MatcherFactory } from './engine';
import { findSliced, lookupFindings, refusedHost, scanFindings, type Host, type SyncHost } from './answers';
import { sha256Hex } from './integrity';
import { createSearchRanking, searchHit } from './search';

export interface ShippedHostOptions {
  /** Bytes [start, end) of the shipped corpus.json. */
  readCorpus(start: number, end: number): Promise<Uint8Array>;
  /** SHA-256 of corpus.json as the build embedded it; must be the one the index was made for. */
  corpusSha256: string;
  /** When the build was made (ISO), shown to readers. */
  builtAt?: string;
  /** Name of the corpus file, for error messages. */
  sourceName?: string;
  /** Called once if a piece of the corpus fails its check: the host refuses everything from then on. */
  onRefused?(status: CorpusStatus): void;
  /** The engine; the real one unless a test exercises the host alone. */
  createMatcher?: MatcherFactory;
  /** Yields to other messages between steps of a lookup's preparation (the background passes a macrotask). */
  pause?: () => Promise<void>;
}

/**
 * Quote views kept (each holds its decoded id and text once read). The variant rule reads the
 * speaker table (shippedSpeakers), not the quotes, and asks for at most VARIANT_MAX_CANDIDATES
 * quotes per span; 8,192 views hold well under 1 MB and cover what a page's spans ask for again.
 */
const QUOTE_VIEWS_KEPT = 8192;

/**
 * Wordings whose word hashes a lookup's preparation computes per task (the shipped index keeps
 * none; Engine.hashWordings): at 100k quotations the whole takes 0.1-0.25 s, in steps of a few ms.
 */
const LOOKUP_PREPARE_STEP = 4096;

/** Verified pieces of corpus.json kept in memory: a page's findings rarely touch more (about 1-2 MB at most). */
const PIECE_CACHE = 8;

class PieceIntegrityError extends Error {}

export interface ShippedHost extends Host {
  /**
   * Reads and checks every piece of corpus.json, one at a time (`pause()` between
   * them): true when all hash to what the index says. A piece that does not refuses
   * the host, as a piece read for an answer would.
   */
  verifyCorpus(pause: () => Promise<void>): Promise<boolean>;
}

export function createShippedHost(shipped: ShippedIndex, options: ShippedHostOptions): ShippedHost {
  const sourceName = options.sourceName ?? 'corpus.json';
  const meta = JSON.parse(shipped.meta) as ShippedCorpusMeta;
  if (meta.corpusSha256 !== options.corpusSha256.toLowerCase()) {
    return refusedShipped(
      `${sourceName}: the index in this build was made for another corpus (SHA-256 ${meta.corpusSha256.slice(0, 12)}…): rebuild the extension`,
      'integrity',
    );
  }

  // Speakers are few (one record per distinct speaker): parsed once each, one object each.
  const speakers: (Quote['speaker'] | undefined)[] = new Array(shipped.speakerCount);
  const speaker = (s: number): Quote['speaker'] => (speakers[s] ??= JSON.parse(shipped.speakerJson(s)) as Quote['speaker']);

  // The engine's view of the quotes and their wordings: objects made when the engine asks
  // for one (a candidate's text, a finding's speaker), their strings read when used.
  // One view per quote the engine asked for, kept: the variant rule may walk every quote
  // of a named speaker, and the same objects keep its comparisons cheap.
  const dates = new Map<number, string>();
  const views = new Map<number, QuoteView>();
  const quoteAt = (q: number): MatcherQuote => {
    let view = views.get(q);
    if (view === undefined) {
      if (views.size >= QUOTE_VIEWS_KEPT) views.clear();
      views.set(q, (view = new QuoteView(shipped, q, speaker(shipped.speakerOf(q)), dates)));
    }
    return view;
  };
  const wordings: Wordings = {
    list: lazyArray(shipped.wordingCount, (w) => {
      const q = shipped.wordingQuote[w]!;
      return w < shipped.quoteCount ? quoteAt(w) : { id: shipped.id(q), key: '', text: shipped.wordingText(w) };
    }) as Wordings['list'],
    quoteOf: shipped.wordingQuote,
    refs: lazyArray(shipped.wordingCount, (w) => (w < shipped.quoteCount ? undefined : (JSON.parse(shipped.wordingRef(w)) as WordingRef))) as Wordings['refs'],
  };
  const matcher = (options.createMatcher ?? createEngineMatcher)(
    lazyArray(shipped.quoteCount, quoteAt),
    shipped.index,
    wordings,
    shippedSpeakers(shipped, speaker),
  );

  let refused: SyncHost | undefined;
  const refuse = (error: string) => {
    if (!refused) {
      refused = refusedHost(error, 'integrity');
      options.onRefused?.(refused.corpus);
    }
    return refused;
  };

  const status: CorpusStatus = {
    ok: true,
    name: meta.name,
    quoteCount: shipped.quoteCount,
    documentCount: meta.documentCount,
    ...(meta.corpusVersion === undefined ? {} : { version: meta.corpusVersion }),
    ...(options.builtAt === undefined ? {} : { builtAt: options.builtAt }),
    sha256: meta.corpusSha256,
    // Summed by the build (src/config/package-corpus.ts): no walk over every quotation at a wake-up.
    scope: meta.scope,
  };

  const pieces = new Map<number, Promise<Uint8Array>>();
  const readPiece = (p: number, keep = true): Promise<Uint8Array> => {
    const cached = pieces.get(p);
    if (cached) {
      // Most recently used last.
      pieces.delete(p);
      pieces.set(p, cached);
      return cached;
    }
    const [start, end, sha256] = meta.pieces[p]!;
    const read = options.readCorpus(start, end).then(async (bytes) => {
      if (bytes.byteLength !== end - start || (await sha256Hex(bytes)) !== sha256) {
        throw new PieceIntegrityError(
          `${sourceName} failed its integrity check: bytes ${start}-${end} are not the corpus this build shipped. ` +
            'Nothing is marked verified. Reinstall the extension from its publisher.',
        );
      }
      return bytes;
    });
    if (keep) {
      pieces.set(p, read);
      read.catch(() => pieces.delete(p));
      if (pieces.size > PIECE_CACHE) pieces.delete(pieces.keys().next().value!);
    }
    return read;
  };

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const record = async (q: number): Promise<Quote> => {
    const p = pieceOfQuote(meta, q);
    const bytes = await readPiece(p);
    const base = meta.pieces[p]![0];
    return JSON.parse(decoder.decode(bytes.subarray(shipped.recordStart(q) - base, shipped.recordEnd(q) - base))) as Quote;
  };
  /** The records an answer refers to: the tab keeps no corpus of its own. */
  const quotesFor = async (ids: Iterable<string | undefined>): Promise<Record<string, Quote>> => {
    const wanted = new Set<number>();
    for (const id of ids) {
      const q = id === undefined ? -1 : shipped.find(id);
      if (q >= 0) wanted.add(q);
    }
    const out: Record<string, Quote> = {};
    for (const quote of await Promise.all([...wanted].map(record))) out[quote.id] = quote;
    return out;
  };
  const has = (id: string) => shipped.find(id) >= 0;
  /** The first lookup or search of a worker: the word hashes it scans, made a step per task. */
  const pause = options.pause ?? (() => Promise.resolve());
  const lookupReady = async () => {
    while (!(matcher.prepareLookup?.(LOOKUP_PREPARE_STEP) ?? true)) await pause();
  };

  /** Runs an answer; a piece that fails its check refuses the host and answers as refused. */
  const guarded = async <T>(work: () => Promise<T>, asRefused: (host: SyncHost) => T): Promise<T> => {
    if (refused) return asRefused(refused);
    try {
      return await work();
    } catch (error) {
      if (error instanceof PieceIntegrityError) return asRefused(refuse(error.message));
      throw error;
    }
  };

  const ranking = createSearchRanking(
    {
      count: shipped.quoteCount,
      positionOf: (id) => ((q) => (q < 0 ? undefined : q))(shipped.find(id)),
      speaker: (i) => speaker(shipped.speakerOf(i)),
      dateKey: (i) => shipped.dateKey(i),
    },
    (text) => matcher.lookup(text),
  );

  return {
    get corpus() {
      return refused?.corpus ?? status;
    },
    documentCount: meta.documentCount,
    scanSliced: (request, pause, options) =>
      guarded(
        async (): Promise<ScanResponse> => {
          // Each slice's records start to be read while the next slices are matched (no more
          // pieces than the cache keeps: a page that needs more reads the rest once, at the end).
          const early = new Set<number>();
          const prefetch = (found: readonly Finding[]) => {
            for (const f of found) {
              const q = f.quoteId === undefined ? -1 : shipped.find(f.quoteId);
              if (q < 0) continue;
              const p = pieceOfQuote(meta, q);
              if (early.has(p) || early.size >= PIECE_CACHE) continue;
              early.add(p);
              readPiece(p).catch(() => {}); // quotesFor reads it again and reports
            }
          };
          const raw = await findSliced(matcher, request.text, pause, request.pagePublished, prefetch);
          const { findings, limit } = scanFindings(request, raw, has);
          options?.matched?.();
          const quotes = await quotesFor(findings.map((f) => f.quoteId));
          return { type: 'qv:scan', findings, quotes, corpus: status, ...(limit ? { limit } : {}) };
        },
        (host) => host.scan(request),
      ),
    lookup: (request) =>
      guarded(
        async (): Promise<LookupResponse> => {
          await lookupReady();
          const { best, nearest } = lookupFindings(matcher, request, has);
          const quotes = await quotesFor([best?.quoteId, ...nearest.map((n) => n.quoteId)]);
          return best ? { type: 'qv:lookup', best, nearest, quotes, corpus: status } : { type: 'qv:lookup', nearest, quotes, corpus: status };
        },
        (host) => host.lookup(request),
      ),
    search: (request) =>
      guarded(
        async () => {
          await lookupReady();
          const matches = ranking.search(request.query, request.limit);
          const hits: SearchHit[] = [];
          for (const m of matches) hits.push(searchHit(await record(m.position), m));
          return { type: 'qv:search' as const, query: request.query, hits, corpus: status };
        },
        (host) => host.search(request),
      ),
    async verifyCorpus(pause) {
      if (refused) return false;
      try {
        for (let p = 0; p < meta.pieces.length; p++) {
          await readPiece(p, false);
          await pause();
        }
        return true;
      } catch (error) {
        if (error instanceof PieceIntegrityError) {
          refuse(error.message);
          return false;
        }
        throw error;
      }
    },
  };
}

/** A refused host that also answers `verifyCorpus` (with false). */
export function refusedShipped(error: string, reason: 'missing' | 'invalid' | 'integrity'): ShippedHost {
  return { ...refusedHost(error, reason), verifyCorpus: async () => false };
}

/**
 * An array the engine reads by index (`list[q]`, `.length`), whose elements are made on
 * demand: the engine asks for a few candidates per span, never for all of them, so no
 * object per quote is made at start.
 */
function lazyArray<T>(count: number, at: (i: number) => T): readonly T[] {
  const element = (prop: string | symbol): number | undefined => {
    if (typeof prop !== 'string') return undefined;
    const i = Number(prop);
    return Number.isInteger(i) && i >= 0 && i < count && String(i) === prop ? i : undefined;
  };
  return new Proxy([] as T[], {
    get(target, prop, receiver) {
      if (prop === 'length') return count;
      const i = element(prop);
      return i === undefined ? (Reflect.get(target, prop, receiver) as unknown) : at(i);
    },
    has(target, prop) {
      return element(prop) !== undefined || Reflect.has(target, prop);
    },
  });
}

/** Quote q as the engine reads it; its id and wording are decoded when first read. */
class QuoteView implements MatcherQuote {
  private idText: string | undefined;
  private wording: string | undefined;

  constructor(
    private readonly shipped: ShippedIndex,
    private readonly q: number,
    readonly speaker: Quote['speaker'],
    /** Date strings by key, shared: a corpus has few distinct dates. */
    private readonly dates: Map<number, string>,
  ) {}

  get id(): string {
    return (this.idText ??= this.shipped.id(this.q));
  }

  get text(): string {
    return (this.wording ??= this.shipped.text(this.q));
  }

  get date(): string {
    const key = this.shipped.dateKey(this.q);
    let date = this.dates.get(key);
    if (date === undefined) this.dates.set(key, (date = isoFromDateKey(key)));
    return date;
  }
}

/**
 * The variant rule's speaker table (src/match/variant.ts) from the index's own: each speaker's
 * quotes as the build grouped and ordered them (`ShippedIndex.quotesOfSpeaker`), views on the
 * index with no walk over the quotes. The order is the parsed host's: newest first (date keys
 * order as the ISO dates), then corpus order.
 */
function shippedSpeakers(shipped: ShippedIndex, speaker: (s: number) => Quote['speaker']): SpeakerTable {
  return {
    count: shipped.speakerCount,
    names: (s) => {
      const record = speaker(s);
      return [record.name, ...(record.aliases ?? [])];
    },
    quotesOf: (s) => shipped.quotesOfSpeaker(s),
    compare: (a: number, b: number) => shipped.dateKey(b) - shipped.dateKey(a) || a - b,
  };
}
