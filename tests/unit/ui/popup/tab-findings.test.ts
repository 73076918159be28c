import { describe, expect, it } from 'vitest';
import { TabFindings } from '../../../../src/host';

describe('TabFindings findings lists (popup)', () => {
  it('keeps each frame’s list, top frame first, and drops malformed entries', () => {
    const tabs = new TabFindings();
    tabs.report(1, 5, { verified: 1 }, [{ verdict: 'verified', quoteId: 'q-f', text: 'in a frame' }]);
    tabs.report(1, 0, { altered: 1 }, [
      { verdict: 'altered', quoteId: 'q-a', text: 'top', speaker: 'A', date: '2025' },
      { verdict: 'bogus', text: 'x' },
      { verdict: 'verified' },
      'nonsense',
    ]);
    expect(tabs.findings(1)).toEqual([
      { verdict: 'altered', quoteId: 'q-a', text: 'top', speaker: 'A', date: '2025', frameId: 0, index: 0 },
      { verdict: 'verified', quoteId: 'q-f', text: 'in a frame', frameId: 5, index: 0 },
    ]);
    expect(tabs.total(1)).toEqual({ verified: 1, altered: 1, misattributed: 0, variant: 0, unverified: 0 });
  });

  it('a new report replaces the frame’s list; forgetting the tab clears it; counts-only reports list nothing', () => {
    const tabs = new TabFindings();
    tabs.report(2, 0, { verified: 1 }, [{ verdict: 'verified', text: 'old' }]);
    tabs.report(2, 0, { verified: 1 }, [{ verdict: 'verified', text: 'new' }]);
    expect(tabs.findings(2).map((f) => f.text)).toEqual(['new']);
    tabs.report(2, 0, { verified: 1 });
    expect(tabs.findings(2)).toEqual([]);
    tabs.report(2, 0, { verified: 1 }, [{ verdict: 'verified', text: 'again' }]);
    tabs.forgetTab(2);
    expect(tabs.findings(2)).toEqual([]);
  });

  it('keeps a well-formed diff and whom the page credits, and drops a malformed diff', () => {
    const tabs = new TabFindings();
    const diff = [{ op: 'equal', text: 'we will' }, { op: 'delete', text: 'not' }, { op: 'equal', text: 'respond' }];
    tabs.report(3, 0, { altered: 1, misattributed: 1 }, [
      { verdict: 'altered', text: 'we will respond', diff },
      { verdict: 'misattributed', text: 'a truce', attributedTo: 'Zelensky', diff: [{ op: 'bold', text: 'x' }] },
    ]);
    expect(tabs.findings(3)).toEqual([
      { verdict: 'altered', text: 'we will respond', diff, frameId: 0, index: 0 },
      { verdict: 'misattributed', text: 'a truce', attributedTo: 'Zelensky', frameId: 0, index: 1 },
    ]);
  });
});
