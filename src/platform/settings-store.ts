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
 * The store every context uses, created on first use (defining the item reads storage).
 * Its defaults carry the newsroom's site lists from the build (BuildInfo.sites).
 */
export function settingsStore(): SettingsStore {
  shared ??= createSettingsStore({ defaults: defaultSettings(buildInfo().sites) });
  return shared;
}

/** Background -> every frame of every tab: the settings changed (the content script repairs what it gets). */
export interface SettingsChanged {
  type: 'qv:settings-changed';
  settings: Settings;
}

/**
 * Background: tells every tab's frames when the settings change (the options page, the
 * popup's switch or another window stored them); returns unwatch. Tabs without our
 * content script refuse the message, which is fine. Needs no `tabs` permission: ids only.
 */
export function broadcastSettings(store: SettingsStore): () => void {
  return store.watch((settings) => {
    const message: SettingsChanged = { type: 'qv:settings-changed', settings };
    void browser.tabs.query({}).then(
      (tabs) => {
        for (const tab of tabs) if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, message).catch(() => {});
      },
      () => {},
    );
  });
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
