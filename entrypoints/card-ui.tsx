/**
 * The quote card's UI (Preact, src/ui/quote-card.tsx and its stylesheet), loaded by the
 * content script only when a card first opens (entrypoints/in-page/card-host.tsx). It is
 * about half of what the content script would otherwise weigh in every frame of every
 * page (issue 16); docs/architecture.md, "The card's UI is loaded when a card opens",
 * says how it is loaded and why that keeps the extension invisible to pages.
 *
 * Built as an ES module (wxt.config.ts, `vite:build:extendConfig`): the content script
 * `import()`s it and receives `CardUi` as the default export. It runs in the content
 * script's isolated world, never in the page's.
 */
import { render } from 'preact';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { QuoteCard, type QuoteCardProps } from '../src/ui/quote-card';
import { setMessageSource } from '../src/ui/i18n';
import { browserMessage, uiLanguage } from '../src/platform/i18n';
import { buildInfo } from '../src/platform/build-info';
import cardCss from '../src/ui/quote-card.css?inline';

/**
 * The card host's box (card-host.tsx pins it while a card is open; kept here, out of the
 * content script): nothing of its own to see or hit (the card inside is `position: fixed`
 * and sets every property itself), and no page rule on `div` can hide, shrink, scale,
 * clip or fade it (inline `!important` wins over the page's stylesheets).
 */
const HOST_STYLE = [
  'all: initial',
  // Except text spacing, which the card inherits (quote-card.css): a reader's text-spacing
  // tool (WCAG 1.4.12) set on the page reaches the card. A page can only space it out.
  'letter-spacing: inherit',
  'word-spacing: inherit',
  'display: block',
  'position: fixed',
  'inset: 0',
  'width: 0',
  'height: 0',
  'margin: 0',
  'padding: 0',
  'border: 0',
  'background: transparent',
  'overflow: visible',
  'opacity: 1',
  'visibility: visible',
  'transform: none',
  'filter: none',
  'clip-path: none',
  'mask: none',
  'contain: none',
  'content-visibility: visible',
  'z-index: 2147483647',
]
  .map((rule) => `${rule} !important;`)
  .join(' ');

/** Omit over each member of a union (QuoteCardProps is one). */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What card-host.tsx needs of the UI: the stylesheet, and drawing into (or clearing) the card's mount. */
export interface CardUi {
  css: string;
  /** The card host's inline style: HOST_STYLE. */
  hostStyle: string;
  /**
   * Draws the card in the browser's language (its catalogue, public/_locales) with the build's
   * name: both read here, not in the content script, which every frame pays for (issue 16).
   */
  draw(props: DistributiveOmit<QuoteCardProps, 'lang' | 'buildName'>, mount: Element): void;
  clear(mount: Element): void;
}

const ui: CardUi = {
  css: cardCss,
  hostStyle: HOST_STYLE,
  draw(props, mount) {
    // The card speaks the browser's language, whatever the page's.
    const lang = uiLanguage();
    setMessageSource(browserMessage, lang);
    render(<QuoteCard {...(props as QuoteCardProps)} lang={lang} buildName={buildInfo().name} />, mount);
  },
  clear(mount) {
    render(null, mount);
  },
};

export default defineUnlistedScript({ globalName: false, main: () => ui });
