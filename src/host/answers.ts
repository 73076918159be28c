/**
 * What every host shares (src/host/host.ts over a corpus in memory,
 * src/host/shipped-host.ts over the shipped index): the request contract, how
 * a page is matched in slices, which findings an answer keeps, and the answer
 * of a refused corpus. No corpus schema here: the background imports this
 * without zod.
 */
import type { Finding } from '../match/types';
import { meaningCallouts } from '../match/meaning';
import { markUnjudged } from '../match/unjudged';
import {
  MAX_FINDINGS_PER_PAGE,
  type CorpusStatus,
  type FindingsLimit,
  type LookupRequest,
  type LookupResponse,
  type ScanRequest,
  type ScanResponse,
  type SearchRequest,
  type SearchResponse,
} from '../platform/messages';
import type { Matcher } from './engine';

/** What the background asks of a host. */
export interface Host {
  readonly corpus: CorpusStatus;
  /** How many source documents the corpus was built from (the popup's corpus information). */
  readonly documentCount?: number;
  /**
   * A page's findings, matched in slices of about SCAN_SLICE_CHARS with `pause()`
   * awaited between them, so one huge page cannot keep the background from answering
   * other tabs (the background passes a macrotask yield).
   */
  scanSliced(request: ScanRequest, pause: () => Promise<void>, options?: ScanOptions): Promise<ScanResponse>;
  lookup(request: LookupRequest): LookupResponse | Promise<LookupResponse>;
  /** The popup's corpus search (src/host/search.ts). */
  search(request: SearchRequest): SearchResponse | Promise<SearchResponse>;
}

export interface ScanOptions {
  /** Called once the text is matched, before the quotes' records are read (a timing mark). */
  matched?: () => void;
}

/** A host whose corpus is in memory: every answer at once. */
export interface SyncHost extends Host {
  /** The same answer as `scanSliced`, in one go. */
  scan(request: ScanRequest): ScanResponse;
  lookup(request: LookupRequest): LookupResponse;
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

/** A finding that names a quote the corpus does not hold cannot be shown as verified: drop the claim. */
function known(f: Finding, has: (id: string) => boolean): Finding {
  return f.quoteId === undefined || has(f.quoteId) ? f : { ...f, verdict: 'unverified', quoteId: undefined, diff: [], flags: [] };
}

/**
 * An altered finding with the edits that change its meaning (`callouts`, src/match/meaning.ts),
 * computed here in the background: the card and the popup only put them into words.
 */
export function withCallouts(f: Finding): Finding {
  const { callouts: _given, ...rest } = f;
  if (f.verdict !== 'altered') return f.callouts === undefined ? f : rest;
  const callouts = meaningCallouts(f.diff);
  return callouts.length > 0 ? { ...rest, callouts } : rest;
}

/** Verdicts are decided here: text the page collector could not judge is never verified; at most MAX_FINDINGS_PER_PAGE. */
export function scanFindings(request: ScanRequest, raw: Finding[], has: (id: string) => boolean): { findings: Finding[]; limit?: FindingsLimit } {
  const all = markUnjudged(raw.map((f) => known(f, has)), request.unjudged ?? []);
  const findings = (all.length > MAX_FINDINGS_PER_PAGE ? all.slice(0, MAX_FINDINGS_PER_PAGE) : all).map(withCallouts);
  const limit = {
    ...(all.length > findings.length ? { findings: findings.length } : {}),
    ...(request.truncatedAt === undefined ? {} : { characters: request.truncatedAt }),
  };
  return Object.keys(limit).length ? { findings, limit } : { findings };
}

/**
 * `matcher.findAll` over the text in slices, `pause()` awaited between them. `sliceFound` hears
 * each slice's findings (the shipped host starts reading their records while the next slices
 * are matched).
 */
export async function findSliced(
  matcher: Matcher,
  text: string,
  pause: () => Promise<void>,
  pageDate?: string,
  sliceFound?: (found: readonly Finding[]) => void,
): Promise<Finding[]> {
  const options = pageDate === undefined ? {} : { pageDate };
  const found: Finding[] = [];
  for (let from = 0; from < text.length; ) {
    const to = sliceEnd(text, from);
    const inSlice = matcher.findAll(from === 0 && to === text.length ? text : text.slice(from, to), options);
    sliceFound?.(inSlice);
    for (const f of inSlice) found.push(from === 0 ? f : { ...f, start: f.start + from, end: f.end + from });
    from = to;
    // Past the cap the rest of the page is not worth matching: the answer says "checked the first N".
    if (found.length > MAX_FINDINGS_PER_PAGE) break;
    if (from < text.length) await pause();
  }
  return found;
}

/** The lookup's best finding and nearest quotes, limited to quotes the corpus holds. */
export function lookupFindings(matcher: Matcher, request: LookupRequest, has: (id: string) => boolean): Pick<LookupResponse, 'best' | 'nearest'> {
  const result = matcher.lookup(request.text, request.context);
  const best = result.best ? withCallouts(known(result.best, has)) : undefined;
  const nearest = result.nearest.filter((n) => has(n.quoteId));
  return best ? { best, nearest } : { nearest };
}

/** A host that has no corpus: it answers, says why, and finds nothing. */
export function refusedHost(error: string, reason?: 'missing' | 'invalid' | 'integrity'): SyncHost {
  const corpus: CorpusStatus = reason === undefined ? { ok: false, error } : { ok: false, error, reason };
  return {
    corpus,
    scan: () => ({ type: 'qv:scan', findings: [], quotes: {}, corpus }),
    scanSliced: async () => ({ type: 'qv:scan', findings: [], quotes: {}, corpus }),
    lookup: () => ({ type: 'qv:lookup', nearest: [], quotes: {}, corpus }),
    search: (request) => ({ type: 'qv:search', query: request.query, hits: [], corpus }),
  };
}

