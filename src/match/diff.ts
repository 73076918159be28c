/**
 * The word diff a finding carries (from the verified wording to the page's
 * wording) and the flags for edits that change the meaning (their kinds come
 * from src/match/meaning.ts, which also words the card's call-outs).
 */
import { A_ONLY, B_ONLY, EQ, SUB } from './align';
import { meaningCallouts } from './meaning';
import { HOMOGLYPH, type Tokens } from './tokenize';
import type { DiffOp, Flag } from './types';

/** Alignment steps seen from the page: the page word alone, the quote word alone. */
export const PAGE_ONLY = A_ONLY;
export const QUOTE_ONLY = B_ONLY;

/** Original text of words [from, to) of `tk`, with the punctuation between them. */
function stretch(tk: Tokens, from: number, to: number): string {
  return tk.original.slice(tk.norm.map[tk.nStart[from]!]!, tk.norm.ends[tk.nEnd[to - 1]! - 1]!);
}

/**
 * Collects diff runs as word ranges and cuts each run's text from the
 * original once: equal and deleted runs from the quote's wording, inserted
 * runs from the page's.
 */
class DiffBuilder {
  readonly ops: DiffOp[] = [];
  private eqFrom = -1;
  private eqTo = -1;
  private delFrom = -1;
  private delTo = -1;
  private insFrom = -1;
  private insTo = -1;

  constructor(
    private readonly page: Tokens,
    private readonly quote: Tokens,
  ) {}

  equal(j: number): void {
    this.flushChanges();
    if (this.eqFrom < 0) this.eqFrom = j;
    this.eqTo = j + 1;
  }

  del(j: number): void {
    this.flushEqual();
    if (this.delFrom < 0) this.delFrom = j;
    this.delTo = j + 1;
  }

  ins(i: number): void {
    this.flushEqual();
    if (this.insFrom < 0) this.insFrom = i;
    this.insTo = i + 1;
  }

  private flushEqual(): void {
    if (this.eqFrom >= 0) this.ops.push({ op: 'equal', text: stretch(this.quote, this.eqFrom, this.eqTo) });
    this.eqFrom = -1;
  }

  /** A run of changes shows its deleted words first, then the inserted ones. */
  flushChanges(): void {
    if (this.delFrom >= 0) this.ops.push({ op: 'delete', text: stretch(this.quote, this.delFrom, this.delTo) });
    if (this.insFrom >= 0) this.ops.push({ op: 'insert', text: stretch(this.page, this.insFrom, this.insTo) });
    this.delFrom = -1;
    this.insFrom = -1;
  }

  done(): DiffOp[] {
    this.flushEqual();
    this.flushChanges();
    return this.ops;
  }
}

export interface DiffResult {
  diff: DiffOp[];
  flags: Set<Flag>;
  /** Matched page words that were homoglyph-folded to match. */
  homoglyphs: number;
}

/**
 * Walks alignment steps (page as A, quote as B) from page word `pageFrom` and
 * quote word `quoteFrom`, and builds the diff and the meaning flags.
 */
export function diffFromSteps(
  page: Tokens,
  pageFrom: number,
  quote: Tokens,
  quoteFrom: number,
  steps: ArrayLike<number>,
  from = 0,
  to = steps.length,
): DiffResult {
  const b = new DiffBuilder(page, quote);
  let homoglyphs = 0;
  let i = pageFrom;
  let j = quoteFrom;
  for (let k = from; k < to; k++) {
    const op = steps[k]!;
    if (op === EQ) {
      if (page.flags[i]! & HOMOGLYPH) {
        // Reads the same, is not the same: show it as a change.
        homoglyphs++;
        b.del(j);
        b.ins(i);
        b.flushChanges();
      } else {
        b.equal(j);
      }
      i++;
      j++;
      continue;
    }
    if (op === SUB || op === QUOTE_ONLY) {
      b.del(j);
      j++;
    }
    if (op === SUB || op === PAGE_ONLY) {
      b.ins(i);
      i++;
    }
  }
  const diff = b.done();
  // The meaning flags are the call-outs' kinds: one classifier for the engine and the card.
  const flags = new Set<Flag>(meaningCallouts(diff).map((c) => c.kind));
  if (homoglyphs > 0) flags.add('homoglyph');
  return { diff, flags, homoglyphs };
}

/** Diff for an exact stretch of the quote: one `equal` with the verified wording. */
export function equalDiff(quote: Tokens, from: number, to: number): DiffOp[] {
  return to > from ? [{ op: 'equal', text: stretch(quote, from, to) }] : [];
}
