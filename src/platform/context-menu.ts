/**
 * "Verify quotation" in the context menu of a text selection. The click goes
 * to the frame that holds the selection, which opens the card there.
 */
import { browser } from 'wxt/browser';
import { sendToTab } from './tabs';

export const VERIFY_MENU_ID = 'qv-verify-selection';
export const VERIFY_MENU_TITLE = 'Verify quotation';

/**
 * Creates the menu item and listens for clicks; returns a function that
 * removes the listener. Call on every background start: Firefox's event page
 * does not keep menus across restarts, and Chrome keeps them, so the item is
 * removed first to avoid a duplicate-id error.
 */
export function registerVerifyMenu(): () => void {
  const listener = (info: { menuItemId: string | number; selectionText?: string; frameId?: number }, tab?: { id?: number }) => {
    if (info.menuItemId !== VERIFY_MENU_ID || tab?.id === undefined || tab.id < 0) return;
    void sendToTab(tab.id, { type: 'qv:verify-selection', text: info.selectionText }, info.frameId);
  };
  // Registered before the asynchronous create: a service worker woken by the click must find it at once.
  browser.contextMenus.onClicked.addListener(listener);
  void browser.contextMenus
    .removeAll()
    .then(() => {
      browser.contextMenus.create({ id: VERIFY_MENU_ID, title: VERIFY_MENU_TITLE, contexts: ['selection'] });
    })
    .catch(() => undefined);
  return () => browser.contextMenus.onClicked.removeListener(listener);
}
