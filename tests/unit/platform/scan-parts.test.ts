import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_COLLECT_CHARS } from '../../../src/page/collect-text';
import {
  ANSWER_PAGE_FINDINGS,
  BASE_TTL_MS,
  MAX_BASE_CHARS,
  MAX_PENDING_PER_FRAME,
  MAX_UPLOAD_CHARS,
  PartStore,
  PENDING_TTL_MS,
  SCAN_PART_CHARS,
  splitText,
  textDelta,
} from '../../../src/platform/scan-parts';
import type { Finding } from '../../../src/match/types';

const finding = (i: number): Finding => ({ verdict: 'unverified', score: 0, start: i, end: i + 1, text: 'x', diff: [], flags: [] });

describe('splitText', () => {
  it('keeps short text whole and cuts long text into parts that join back', () => {
    expect(splitText('abc', 10)).toEqual(['abc']);
    const text = 'abcdefghij'.repeat(7);
    const parts = splitText(text, 16);
    expect(parts.every((p) => p.length <= 16)).toBe(true);
    expect(parts.join('')).toBe(text);
  });

  it('never splits a surrogate pair', () => {
    const text = 'ab😀cd😀ef😀';
    for (let size = 2; size < 8; size++) {
      const parts = splitText(text, size);
      expect(parts.join('')).toBe(text);
      for (const p of parts) expect(p).toBe(p.toWellFormed());
    }
  });
});

describe('textDelta', () => {
  const rebuild = (previous: string, next: string) => {
    const { start, end, middle } = textDelta(previous, next);
    return previous.slice(0, start) + middle + previous.slice(end);
  };

  it('finds the one changed span, the common text around it left out', () => {
    const previous = 'a'.repeat(10_000) + 'OLD' + 'b'.repeat(9_000);
    const next = 'a'.repeat(10_000) + 'NEW!' + 'b'.repeat(9_000);
    expect(textDelta(previous, next)).toEqual({ start: 10_000, end: 10_003, middle: 'NEW!' });
    expect(textDelta(previous, previous)).toEqual({ start: previous.length, end: previous.length, middle: '' });
    expect(textDelta(previous, previous + 'tail')).toEqual({ start: previous.length, end: previous.length, middle: 'tail' });
    expect(textDelta('abcabc', 'abc')).toEqual({ start: 3, end: 6, middle: '' });
  });

  it('rebuilds the new text from the old one for any edit, and never splits a surrogate pair', () => {
    // Whole characters (a pair stays a pair), so the texts themselves are well formed.
    const chars = fc.array(fc.constantFrom('a', 'b', '😀', '\n', 'é'), { maxLength: 9_000 });
    fc.assert(
      fc.property(chars, chars, fc.nat(), fc.nat(), (base, insert, x, y) => {
        const [from, to] = [x % (base.length + 1), y % (base.length + 1)].sort((p, q) => p - q) as [number, number];
        const previous = base.join('');
        const next = [...base.slice(0, from), ...insert, ...base.slice(to)].join('');
        expect(rebuild(previous, next)).toBe(next);
        const { middle } = textDelta(previous, next);
        expect(middle).toBe(middle.toWellFormed());
      }),
      { numRuns: 300 },
    );
  });
});

describe('PartStore', () => {
  it("rebuilds a rescan's text from the frame's base and the delta, for that frame only", () => {
    let t = 0;
    const store = new PartStore(() => t);
    const id = store.keepBase('1:0', 'hello old world');
    expect(store.applyDelta('1:0', { base: id, start: 6, end: 9 }, 'new')).toBe('hello new world');
    expect(() => store.applyDelta('1:1', { base: id, start: 6, end: 9 }, 'new')).toThrow(/no such base/);
    expect(() => store.applyDelta('1:0', { base: id, start: 6, end: 99 }, 'new')).toThrow(/does not fit/);
    expect(() => store.applyDelta('1:0', { base: id, start: 7, end: 6 }, 'new')).toThrow(/does not fit/);
    // A newer scan replaces the base; an old id is refused.
    const next = store.keepBase('1:0', 'hello new world');
    expect(() => store.applyDelta('1:0', { base: id, start: 0, end: 0 }, '')).toThrow(/no such base/);
    t += BASE_TTL_MS + 1;
    expect(() => store.applyDelta('1:0', { base: next, start: 0, end: 0 }, '')).toThrow(/no such base/);
  });

  it('keeps at most MAX_BASE_CHARS of bases over all frames, dropping the oldest', () => {
    const store = new PartStore();
    const big = 'x'.repeat(MAX_UPLOAD_CHARS);
    const ids = Array.from({ length: MAX_BASE_CHARS / MAX_UPLOAD_CHARS + 1 }, (_, i) => store.keepBase(`1:${i}`, big));
    expect(() => store.applyDelta('1:0', { base: ids[0]!, start: 0, end: 0 }, '')).toThrow(/no such base/);
    expect(store.applyDelta('1:1', { base: ids[1]!, start: 0, end: 1 }, 'y')).toHaveLength(MAX_UPLOAD_CHARS);
    expect(() => store.applyDelta('1:1', { base: ids[1]!, start: 0, end: 0 }, 'y')).toThrow(/over 5000000 characters/);
  });


  it('joins an upload of parts for the frame that sent them, once', () => {
    const store = new PartStore();
    store.addPart('1:0', { type: 'qv:scan-part', upload: 'u', index: 1, text: 'world' });
    store.addPart('1:0', { type: 'qv:scan-part', upload: 'u', index: 0, text: 'hello ' });
    expect(() => store.take('2:0', 'u', 2)).toThrow(/no such upload/);
    expect(store.take('1:0', 'u', 2)).toBe('hello world');
    expect(() => store.take('1:0', 'u', 2)).toThrow(/no such upload/);
  });

  it('refuses an incomplete upload, one over the size cap, and parts out of range', () => {
    const store = new PartStore();
    store.addPart('1:0', { type: 'qv:scan-part', upload: 'u', index: 0, text: 'a' });
    expect(() => store.take('1:0', 'u', 2)).toThrow(/1 of 2 parts/);
    expect(() => store.addPart('1:0', { type: 'qv:scan-part', upload: 'v', index: MAX_UPLOAD_CHARS, text: 'a' })).toThrow(/out of range/);
    const big = 'x'.repeat(SCAN_PART_CHARS);
    expect(() => {
      for (let i = 0; i * SCAN_PART_CHARS <= MAX_UPLOAD_CHARS; i++) store.addPart('1:0', { type: 'qv:scan-part', upload: 'w', index: i, text: big });
    }).toThrow(/over 5000000 characters|out of range/);
  });

  it('keeps at most MAX_PENDING_PER_FRAME uploads per frame and forgets them after PENDING_TTL_MS', () => {
    let t = 0;
    const store = new PartStore(() => t);
    for (let i = 0; i <= MAX_PENDING_PER_FRAME; i++) store.addPart('1:0', { type: 'qv:scan-part', upload: `u${i}`, index: 0, text: 'a' });
    expect(() => store.take('1:0', 'u0', 1)).toThrow(/no such upload/);
    expect(store.take('1:0', `u${MAX_PENDING_PER_FRAME}`, 1)).toBe('a');
    t += PENDING_TTL_MS + 1;
    expect(() => store.take('1:0', 'u1', 1)).toThrow(/no such upload/);
  });

  it('pages a long answer out to the frame it was given to, then forgets it', () => {
    const store = new PartStore();
    const all = Array.from({ length: ANSWER_PAGE_FINDINGS * 2 + 5 }, (_, i) => finding(i));
    const id = store.keepAnswer('1:0', all.slice(ANSWER_PAGE_FINDINGS));
    expect(() => store.page('1:1', id, 0)).toThrow(/no such answer/);
    const first = store.page('1:0', id, 0);
    const second = store.page('1:0', id, first.length);
    expect([...first, ...second]).toEqual(all.slice(ANSWER_PAGE_FINDINGS));
    expect(() => store.page('1:0', id, 0)).toThrow(/no such answer/);
  });

  it('caps an upload at what the collector can send (MAX_COLLECT_CHARS)', () => {
    expect(MAX_UPLOAD_CHARS).toBe(MAX_COLLECT_CHARS);
  });
});
