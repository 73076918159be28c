/**
 * The engine host: one corpus and one matcher serve every tab. Pure (no browser
 * API). Two hosts answer the same requests the same way:
 * - `createHost` takes a corpus as JSON, validates it (zod) and builds the index:
 *   the CLI's `check` and the tests;
 * - `createShippedHost` (src/host/shipped-host.ts) opens the index the build shipped
 *   beside corpus.json and reads quote records only when an answer needs them: the
 *   background, so a woken service worker answers without parsing the corpus.
 *
 * A corpus that fails validation is refused, not half-used: every answer then
 * carries `corpus: { ok: false, error }` and no findings, so nothing on any
 * page is ever marked verified against data we could not read.
 */
import { Corpus, type Quote } from '../corpus/schema';
import { shippableCorpus } from '../corpus/ship';
import type { Finding } from '../match/types';
import type { CorpusStatus, ScanRequest, ScanResponse } from '../platform/messages';
import { corpusScope } from '../corpus/scope';
import { findSliced, lookupFindings, refusedHost, scanFindings, type SyncHost } from './answers';
import { createEngineMatcher, type Matcher, type MatcherFactory } from './engine';
import { createCorpusSearch } from './search';

export { corpusScope } from '../corpus/scope';
export {
  findSliced,
  lookupFindings,
  refusedHost,
  scanFindings,
  SCAN_SLICE_CHARS,
  sliceEnd,
  type Host,
  type SyncHost,
} from './answers';

/** How many schema problems a refusal lists before "and N more": enough to fix, short enough to read. */
const MAX_REPORTED_ISSUES = 3;

/** Where the corpus came from, named in every refusal so the reader knows which file to fix. */
const DEFAULT_SOURCE_NAME = 'corpus.json';

export interface HostOptions {
  /** A serialized index of this corpus (`serializeIndex`); without it the index is built here. */
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

export function createHost(corpusJson: unknown, options: HostOptions = {}): SyncHost {
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

  const has = (id: string) => byId.has(id);
  const answer = (request: ScanRequest, raw: Finding[]): ScanResponse => {
    const { findings, limit } = scanFindings(request, raw, has);
    return { type: 'qv:scan', findings, quotes: quotesFor(findings.map((f) => f.quoteId)), corpus: status, ...(limit ? { limit } : {}) };
  };

  const corpusSearch = createCorpusSearch(corpus.quotes, (text) => matcher.lookup(text));

  return {
    corpus: status,
    documentCount: corpus.documents.length,
    search(request) {
      return { type: 'qv:search', query: request.query, hits: corpusSearch.search(request.query, request.limit), corpus: status };
    },
    scan(request) {
      // The page's date bounds the variant verdict (another wording of a statement must be reported near its date).
      return answer(request, matcher.findAll(request.text, request.pagePublished === undefined ? {} : { pageDate: request.pagePublished }));
    },
    async scanSliced(request, pause) {
      return answer(request, await findSliced(matcher, request.text, pause, request.pagePublished));
    },
    lookup(request) {
      const { best, nearest } = lookupFindings(matcher, request, has);
      const quotes = quotesFor([best?.quoteId, ...nearest.map((n) => n.quoteId)]);
      return best
        ? { type: 'qv:lookup', best, nearest, quotes, corpus: status }
        : { type: 'qv:lookup', nearest, quotes, corpus: status };
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

