import { describe, expect, it } from 'vitest';
import { MAX_COLLECT_CHARS } from '../../../src/page/collect-text';
import {
  ANSWER_PAGE_FINDINGS,
  MAX_PENDING_PER_FRAME,
  MAX_UPLOAD_CHARS,
  PartStore,
  PENDING_TTL_MS,
  SCAN_PART_CHARS,
  splitText,
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

describe('PartStore', () => {
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
