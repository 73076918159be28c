import { describe, expect, it } from 'vitest';
import { MAX_QUOTE_BITS, PackedPostings, postingBits, PostingsError, postingWords } from '../../../src/match/postings';

/** A deterministic spread of numbers below `max` (no Math.random: a failure must repeat). */
function spread(count: number, max: number, seed: number): Uint32Array {
  const out = new Uint32Array(count);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = (x >>> 0) % max;
  }
  return out;
}

describe('packed postings', () => {
  it('take 8 bits of tag and just the bits of the largest wording number', () => {
    expect(postingBits(1)).toBe(9);
    expect(postingBits(2)).toBe(9);
    expect(postingBits(3)).toBe(10);
    expect(postingBits(256)).toBe(16);
    expect(postingBits(257)).toBe(17);
    expect(postingBits(100_008)).toBe(25); // 2^16 < 100,008 <= 2^17
    expect(postingBits(2 ** MAX_QUOTE_BITS)).toBe(8 + MAX_QUOTE_BITS);
    expect(() => postingBits(2 ** MAX_QUOTE_BITS + 1)).toThrow(PostingsError);
    expect(postingWords(2_200_000, 25)).toBe(1_718_750); // 6.9 MB, against 11 MB as a number and a byte each
  });

  it('give back every quote number and tag, at every width, across word boundaries', () => {
    for (const wordings of [1, 2, 3, 200, 257, 4096, 65_537, 100_008, 1_000_000, 2 ** MAX_QUOTE_BITS]) {
      const count = 1000;
      const quotes = spread(count, wordings, wordings);
      // The extremes at both ends of the words, where a posting straddles two of them.
      quotes[0] = wordings - 1;
      quotes[count - 1] = wordings - 1;
      quotes[1] = 0;
      const tags = Uint8Array.from(spread(count, 256, wordings + 7));
      tags[0] = 0xff;
      tags[count - 1] = 0xff;
      const packed = PackedPostings.pack(quotes, tags, wordings);
      expect(packed.bits).toBe(postingBits(wordings));
      const read = Array.from({ length: count }, (_, k) => packed.entry(k));
      expect(read.map((v) => [v >>> 8, v & 0xff])).toEqual(Array.from({ length: count }, (_, k) => [quotes[k], tags[k]]));
      expect(read.every((v) => v >= 0 && v < 2 ** 30)).toBe(true); // a small integer for V8
      // Read back from a copy of its words, as from a shipped file.
      const viewed = new PackedPostings(count, packed.bits, Uint32Array.from(packed.words));
      expect(viewed.entry(count - 1)).toBe(((wordings - 1) << 8) | 0xff);
    }
  });

  it('refuse what they cannot hold or what does not add up', () => {
    expect(() => PackedPostings.pack(Uint32Array.of(5), Uint8Array.of(1), 5)).toThrow(/wording 5 of 5/);
    expect(() => PackedPostings.pack(Uint32Array.of(1, 2), Uint8Array.of(1), 5)).toThrow(PostingsError);
    expect(() => new PackedPostings(10, 12, new Uint32Array(3))).toThrow(/need 4 words/);
    expect(() => new PackedPostings(1, 8, new Uint32Array(1))).toThrow(PostingsError);
  });
});
