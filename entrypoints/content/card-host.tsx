/**
 * Mounts the quote card (src/ui) in a shadow root, so page CSS cannot reach
 * it, next to the quotation it explains. The host element is added to the
 * page only while a card is open: a page nobody clicks on keeps its DOM as it
 * was.
 */
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { childController } from '../../src/page/lifetime';
import { QuoteCard, type QuoteCardProps } from '../../src/ui/quote-card';

/** The shadow host's tag; the scanner skips it and ignores its mutations. */
export const CARD_HOST_NAME = 'quote-verifier-card';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** What the card shows; the host supplies placement, closing and copying. */
export type CardContent = DistributiveOmit<QuoteCardProps, 'onClose' | 'onCopyCitation' | 'anchor' | 'viewport'>;

export interface CardHost {
  /** Opens (or replaces) the card; `anchor` gives the quotation's current viewport rectangle. */
  open(content: CardContent, anchor: () => DOMRect | undefined): Promise<void>;
  close(): void;
  isOpen(): boolean;
  /** Whether an event happened inside the card. */
  isOwnEvent(event: Event): boolean;
}

export function createCardHost(ctx: ContentScriptContext, options: { onClose: () => void }): CardHost {
  let ui: ShadowRootContentScriptUi<HTMLElement> | undefined;
  let creating: Promise<ShadowRootContentScriptUi<HTMLElement>> | undefined;
  let current: { content: CardContent; anchor: () => DOMRect | undefined } | undefined;
  let frame = 0;
  let listening: AbortController | undefined;

  const ensureUi = () => {
    creating ??= createShadowRootUi<HTMLElement>(ctx, {
      name: CARD_HOST_NAME,
      position: 'inline',
      anchor: 'body',
      append: 'last',
      // Keys typed in the card are the card's: the page's shortcuts do not see them.
      isolateEvents: true,
      onMount: (container) => container,
      onRemove: (container) => {
        if (container) render(null, container);
      },
    }).then((created) => (ui = created));
    return creating;
  };

  const draw = () => {
    frame = 0;
    if (!current || !ui?.mounted) return;
    const rect = current.anchor();
    const root = document.documentElement;
    const props = {
      ...current.content,
      anchor: rect ? { top: rect.top, left: rect.left, width: rect.width, height: rect.height } : undefined,
      viewport: { width: root.clientWidth || window.innerWidth, height: root.clientHeight || window.innerHeight },
      onClose: close,
      onCopyCitation: (text: string) => navigator.clipboard.writeText(text),
    } as QuoteCardProps;
    render(<QuoteCard {...props} />, ui.mounted);
  };

  // The card is position: fixed; it follows its quotation when the page scrolls or resizes.
  const redrawSoon = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };

  const close = () => {
    if (!current) return;
    current = undefined;
    listening?.abort();
    listening = undefined;
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    // Removing the host restores the page's DOM exactly as it was.
    ui?.remove();
    options.onClose();
  };

  ctx.onInvalidated(() => {
    if (frame) cancelAnimationFrame(frame);
  });

  return {
    async open(content, anchor) {
      const created = await ensureUi();
      if (ctx.isInvalid) return;
      const wasOpen = !!current;
      current = { content, anchor };
      if (!wasOpen) {
        created.mount();
        listening = childController(ctx.signal);
        const { signal } = listening;
        window.addEventListener('scroll', redrawSoon, { capture: true, passive: true, signal });
        window.addEventListener('resize', redrawSoon, { passive: true, signal });
      }
      draw();
    },
    close,
    isOpen: () => !!current,
    isOwnEvent(event) {
      return !!ui && event.composedPath().includes(ui.shadowHost);
    },
  };
}
