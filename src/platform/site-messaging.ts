/**
 * The popup's "Pause on this site" switch needs the tab's site. Without the `tabs`
 * permission a tab carries no URL, so the popup asks the tab's top-frame content script,
 * which knows its own `location`. A tab without our content script (a browser page, the
 * web store) does not answer: there is nothing to pause there.
 */
import { browser } from 'wxt/browser';
import { TOP_FRAME } from './tabs';

/** Popup -> content (top frame): which page are you? */
export interface SiteQuery {
  type: 'qv:site';
}

export interface SiteAnswer {
  type: 'qv:site';
  url: string;
}

/** The URL of the page in the tab's top frame, or undefined when our content script is not there. */
export async function askTabSite(tabId: number): Promise<string | undefined> {
  const query: SiteQuery = { type: 'qv:site' };
  try {
    const answer = (await browser.tabs.sendMessage(tabId, query, { frameId: TOP_FRAME })) as Partial<SiteAnswer> | undefined;
    return answer?.type === 'qv:site' && typeof answer.url === 'string' ? answer.url : undefined;
  } catch {
    return undefined;
  }
}

/** Content script (top frame): answers site queries with `url()`; returns a function that stops. */
export function answerSiteQueries(url: () => string, signal?: AbortSignal): () => void {
  const listener = (message: unknown): Promise<SiteAnswer> | undefined => {
    if ((message as { type?: unknown } | null)?.type !== 'qv:site') return undefined;
    return Promise.resolve({ type: 'qv:site', url: url() });
  };
  browser.runtime.onMessage.addListener(listener);
  const stop = () => browser.runtime.onMessage.removeListener(listener);
  signal?.addEventListener('abort', stop, { once: true });
  return stop;
}

/** Opens the extension's options page (a tab in Chrome and Firefox: `open_in_tab`). */
export function openOptionsPage(): Promise<void> {
  return browser.runtime.openOptionsPage();
}
