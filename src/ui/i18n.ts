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
let locale = 'en';

/**
 * The messages the UI reads from now on, and the language (BCP 47) numbers and dates
 * are written in; `undefined` goes back to the bundled English.
 */
export function setMessageSource(next: MessageSource | undefined, language = 'en'): void {
  source = next ?? english;
  locale = next ? language : 'en';
}

/** The UI's language as set with the messages ('en' by default). */
export function uiLocale(): string {
  return locale;
}

/** Whether the UI is in English (dates then use the fixed English wording of format.ts). */
export function isEnglishUi(): boolean {
  return /^en\b/i.test(locale);
}

/** A count written for the UI's language: "5,000,000" in English, "5 000 000" in Ukrainian. */
export function formatCount(n: number): string {
  try {
    return n.toLocaleString(locale);
  } catch {
    return n.toLocaleString('en');
  }
}

export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const subs = substitutions.map(String);
  const text = source(key, subs) || english(key, subs) || key;
  // A substitution that ends with an abbreviation's full stop ("16 грудня 2025 р.") at the end of a sentence: one stop, not two.
  return subs.some((s) => s.endsWith('.')) ? text.replace(/([^.])\.\.(?!\.)/g, '$1.') : text;
}

/**
 * A message whose substitutions are elements (a `<code>` example, a link): the pieces in
 * the order the language puts them, strings and the given nodes, for a JSX parent.
 */
export function tParts<N>(key: MessageKey, ...nodes: N[]): (string | N)[] {
  const markers = nodes.map((_, i) => `\uE000${i}\uE001`);
  const text = t(key, ...markers);
  return text
    .split(/(\uE000\d+\uE001)/)
    .filter((piece) => piece !== '')
    .map((piece) => {
      const m = /^\uE000(\d+)\uE001$/.exec(piece);
      return m ? nodes[Number(m[1])]! : piece;
    });
}
