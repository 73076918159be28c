/**
 * The index's postings, packed (issue 16: a woken worker reads the shipped index in
 * proportion to its bytes). Each posting is one number, `quote << 8 | tag` (the tag: the
 * low 8 bits of the trigram's key, MatchIndex.postings), stored in just the bits it needs,
 * back to back in 32-bit words: 8 + the bits of the largest wording number. At 100k
 * quotations (17 bits) a posting takes 25 bits instead of a 32-bit number and a tag byte:
 * 6.9 MB instead of 11 MB of the shipped index.
 */

/** Bits of the tag, the low bits of every posting. */
export const TAG_BITS = 8;
/**
 * The most bits a wording number may take: a posting then stays under 2^30, a small
 * integer for V8 (no boxing in the hot loops of the candidate step). 4,194,304 wordings,
 * forty times the largest corpus measured (issue 16: 100k quotations).
 */
export const MAX_QUOTE_BITS = 22;

export class PostingsError extends Error {
  override name = 'PostingsError';
}

/** Bits a posting takes in an index of `wordings` wordings. */
export function postingBits(wordings: number): number {
  const quoteBits = Math.max(1, 32 - Math.clz32(Math.max(wordings - 1, 0)));
  if (quoteBits > MAX_QUOTE_BITS) throw new PostingsError(`${wordings} wordings: an index holds at most ${2 ** MAX_QUOTE_BITS}`);
  return TAG_BITS + quoteBits;
}

/** 32-bit words holding `count` postings of `bits` bits. */
export function postingWords(count: number, bits: number): number {
  return Math.ceil((count * bits) / 32);
}

/** Postings of `bits` bits each, read from `words` (which may be a view on a shipped index). */
export class PackedPostings {
  private readonly mask: number;

  constructor(
    /** Postings held. */
    readonly length: number,
    readonly bits: number,
    readonly words: Uint32Array,
  ) {
    if (bits <= TAG_BITS || bits > TAG_BITS + MAX_QUOTE_BITS) throw new PostingsError(`postings of ${bits} bits`);
    if (words.length !== postingWords(length, bits)) throw new PostingsError(`${length} postings of ${bits} bits need ${postingWords(length, bits)} words, not ${words.length}`);
    // Posting k's first bit is k * bits, found with 32-bit shifts: below 2^32.
    if (length * bits >= 2 ** 32) throw new PostingsError(`${length} postings are more than an index holds`);
    this.mask = 2 ** bits - 1;
  }

  /** Posting k: `quote << 8 | tag` (quote: entry >>> 8, tag: entry & 0xff). */
  entry(k: number): number {
    const bit = k * this.bits;
    const w = bit >>> 5;
    const off = bit & 31;
    const lo = this.words[w]! >>> off;
    return (off + this.bits > 32 ? lo | (this.words[w + 1]! << (32 - off)) : lo) & this.mask;
  }

  /** Bytes held. */
  get byteLength(): number {
    return this.words.byteLength;
  }

  /** Packs parallel arrays of quote numbers and tags for an index of `wordings` wordings. */
  static pack(quotes: Uint32Array, tags: Uint8Array, wordings: number): PackedPostings {
    if (quotes.length !== tags.length) throw new PostingsError('quotes and tags differ in length');
    const bits = postingBits(wordings);
    const words = new Uint32Array(postingWords(quotes.length, bits));
    for (let k = 0; k < quotes.length; k++) {
      const q = quotes[k]!;
      if (q >= wordings) throw new PostingsError(`posting ${k} names wording ${q} of ${wordings}`);
      // As two halves: quote << 8 | tag may pass 2^31, where JS's bit operators turn negative.
      const v = q * 256 + tags[k]!;
      const bit = k * bits;
      const w = bit >>> 5;
      const off = bit & 31;
      words[w] = words[w]! | (v << off);
      if (off + bits > 32) words[w + 1] = v >>> (32 - off);
    }
    return new PackedPostings(quotes.length, bits, words);
  }
}
