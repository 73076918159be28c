/**
 * The matching engine's public contract. The content script, the CLI and the
 * tests all use the engine through these types. Pure: no DOM, no browser API.
 */

export type Verdict = 'verified' | 'altered' | 'misattributed' | 'unverified';

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
 * - `negation`, `number`, `name`, `modal`: an edit that changes the meaning;
 * - `homoglyph`: a word on the page mixes scripts (e.g. Cyrillic "а" in a Latin word);
 * - `excerpt`: the page quotes part of the verified quotation;
 * - `ellipsis`: the page joins excerpts with an ellipsis;
 * - `embedded`: the verified quotation sits inside a longer quoted span.
 */
export type Flag = 'negation' | 'number' | 'name' | 'modal' | 'homoglyph' | 'excerpt' | 'ellipsis' | 'embedded';

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
}
