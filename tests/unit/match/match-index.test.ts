import { describe, expect, it } from 'vitest';
import {
  buildIndex,
  createMatcher,
  IndexError,
  indexByteSize,
  loadIndex,
  serializeIndex,
} from '../../../src/match';
import { QUOTES } from './peskov-corpus';

describe('match index', () => {
  const index = buildIndex(QUOTES);

  it('holds every quote’s words and trigram postings', () => {
    expect(index.quoteCount).toBe(QUOTES.length);
    expect(index.wordOffsets[QUOTES.length]).toBe(index.wordHashes.length);
    // Every quote of 3+ words has at least one posting.
    const posted = new Set(index.postings);
    QUOTES.forEach((_, q) => expect(posted.has(q)).toBe(true));
    expect(indexByteSize(index)).toBeGreaterThan(0);
  });

  it('round-trips through bytes, with no copy when aligned', () => {
    const bytes = serializeIndex(index);
    const loaded = loadIndex(bytes, QUOTES);
    expect(Array.from(loaded.postings)).toEqual(Array.from(index.postings));
    expect(Array.from(loaded.postingTags)).toEqual(Array.from(index.postingTags));
    expect(Array.from(loaded.wordHashes)).toEqual(Array.from(index.wordHashes));
    expect(Array.from(loaded.wordOffsets)).toEqual(Array.from(index.wordOffsets));
    expect(loaded.postings.buffer).toBe(bytes.buffer);
  });

  it('loads from unaligned bytes too', () => {
    const bytes = serializeIndex(index);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const loaded = loadIndex(shifted.subarray(1), QUOTES);
    expect(Array.from(loaded.bucketStarts)).toEqual(Array.from(index.bucketStarts));
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

  it('drops trigrams shared by too many quotes', () => {
    // 300 quotes sharing one phrase: its trigrams exceed the cap and leave the index.
    const many = Array.from({ length: 300 }, (_, i) => ({
      id: 'q_' + i.toString(16).padStart(12, '0'),
      text: `the special military operation continues in region number ${i} word${i} other${i}`,
    }));
    const idx = buildIndex(many);
    const biggest = Math.max(...Array.from({ length: 2 ** idx.tableBits }, (_, b) => idx.bucketStarts[b + 1]! - idx.bucketStarts[b]!));
    expect(biggest).toBeLessThanOrEqual(idx.bucketCap);
    expect(idx.postings.length).toBeLessThan(300 * 9);
  });
});
