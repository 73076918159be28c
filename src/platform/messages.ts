/**
 * Messages between the content script (one per frame) and the background,
 * where one copy of the corpus and its index serves every tab.
 * Plain data only: these cross the extension messaging boundary.
 */
import type { Quote } from '../corpus/schema';
import type { Finding } from '../match/types';
import type { UnjudgedSpan } from '../match/unjudged';
import type { TextDelta } from './scan-parts';

/**
 * Bounded work per page (issue 12): findings kept per scan (and so per frame): a real article has tens; a page of 20,000
 * quotations is an attack or a dump. 20,000 still lists (incrementally) in the popup
 * within 1 s; beyond that the background's memory per tab and the report's size grow
 * with no use to a reader. The rest are dropped with a `limit` note.
 */
export const MAX_FINDINGS_PER_PAGE = 20_000;

/** Content -> background: match this frame's collected text. */
export interface ScanRequest {
  type: 'qv:scan';
  /** The text collected from the page (see src/page), offsets in findings refer to it. */
  text: string;
  /** Page publication date if the page states one (ISO), for "how long before". */
  pagePublished?: string;
  /**
   * Spans of `text` the collector could not judge as drawn (src/match/unjudged.ts):
   * a finding touching one is never answered *verified*.
   */
  unjudged?: UnjudgedSpan[];
  /**
   * Set when the collector stopped at its cap (MAX_COLLECT_CHARS in src/page/collect-text.ts):
   * only this many characters of the page were read, and the popup says so.
   */
  truncatedAt?: number;
  /**
   * The text came in `qv:scan-part` messages (src/platform/scan-parts.ts) and `text` is empty:
   * the background joins the upload's parts.
   */
  upload?: { id: string; parts: number };
  /**
   * A rescan: `text` (or the upload) is only the span that changed, and the whole text is
   * the background's kept text of this frame's last scan (`ScanResponse.base`) with
   * `[start, end)` replaced by it (src/platform/scan-parts.ts).
   */
  delta?: TextDelta;
}

/** Background -> content: findings, plus the corpus records they refer to (the tab keeps no corpus). */
export interface ScanResponse {
  type: 'qv:scan';
  findings: Finding[];
  quotes: Record<string, Quote>;
  /** Corpus state: a refused corpus marks nothing verified and says why. */
  corpus: CorpusStatus;
  /**
   * The background keeps these findings under this id for the frame that asked
   * (src/host/tab-findings.ts); the frame's FindingsReport names it. Absent when the
   * sender is not a tab's frame.
   */
  scanId?: string;
  /** Set when the page held more findings than MAX_FINDINGS_PER_PAGE: only the first `findings` were kept. */
  limit?: FindingsLimit;
  /**
   * The answer held more findings than one message carries (ANSWER_PAGE_FINDINGS): `findings`
   * is the first page, the rest come with `qv:scan-more` (src/platform/scan-parts.ts).
   */
  rest?: { answer: string; total: number };
  /** The background keeps this scan's whole text under this id: the frame's next scan may send a delta to it. */
  base?: string;
}

/** "Checked the first N": the page held more than the extension checks (src/platform/limits.ts). */
export interface FindingsLimit {
  /** Only the first this many findings were kept (MAX_FINDINGS_PER_PAGE). */
  findings?: number;
  /** Only the first this many characters of the page's text were read. */
  characters?: number;
}

export type { CorpusScope } from '../corpus/scope';
import type { CorpusScope } from '../corpus/scope';

export type CorpusStatus =
  | {
      ok: true;
      name: string;
      quoteCount: number;
      documentCount?: number;
      /** The corpus's own version (newsroom config `corpusVersion`), if it has one. */
      version?: string;
      /** When the shipped corpus was built (ISO; the commit date, so builds stay reproducible). */
      builtAt?: string;
      /** SHA-256 (hex) of the shipped corpus file, checked against the build's embedded hash. */
      sha256?: string;
      /** What the corpus covers, for a new reader: its speakers (most quoted first) and the period of its statements. */
      scope?: CorpusScope;
    }
  | {
      ok: false;
      error: string;
      /** `integrity`: the corpus file is not the one this build shipped (changed or corrupted). */
      reason?: 'missing' | 'invalid' | 'integrity';
    };

/** Content -> background: a fact-checker's selection to look up. */
export interface LookupRequest {
  type: 'qv:lookup';
  text: string;
  /** The paragraph's text before and after the selection: the quotation marks and attribution around it. */
  context?: { before: string; after: string };
}

export interface LookupResponse {
  type: 'qv:lookup';
  best?: Finding;
  nearest: { quoteId: string; score: number }[];
  quotes: Record<string, Quote>;
  corpus: CorpusStatus;
}

/**
 * Content -> background: which findings of a scan this frame drew on the page. Only
 * where, never what: the verdicts are the ones the background computed and kept for
 * that scan of this very frame; a report naming any other scan is refused.
 */
export interface FindingsReport {
  type: 'qv:findings';
  /** The ScanResponse's scanId; absent: this frame shows nothing (scanning stopped). */
  scanId?: string;
  /** Indices into that scan's `findings` that were located, in page order. */
  located: number[];
}

/** One finding as the popup lists it: the page's wording plus who said it and when, per the corpus. */
export interface ReportedFinding {
  verdict: Finding['verdict'];
  quoteId?: string;
  /** The page's wording of the quotation. */
  text: string;
  speaker?: string;
  /** The statement's date (ISO, partial allowed) as the corpus records it. */
  date?: string;
  /** How much of `date` the corpus vouches for; the popup never prints more. */
  datePrecision?: Quote['datePrecision'];
  /** Altered: the word diff from the verified wording, so the row shows what was said and what changed. */
  diff?: Finding['diff'];
  /** Altered: the edits that change the meaning, as the background's answer named them (`Finding.callouts`). */
  callouts?: Finding['callouts'];
  /** Misattributed: whom the page credits. */
  attributedTo?: string;
  /** The page draws part of it in a way that could not be judged (flag `rendering`): never verified. */
  rendering?: true;
}

/** Popup -> background: the findings the background keeps for a tab. */
export interface TabFindingsRequest {
  type: 'qv:tab-findings';
  tabId: number;
  /** Only the first this many findings (the popup's first screen); the counts are always whole. */
  first?: number;
}

export interface TabFindingsResponse {
  type: 'qv:tab-findings';
  /** Some frame held more findings than are kept: the popup says "Checked the first N". */
  limit?: FindingsLimit;
  /** How many findings the tab has, when `first` cut the list short. */
  total?: number;
  tabId: number;
  counts: Record<Finding['verdict'], number>;
  findings: ReportedFinding[];
  corpus: CorpusStatus;
}

/** Popup/side panel -> background: search the whole corpus by wording or speaker. */
export interface SearchRequest {
  type: 'qv:search';
  query: string;
  /** Most hits wanted; the background caps it (src/host/search.ts SEARCH_MAX_HITS). */
  limit?: number;
}

/** One corpus quotation found by a search, with what the popup shows of it. */
export interface SearchHit {
  quoteId: string;
  /** The corpus wording. */
  text: string;
  speaker: string;
  speakerRole?: string;
  /** ISO partial date and how much of it the corpus vouches for: never print more. */
  date: string;
  datePrecision: Quote['datePrecision'];
  /** The first source: its title, and its address (with a text fragment when the corpus has one). */
  source: { title: string; url?: string; publisher?: string };
  /** What the query matched: the wording (fuse.js over the index's shortlist) or the speaker's name. */
  matched: 'wording' | 'speaker';
  /** 0..1, higher is closer. */
  score: number;
}

export interface SearchResponse {
  type: 'qv:search';
  query: string;
  hits: SearchHit[];
  corpus: CorpusStatus;
}

/**
 * Background -> extension pages (popup, side panel): a tab's findings changed (a frame
 * reported, or the tab navigated or closed). Pages showing that tab ask again.
 */
export interface TabFindingsChanged {
  type: 'qv:tab-findings-changed';
  tabId: number;
}

/** Popup -> content: scroll to the finding at this index of the reported list and open its card. */
export interface OpenFindingCommand {
  type: 'qv:open-finding';
  index: number;
  quoteId?: string;
}

/** Background -> content: open the card for the current selection ("Verify quotation"). */
export interface VerifySelectionCommand {
  type: 'qv:verify-selection';
  /** Selected text as the browser reports it (context menu), if known. */
  text?: string;
  /** The keyboard shortcut (keyboard command only), so a frame with nothing selected can say how to use it. */
  shortcut?: string;
}

/** Background -> content: move to the next/previous finding and open its card. */
export interface NavigateCommand {
  type: 'qv:navigate';
  direction: 1 | -1;
}

export type ToBackground =
  | ScanRequest
  | LookupRequest
  | FindingsReport
  | TabFindingsRequest
  | SearchRequest
  | { type: 'qv:hello'; url: string };
export type ToContent = VerifySelectionCommand | NavigateCommand | OpenFindingCommand;

/**
 * What the build embeds (wxt.config.ts defines it from the newsroom config and the
 * packed corpus): branding, the contact address, and the shipped corpus's hash.
 */
export interface BuildInfo {
  name: string;
  shortName: string;
  /** #rrggbb */
  brandColor: string;
  /** mailto: or https: address where readers report a problem. */
  contact: string;
  /** SHA-256 (hex) of the corpus file the build shipped; absent in a build with no corpus. */
  corpusSha256?: string;
  /** SHA-256 (hex) of the shipped index beside the corpus (`corpus-index.bin`, src/host/shipped-host.ts). */
  corpusIndexSha256?: string;
  corpusVersion?: string;
  /** ISO date-time of the build (the commit's date, for reproducible builds). */
  builtAt?: string;
  /** The newsroom's default site lists. */
  sites: { only: string[]; never: string[] };
}
