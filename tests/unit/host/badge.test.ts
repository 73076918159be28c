import { describe, expect, it } from 'vitest';
import { BADGE_COLOR_OK, BADGE_COLOR_PROBLEM, TabFindings, badgeFor, emptyCounts } from '../../../src/host';

const counts = (c: Partial<ReturnType<typeof emptyCounts>>) => ({ ...emptyCounts(), ...c });

describe('badgeFor', () => {
  it('shows no badge for a tab without findings, and ignores unverified spans', () => {
    expect(badgeFor(counts({ unverified: 7 })).text).toBe('');
  });

  it('counts verified findings in the calm colour', () => {
    const b = badgeFor(counts({ verified: 3, unverified: 2 }));
    expect(b).toMatchObject({ text: '3', color: BADGE_COLOR_OK });
    expect(b.title).toContain('3 quotations checked');
  });

  it('marks altered or misattributed findings with "!" and its own colour', () => {
    const b = badgeFor(counts({ verified: 1, altered: 1, misattributed: 1 }));
    expect(b).toMatchObject({ text: '!3', color: BADGE_COLOR_PROBLEM });
    expect(b.title).toContain('1 altered');
    expect(b.title).toContain('1 misattributed');
    expect(badgeFor(counts({ misattributed: 1 })).text).toBe('!1');
  });

  it('keeps the text short on busy pages', () => {
    expect(badgeFor(counts({ verified: 250 })).text).toBe('99+');
    expect(badgeFor(counts({ verified: 250, altered: 1 })).text).toBe('!99+');
  });
});

describe('TabFindings', () => {
  it('sums the frames of a tab and keeps tabs apart', () => {
    const t = new TabFindings();
    t.report(1, 0, { verified: 2 });
    t.report(1, 5, { altered: 1 });
    t.report(2, 0, { verified: 9 });
    expect(t.total(1)).toEqual(counts({ verified: 2, altered: 1 }));
    // A frame's new report replaces its old one.
    expect(t.report(1, 5, { altered: 0 })).toEqual(counts({ verified: 2 }));
    t.forgetTab(1);
    expect(t.total(1)).toEqual(emptyCounts());
    expect(t.total(2)).toEqual(counts({ verified: 9 }));
  });

  it('ignores malformed counts from a frame', () => {
    const t = new TabFindings();
    expect(t.report(1, 0, { verified: -3, altered: 'x', misattributed: 2.7, variant: 0, unverified: Number.NaN })).toEqual(counts({ misattributed: 2 }));
  });
});
