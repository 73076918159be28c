import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { followActiveTab, notifyTabFindingsChanged, onTabFindingsChanged, requestSearch } from '../../../../src/platform/panel-messaging';

beforeEach(() => fakeBrowser.reset());

describe('side panel: following the active tab', () => {
  it('shows its window’s active tab, then each tab activated there, and reloads on navigation; other windows are ignored', async () => {
    const win = await fakeBrowser.windows.create({ focused: true });
    // fakeBrowser's tabs.query never reports an active tab (its duplicate() does not keep
    // the tab), so the start shows nothing here; the Chromium e2e test covers the start.
    const shown: number[] = [];
    const stop = await followActiveTab((id) => shown.push(id));
    expect(shown).toEqual([]);
    const first = { id: 40 };
    await fakeBrowser.tabs.onActivated.trigger({ tabId: first.id, windowId: win.id! });

    await fakeBrowser.tabs.onActivated.trigger({ tabId: 41, windowId: win.id! });
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 77, windowId: win.id! + 1 });
    expect(shown).toEqual([first.id, 41]);
    await fakeBrowser.tabs.onUpdated.trigger(41, { status: 'loading' }, {} as never);
    await fakeBrowser.tabs.onUpdated.trigger(5, { status: 'loading' }, {} as never);
    await fakeBrowser.tabs.onUpdated.trigger(41, { title: 'no status' } as never, {} as never);
    expect(shown).toEqual([first.id, 41, 41]);

    stop();
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 42, windowId: win.id! });
    expect(shown).toEqual([first.id, 41, 41]);
  });
});

describe('tab findings changed', () => {
  it('pages hear which tab changed; the background does not wait for an answer', async () => {
    const heard: number[] = [];
    const stop = onTabFindingsChanged((id) => heard.push(id));
    notifyTabFindingsChanged(12);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'qv:findings', counts: {} }, {});
    await new Promise((r) => setTimeout(r, 0));
    expect(heard).toEqual([12]);
    stop();
    notifyTabFindingsChanged(13);
    await new Promise((r) => setTimeout(r, 0));
    expect(heard).toEqual([12]);
  });

  it('with no page open, telling them is not an error', () => {
    expect(() => notifyTabFindingsChanged(1)).not.toThrow();
  });
});

describe('requestSearch', () => {
  it('returns the background’s answer and turns its error into a thrown Error', async () => {
    fakeBrowser.runtime.onMessage.addListener(async (message: unknown) => {
      const m = message as { query?: string };
      return m.query === 'fail' ? { type: 'qv:error', error: 'no corpus' } : { type: 'qv:search', query: m.query, hits: [], corpus: { ok: true, name: 'x', quoteCount: 0 } };
    });
    await expect(requestSearch('words')).resolves.toMatchObject({ type: 'qv:search', query: 'words' });
    await expect(requestSearch('fail')).rejects.toThrow(/the search failed: no corpus/);
  });
});
