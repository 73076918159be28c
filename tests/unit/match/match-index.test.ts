import { describe, expect, it } from 'vitest';
import {
  buildIndex,
  createMatcher,
  IndexError,
  indexByteSize,
  loadIndex,
  serializeIndex,
} from '../../../src/match';
import { corpusFingerprint, openShippedIndex, serializeShippedIndex, startsTable } from '../../../src/match/match-index';
import { PackedPostings } from '../../../src/match/postings';
import { QUOTES } from './peskov-corpus';

/** Every posting as `quote << 8 | tag`. */
const entries = (p: PackedPostings) => Array.from({ length: p.length }, (_, k) => p.entry(k));

describe('match index', () => {
  const index = buildIndex(QUOTES);

  it('holds every quote’s words and trigram postings', () => {
    expect(index.quoteCount).toBe(QUOTES.length);
    expect(index.wordOffsets[QUOTES.length]).toBe(index.wordHashes!.length);
    // Every quote of 3+ words has at least one posting.
    const posted = new Set(entries(index.postings).map((v) => v >>> 8));
    QUOTES.forEach((_, q) => expect(posted.has(q)).toBe(true));
    expect(indexByteSize(index)).toBeGreaterThan(0);
  });

  it('round-trips through bytes, with no copy when aligned', () => {
    const bytes = serializeIndex(index);
    const loaded = loadIndex(bytes, QUOTES);
    expect(entries(loaded.postings)).toEqual(entries(index.postings));
    expect(Array.from(loaded.wordHashes!)).toEqual(Array.from(index.wordHashes!));
    expect(Array.from(loaded.wordOffsets)).toEqual(Array.from(index.wordOffsets));
    expect(loaded.postings.words.buffer).toBe(bytes.buffer);
  });

  it('loads from unaligned bytes too', () => {
    const bytes = serializeIndex(index);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const loaded = loadIndex(shifted.subarray(1), QUOTES);
    const starts = (i: typeof index) => Array.from({ length: i.buckets.count }, (_, b) => [i.buckets.start(b), i.buckets.size(b)]);
    expect(starts(loaded)).toEqual(starts(index));
  });

  it('a matcher from loaded bytes gives the same findings', () => {
    const text = '“We have not seen any texts yet,” Peskov said. “We will respond to them,” he added.';
    const fresh = createMatcher(QUOTES).findAll(text);
    const loaded = createMatcher(QUOTES, serializeIndex(index)).findAll(text);
    expect(loaded).toEqual(fresh);
    expect(fresh.length).toBeGreaterThan(0);
  });

  it('refuses an index of another corpus, with the reason', () => {
    const bytes = serializeIndex(index);
    expect(() => loadIndex(bytes, QUOTES.slice(1))).toThrow(/built for 8 quotes, corpus has 7/);
    const renamed = QUOTES.map((q, i) => (i === 0 ? { ...q, id: 'q_ffffffffffff' } : q));
    expect(() => loadIndex(bytes, renamed)).toThrow(/another corpus/);
  });

  it('refuses damaged bytes', () => {
    const bytes = serializeIndex(index);
    expect(() => loadIndex(bytes.subarray(0, bytes.length - 4), QUOTES)).toThrow(IndexError);
    const bad = bytes.slice();
    bad[0] = 0;
    expect(() => loadIndex(bad, QUOTES)).toThrow(/magic/);
    const old = bytes.slice();
    new Uint32Array(old.buffer)[2] = 999;
    expect(() => loadIndex(old, QUOTES)).toThrow(/tokenizer 999.*rebuild/);
  });

  it('the shipped (compact) table finds every bucket, one of 255 postings or more among them', () => {
    // A hand-made index: bucket 37 holds 300 postings and bucket 601 255 (their count bytes escape
    // to the overflow list), bucket 602 254 (the largest count in a byte).
    const quotes = Array.from({ length: 40 }, (_, q) => ({ id: `q_${q.toString(16).padStart(12, '0')}`, text: `words of quote ${q}`, speaker: 0, dateKey: 20240101, recordStart: 0, recordEnd: 0 }));
    const tableBits = 10;
    const sizes = Array.from({ length: 2 ** tableBits }, (_, b) => (b === 37 ? 300 : b === 601 ? 255 : b === 602 ? 254 : b % 7 === 0 ? 3 : b % 5 === 0 ? 1 : 0));
    const starts = new Uint32Array(sizes.length + 1);
    sizes.forEach((n, b) => (starts[b + 1] = starts[b]! + n));
    const total = starts[sizes.length]!;
    const wordOffsets = Uint32Array.from({ length: quotes.length + 1 }, (_, q) => q * 4);
    const handMade = {
      quoteCount: quotes.length,
      tableBits,
      buckets: startsTable(starts),
      postings: PackedPostings.pack(
        Uint32Array.from({ length: total }, (_, k) => k % quotes.length),
        Uint8Array.from({ length: total }, (_, k) => k & 0xff),
        quotes.length,
      ),
      wordOffsets,
      wordHashes: new Uint32Array(quotes.length * 4),
      fingerprint: corpusFingerprint(quotes),
      bucketCap: 1000,
    };
    const shipped = openShippedIndex(serializeShippedIndex({ index: handMade, quotes, wordings: [], speakers: ['{"name":"A"}'], meta: '{}' }));
    const { buckets } = shipped.index;
    expect(buckets.count).toBe(sizes.length);
    for (let b = 0; b < sizes.length; b++) {
      expect([buckets.start(b), buckets.size(b)]).toEqual([starts[b], sizes[b]]);
    }
    expect(entries(shipped.index.postings)).toEqual(Array.from({ length: total }, (_, k) => ((k % quotes.length) << 8) | (k & 0xff)));
  });

  it('drops trigrams shared by too many quotes', () => {
    // 300 quotes sharing one phrase: its trigrams exceed the cap and leave the index.
    const many = Array.from({ length: 300 }, (_, i) => ({
      id: 'q_' + i.toString(16).padStart(12, '0'),
      text: `the special military operation continues in region number ${i} word${i} other${i}`,
    }));
    const idx = buildIndex(many);
    const biggest = Math.max(...Array.from({ length: 2 ** idx.tableBits }, (_, b) => idx.buckets.size(b)));
    expect(biggest).toBeLessThanOrEqual(idx.bucketCap);
    expect(idx.postings.length).toBeLessThan(300 * 9);
  });
});
