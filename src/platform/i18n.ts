/**
 * The browser's message catalogues (public/_locales, in the browser's UI
 * language), for src/ui's `setMessageSource`: entrypoints pass these in, the
 * UI never calls browser.i18n itself.
 */
import { browser } from 'wxt/browser';

/** browser.i18n.getMessage: the message in the browser's language, '' when the key is unknown. */
export function browserMessage(key: string, substitutions?: string[]): string {
  try {
    return browser.i18n.getMessage(key as never, substitutions);
  } catch {
    return '';
  }
}

/**
 * The language of the catalogue the browser serves (BCP 47), for `lang` attributes and
 * dates: the catalogue names its own language (`catalogueLanguage`), since the browser may
 * choose it differently from what getUILanguage() says (Chromium started with --lang=uk
 * serves the uk catalogue while getUILanguage() still answers en-US).
 */
export function uiLanguage(): string {
  const served = browserMessage('catalogueLanguage');
  if (served) return served;
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}
