import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listenToContent, type BackgroundHandlers } from '../../../../src/platform/background-messaging';
import { popupTabId, requestTabFindings } from '../../../../src/platform/popup-messaging';

beforeEach(() => fakeBrowser.reset());

const base: BackgroundHandlers = {
  hello: () => ({ type: 'qv:hello', ok: true, extensionVersion: '1.2.3' }),
  scan: () => ({ type: 'qv:scan', findings: [], quotes: {}, corpus: { ok: false, error: 'none' } }),
  lookup: () => ({ type: 'qv:lookup', nearest: [], quotes: {}, corpus: { ok: false, error: 'none' } }),
  findings: () => undefined,
};

describe('popup <-> background: qv:tab-findings', () => {
  it('the popup gets the background’s answer for the tab it names', async () => {
    listenToContent({
      ...base,
      tabFindings: (req) => ({
        type: 'qv:tab-findings',
        tabId: req.tabId,
        counts: { verified: 1, altered: 0, misattributed: 0, variant: 0, unverified: 0 },
        findings: [{ verdict: 'verified', quoteId: 'q-1', text: `tab ${req.tabId}` }],
        corpus: { ok: true, name: 'Sample', quoteCount: 2, documentCount: 1 },
      }),
    });
    const answer = await requestTabFindings(7);
    expect(answer.tabId).toBe(7);
    expect(answer.findings).toEqual([{ verdict: 'verified', quoteId: 'q-1', text: 'tab 7' }]);
  });

  it('a background without per-tab findings answers with an error the popup reports', async () => {
    listenToContent(base);
    await expect(requestTabFindings(7)).rejects.toThrow(/keeps no per-tab findings/);
  });

  it('a request without a whole-number tab id is not ours to answer', async () => {
    listenToContent({ ...base, tabFindings: () => { throw new Error('must not be called'); } });
    expect(await fakeBrowser.runtime.onMessage.trigger({ type: 'qv:tab-findings', tabId: '7' }, {})).toEqual([undefined]);
  });

  it('popupTabId reads ?tab=<id>, and ignores a malformed one', async () => {
    expect(await popupTabId('?tab=12')).toBe(12);
    expect(await popupTabId('?tab=12abc')).not.toBe(12);
  });
});
