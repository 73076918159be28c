/**
 * "Verify quotation" in the context menu of a text selection. The click goes
 * to the frame that holds the selection, which opens the card there.
 */
import { browser } from 'wxt/browser';
import { sendToTab } from './tabs';
import { browserMessage } from './i18n';

export const VERIFY_MENU_ID = 'qv-verify-selection';
export const VERIFY_MENU_TITLE = 'Verify quotation';
/**
 * Name of the global the background sets to its real menu and command
 * listeners, for end-to-end tests: `globalThis.quoteVerifierBackground.contextMenuClicked(info, tab)`
 * and `.command(name, tab)`.
 */
export const BACKGROUND_TEST_HANDLE = 'quoteVerifierBackground';

export type MenuClickListener = (
  info: { menuItemId: string | number; selectionText?: string; frameId?: number },
  tab?: { id?: number },
) => void;

/**
 * Creates the menu item and listens for clicks; returns the listener itself
 * (the end-to-end tests call it: a browser cannot be made to click its own
 * context menu) and a function that removes it. Call on every background start: Firefox's event page
 * does not keep menus across restarts, and Chrome keeps them, so the item is
 * removed first to avoid a duplicate-id error.
 */
export function registerVerifyMenu(): { onClicked: MenuClickListener; stop: () => void } {
  const listener: MenuClickListener = (info, tab) => {
    if (info.menuItemId !== VERIFY_MENU_ID || tab?.id === undefined || tab.id < 0) return;
    void sendToTab(tab.id, { type: 'qv:verify-selection', text: info.selectionText }, info.frameId);
  };
  // Registered before the asynchronous create: a service worker woken by the click must find it at once.
  browser.contextMenus.onClicked.addListener(listener);
  void browser.contextMenus
    .removeAll()
    .then(() => {
      browser.contextMenus.create({ id: VERIFY_MENU_ID, title: browserMessage('menuVerifyQuotation') || VERIFY_MENU_TITLE, contexts: ['selection'] });
    })
    .catch(() => undefined);
  return { onClicked: listener, stop: () => browser.contextMenus.onClicked.removeListener(listener) };
}
