import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, manifestCommands } from '../../../src/platform/manifest-commands';

describe('manifest commands', () => {
  it('builds the manifest section from the one list, descriptions from the catalogues', () => {
    expect(manifestCommands()).toEqual({
      'verify-selection': { suggested_key: { default: 'Alt+Shift+V' }, description: '__MSG_commandVerifySelection__' },
      'next-finding': { suggested_key: { default: 'Alt+Shift+J' }, description: '__MSG_commandNextFinding__' },
      'previous-finding': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_commandPreviousFinding__' },
    });
  });

  it('each description is in both catalogues, the English one as the list says', () => {
    for (const lang of ['en', 'uk']) {
      const catalogue = JSON.parse(readFileSync(path.resolve(__dirname, `../../../public/_locales/${lang}/messages.json`), 'utf8')) as Record<string, { message: string }>;
      for (const c of Object.values(COMMANDS)) {
        expect(catalogue[c.message]?.message, `${lang} ${c.message}`).toBeTruthy();
        if (lang === 'en') expect(catalogue[c.message]!.message).toBe(c.description);
      }
      expect(catalogue.menuVerifyQuotation?.message, `${lang} menuVerifyQuotation`).toBeTruthy();
    }
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
