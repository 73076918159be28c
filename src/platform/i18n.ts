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

/** The extension's UI language (BCP 47), for the card's `lang`. */
export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}
