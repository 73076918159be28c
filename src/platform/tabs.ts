/**
 * Sending commands to a tab's content scripts, and learning when a tab's
 * findings stop describing it (navigation, close).
 */
import { browser } from 'wxt/browser';
import type { ToContent } from './messages';

/** frameId of a tab's top-level document. */
export const TOP_FRAME = 0;

/**
 * Sends a command to a tab: to one frame when `frameId` is given, else to all
 * of its frames. A tab without our content script (a browser page, the web
 * store) rejects; that is expected and not an error worth surfacing.
 */
export async function sendToTab(tabId: number, message: ToContent, frameId?: number): Promise<boolean> {
  try {
    await (frameId === undefined
      ? browser.tabs.sendMessage(tabId, message)
      : browser.tabs.sendMessage(tabId, message, { frameId }));
    return true;
  } catch {
    return false;
  }
}

/** The tab the user is looking at, for keyboard commands that arrive without one. */
export async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id;
}

/**
 * Calls `forget(tabId, reason)` when a tab closes or starts loading a new
 * document: its frames' old counts no longer describe it. Content scripts
 * report again after every scan, including after a single-page-app navigation.
 */
export function onTabReset(forget: (tabId: number, reason: 'closed' | 'navigated') => void): () => void {
  const removed = (tabId: number) => forget(tabId, 'closed');
  const updated = (tabId: number, change: { status?: string }) => {
    if (change.status === 'loading') forget(tabId, 'navigated');
  };
  browser.tabs.onRemoved.addListener(removed);
  browser.tabs.onUpdated.addListener(updated);
  return () => {
    browser.tabs.onRemoved.removeListener(removed);
    browser.tabs.onUpdated.removeListener(updated);
  };
}
