/**
 * The page probe: a script the harness injects into every page and frame before the
 * page's own scripts (Playwright `addInitScript`, puppeteer `evaluateOnNewDocument`).
 * Test pages therefore need nothing special, and saved real pages work as they are.
 *
 * It records, in the page's own world:
 * - `window.__qvReady`: the `detail` of every `quote-verifier:ready` event, in order;
 * - `window.__qvDomAtParse`: the DOM serialized once parsing finished (readyState
 *   `interactive`), which is before any content script that runs at `document_end`
 *   or later (ours runs at `document_idle`);
 * - `window.__qvSerializeDom()`: the same serializer, to compare against later.
 *
 * `installProbe` is sent to the browser as source text: it must stay self-contained
 * (no imports, no outer variables). Send it with `pageScript`, which also works when
 * the code was compiled by a tool that adds helpers (tsx/esbuild's `keepNames` wraps
 * named functions in `__name(...)`, which does not exist in the page).
 */

/** Source text of an expression that runs `fn` (self-contained, no arguments) in a page. */
export function pageScript(fn: () => unknown): string {
  return `(() => { const __name = (target) => target; return (${fn.toString()})(); })()`;
}

export interface ProbeState {
  ready: unknown[];
  domAtParse: string | null;
  domNow: string;
}

declare global {
  interface Window {
    __qvReady?: unknown[];
    __qvDomAtParse?: string | null;
    __qvSerializeDom?: () => string;
  }
}

export function installProbe(): void {
  // One probe per document, even if a harness injects twice.
  if (window.__qvReady !== undefined) return;
  const ready: unknown[] = [];
  window.__qvReady = ready;
  window.__qvDomAtParse = null;
  // Serializes the document with its open shadow roots, so a change inside a
  // shadow root (not just in the light DOM) shows up in a comparison.
  window.__qvSerializeDom = () => {
    const root = document.documentElement;
    if (root === null) return '';
    const shadowRoots: ShadowRoot[] = [];
    const visit = (node: Node): void => {
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_ELEMENT);
      for (let el = walker.nextNode() as Element | null; el !== null; el = walker.nextNode() as Element | null) {
        if (el.shadowRoot !== null) {
          shadowRoots.push(el.shadowRoot);
          visit(el.shadowRoot);
        }
      }
    };
    visit(root);
    const withShadow = root as Element & { getHTML?: (options: { shadowRoots: ShadowRoot[] }) => string };
    if (typeof withShadow.getHTML !== 'function') return root.outerHTML;
    // getHTML gives the children; wrap them in the root's own tag and attributes.
    const attrs = Array.from(root.attributes, (a) => ` ${a.name}="${a.value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`).join('');
    return `<html${attrs}>${withShadow.getHTML({ shadowRoots })}</html>`;
  };
  document.addEventListener('quote-verifier:ready', (event) => {
    ready.push((event as CustomEvent<unknown>).detail);
  });
  const snapshot = (): void => {
    if (window.__qvDomAtParse === null && document.readyState !== 'loading') {
      window.__qvDomAtParse = window.__qvSerializeDom?.() ?? null;
    }
  };
  document.addEventListener('readystatechange', snapshot);
  snapshot();
}

/** Runs in the page: reads the probe's state. Self-contained, like `installProbe`. */
export function readProbe(): ProbeState {
  return {
    ready: window.__qvReady ?? [],
    domAtParse: window.__qvDomAtParse ?? null,
    domNow: window.__qvSerializeDom?.() ?? '',
  };
}

/** Runs in the page: how many ready events so far (-1 when the probe is missing). */
export function readyCount(): number {
  return window.__qvReady?.length ?? -1;
}
