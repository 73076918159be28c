/**
 * The background owns the verdicts (issue 12): a frame's report names a scan the
 * background answered for that very frame and says which findings were drawn; the
 * verdicts listed are the background's. A content script is answered only about its
 * own tab; the extension's pages about any.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RECENT_SCANS_PER_FRAME, TabFindings } from '../../../src/host';
import type { Finding } from '../../../src/match/types';
import { listenToContent, type BackgroundHandlers } from '../../../src/platform/background-messaging';

const finding = (verdict: Finding['verdict'], text: string): Finding =>
  ({ verdict, text, start: 0, end: text.length, quoteId: verdict === 'unverified' ? undefined : `q-${text}`, diff: [], flags: [] }) as unknown as Finding;

describe('TabFindings: computed verdicts, reported positions', () => {
  it('lists the findings the background computed, at the indices the frame drew, and counts them', () => {
    const tabs = new TabFindings('t');
    const id = tabs.recordScan(1, 0, [finding('altered', 'a'), finding('verified', 'b'), finding('verified', 'c')], {});
    expect(tabs.drawn(1, 0, id, [2, 0, 0, 9, -1, 1.5])).toBe(true);
    expect(tabs.findings(1).map((f) => [f.verdict, f.text, f.index])).toEqual([
      ['verified', 'c', 0],
      ['altered', 'a', 1],
    ]);
    expect(tabs.total(1)).toEqual({ verified: 1, altered: 1, misattributed: 0, variant: 0, unverified: 0 });
  });

  it('refuses a report naming another frame’s, another tab’s, an unknown or an evicted scan', () => {
    const tabs = new TabFindings('t');
    const mine = tabs.recordScan(1, 0, [finding('altered', 'a')], {});
    const other = tabs.recordScan(2, 0, [finding('verified', 'forged')], {});
    expect(tabs.drawn(1, 0, other, [0])).toBe(false);
    expect(tabs.drawn(1, 3, mine, [0])).toBe(false);
    expect(tabs.drawn(1, 0, 't-999', [0])).toBe(false);
    expect(tabs.findings(1)).toEqual([]);
    for (let i = 0; i < RECENT_SCANS_PER_FRAME; i++) tabs.recordScan(1, 0, [], {});
    expect(tabs.drawn(1, 0, mine, [0])).toBe(false);
  });

  it('no scan id clears the frame; a navigation forgets the tab’s scans', () => {
    const tabs = new TabFindings('t');
    const id = tabs.recordScan(1, 0, [finding('verified', 'a')], {});
    tabs.drawn(1, 0, id, [0]);
    expect(tabs.drawn(1, 0, undefined, [])).toBe(true);
    expect(tabs.findings(1)).toEqual([]);
    tabs.forgetTab(1);
    expect(tabs.drawn(1, 0, id, [0])).toBe(false);
  });
});

describe('TabFindings: meaning call-outs for the popup', () => {
  const callouts = [{ kind: 'negation' as const, dropped: ['not'], added: [] }];
  const altered = { ...finding('altered', 'a'), diff: [{ op: 'delete' as const, text: 'not' }], callouts };

  it('lists an altered finding with the call-outs the answer named, and keeps them through a snapshot', () => {
    const tabs = new TabFindings('t');
    const id = tabs.recordScan(1, 0, [altered, { ...finding('verified', 'b'), callouts }], {});
    tabs.drawn(1, 0, id, [0, 1]);
    expect(tabs.findings(1).map((f) => f.callouts)).toEqual([callouts, undefined]);
    const later = new TabFindings('u');
    later.restore(JSON.parse(JSON.stringify(tabs.snapshot())));
    expect(later.findings(1)[0]!.callouts).toEqual(callouts);
  });

  it('drops malformed call-outs read back from storage (unknown kind, words not strings)', () => {
    const tabs = new TabFindings('t');
    const row = (c: unknown) => ({ verdict: 'altered', text: 'a', callouts: c });
    tabs.restore({ tabs: { 1: { 0: { counts: { altered: 3 }, findings: [row([{ kind: 'evil', dropped: [], added: [] }]), row([{ kind: 'negation', dropped: [1], added: [] }]), row('x')] } } } });
    expect(tabs.findings(1).map((f) => f.callouts)).toEqual([undefined, undefined, undefined]);
  });
});

describe('qv:tab-findings: who may ask about which tab', () => {
  beforeEach(() => fakeBrowser.reset());
  const handlers: BackgroundHandlers = {
    hello: () => ({ type: 'qv:hello', ok: true, extensionVersion: '1' }),
    scan: () => ({ type: 'qv:scan', findings: [], quotes: {}, corpus: { ok: false, error: 'none' } }),
    lookup: () => ({ type: 'qv:lookup', nearest: [], quotes: {}, corpus: { ok: false, error: 'none' } }),
    findings: () => true,
    tabFindings: (req) => ({ type: 'qv:tab-findings', tabId: req.tabId, counts: { verified: 0, altered: 0, misattributed: 0, variant: 0, unverified: 0 }, findings: [], corpus: { ok: false, error: 'none' } }),
  };
  const ask = async (tabId: number, sender: object) => {
    try {
      const [answer] = (await fakeBrowser.runtime.onMessage.trigger({ type: 'qv:tab-findings', tabId }, sender as never)) as unknown[];
      return ((await answer) as { tabId: number }).tabId;
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('a content script about its own tab: answered; about another tab: refused', async () => {
    listenToContent(handlers);
    const content = { tab: { id: 4 }, frameId: 0, url: 'https://news.example/' };
    expect(await ask(4, content)).toBe(4);
    expect(await ask(5, content)).toMatch(/refused: a content script may ask only about its own tab \(4\), not 5/);
  });

  it('the extension’s pages (popup, side panel, or one opened in a tab) may ask about any tab', async () => {
    listenToContent(handlers);
    expect(await ask(5, { url: fakeBrowser.runtime.getURL('/popup.html') })).toBe(5);
    expect(await ask(5, { tab: { id: 9 }, url: fakeBrowser.runtime.getURL('/popup.html?tab=5') })).toBe(5);
  });
});
