/**
 * The UI's words, from the extension's message catalogues
 * (public/_locales/<lang>/messages.json, the browser.i18n format WXT copies
 * into the build). UI components take props only, so they never call
 * browser.i18n themselves: an entrypoint hands its `getMessage` to
 * `setMessageSource` (src/platform/i18n.ts), and `t` reads from it. Without
 * one (unit tests, a page that set none) `t` reads the bundled English
 * catalogue. tests/unit/ui/locales.test.tsx checks that every key `t` is
 * called with is in both catalogues.
 *
 * Substitutions are positional, `$1`…`$9`, as browser.i18n does them.
 */
import en from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;
export type Catalogue = Record<string, { message: string }>;
/** browser.i18n.getMessage's shape: an empty string for an unknown key. */
export type MessageSource = (key: string, substitutions?: string[]) => string;

/** A source reading a catalogue object, as browser.i18n reads messages.json. */
export function catalogueSource(catalogue: Catalogue): MessageSource {
  return (key, substitutions = []) => {
    const m = catalogue[key]?.message;
    return m === undefined ? '' : m.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
  };
}

const english = catalogueSource(en);
let source: MessageSource = english;

/** The messages the UI reads from now on; `undefined` goes back to the bundled English. */
export function setMessageSource(next: MessageSource | undefined): void {
  source = next ?? english;
}

export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const subs = substitutions.map(String);
  return source(key, subs) || english(key, subs) || key;
}
