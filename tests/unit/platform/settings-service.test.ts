/**
 * The background serves and guards the reader's settings (issue 12): it is the item's
 * only writer; extension pages write through it; a write it did not make (in Firefox a
 * content script can still write storage.local) is put back before any tab hears of it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listenToContent, type BackgroundHandlers } from '../../../src/platform/background-messaging';
import { createSettingsStore, serveSettings, SETTINGS_KEY } from '../../../src/platform/settings-store';
import { defaultSettings, type Settings } from '../../../src/settings/settings';

const AREA_KEY = SETTINGS_KEY.replace(/^local:/, '');
const defaults = defaultSettings();
const settle = () => new Promise((r) => setTimeout(r, 20));

beforeEach(() => fakeBrowser.reset());

describe('serveSettings', () => {
  it('stores what an extension page sends and tells the tabs; a foreign write is put back and never told', async () => {
    const told: Settings[] = [];
    const service = serveSettings(createSettingsStore({ defaults }), (s) => told.push(s));
    expect(await service.get()).toEqual(defaults);

    const stored = await service.set({ ...defaults, highlightStyle: 'underline', junk: 1 });
    expect(stored).toEqual({ ...defaults, highlightStyle: 'underline' });
    await settle();
    expect(told.at(-1)).toEqual(stored);
    expect(await service.get()).toEqual(stored);

    // What a content script could do in Firefox: write the item itself.
    const count = told.length;
    await fakeBrowser.storage.local.set({ [AREA_KEY]: { ...defaults, autoScan: false } });
    await settle();
    expect((await fakeBrowser.storage.local.get(AREA_KEY))[AREA_KEY]).toEqual(stored);
    expect(told.slice(count).every((s) => s.autoScan)).toBe(true);
    expect(await service.get()).toEqual(stored);
  });

  it('a quick run of its own writes is not mistaken for a foreign one', async () => {
    const store = createSettingsStore({ defaults });
    const service = serveSettings(store, () => {});
    await Promise.all([service.set({ ...defaults, showUnverified: true }), service.set({ ...defaults, highlightStyle: 'background' })]);
    await settle();
    expect(await store.get()).toEqual({ ...defaults, highlightStyle: 'background' });
  });

  it('a foreign write replaying one of its own earlier values is put back too', async () => {
    const store = createSettingsStore({ defaults });
    const service = serveSettings(store, () => {});
    const paused = await service.set({ ...defaults, autoScan: false });
    await settle();
    const current = await service.set({ ...defaults, autoScan: true, showUnverified: true });
    await settle();
    await fakeBrowser.storage.local.set({ [AREA_KEY]: paused });
    await settle();
    expect(await store.get()).toEqual(current);
  });
});

describe('qv:settings-set', () => {
  const handlers = (): BackgroundHandlers => ({
    hello: () => ({ type: 'qv:hello', ok: true, extensionVersion: '0' }),
    scan: () => ({ type: 'qv:scan', findings: [], quotes: {}, corpus: { ok: false, error: 'none' } }),
    lookup: () => ({ type: 'qv:lookup', nearest: [], quotes: {}, corpus: { ok: false, error: 'none' } }),
    findings: () => true,
    settings: async () => defaults,
    setSettings: async (s) => ({ ...defaults, ...(s as Partial<Settings>) }),
  });

  it('is answered for the extension’s pages and refused to a content script', async () => {
    listenToContent(handlers());
    const message = { type: 'qv:settings-set', settings: { ...defaults, autoScan: false } };
    // An extension page: no tab (the popup), or a tab at the extension's own URL.
    expect(await fakeBrowser.runtime.onMessage.trigger(message, { id: fakeBrowser.runtime.id })).toEqual([{ type: 'qv:settings', settings: { ...defaults, autoScan: false } }]);
    // A content script: a tab's frame at a web page's URL.
    const [refused] = await fakeBrowser.runtime.onMessage.trigger(message, { id: fakeBrowser.runtime.id, tab: { id: 4 } as never, url: 'https://news.example/' }).catch((e: unknown) => [e]);
    expect(String(refused instanceof Error ? refused.message : JSON.stringify(refused))).toMatch(/refused: only the extension’s own pages/);
    // Content scripts read them by message.
    expect(await fakeBrowser.runtime.onMessage.trigger({ type: 'qv:settings' }, { tab: { id: 4 } as never, url: 'https://news.example/' })).toEqual([{ type: 'qv:settings', settings: defaults }]);
  });
});
