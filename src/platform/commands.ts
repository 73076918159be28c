/**
 * Keyboard commands (manifest `commands`, rebindable by the user in the
 * browser's shortcut settings), forwarded to the active tab.
 */
import { browser } from 'wxt/browser';
import type { ToContent } from './messages';
import { TOP_FRAME, activeTabId, sendToTab } from './tabs';

import { COMMANDS } from './manifest-commands';

export { COMMANDS, type CommandName } from './manifest-commands';

/**
 * Where each command goes. The selection may be in any frame, so
 * verify-selection goes to every frame and the one holding a selection
 * answers. Navigation goes to the top frame only, so one card opens, not one
 * per frame.
 */
export function routeCommand(command: string): { message: ToContent; frameId?: number } | undefined {
  switch (command) {
    case 'verify-selection':
      return { message: { type: 'qv:verify-selection' } };
    case 'next-finding':
      return { message: { type: 'qv:navigate', direction: 1 }, frameId: TOP_FRAME };
    case 'previous-finding':
      return { message: { type: 'qv:navigate', direction: -1 }, frameId: TOP_FRAME };
    default:
      return undefined;
  }
}

/** The "Verify quotation" shortcut as the reader has it bound (they can change it), else the suggested key. */
export async function verifyShortcut(): Promise<string> {
  try {
    const all = await browser.commands.getAll();
    const bound = all.find((c) => c.name === 'verify-selection')?.shortcut;
    if (bound) return bound;
  } catch {
    // No commands API here (some mobile builds): the suggested key.
  }
  return COMMANDS['verify-selection'].key;
}

export type CommandListener = (command: string, tab?: { id?: number }) => void;

/** Listens for commands; returns the listener itself (for end-to-end tests) and a function that removes it. */
export function registerCommands(): { onCommand: CommandListener; stop: () => void } {
  const listener: CommandListener = (command, tab) => {
    const route = routeCommand(command);
    if (!route) return;
    void (async () => {
      const tabId = tab?.id ?? (await activeTabId());
      if (tabId === undefined || tabId < 0) return;
      // The keyboard command: the frames learn the key, so one with nothing selected can say how to use it.
      const message = route.message.type === 'qv:verify-selection' ? { ...route.message, shortcut: await verifyShortcut() } : route.message;
      await sendToTab(tabId, message, route.frameId);
    })();
  };
  // Not every browser exposes commands (e.g. some mobile builds).
  if (!browser.commands?.onCommand) return { onCommand: listener, stop: () => undefined };
  browser.commands.onCommand.addListener(listener);
  return { onCommand: listener, stop: () => browser.commands.onCommand.removeListener(listener) };
}
