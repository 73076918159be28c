// @vitest-environment happy-dom
/**
 * No silent limits (issues 12 and 15): when the collector stops at MAX_COLLECT_CHARS the
 * scan says where, the background keeps it with the tab's findings, and the popup says
 * "Checked the first N characters".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { createHost, TabFindings } from '../../../src/host';
import { matchExtra } from '../../../src/page/scanner';
import { PopupView } from '../../../src/ui/popup/popup-view';
import { sampleCorpus } from './sample-corpus';

afterEach(cleanup);

const VERIFIED = '“We have only seen newspaper articles so far, and we will not respond to them.”';

describe('a page cut at the collector’s cap', () => {
  const host = createHost(sampleCorpus());

  it('the answer carries the characters read; an uncut page has no limit', async () => {
    const cut = await host.scanSliced({ type: 'qv:scan', text: `He said ${VERIFIED}`, truncatedAt: 5_000_000 }, async () => {});
    expect(cut.limit).toEqual({ characters: 5_000_000 });
    expect(cut.findings.map((f) => f.verdict)).toEqual(['verified']);
    const whole = await host.scanSliced({ type: 'qv:scan', text: `He said ${VERIFIED}` }, async () => {});
    expect(whole.limit).toBeUndefined();
  });

  it('the tab keeps the largest cut of each kind across its frames, and forgets it with the tab', () => {
    const tabs = new TabFindings('t');
    const a = tabs.recordScan(1, 0, [], {}, { characters: 5_000_000 });
    const b = tabs.recordScan(1, 2, [], {}, { findings: 20_000 });
    expect(tabs.drawn(1, 0, a, [])).toBe(true);
    expect(tabs.drawn(1, 2, b, [])).toBe(true);
    expect(tabs.limit(1)).toEqual({ characters: 5_000_000, findings: 20_000 });
    expect(tabs.limit(2)).toBeUndefined();
    tabs.forgetTab(1);
    expect(tabs.limit(1)).toBeUndefined();
  });

  it('the popup says how much of the page was read', () => {
    const { container } = render(
      <PopupView
        state={{
          status: 'ready',
          data: {
            type: 'qv:tab-findings',
            tabId: 1,
            counts: { verified: 0, altered: 0, misattributed: 0, variant: 0, unverified: 0 },
            findings: [],
            limit: { characters: 5_000_000 },
            corpus: { ok: true, name: 'Sample', quoteCount: 1, documentCount: 1 },
          },
        }}
      />,
    );
    const notes = [...container.querySelectorAll('.qv-popup__limit')].map((n) => n.textContent);
    expect(notes).toEqual(['Checked the first 5,000,000 characters of this page; the rest was not read.']);
  });
});

describe('matchExtra (what the scanner sends besides the text)', () => {
  it('says where a cut collection stopped, and nothing for a whole one', () => {
    expect(matchExtra({ text: 'abc', unjudged: [], truncated: true })).toEqual({ unjudged: [], truncatedAt: 3 });
    expect(matchExtra({ text: 'abc', unjudged: [], truncated: false })).toEqual({ unjudged: [] });
  });
});
