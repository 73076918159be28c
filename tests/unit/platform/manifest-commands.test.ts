import { describe, expect, it } from 'vitest';
import { COMMANDS, manifestCommands } from '../../../src/platform/manifest-commands';

describe('manifest commands', () => {
  it('builds the manifest section from the one list', () => {
    expect(manifestCommands()).toEqual({
      'verify-selection': { suggested_key: { default: 'Alt+Shift+V' }, description: 'Verify the selected quotation' },
      'next-finding': { suggested_key: { default: 'Alt+Shift+J' }, description: 'Go to the next quotation on the page' },
      'previous-finding': { suggested_key: { default: 'Alt+Shift+K' }, description: 'Go to the previous quotation on the page' },
    });
  });

  it('suggests keys browsers accept and assign', () => {
    const keys = Object.values(COMMANDS).map((c) => c.key);
    // Chrome takes at most four suggested keys per extension.
    expect(keys.length).toBeLessThanOrEqual(4);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) {
      // Chrome and Firefox: Ctrl or Alt (optionally with Shift) plus one letter.
      expect(key).toMatch(/^(Ctrl|Alt)\+(Shift\+)?[A-Z]$/);
      // Chromium leaves these unassigned (seen with chrome.commands.getAll()).
      expect(['Alt+Shift+N', 'Alt+Shift+P']).not.toContain(key);
    }
  });
});
