import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSettingsStore, SETTINGS_KEY } from '../../../src/platform/settings-store';
import { defaultSettings, SETTINGS_VERSION, type Settings } from '../../../src/settings/settings';

const AREA_KEY = SETTINGS_KEY.replace(/^local:/, '');
const defaults = defaultSettings({ only: [], never: ['newsroom-never.org'] });

beforeEach(() => fakeBrowser.reset());

describe('settings store (WXT storage, local:settings)', () => {
  it('returns the defaults, newsroom lists included, when nothing is stored', async () => {
    const store = createSettingsStore({ defaults });
    expect(await store.get()).toEqual(defaults);
    expect(store.defaults).toEqual(defaults);
  });

  it('stores in local storage (never sync) with the shipped version, and reads back what it stored', async () => {
    const store = createSettingsStore({ defaults });
    const next: Settings = { ...defaults, autoScan: false, highlightStyle: 'underline', onlyScan: ['news.org'] };
    await store.set(next);
    expect(await store.get()).toEqual(next);
    expect((await fakeBrowser.storage.local.get(AREA_KEY))[AREA_KEY]).toEqual(next);
    expect((await fakeBrowser.storage.local.get(`${AREA_KEY}$`))[`${AREA_KEY}$`]).toEqual({ v: SETTINGS_VERSION });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('patch changes only what it is given; a function patch sees the current value', async () => {
    const store = createSettingsStore({ defaults });
    await store.patch({ showUnverified: true });
    const after = await store.patch((s) => ({ ...s, pausedSites: [...s.pausedSites, 'example.org'] }));
    expect(after).toEqual({ ...defaults, showUnverified: true, pausedSites: ['example.org'] });
    expect(await store.get()).toEqual(after);
  });

  it('never stores or returns an invalid value: stored junk is repaired field by field', async () => {
    await fakeBrowser.storage.local.set({ [AREA_KEY]: { autoScan: 'no', neverScan: ['ok.org', 'not ok'], highlightStyle: 'neon' } });
    const store = createSettingsStore({ defaults });
    expect(await store.get()).toEqual({ ...defaults, neverScan: ['ok.org'] });
    const stored = await store.set({ ...defaults, onlyScan: ['Bad Entry', 'Good.org'] });
    expect(stored.onlyScan).toEqual(['good.org']);
  });

  it('watchers in other contexts get the new, repaired settings', async () => {
    const reader = createSettingsStore({ defaults });
    const writer = createSettingsStore({ defaults });
    const seen: Settings[] = [];
    const unwatch = reader.watch((s) => seen.push(s));
    await writer.patch({ highlightStyle: 'background' });
    await fakeBrowser.storage.local.set({ [AREA_KEY]: { highlightStyle: 'underline', autoScan: 7 } });
    unwatch();
    await writer.patch({ autoScan: false });
    expect(seen.map((s) => [s.highlightStyle, s.autoScan])).toEqual([
      ['background', true],
      ['underline', true],
    ]);
  });

  it('runs the migration hook on an older stored value, then repairs it', async () => {
    // A made-up v2 that renamed `scanOnLoad` to `autoScan`: what a real migration will look like.
    await fakeBrowser.storage.local.set({ [AREA_KEY]: { scanOnLoad: false, highlightStyle: 'underline' }, [`${AREA_KEY}$`]: { v: 1 } });
    const store = createSettingsStore({
      defaults,
      version: 2,
      migrations: {
        2: (old) => {
          const { scanOnLoad, ...rest } = old as { scanOnLoad?: boolean };
          return { ...rest, autoScan: scanOnLoad };
        },
      },
    });
    expect(await store.get()).toEqual({ ...defaults, autoScan: false, highlightStyle: 'underline' });
    expect((await fakeBrowser.storage.local.get(`${AREA_KEY}$`))[`${AREA_KEY}$`]).toEqual({ v: 2 });
    expect((await fakeBrowser.storage.local.get(AREA_KEY))[AREA_KEY]).not.toHaveProperty('scanOnLoad');
  });
});
