/**
 * Keyboard commands: one list for the manifest (wxt.config.ts) and the
 * background's listener (commands.ts). Plain data: the build config imports it
 * in Node. Users can rebind the keys in the browser's shortcut settings.
 *
 * Next/previous use J and K (down/up, as in Gmail and vi): Chromium 156 leaves
 * Alt+Shift+N and Alt+Shift+P unassigned when an extension suggests them
 * (checked with chrome.commands.getAll() in the built extension).
 */
export const COMMANDS = {
  'verify-selection': { key: 'Alt+Shift+V', description: 'Verify the selected quotation', message: 'commandVerifySelection' },
  'next-finding': { key: 'Alt+Shift+J', description: 'Go to the next quotation on the page', message: 'commandNextFinding' },
  'previous-finding': { key: 'Alt+Shift+K', description: 'Go to the previous quotation on the page', message: 'commandPreviousFinding' },
} as const;

export type CommandName = keyof typeof COMMANDS;

/**
 * The manifest's `commands` section. Descriptions name their message in the
 * catalogues (public/_locales, `__MSG_…__`), so the browser's shortcut settings
 * show them in the reader's language; `description` is the English.
 */
export function manifestCommands(): Record<CommandName, { suggested_key: { default: string }; description: string }> {
  const out = {} as Record<CommandName, { suggested_key: { default: string }; description: string }>;
  for (const [name, c] of Object.entries(COMMANDS) as [CommandName, (typeof COMMANDS)[CommandName]][]) {
    out[name] = { suggested_key: { default: c.key }, description: `__MSG_${c.message}__` };
  }
  return out;
}

