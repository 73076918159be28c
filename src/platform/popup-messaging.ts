/**
 * The popup's side of messaging: it asks the background for a tab's findings
 * and asks the tab's content script to show one of them.
 */
import { browser } from 'wxt/browser';
import type { TabFindingsRequest, TabFindingsResponse } from './messages';
import { activeTabId, sendToTab } from './tabs';

/** A tab's findings as the background keeps them; `first`: only that many rows (the counts stay whole). */
export function requestTabFindings(tabId: number, first?: number): Promise<TabFindingsResponse> {
  const message: TabFindingsRequest = first === undefined ? { type: 'qv:tab-findings', tabId } : { type: 'qv:tab-findings', tabId, first };
  return browser.runtime.sendMessage(message).then((answer: unknown) => {
    const a = answer as { type?: unknown; error?: unknown } | null;
    if (a?.type === 'qv:error') throw new Error(`Quote Verifier: the background failed: ${String(a.error)}`);
    if (a?.type !== 'qv:tab-findings') throw new Error('Quote Verifier: the background gave no findings for this tab');
    return answer as TabFindingsResponse;
  });
}

/** Asks the frame that holds a finding to scroll to it and open its card. */
export function openFindingInTab(tabId: number, frameId: number, index: number, quoteId?: string): Promise<boolean> {
  return sendToTab(tabId, { type: 'qv:open-finding', index, ...(quoteId ? { quoteId } : {}) }, frameId);
}

/** The tab the popup describes: `?tab=<id>` in its URL (automation, the side panel), else the active tab. */
export async function popupTabId(search: string): Promise<number | undefined> {
  const param = new URLSearchParams(search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  return activeTabId();
}
