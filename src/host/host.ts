/**
 * The background's engine host: one validated corpus and one matcher serve
 * every tab. Pure (no browser API): the background entrypoint feeds it the
 * corpus it loaded and the requests it receives.
 *
 * A corpus that fails validation is refused, not half-used: every answer then
 * carries `corpus: { ok: false, error }` and no findings, so nothing on any
 * page is ever marked verified against data we could not read.
 */
import { Corpus, type Quote } from '../corpus/schema';
import { shippableCorpus } from '../corpus/ship';
import type { Finding } from '../match/types';
import { markUnjudged } from '../match/unjudged';
import {
  MAX_FINDINGS_PER_PAGE,
  type CorpusScope,
  type CorpusStatus,
  type LookupRequest,
  type LookupResponse,
  type ScanRequest,
  type ScanResponse,
  type SearchRequest,
  type SearchResponse,
} from '../platform/messages';
import { createEngineMatcher, type Matcher, type MatcherFactory } from './engine';
import { createCorpusSearch } from './search';

export interface Host {
  readonly corpus: CorpusStatus;
  /** How many source documents the corpus was built from (the popup's corpus information). */
  readonly documentCount?: number;
  scan(request: ScanRequest): ScanResponse;
  /**
   * The same answer as `scan`, matched in slices of about SCAN_SLICE_CHARS with
   * `pause()` awaited between them, so one huge page cannot keep the background from
   * answering other tabs (the background passes a macrotask yield).
   */
  scanSliced(request: ScanRequest, pause: () => Promise<void>): Promise<ScanResponse>;
  lookup(request: LookupRequest): LookupResponse;
  /** The popup's corpus search (src/host/search.ts). */
  search(request: SearchRequest): SearchResponse;
}

/**
 * Text matched in one go before the background yields to other requests. At the
 * ~1-2.5 µs per character measured for findAll (docs/benchmarks.md), 20,000 characters
 * is 20-50 ms: another tab's scan waits at most that long behind a 3 MB page.
 */
export const SCAN_SLICE_CHARS = 20_000;

/** How far back from a slice's end a cut looks for a paragraph break or a space (quotations rarely cross either). */
const CUT_SEARCH_CHARS = 2_000;

/** Where to end the slice that starts at `from`: a paragraph break, else a space, else a hard cut. */
export function sliceEnd(text: string, from: number, size = SCAN_SLICE_CHARS): number {
  const hard = from + size;
  if (hard >= text.length) return text.length;
  const floor = Math.max(from + 1, hard - CUT_SEARCH_CHARS);
  const para = text.lastIndexOf('\n', hard);
  if (para >= floor) return para + 1;
  for (let i = hard; i >= floor; i--) if (text.charCodeAt(i) === 32) return i + 1;
  return hard;
}

/** How many schema problems a refusal lists before "and N more": enough to fix, short enough to read. */
const MAX_REPORTED_ISSUES = 3;

/** Where the corpus came from, named in every refusal so the reader knows which file to fix. */
const DEFAULT_SOURCE_NAME = 'corpus.json';

export interface HostOptions {
  /** A prebuilt index for the engine, if the build shipped one. */
  index?: Uint8Array;
  /** Name of the corpus file, for error messages. */
  sourceName?: string;
  /** The engine; the real one unless a test exercises the host alone. */
  createMatcher?: MatcherFactory;
  /** The corpus file's checked SHA-256, shown to readers (src/host/integrity.ts). */
  sha256?: string;
  /** When the build was made (ISO), shown to readers. */
  builtAt?: string;
}

export function createHost(corpusJson: unknown, options: HostOptions = {}): Host {
  const sourceName = options.sourceName ?? DEFAULT_SOURCE_NAME;
  const parsed = Corpus.safeParse(corpusJson);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const listed = issues
      .slice(0, MAX_REPORTED_ISSUES)
      .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
    const more = issues.length > MAX_REPORTED_ISSUES ? `; and ${issues.length - MAX_REPORTED_ISSUES} more` : '';
    return refusedHost(`${sourceName} is not a valid corpus: ${listed.join('; ')}${more}`, 'invalid');
  }
  // Only approved quotations count, whoever hands us the corpus: the build already
  // ships only those, and `quote-verifier check` on a working corpus must agree.
  const corpus = shippableCorpus(parsed.data);

  const byId = new Map<string, Quote>();
  for (const [i, q] of corpus.quotes.entries()) {
    if (byId.has(q.id)) return refusedHost(`${sourceName}: quotes.${i}.id: duplicate quote id ${q.id}`, 'invalid');
    byId.set(q.id, q);
  }

  let matcher: Matcher;
  try {
    matcher = (options.createMatcher ?? createEngineMatcher)(corpus.quotes, options.index);
  } catch (error) {
    return refusedHost(`${sourceName}: the matching engine could not index the corpus: ${describe(error)}`, 'invalid');
  }

  const status: CorpusStatus = {
    ok: true,
    name: corpus.name,
    quoteCount: corpus.quotes.length,
    documentCount: corpus.documents.length,
    ...(corpus.corpusVersion === undefined ? {} : { version: corpus.corpusVersion }),
    ...(options.builtAt === undefined ? {} : { builtAt: options.builtAt }),
    ...(options.sha256 === undefined ? {} : { sha256: options.sha256 }),
    scope: corpusScope(corpus.quotes),
  };

  /** The quote records the answer refers to: the tab keeps no corpus of its own. */
  const quotesFor = (ids: Iterable<string | undefined>): Record<string, Quote> => {
    const out: Record<string, Quote> = {};
    for (const id of ids) {
      const q = id === undefined ? undefined : byId.get(id);
      if (q) out[q.id] = q;
    }
    return out;
  };

  /** A finding that names a quote the corpus does not hold cannot be shown as verified: drop the claim. */
  const known = (f: Finding): Finding =>
    f.quoteId === undefined || byId.has(f.quoteId)
      ? f
      : { ...f, verdict: 'unverified', quoteId: undefined, diff: [], flags: [] };

  /** Verdicts are decided here: text the page collector could not judge is never verified; at most MAX_FINDINGS_PER_PAGE. */
  const answer = (request: ScanRequest, raw: Finding[]): ScanResponse => {
    const all = markUnjudged(raw.map(known), request.unjudged ?? []);
    const findings = all.length > MAX_FINDINGS_PER_PAGE ? all.slice(0, MAX_FINDINGS_PER_PAGE) : all;
    const limit = {
      ...(all.length > findings.length ? { findings: findings.length } : {}),
      ...(request.truncatedAt === undefined ? {} : { characters: request.truncatedAt }),
    };
    return {
      type: 'qv:scan',
      findings,
      quotes: quotesFor(findings.map((f) => f.quoteId)),
      corpus: status,
      ...(Object.keys(limit).length ? { limit } : {}),
    };
  };

  const corpusSearch = createCorpusSearch(corpus.quotes, (text) => matcher.lookup(text));

  return {
    corpus: status,
    documentCount: corpus.documents.length,
    search(request) {
      return { type: 'qv:search', query: request.query, hits: corpusSearch.search(request.query, request.limit), corpus: status };
    },
    scan(request) {
      return answer(request, matcher.findAll(request.text));
    },
    async scanSliced(request, pause) {
      const { text } = request;
      if (text.length <= SCAN_SLICE_CHARS) return answer(request, matcher.findAll(text));
      const found: Finding[] = [];
      for (let from = 0; from < text.length; ) {
        const to = sliceEnd(text, from);
        for (const f of matcher.findAll(text.slice(from, to))) found.push({ ...f, start: f.start + from, end: f.end + from });
        from = to;
        // Past the cap the rest of the page is not worth matching: the answer says "checked the first N".
        if (found.length > MAX_FINDINGS_PER_PAGE) break;
        if (from < text.length) await pause();
      }
      return answer(request, found);
    },
    lookup(request) {
      const result = matcher.lookup(request.text, request.context);
      const best = result.best ? known(result.best) : undefined;
      const nearest = result.nearest.filter((n) => byId.has(n.quoteId));
      const quotes = quotesFor([best?.quoteId, ...nearest.map((n) => n.quoteId)]);
      return best
        ? { type: 'qv:lookup', best, nearest, quotes, corpus: status }
        : { type: 'qv:lookup', nearest, quotes, corpus: status };
    },
  };
}

/** A host that has no corpus: it answers, says why, and finds nothing. */
export function refusedHost(error: string, reason?: 'missing' | 'invalid' | 'integrity'): Host {
  const corpus: CorpusStatus = reason === undefined ? { ok: false, error } : { ok: false, error, reason };
  return {
    corpus,
    scan: () => ({ type: 'qv:scan', findings: [], quotes: {}, corpus }),
    scanSliced: async () => ({ type: 'qv:scan', findings: [], quotes: {}, corpus }),
    lookup: () => ({ type: 'qv:lookup', nearest: [], quotes: {}, corpus }),
    search: (request) => ({ type: 'qv:search', query: request.query, hits: [], corpus }),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Speakers named in the scope line: enough to say whose words these are, short enough for a popup. */
const SCOPE_TOP_SPEAKERS = 3;

/** What the corpus covers: its speakers, most quoted first, and the period of its statements. */
export function corpusScope(quotes: readonly Pick<Quote, 'speaker' | 'date'>[]): CorpusScope {
  const bySpeaker = new Map<string, number>();
  let from: string | undefined;
  let to: string | undefined;
  for (const q of quotes) {
    bySpeaker.set(q.speaker.name, (bySpeaker.get(q.speaker.name) ?? 0) + 1);
    if (from === undefined || q.date < from) from = q.date;
    if (to === undefined || q.date > to) to = q.date;
  }
  const topSpeakers = [...bySpeaker].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, SCOPE_TOP_SPEAKERS).map(([name]) => name);
  return { speakerCount: bySpeaker.size, topSpeakers, ...(from === undefined ? {} : { from, to }) };
}
