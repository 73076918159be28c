/**
 * The reader's settings in extension storage (WXT storage, `local:settings`), read and
 * written by the extension's own pages (options, popup) and the background. Content
 * scripts never touch storage: they ask the background (`qv:settings`) and hear of every
 * change from it (`qv:settings-changed`, broadcastSettings), and in Chrome storage.local
 * is closed to them (keepStorageFromContentScripts), so a compromised content script
 * cannot switch scanning off for every tab (issue 12; the Firefox gap: docs/architecture.md).
 *
 * `local:`, not `sync:`: the extension never touches the network, and sync storage would
 * have the browser upload the reader's site lists (a record of sites they read) to its
 * vendor; sync storage also caps an item at 8 kB, which a long site list can exceed.
 *
 * Every value read is passed through coerceSettings, so a damaged or partial stored value
 * yields valid settings; migrations (src/settings) run first when the stored version is older.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import {
  coerceSettings,
  defaultSettings,
  SETTINGS_MIGRATIONS,
  SETTINGS_VERSION,
  type Settings,
  type SettingsMigration,
} from '../settings/settings';
import { buildInfo } from './build-info';

export const SETTINGS_KEY = 'local:settings' as const;

export interface SettingsStore {
  /** What a missing field (or an unreadable store) means. */
  readonly defaults: Settings;
  get(): Promise<Settings>;
  /** Stores `settings` (repaired first, so nothing invalid is ever stored). */
  set(settings: Settings): Promise<Settings>;
  /** Reads, changes and stores; returns what was stored. */
  patch(change: Partial<Settings> | ((current: Settings) => Settings)): Promise<Settings>;
  /** Calls `callback` with the new settings whenever any context changes them; returns unwatch. */
  watch(callback: (settings: Settings) => void): () => void;
}

export interface SettingsStoreOptions {
  /** Used for every missing field; default: defaultSettings() (no site lists). */
  defaults?: Settings;
  /** For tests of the migration hook: another version and table than the shipped ones. */
  version?: number;
  migrations?: Readonly<Record<number, SettingsMigration>>;
}

export function createSettingsStore(options: SettingsStoreOptions = {}): SettingsStore {
  const defaults = options.defaults ?? defaultSettings();
  const item = storage.defineItem<Settings>(SETTINGS_KEY, {
    fallback: defaults,
    version: options.version ?? SETTINGS_VERSION,
    // WXT copies nothing: each migration gets what the previous one returned.
    migrations: { ...(options.migrations ?? SETTINGS_MIGRATIONS) } as Record<number, (old: unknown) => unknown>,
  });
  const repair = (value: unknown) => coerceSettings(value, defaults);
  const get = async () => repair(await item.getValue());
  const set = async (settings: Settings) => {
    const clean = repair(settings);
    await item.setValue(clean);
    return clean;
  };
  return {
    defaults,
    get,
    set,
    async patch(change) {
      const current = await get();
      return set(typeof change === 'function' ? change(current) : { ...current, ...change });
    },
    watch(callback) {
      return item.watch((value) => callback(repair(value)));
    },
  };
}

let shared: SettingsStore | undefined;

/**
 * The background's store: the only one that writes the item. Created on first use
 * (defining the item reads storage); its defaults carry the newsroom's site lists from
 * the build (BuildInfo.sites).
 */
export function backgroundSettingsStore(): SettingsStore {
  shared ??= createSettingsStore({ defaults: defaultSettings(buildInfo().sites) });
  return shared;
}

/** Extension page -> background: store these settings (only extension pages may ask). */
export interface SettingsWrite {
  type: 'qv:settings-set';
  settings: Settings;
}

let pages: SettingsStore | undefined;

/**
 * The store of the extension's pages (options, popup, side panel): they read and watch
 * the item directly, and their writes go through the background (`qv:settings-set`),
 * which stores them and keeps them (serveSettings).
 */
export function settingsStore(): SettingsStore {
  if (pages) return pages;
  const direct = backgroundSettingsStore();
  const set = async (settings: Settings): Promise<Settings> => {
    const message: SettingsWrite = { type: 'qv:settings-set', settings };
    const answer = (await browser.runtime.sendMessage(message)) as { type?: unknown; settings?: unknown; error?: unknown } | undefined;
    if (answer?.type !== 'qv:settings') throw new Error(`The settings were not saved: ${String(answer?.error ?? 'no answer from the extension')}`);
    return coerceSettings(answer.settings, direct.defaults);
  };
  pages = {
    defaults: direct.defaults,
    get: direct.get,
    set,
    async patch(change) {
      const current = await direct.get();
      return set(typeof change === 'function' ? change(current) : { ...current, ...change });
    },
    watch: direct.watch,
  };
  return pages;
}

/**
 * How long serveSettings waits for the echo of its own write: storage.onChanged comes
 * within milliseconds; a value seen later is someone else's write even if it equals one
 * of ours (a replay).
 */
const ECHO_WAIT_MS = 2_000;

export interface SettingsService {
  /** The reader's settings as the background keeps them (what content scripts are told). */
  get(): Promise<Settings>;
  /** Stores settings an extension page sent (repaired first); returns what was stored. */
  set(settings: unknown): Promise<Settings>;
}

/**
 * Background: the reader's settings as it last stored them, with every change told to
 * `changed` (every tab, broadcastSettings). The background is the item's only writer, so
 * a value it did not write is someone else's: in Firefox a content script can still write
 * storage.local (there is no access level for it), and such a write is put back at once,
 * before any tab hears of it. In Chrome storage.local is closed to content scripts
 * (keepStorageFromContentScripts) and this never happens.
 */
export function serveSettings(store: SettingsStore, changed: (settings: Settings) => void, now: () => number = () => Date.now()): SettingsService {
  let kept: Promise<Settings> = store.get();
  /** Writes whose echo in watch() has not come yet (a quick run of writes echoes late); each echo is taken once. */
  const pending: { json: string; at: number }[] = [];
  store.watch((value) => {
    void kept.then((mine) => {
      const json = JSON.stringify(value);
      while (pending.length > 0 && now() - pending[0]!.at > ECHO_WAIT_MS) pending.shift();
      const echo = pending.findIndex((p) => p.json === json);
      if (echo >= 0) pending.splice(echo, 1);
      if (json === JSON.stringify(mine)) {
        changed(mine);
        return;
      }
      if (echo >= 0) return;
      console.warn('Quote Verifier: the settings were changed outside the extension; putting them back');
      void store.set(mine).catch(() => {});
    });
  });
  return {
    get: () => kept,
    async set(settings) {
      const clean = coerceSettings(settings, store.defaults);
      // Kept before the write, so its echo in watch() is recognised as ours.
      kept = Promise.resolve(clean);
      pending.push({ json: JSON.stringify(clean), at: now() });
      await store.set(clean);
      return clean;
    },
  };
}

/** Background -> every frame of every tab: the settings changed (the content script repairs what it gets). */
export interface SettingsChanged {
  type: 'qv:settings-changed';
  settings: Settings;
}

/**
 * Background: tells every tab's frames the settings changed. Tabs without our content
 * script refuse the message, which is fine. Needs no `tabs` permission: ids only.
 */
export function broadcastSettings(settings: Settings): void {
  const message: SettingsChanged = { type: 'qv:settings-changed', settings };
  void browser.tabs.query({}).then(
    (tabs) => {
      for (const tab of tabs) if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, message).catch(() => {});
    },
    () => {},
  );
}

/**
 * Background, at every start: closes storage.local to content scripts where the browser
 * can (Chrome 102+ for session, local since Chromium ~124: `setAccessLevel`
 * `TRUSTED_CONTEXTS`; a content script's get or set is then refused with "Access to
 * storage is not allowed from this context"). Firefox has the call for storage.session
 * only (bug 1724754): there a content script can still write the item. Returns whether
 * storage is closed.
 */
export async function keepStorageFromContentScripts(): Promise<boolean> {
  const local = browser.storage.local as { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> };
  if (typeof local.setAccessLevel !== 'function') return false;
  try {
    await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch {
    return false;
  }
}
