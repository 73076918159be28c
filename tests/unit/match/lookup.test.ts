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

/**
 * The seed cases of issue 14: a selection is judged as the scan judges the page,
 * so narration and attribution around the quotation are never edits.
 */
describe('lookup judges a selection the way the scan judges the page', () => {
  const peskovPage =
    'Asked about peacekeepers, the Kremlin was more cautious. Peskov said: “All of this can be discussed during the negotiations, but it is too early to get ahead of ourselves.” The talks resume next week.';
  const zelenskyPage =
    'Ukrainian President Volodymyr Zelensky said: “A truce in itself is not what we want. We need a peace that will come after all our conditions are met and our goals are achieved.” Kyiv did not comment further.';

  /** Splits a page at `selected`: the context the content script sends with a selection. */
  const select = (page: string, selected: string) => {
    const at = page.indexOf(selected);
    expect(at).toBeGreaterThanOrEqual(0);
    return { selection: selected, context: { before: page.slice(0, at), after: page.slice(at + selected.length) } };
  };

  it('"Peskov said: “…”" quoted correctly is verified, with no added words', () => {
    const r = matcher.lookup('Peskov said: “All of this can be discussed during the negotiations, but it is too early to get ahead of ourselves.”');
    expect(r.best).toMatchObject({ verdict: 'verified', quoteId: Q.tooEarly.id, score: 1 });
    expect(r.best!.diff.every((d) => d.op === 'equal')).toBe(true);
    expect(r.best!.flags).not.toContain('embedded');
  });

  it('"Zelensky said: “…”" on a misattributing page is misattributed, with or without the attribution selected', () => {
    const withName = matcher.lookup('Zelensky said: “A truce in itself is not what we want. We need a peace that will come after all our conditions are met and our goals are achieved.”');
    expect(withName.best).toMatchObject({ verdict: 'misattributed', quoteId: Q.truceInItself.id, attributedTo: expect.stringContaining('Zelensky') });

    const { selection, context } = select(zelenskyPage, 'A truce in itself is not what we want');
    const wordsOnly = matcher.lookup(selection, context);
    expect(wordsOnly.best).toMatchObject({ verdict: 'misattributed', quoteId: Q.truceInItself.id });
  });

  it('gives the verdict the scan (highlight, popup) gives the same words', () => {
    for (const page of [peskovPage, zelenskyPage]) {
      const [scanned] = matcher.findAll(page).filter((f) => f.verdict !== 'unverified');
      expect(scanned).toBeDefined();
      for (const selected of [page, scanned!.text, scanned!.text.slice(0, 40)]) {
        const { selection, context } = select(page, selected);
        const r = matcher.lookup(selection, context);
        expect({ selected, verdict: r.best?.verdict, quoteId: r.best?.quoteId }).toEqual({
          selected,
          verdict: scanned!.verdict,
          quoteId: scanned!.quoteId,
        });
      }
    }
  });

  it('a quotation with narration around it gets its own verdict, not "inside a longer quotation"', () => {
    const r = matcher.lookup(
      'Asked about peacekeepers, the Kremlin was more cautious. “All of this can be discussed during the negotiations, but it is too early to get ahead of ourselves,” Peskov added. The talks resume next week.',
    );
    expect(r.best).toMatchObject({ verdict: 'verified', quoteId: Q.tooEarly.id });
    expect(r.best!.flags).not.toContain('embedded');
  });

  it('an altered quotation with narration around it is altered by its own edits only', () => {
    const r = matcher.lookup('Peskov said: “All of this can be discussed during the negotiations, but it is too late to get ahead of ourselves.” The talks resume next week.');
    expect(r.best).toMatchObject({ verdict: 'altered', quoteId: Q.tooEarly.id });
    const changed = r.best!.diff.filter((d) => d.op !== 'equal').map((d) => `${d.op}:${d.text}`);
    expect(changed).toEqual(['delete:early', 'insert:late']);
  });

  it('a quotation the corpus does not hold, with narration around it, has no best match', () => {
    const r = matcher.lookup('Peskov said: “The weather in Moscow is fine today, and we expect snow.”');
    expect(r.best).toBeUndefined();
  });
});
