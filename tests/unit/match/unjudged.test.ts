import { describe, expect, it } from 'vitest';
import { isUnjudgedSpan, markUnjudged } from '../../../src/match';
import type { Finding } from '../../../src/match';

const finding = (start: number, end: number, verdict: Finding['verdict'] = 'verified'): Finding => ({
  verdict,
  quoteId: verdict === 'unverified' ? undefined : 'q_1',
  score: 1,
  start,
  end,
  text: 'x'.repeat(end - start),
  diff: [],
  flags: [],
});

describe('markUnjudged', () => {
  it('downgrades a verified finding that overlaps an unjudged span and flags it', () => {
    const [f] = markUnjudged([finding(10, 20)], [{ start: 15, end: 30, reason: 'bidi' }]);
    expect(f!.verdict).toBe('unverified');
    expect(f!.quoteId).toBe('q_1');
    expect(f!.flags).toEqual(['rendering']);
  });

  it('leaves findings that only touch a span edge alone (half-open offsets)', () => {
    const out = markUnjudged([finding(10, 20), finding(30, 40)], [{ start: 20, end: 30, reason: 'order' }]);
    expect(out.map((f) => f.verdict)).toEqual(['verified', 'verified']);
  });

  it('keeps an altered verdict and adds the flag once', () => {
    const altered = { ...finding(0, 10, 'altered'), flags: ['negation' as const] };
    const [f] = markUnjudged([altered], [
      { start: 2, end: 3, reason: 'bidi' },
      { start: 4, end: 5, reason: 'order' },
    ]);
    expect(f!.verdict).toBe('altered');
    expect(f!.flags).toEqual(['negation', 'rendering']);
  });

  it('finds an overlap with a long span that starts before an earlier-ending one', () => {
    const spans = [
      { start: 0, end: 100, reason: 'style' as const },
      { start: 5, end: 6, reason: 'bidi' as const },
    ];
    expect(markUnjudged([finding(50, 60)], spans)[0]!.verdict).toBe('unverified');
  });

  it('changes nothing without spans', () => {
    expect(markUnjudged([finding(0, 5)], [])).toEqual([finding(0, 5)]);
  });
});

describe('isUnjudgedSpan', () => {
  it('accepts a well-formed span and refuses anything else', () => {
    expect(isUnjudgedSpan({ start: 1, end: 2, reason: 'bidi' })).toBe(true);
    expect(isUnjudgedSpan({ start: 1, end: 2, reason: 'nope' })).toBe(false);
    expect(isUnjudgedSpan({ start: '1', end: 2, reason: 'bidi' })).toBe(false);
    expect(isUnjudgedSpan({ start: 1, end: Infinity, reason: 'bidi' })).toBe(false);
    expect(isUnjudgedSpan(null)).toBe(false);
    expect(isUnjudgedSpan(undefined)).toBe(false);
  });
});
