/**
 * The first-run page (entrypoints/welcome): opened once, when the extension is
 * installed (not on updates or browser restarts), so a new reader learns what the
 * corpus covers before a page says "Not in the corpus".
 */
import { browser } from 'wxt/browser';

/** The page's path in the build (WXT's unlisted page `entrypoints/welcome`). */
export const FIRST_RUN_PAGE = '/welcome.html';

/** Registers the install listener (synchronously, at the background's start). */
export function openFirstRunOnInstall(): void {
  browser.runtime.onInstalled.addListener((details: { reason: string }) => {
    if (details.reason !== 'install') return;
    void Promise.resolve(browser.tabs.create({ url: browser.runtime.getURL(FIRST_RUN_PAGE) })).catch(() => {});
  });
}
