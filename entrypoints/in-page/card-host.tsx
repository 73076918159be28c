/**
 * Mounts the quote card (src/ui) next to the quotation it explains, where the page
 * can neither read nor change it (issue 12, "A card the page cannot touch"):
 *
 * - a CLOSED shadow root on a plain `<div>` the extension creates: page script gets
 *   `null` from `host.shadowRoot`, its MutationObservers see nothing inside, and it
 *   holds no reference to the card's nodes, so it cannot rewrite what the card says;
 *   a plain div, not a custom element, so a page that defines an element of ours
 *   first cannot stop the card or run code when it is created;
 * - the stylesheet inline in the shadow root (`cssInjectionMode: 'manual'`), from the
 *   card's UI module (so is the host's inline style, below): no stylesheet file for the page to fetch or fingerprint (the module
 *   itself, imported at the first open, is web-accessible in Chrome only at a per-session
 *   random URL: docs/architecture.md, "The card's UI is loaded when a card opens");
 * - shown in the top layer (`popover="manual"` + `showPopover()`), so no page z-index
 *   or stacking context covers it; the host's own box is pinned by `!important`
 *   inline styles, which beat any page rule aimed at `div`.
 *
 * Test builds (TEST_BUILD) attach the root in open mode and mark the host with
 * `data-qv-test-card`, so e2e tests can read the card; the store build is closed and
 * tests/e2e/hostile-card.test.ts checks it there. The trade-off against an
 * extension-origin iframe is in docs/architecture.md. The host is in the page only
 * while a card is open: a page nobody clicks on keeps its DOM as it was.
 */
import type { ScriptLifetime } from '../../src/platform/script-lifetime';
import { childController } from '../../src/page/lifetime';
import { TEST_BUILD } from '../../src/platform/build-info';
import type { QuoteCardProps } from '../../src/ui/quote-card';
import { importExtensionModule } from '../../src/platform/extension-module';
import type { CardUi, DistributiveOmit } from '../card-ui';

/**
 * The card's UI (entrypoints/card-ui.tsx: Preact, the card, its stylesheet), built as
 * its own ES module and imported when a card first opens, not in every frame's content
 * script (issue 16). wxt.config.ts builds it as a module and, for Chrome, lists it as
 * web-accessible with a dynamic URL.
 */
export const CARD_UI_FILE = 'card-ui.js';

/** Marks the host in test builds only (docs/architecture.md, contract for automation). */
export const TEST_CARD_ATTRIBUTE = 'data-qv-test-card';

/** Keys typed in the card are the card's: the page's shortcuts do not see them. */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;

/** What the card shows; the host supplies placement, closing and copying. */
export type CardContent = DistributiveOmit<QuoteCardProps, 'onClose' | 'onCopyCitation' | 'anchor' | 'viewport'>;

export interface CardHost {
  /** Opens (or replaces) the card; `anchor` gives the quotation's current viewport rectangle. */
  open(content: CardContent, anchor: () => DOMRect | undefined): Promise<void>;
  close(): void;
  isOpen(): boolean;
  /** Whether an event happened inside the card. */
  isOwnEvent(event: Event): boolean;
  /** Whether `el` is the card's host element (the scanner skips it and its mutations). */
  isHost(el: Element): boolean;
}

export function createCardHost(lifetime: ScriptLifetime, options: { onClose: () => void }): CardHost {
  const host = document.createElement('div');
  const shadow = host.attachShadow({ mode: TEST_BUILD ? 'open' : 'closed' });
  // The stylesheet comes with the UI, at the first open.
  const style = document.createElement('style');
  const mount = document.createElement('div');
  shadow.append(style, mount);
  if (TEST_BUILD) host.setAttribute(TEST_CARD_ATTRIBUTE, '');
  for (const type of ISOLATED_EVENTS) mount.addEventListener(type, (e) => e.stopPropagation());
  const pin = () => {
    // The UI is loaded by then: pinned only while a card is open.
    if (host.getAttribute('style') !== ui!.hostStyle) host.setAttribute('style', ui!.hostStyle);
    if (host.getAttribute('popover') !== 'manual') host.setAttribute('popover', 'manual');
  };

  let current: { content: CardContent; anchor: () => DOMRect | undefined } | undefined;
  let ui: CardUi | undefined;
  let loading: Promise<CardUi> | undefined;
  /** Counts opens and closes: an open still waiting for the UI gives way to any later open or close. */
  let turn = 0;
  let frame = 0;
  let listening: AbortController | undefined;
  // The page may restyle or hide the host (it can find it in the DOM); put it back.
  const guard = new MutationObserver(() => {
    if (!current) return;
    pin();
    showOnTop();
  });

  const showOnTop = () => {
    if (!host.isConnected) return;
    try {
      if (!host.matches(':popover-open')) host.showPopover();
    } catch {
      // No popover API (older browsers): the host's z-index still puts it above most pages.
    }
  };

  /** The card's UI, imported once per frame, at the first open (a failed import is tried again at the next). */
  const loadUi = (): Promise<CardUi> =>
    (loading ??= importExtensionModule<CardUi>(CARD_UI_FILE).then(
      (loaded) => {
        ui = loaded;
        style.textContent = loaded.css;
        return loaded;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));

  const draw = () => {
    frame = 0;
    if (!current || !ui) return;
    const rect = current.anchor();
    const root = document.documentElement;
    const props = {
      ...current.content,
      anchor: rect ? { top: rect.top, left: rect.left, width: rect.width, height: rect.height } : undefined,
      viewport: { width: root.clientWidth || window.innerWidth, height: root.clientHeight || window.innerHeight },
      onClose: close,
      onCopyCitation: (text: string) => navigator.clipboard.writeText(text),
    } as Parameters<CardUi['draw']>[0];
    ui.draw(props, mount);
  };

  // The card is position: fixed; it follows its quotation when the page scrolls or resizes.
  const redrawSoon = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };

  const close = () => {
    turn++;
    if (!current) return;
    current = undefined;
    listening?.abort();
    listening = undefined;
    guard.disconnect();
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    ui?.clear(mount);
    // Removing the host restores the page's DOM exactly as it was.
    try {
      if (host.matches(':popover-open')) host.hidePopover();
    } catch {
      // Not shown as a popover: nothing to hide.
    }
    host.remove();
    options.onClose();
  };

  lifetime.onInvalidated(() => {
    if (frame) cancelAnimationFrame(frame);
    close();
  });

  return {
    async open(content, anchor) {
      if (lifetime.isInvalid) return;
      const mine = ++turn;
      if (!ui) {
        try {
          await loadUi();
        } catch (error) {
          console.error(`Quote Verifier: the card could not be loaded (${CARD_UI_FILE})`, error);
          return;
        }
        // Closed, reopened with other content, or the extension went away while the UI loaded.
        if (mine !== turn || lifetime.isInvalid) return;
      }
      const wasOpen = !!current;
      current = { content, anchor };
      if (!wasOpen || !host.isConnected) {
        pin();
        (document.body ?? document.documentElement).append(host);
        showOnTop();
        guard.observe(host, { attributes: true });
        listening?.abort();
        listening = childController(lifetime.signal);
        const { signal } = listening;
        window.addEventListener('scroll', redrawSoon, { capture: true, passive: true, signal });
        window.addEventListener('resize', redrawSoon, { passive: true, signal });
      }
      draw();
    },
    close,
    isOpen: () => !!current,
    isOwnEvent(event) {
      return event.composedPath().includes(host);
    },
    isHost: (el) => el === host,
  };
}
