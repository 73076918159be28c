/**
 * In-memory stand-ins for the browser APIs WXT's fakeBrowser leaves
 * unimplemented (contextMenus, commands, tabs.sendMessage, runtime.getManifest). Its own error
 * message asks for exactly this. They keep state and fire real listeners, like
 * fakeBrowser's own events; tests assert on what the code under test did.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Listener = (...args: never[]) => unknown;

export function fakeEvent<L extends Listener>() {
  const listeners: L[] = [];
  return {
    addListener: (l: L) => void listeners.push(l),
    removeListener: (l: L) => {
      const i = listeners.indexOf(l);
      if (i >= 0) listeners.splice(i, 1);
    },
    hasListener: (l: L) => listeners.includes(l),
    hasListeners: () => listeners.length > 0,
    trigger: async (...args: Parameters<L>) => Promise.all(listeners.map((l) => (l as (...a: Parameters<L>) => unknown)(...args))),
  };
}

export interface SentMessage {
  tabId: number;
  message: unknown;
  options?: { frameId?: number };
}

export function installFakeExtras() {
  const sent: SentMessage[] = [];
  const menuItems: { id?: string | number; title?: string; contexts?: string[] }[] = [];
  /** Tabs that have no content script: sendMessage rejects, as in a browser. */
  const tabsWithoutContentScript = new Set<number>();

  const onClicked = fakeEvent<(info: { menuItemId: string | number; selectionText?: string; frameId?: number }, tab?: { id?: number }) => void>();
  const onCommand = fakeEvent<(command: string, tab?: { id?: number }) => void>();

  const browser = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  Object.assign(browser.contextMenus!, {
    create(props: { id?: string; title?: string; contexts?: string[] }) {
      if (menuItems.some((m) => m.id === props.id)) throw new Error(`Cannot create item with duplicate id ${props.id}`);
      menuItems.push(props);
      return props.id;
    },
    async removeAll() {
      menuItems.length = 0;
    },
    onClicked,
  });
  Object.assign(browser.commands!, { onCommand });
  Object.assign(browser.runtime!, { getManifest: () => ({ manifest_version: 3, name: 'Quote Verifier', version: '0.0.0-test' }) });
  Object.assign(browser.tabs!, {
    async sendMessage(tabId: number, message: unknown, options?: { frameId?: number }) {
      if (tabsWithoutContentScript.has(tabId)) throw new Error('Could not establish connection. Receiving end does not exist.');
      sent.push(options ? { tabId, message, options } : { tabId, message });
      return undefined;
    },
  });
  return { sent, menuItems, onClicked, onCommand, tabsWithoutContentScript };
}

/** Lets queued promise callbacks run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
