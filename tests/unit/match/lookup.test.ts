import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/match';
import { Q, QUOTES } from './peskov-corpus';

const matcher = createMatcher(QUOTES);

describe('lookup', () => {
  it('judges an exact selection and ranks its quotation first', () => {
    const r = matcher.lookup('We have not seen any texts yet');
    expect(r.best).toMatchObject({ verdict: 'verified', quoteId: Q.noTexts.id, flags: ['excerpt'] });
    expect(r.nearest[0]!.quoteId).toBe(Q.noTexts.id);
  });

  it('judges an altered selection', () => {
    const r = matcher.lookup('All of this can be discussed during the negotiations, but it is too late to get ahead of ourselves');
    expect(r.best).toMatchObject({ verdict: 'altered', quoteId: Q.tooEarly.id });
  });

  it('ranks nearest quotations for a short or misspelt selection, best first', () => {
    const r = matcher.lookup('newspapr articles respond');
    expect(r.best).toBeUndefined();
    expect(r.nearest[0]!.quoteId).toBe(Q.noTexts.id);
    const scores = r.nearest.map((n) => n.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const s of scores) {
      expect(s).toBeGreaterThan(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });

  it('finds nothing for unrelated words', () => {
    expect(matcher.lookup('football results from the weekend')).toEqual({ nearest: [] });
  });
});
