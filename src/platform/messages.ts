/**
 * Messages between the content script (one per frame) and the background,
 * where one copy of the corpus and its index serves every tab.
 * Plain data only: these cross the extension messaging boundary.
 */
import type { Quote } from '../corpus/schema';
import type { Finding } from '../match/types';

/** Content -> background: match this frame's collected text. */
export interface ScanRequest {
  type: 'qv:scan';
  /** The text collected from the page (see src/page), offsets in findings refer to it. */
  text: string;
  /** Page publication date if the page states one (ISO), for "how long before". */
  pagePublished?: string;
}

/** Background -> content: findings, plus the corpus records they refer to (the tab keeps no corpus). */
export interface ScanResponse {
  type: 'qv:scan';
  findings: Finding[];
  quotes: Record<string, Quote>;
  /** Corpus state: a refused corpus marks nothing verified and says why. */
  corpus: CorpusStatus;
}

export type CorpusStatus =
  | { ok: true; name: string; quoteCount: number }
  | { ok: false; error: string };

/** Content -> background: a fact-checker's selection to look up. */
export interface LookupRequest {
  type: 'qv:lookup';
  text: string;
}

export interface LookupResponse {
  type: 'qv:lookup';
  best?: Finding;
  nearest: { quoteId: string; score: number }[];
  quotes: Record<string, Quote>;
  corpus: CorpusStatus;
}

/** Content -> background: the tab's findings changed (for the badge and the popup). */
export interface FindingsReport {
  type: 'qv:findings';
  counts: Record<Finding['verdict'], number>;
}

/** Background -> content: open the card for the current selection ("Verify quotation"). */
export interface VerifySelectionCommand {
  type: 'qv:verify-selection';
  /** Selected text as the browser reports it (context menu), if known. */
  text?: string;
}

/** Background -> content: move to the next/previous finding and open its card. */
export interface NavigateCommand {
  type: 'qv:navigate';
  direction: 1 | -1;
}

export type ToBackground = ScanRequest | LookupRequest | FindingsReport | { type: 'qv:hello'; url: string };
export type ToContent = VerifySelectionCommand | NavigateCommand;
