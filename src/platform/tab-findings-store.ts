/**
 * Per-tab findings kept in `storage.session` (WXT storage, `session:tabFindings`).
 *
 * Chrome stops an idle MV3 service worker after about 30 seconds, and with it the
 * background's memory; a popup opened a minute after the page was scanned would
 * otherwise find the tab empty (the page does not rescan on its own). Session
 * storage lives as long as the browser session, never reaches disk and is not
 * readable by content scripts by default, so pages cannot read or fake it.
 *
 * The snapshot is opaque here (src/host/tab-findings.ts makes and checks it).
 */
import { storage } from 'wxt/utils/storage';

export const TAB_FINDINGS_KEY = 'session:tabFindings' as const;

export interface TabFindingsStore {
  /** The last saved snapshot, or null (none, or session storage unavailable). */
  load(): Promise<unknown>;
  /**
   * Saves `read()` soon: calls made in the same task are written once, with the
   * state at write time, so a burst of frame reports costs one write.
   */
  save(read: () => unknown): void;
  /** Resolves when every save asked for so far has been written (tests, shutdown). */
  flush(): Promise<void>;
}

export function createTabFindingsStore(): TabFindingsStore {
  const item = storage.defineItem<unknown>(TAB_FINDINGS_KEY, { fallback: null });
  let pending: Promise<void> | undefined;
  let last: Promise<void> = Promise.resolve();
  return {
    async load() {
      try {
        return await item.getValue();
      } catch {
        // No session storage (an old browser): the findings live as long as the background.
        return null;
      }
    },
    save(read) {
      if (pending) return;
      pending = new Promise<void>((resolve) => queueMicrotask(resolve)).then(() => {
        pending = undefined;
        const value = read();
        last = last.then(() => item.setValue(value)).catch(() => {});
        return last;
      });
    },
    async flush() {
      await pending;
      await last;
    },
  };
}
