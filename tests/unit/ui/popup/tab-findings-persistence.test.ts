import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../../entrypoints/background';
import { TabFindings } from '../../../../src/host';
import { createTabFindingsStore, TAB_FINDINGS_KEY } from '../../../../src/platform/tab-findings-store';
import type { TabFindingsResponse } from '../../../../src/platform/messages';
import { sampleCorpus } from '../../host/sample-corpus';
import { installFakeExtras, settle } from '../../platform/fake-extras';

const SESSION_KEY = TAB_FINDINGS_KEY.replace(/^session:/, '');

beforeEach(() => {
  fakeBrowser.reset();
  installFakeExtras();
});
afterEach(() => vi.unstubAllGlobals());

describe('TabFindings snapshot and restore', () => {
  it('a restored snapshot gives back every frame’s counts and list', () => {
    const before = new TabFindings();
    before.report(4, 0, { verified: 1, altered: 1 }, [
      { verdict: 'verified', quoteId: 'q-1', text: 'one', speaker: 'A', date: '2025-03' },
      { verdict: 'altered', quoteId: 'q-2', text: 'two' },
    ]);
    before.report(4, 7, { unverified: 1 }, [{ verdict: 'unverified', text: 'in a frame' }]);
    before.report(9, 0, { verified: 2 });
    // Through JSON, as storage keeps it.
    const snapshot: unknown = JSON.parse(JSON.stringify(before.snapshot()));
    const after = new TabFindings();
    expect(after.restore(snapshot).sort()).toEqual([4, 9]);
    expect(after.findings(4)).toEqual(before.findings(4));
    expect(after.total(4)).toEqual(before.total(4));
    expect(after.total(9)).toEqual({ verified: 2, altered: 0, misattributed: 0, variant: 0, unverified: 0 });
  });

  it('what happened since the start beats the snapshot: a new report, or a tab forgotten', () => {
    const old = new TabFindings();
    old.report(1, 0, { verified: 1 }, [{ verdict: 'verified', text: 'old page' }]);
    old.report(2, 0, { verified: 1 }, [{ verdict: 'verified', text: 'closed since' }]);
    old.report(3, 0, { altered: 1 }, [{ verdict: 'altered', text: 'kept' }]);
    const tabs = new TabFindings();
    tabs.report(1, 0, { unverified: 1 }, [{ verdict: 'unverified', text: 'new page' }]);
    tabs.forgetTab(2);
    expect(tabs.restore(old.snapshot())).toEqual([3]);
    expect(tabs.findings(1).map((f) => f.text)).toEqual(['new page']);
    expect(tabs.findings(2)).toEqual([]);
    expect(tabs.findings(3).map((f) => f.text)).toEqual(['kept']);
  });

  it('reads a damaged snapshot as untrusted data: keeps what is well formed, ignores the rest', () => {
    const tabs = new TabFindings();
    for (const junk of [null, 'x', 42, { tabs: null }, { tabs: [] }]) expect(tabs.restore(junk)).toEqual([]);
    expect(
      tabs.restore({
        tabs: {
          '-1': { 0: { counts: { verified: 1 }, findings: [] } },
          abc: { 0: { counts: { verified: 1 } } },
          5: { 0: { counts: { verified: -3, altered: 'many' }, findings: [{ verdict: 'bogus', text: 'x' }, { verdict: 'verified', text: 'ok' }] }, x: {} },
        },
      }),
    ).toEqual([5]);
    expect(tabs.total(5)).toEqual({ verified: 0, altered: 0, misattributed: 0, variant: 0, unverified: 0 });
    expect(tabs.findings(5).map((f) => f.text)).toEqual(['ok']);
  });

  it('keeps a finding’s date precision when it is one of year, month, day', () => {
    const tabs = new TabFindings();
    tabs.report(1, 0, {}, [
      { verdict: 'verified', text: 'a', date: '2025-03', datePrecision: 'month' },
      { verdict: 'verified', text: 'b', date: '2025', datePrecision: 'century' },
    ]);
    expect(tabs.findings(1).map((f) => f.datePrecision)).toEqual(['month', undefined]);
  });
});

describe('tab findings in storage.session', () => {
  it('saves a burst of changes once, with the state at write time, and loads it back', async () => {
    const store = createTabFindingsStore();
    expect(await store.load()).toBeNull();
    const writes: unknown[] = [];
    fakeBrowser.storage.session.onChanged.addListener((change: Record<string, { newValue?: unknown }>) => {
      if (SESSION_KEY in change) writes.push(change[SESSION_KEY]!.newValue);
    });
    const tabs = new TabFindings();
    for (let i = 1; i <= 5; i++) {
      tabs.report(i, 0, { verified: i });
      store.save(() => tabs.snapshot());
    }
    await store.flush();
    expect(writes).toHaveLength(1);
    const restored = new TabFindings();
    expect(restored.restore(await store.load())).toEqual([1, 2, 3, 4, 5]);
    expect(restored.total(5).verified).toBe(5);
  });

  it('a background started after a stopped one lists the tabs the old one kept', async () => {
    // What the previous run of the service worker wrote.
    const earlier = new TabFindings();
    earlier.report(6, 0, { verified: 1 }, [{ verdict: 'verified', quoteId: 'q_0123456789ab', text: 'We have only seen newspaper articles' }]);
    await fakeBrowser.storage.session.set({ [SESSION_KEY]: earlier.snapshot() });

    const corpus = JSON.stringify(sampleCorpus());
    vi.stubGlobal('__QV_BUILD__', {
      name: 'Quote Verifier',
      shortName: 'QV',
      brandColor: '#1f5fbf',
      contact: 'mailto:x@example.org',
      sites: { only: [], never: [] },
      corpusSha256: createHash('sha256').update(corpus, 'utf8').digest('hex'),
    });
    vi.stubGlobal('fetch', async () => new Response(corpus, { status: 200 }));
    void background.main();

    const answer = (await fakeBrowser.runtime.sendMessage({ type: 'qv:tab-findings', tabId: 6 })) as TabFindingsResponse;
    expect(answer.findings.map((f) => f.text)).toEqual(['We have only seen newspaper articles']);
    expect(answer.counts.verified).toBe(1);

    // A new report is written back for the next restart.
    const sender = { tab: { id: 7 } as never, frameId: 0 };
    const [scanned] = (await fakeBrowser.runtime.onMessage.trigger(
      { type: 'qv:scan', text: '“We have only seen newspaper articles so far, and we will respond to them.”' },
      sender,
    )) as unknown as Promise<{ scanId: string }>[];
    await fakeBrowser.runtime.onMessage.trigger({ type: 'qv:findings', scanId: (await scanned!).scanId, located: [0] }, sender);
    await settle();
    await new Promise((r) => setTimeout(r, 0));
    const stored = (await fakeBrowser.storage.session.get(SESSION_KEY))[SESSION_KEY] as { tabs: Record<string, unknown> };
    expect(Object.keys(stored.tabs).sort()).toEqual(['6', '7']);
  });
});
