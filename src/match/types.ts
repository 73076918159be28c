/**
 * The matching engine's public contract. The content script, the CLI and the
 * tests all use the engine through these types. Pure: no DOM, no browser API.
 */

import type { Callout, MeaningKind } from './meaning-kinds';

/**
 * `variant`: another wording of a verified statement (a translation or an outlet's own
 * wording, not vetted), attributed on the page to the corpus speaker; never a problem.
 */
export type Verdict = 'verified' | 'altered' | 'misattributed' | 'variant' | 'unverified';

/**
 * Which vetted wording of its quotation a finding was judged against, when not the main
 * text: the original-language wording, or one of `variants` (its index there).
 */
export interface WordingRef {
  kind: 'original' | 'translation' | 'transcript' | 'outlet';
  /** The wording's language tag (`ru`, `en`). */
  lang: string;
  /** Index in the quote's `variants`; absent for the original. */
  variant?: number;
}

/**
 * One step of a word-level diff from the verified wording to the page's wording.
 * `delete`: in the verified wording, missing on the page. `insert`: on the page only.
 */
export interface DiffOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/**
 * What a finding may be flagged with.
 * - `negation`, `number`, `name`, `modal`, `hedge`, `quantity`, `antonym`, `swap`,
 *   `verb`, `wording`: an edit that changes the meaning (src/match/meaning.ts);
 * - `homoglyph`: a word on the page mixes scripts (e.g. Cyrillic "а" in a Latin word);
 * - `excerpt`: the page quotes part of the verified quotation;
 * - `ellipsis`: the page joins excerpts with an ellipsis;
 * - `embedded`: the verified quotation sits inside a longer quoted span;
 * - `rendering`: part of the wording is drawn in a way the page collector could
 *   not judge (see src/match/unjudged.ts), so it is never *verified*.
 */
export type Flag = MeaningKind | 'homoglyph' | 'excerpt' | 'ellipsis' | 'embedded' | 'rendering';

export interface Finding {
  verdict: Verdict;
  /** Corpus quote id; absent only for `unverified`. */
  quoteId?: string;
  /** Similarity of the page wording to the verified wording, 0..1 (1 = identical after normalization). */
  score: number;
  /** Offsets of the page's wording in the original text given to the engine, half-open. */
  start: number;
  end: number;
  /** The page's wording: exactly `original.slice(start, end)`. */
  text: string;
  /** Word diff from the verified wording (or the matched part of it) to the page's wording. */
  diff: DiffOp[];
  flags: Flag[];
  /** For `misattributed`: the name the page attributes the quotation to. */
  attributedTo?: string;
  /** Found in text without quotation marks (a blockquote, a headline, prose). */
  unquoted?: boolean;
  /**
   * The vetted wording the page was judged against, when not the quotation's main text
   * (for `variant`: the vetted wording it resembles most).
   */
  wording?: WordingRef;
  /**
   * Altered: the edits that change the meaning, most consequential first
   * (src/match/meaning.ts), for the card's and the popup's lead sentence. Set by the
   * background's answers (src/host/answers.ts), not by the engine: the content script
   * and the pages read them rather than bundle the classifier (issue 16).
   */
  callouts?: Callout[];
}

/** Options of `Matcher.findAll`. */
export interface MatchOptions {
  /** Match quoted spans (default true). */
  quoted?: boolean;
  /** Search text outside quotation marks too (default true). */
  unquoted?: boolean;
  /** Report quoted spans without a corpus match as `unverified` (default true). */
  unverified?: boolean;
  /**
   * The page's own date (YYYY, YYYY-MM or YYYY-MM-DD), where it gives one: a `variant`
   * must be dated within a window of the statement (VARIANT_* in thresholds.ts).
   */
  pageDate?: string;
}

/** A span extracted elsewhere (e.g. by a content script), matched on its own. */
export interface SpanInput {
  /** The span's text; findings' offsets refer to it. */
  text: string;
  /** The span was between quotation marks (default true); false for a blockquote, a headline or prose. */
  quoted?: boolean;
  /** Its paragraph around it, for the attribution ("Zelensky said"). */
  context?: { before: string; after: string };
}

/** The paragraph text on each side of a selection, for the quotation marks and attribution around it. */
export interface LookupContext {
  before: string;
  after: string;
}

/** A fact-checker's selection looked up in the corpus. */
export interface LookupResult {
  /** The selection judged as a quotation, when it matches one. */
  best?: Finding;
  /** The closest corpus quotations, best first; score 0..1. */
  nearest: { quoteId: string; score: number }[];
}
