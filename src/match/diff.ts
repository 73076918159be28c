/**
 * The word diff a finding carries (from the verified wording to the page's
 * wording) and the flags for edits that change the meaning.
 */
import { A_ONLY, B_ONLY, EQ, SUB } from './align';
import { CAPITAL, HOMOGLYPH, SENTENCE, wordAt, type Tokens } from './tokenize';
import type { DiffOp, Flag } from './types';
import { isNumberWord, modalOf, negationCount } from './word-classes';

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

/** A capitalized word inside a sentence (not its first word, not "I"): a name. */
function isName(tk: Tokens, k: number): boolean {
  const f = tk.flags[k]!;
  return (f & CAPITAL) !== 0 && (f & SENTENCE) === 0 && wordAt(tk, k) !== 'i';
}

function multisetDiffers(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return true;
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.some((x, i) => x !== sb[i]);
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
  const flags = new Set<Flag>();
  const delWords: string[] = [];
  const insWords: string[] = [];
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
      delWords.push(wordAt(quote, j));
      if (isName(quote, j)) flags.add('name');
      j++;
    }
    if (op === SUB || op === PAGE_ONLY) {
      b.ins(i);
      insWords.push(wordAt(page, i));
      if (isName(page, i)) flags.add('name');
      i++;
    }
  }
  addMeaningFlags(flags, delWords, insWords);
  if (homoglyphs > 0) flags.add('homoglyph');
  return { diff: b.done(), flags, homoglyphs };
}

/** Negation, number and modal flags from the deleted and inserted words. */
export function addMeaningFlags(flags: Set<Flag>, deleted: string[], inserted: string[]): void {
  if (negations(deleted) !== negations(inserted)) flags.add('negation');
  if (multisetDiffers(deleted.filter(isNumberWord), inserted.filter(isNumberWord))) flags.add('number');
  if (multisetDiffers(modals(deleted), modals(inserted))) flags.add('modal');
}

function negations(words: string[]): number {
  let n = 0;
  for (const w of words) n += negationCount(w);
  return n;
}

function modals(words: string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    const m = modalOf(w);
    if (m !== undefined) out.push(m);
  }
  return out;
}

/** Diff for an exact stretch of the quote: one `equal` with the verified wording. */
export function equalDiff(quote: Tokens, from: number, to: number): DiffOp[] {
  return to > from ? [{ op: 'equal', text: stretch(quote, from, to) }] : [];
}
