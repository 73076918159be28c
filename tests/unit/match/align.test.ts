import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { A_ONLY, alignInside, alignmentStats, B_ONLY, EQ, exactAlign, SUB } from '../../../src/match/align';

const seq = (s: string) => Uint32Array.from(s.split(' ').filter(Boolean).map((w) => w.charCodeAt(0)));

describe('alignInside', () => {
  it('finds A inside B exactly', () => {
    const al = alignInside(seq('c d e'), 0, 3, seq('a b c d e f'), 0, 6)!;
    expect([al.bStart, al.bEnd, al.dist]).toEqual([2, 5, 0]);
    expect(Array.from(al.ops)).toEqual([EQ, EQ, EQ]);
  });

  it('counts a substitution, an insertion and a deletion as one edit each', () => {
    expect(alignInside(seq('a x c d'), 0, 4, seq('a b c d'), 0, 4)!.dist).toBe(1);
    expect(alignInside(seq('a b y c d'), 0, 5, seq('a b c d'), 0, 4)!.dist).toBe(1);
    const del = alignInside(seq('a c d e'), 0, 4, seq('a b c d e'), 0, 5)!;
    expect(del.dist).toBe(1);
    expect(Array.from(del.ops)).toEqual([EQ, B_ONLY, EQ, EQ, EQ]);
  });

  it('prefers a substitution at the end to an extra word', () => {
    const al = alignInside(seq('a b c x'), 0, 4, seq('a b c d'), 0, 4)!;
    expect(Array.from(al.ops)).toEqual([EQ, EQ, EQ, SUB]);
    expect(al.bEnd).toBe(4);
  });

  it('pins the ends when asked', () => {
    const free = alignInside(seq('b c'), 0, 2, seq('a b c d'), 0, 4)!;
    expect([free.bStart, free.bEnd, free.dist]).toEqual([1, 3, 0]);
    const pinned = alignInside(seq('b c'), 0, 2, seq('a b c d'), 0, 4, false, false)!;
    expect([pinned.bStart, pinned.bEnd, pinned.dist]).toEqual([0, 4, 2]);
    expect(Array.from(pinned.ops)).toEqual([B_ONLY, EQ, EQ, B_ONLY]);
  });

  it('reports runs for the verdict rules', () => {
    const al = alignInside(seq('a b x y z f g h'), 0, 8, seq('a b c d e f g h'), 0, 8)!;
    expect(alignmentStats(al.ops)).toEqual({ matched: 5, maxReplacedRun: 3, maxEqualRun: 3 });
    expect(alignmentStats(Uint8Array.from([EQ, A_ONLY, A_ONLY, EQ]))).toEqual({ matched: 2, maxReplacedRun: 0, maxEqualRun: 1 });
  });

  it('the exact shortcut agrees with the dynamic program', () => {
    const word = fc.constantFrom(...'abcde'.split(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), fc.array(word, { minLength: 1, maxLength: 12 }), (x, y) => {
        const a = seq(x.join(' '));
        const b = seq(y.join(' '));
        const fast = exactAlign(a, 0, a.length, b, 0, b.length);
        const slow = alignInside(a, 0, a.length, b, 0, b.length)!;
        if (!fast) return true;
        // Same cost; the same ops wherever A lies inside B.
        if (fast.dist !== slow.dist) return false;
        return fast.dist > 0 || (fast.bEnd - fast.bStart === a.length && slow.dist === 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('the distance never exceeds the length of A and matches a reference', () => {
    // Reference: min over substrings of B of the plain edit distance.
    const lev = (a: string[], b: string[]) => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
      for (let j = 1; j <= b.length; j++) d[0]![j] = j;
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++)
          d[i]![j] = Math.min(d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), d[i - 1]![j]! + 1, d[i]![j - 1]! + 1);
      return d[a.length]![b.length]!;
    };
    const word = fc.constantFrom(...'abcd'.split(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), fc.array(word, { minLength: 0, maxLength: 8 }), (x, y) => {
        const al = alignInside(seq(x.join(' ')), 0, x.length, seq(y.join(' ')), 0, y.length)!;
        let best = Infinity;
        for (let s = 0; s <= y.length; s++) for (let e = s; e <= y.length; e++) best = Math.min(best, lev(x, y.slice(s, e)));
        return al.dist === best && al.dist <= x.length && lev(x, y.slice(al.bStart, al.bEnd)) === al.dist;
      }),
      { numRuns: 1000 },
    );
  });
});
