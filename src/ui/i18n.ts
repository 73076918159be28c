/**
 * The UI's words, from the extension's message catalogues
 * (public/_locales/<lang>/messages.json, the browser.i18n format WXT copies
 * into the build). UI components take props only, so they never call
 * browser.i18n themselves: an entrypoint hands its `getMessage` to
 * `setMessageSource` (src/platform/i18n.ts), and `t` reads from it.
 *
 * No catalogue is bundled: the browser already falls back to the default
 * locale (English) for a key the reader's language lacks, and the English
 * catalogue is 19 kB of every bundle that imported it (the content script's
 * included, issue 16). Unit tests set the English catalogue as the fallback
 * (tests/unit/setup/english.ts, `setFallbackMessages`); an extension page gets
 * the key itself for a message nothing supplies. tests/unit/ui/locales.test.tsx
 * checks that every key `t` is called with is in both catalogues.
 *
 * Substitutions are positional, `$1`…`$9`, as browser.i18n does them.
 */
// A type only: the catalogue's keys, checked by tsc; nothing of the file is bundled.
import type en from '../../public/_locales/en/messages.json';

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

/** No messages: `t` then answers with the key. */
const none: MessageSource = () => '';
/** What `t` reads when the source has no message for a key: nothing in the extension, the English catalogue in unit tests. */
let fallback: MessageSource = none;
let source: MessageSource = none;
let locale = 'en';

/**
 * The messages the UI reads from now on, and the language (BCP 47) numbers and dates
 * are written in; `undefined` goes back to the fallback alone, in English.
 */
export function setMessageSource(next: MessageSource | undefined, language = 'en'): void {
  source = next ?? fallback;
  locale = next ? language : 'en';
}

/**
 * The messages read when the source has none for a key (unit tests: the English
 * catalogue, tests/unit/setup/english.ts). Also the source until one is set.
 */
export function setFallbackMessages(next: MessageSource | undefined): void {
  const wasFallback = source === fallback;
  fallback = next ?? none;
  if (wasFallback) source = fallback;
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
  const text = source(key, subs) || fallback(key, subs) || key;
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
