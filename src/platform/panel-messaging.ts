/**
 * Messaging for the extension's own pages that show a tab's findings (popup, side
 * panel): searching the corpus, hearing that a tab's findings changed, and following
 * the active tab of the window the side panel lives in.
 *
 * None of this needs the `tabs` permission: tab ids and activation events are given
 * without it; only URLs and titles would need it, and nothing here reads them.
 */
import { browser } from 'wxt/browser';
import type { SearchRequest, SearchResponse, TabFindingsChanged } from './messages';

export function requestSearch(query: string, limit?: number): Promise<SearchResponse> {
  const message: SearchRequest = { type: 'qv:search', query, ...(limit === undefined ? {} : { limit }) };
  return browser.runtime.sendMessage(message).then((answer: unknown) => {
    const a = answer as { type?: unknown; error?: unknown } | null;
    if (a?.type === 'qv:error') throw new Error(`Quote Verifier: the search failed: ${String(a.error)}`);
    if (a?.type !== 'qv:search') throw new Error('Quote Verifier: the background gave no search results');
    return answer as SearchResponse;
  });
}

/**
 * Background: tells open extension pages that a tab's findings changed. No page
 * open is the usual case; the browser then rejects the message, which is fine.
 */
export function notifyTabFindingsChanged(tabId: number): void {
  const message: TabFindingsChanged = { type: 'qv:tab-findings-changed', tabId };
  try {
    void Promise.resolve(browser.runtime.sendMessage(message)).catch(() => {});
  } catch {
    // Some browsers throw synchronously when no page listens.
  }
}

/** Extension pages: calls `changed(tabId)` when the background says a tab's findings changed. Returns unlisten. */
export function onTabFindingsChanged(changed: (tabId: number) => void): () => void {
  const listener = (message: unknown): undefined => {
    const m = message as Partial<TabFindingsChanged> | null;
    if (m?.type === 'qv:tab-findings-changed' && typeof m.tabId === 'number') changed(m.tabId);
    // No answer: the background does not wait for one.
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/**
 * The side panel: calls `show(tabId)` with the active tab of the panel's own window now,
 * whenever another tab becomes active there, and when that tab starts loading a new
 * page (its findings are then cleared, then reported again). Returns unfollow.
 */
export async function followActiveTab(show: (tabId: number) => void): Promise<() => void> {
  // Undefined where the browser gives the page no window (then any window's activation counts).
  const windowId = ((await browser.windows.getCurrent()) as { id?: number } | undefined)?.id;
  let current: number | undefined;
  const activated = (info: { tabId: number; windowId: number }) => {
    if (windowId !== undefined && info.windowId !== windowId) return;
    current = info.tabId;
    show(info.tabId);
  };
  const updated = (tabId: number, change: { status?: string }) => {
    if (tabId === current && change.status !== undefined) show(tabId);
  };
  browser.tabs.onActivated.addListener(activated);
  browser.tabs.onUpdated.addListener(updated);
  const [tab] = await browser.tabs.query(windowId === undefined ? { active: true, currentWindow: true } : { active: true, windowId });
  if (tab?.id !== undefined && current === undefined) {
    current = tab.id;
    show(tab.id);
  }
  return () => {
    browser.tabs.onActivated.removeListener(activated);
    browser.tabs.onUpdated.removeListener(updated);
  };
}

interface PanelApis {
  /** Chrome 116+. */
  sidePanel?: { open(options: { tabId: number }): Promise<void> };
  /** Firefox. */
  sidebarAction?: { open(): Promise<void> };
}

/** Whether this browser lets a page open the side panel (Chrome's sidePanel.open, Firefox's sidebarAction.open). */
export function canOpenSidePanel(): boolean {
  const b = browser as unknown as PanelApis;
  return typeof b.sidePanel?.open === 'function' || typeof b.sidebarAction?.open === 'function';
}

/**
 * Opens the side panel beside `tabId`. Both browsers allow it only in answer to a user
 * action, so call it straight from a click handler, before any `await`. Resolves to
 * whether it opened.
 */
export function openSidePanel(tabId: number): Promise<boolean> {
  const b = browser as unknown as PanelApis;
  try {
    // With tabId only, Chrome opens the global panel (ours) in that tab's window.
    if (b.sidePanel?.open) return b.sidePanel.open({ tabId }).then(() => true, () => false);
    if (b.sidebarAction?.open) return b.sidebarAction.open().then(() => true, () => false);
  } catch {
    // Called without a user action: the browser refuses synchronously in some versions.
  }
  return Promise.resolve(false);
}
