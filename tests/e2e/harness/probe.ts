/**
 * The page probe: a script the harness injects into every page and frame before the
 * page's own scripts (Playwright `addInitScript`, puppeteer `evaluateOnNewDocument`).
 * Test pages therefore need nothing special, and saved real pages work as they are.
 *
 * It records, in the page's own world, for the frame's current document:
 * - `window.__qvReady`: the `detail` of every `quote-verifier:ready` event, in order;
 * - `window.__qvEvents`: the type of every `quote-verifier:*` event of the automation
 *   contract (ready, scanned) seen on the window or document, in order (a store build
 *   must send none: tests/e2e/store-silence.test.ts);
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
  events: string[];
  domAtParse: string | null;
  domNow: string;
}

declare global {
  interface Window {
    __qvReady?: unknown[];
    __qvEvents?: string[];
    __qvDomAtParse?: string | null;
    __qvSerializeDom?: () => string;
    __qvProbeDocument?: Document;
  }
}

export function installProbe(): void {
  // Listeners go on the window, in the capture phase, so they see events aimed at
  // the document (the ready event does not bubble) and survive a document swap:
  // a frame's window outlives its initial about:blank document when the real one
  // replaces it, and Firefox does not run preload scripts again for the new one.
  if (window.__qvSerializeDom !== undefined) return;
  // The state belongs to one document: start afresh when the document changed.
  const current = (): void => {
    if (window.__qvProbeDocument === document) return;
    window.__qvProbeDocument = document;
    window.__qvReady = [];
    window.__qvEvents = [];
    window.__qvDomAtParse = null;
  };
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
  window.addEventListener(
    'quote-verifier:ready',
    (event) => {
      current();
      window.__qvReady?.push((event as CustomEvent<unknown>).detail);
    },
    true,
  );
  for (const type of ['quote-verifier:ready', 'quote-verifier:scanned']) {
    window.addEventListener(
      type,
      () => {
        current();
        window.__qvEvents?.push(type);
      },
      true,
    );
  }
  const snapshot = (): void => {
    current();
    if (window.__qvDomAtParse === null && document.readyState !== 'loading') {
      window.__qvDomAtParse = window.__qvSerializeDom?.() ?? null;
    }
  };
  window.addEventListener('readystatechange', snapshot, true);
  snapshot();
}

/** Runs in the page: reads the probe's state. Self-contained, like `installProbe`. */
export function readProbe(): ProbeState {
  const mine = window.__qvProbeDocument === document;
  return {
    ready: mine ? (window.__qvReady ?? []) : [],
    events: mine ? (window.__qvEvents ?? []) : [],
    domAtParse: mine ? (window.__qvDomAtParse ?? null) : null,
    domNow: window.__qvSerializeDom?.() ?? '',
  };
}

/** Runs in the page: how many ready events so far (-1 when the probe is missing). */
export function readyCount(): number {
  if (window.__qvSerializeDom === undefined) return -1;
  return window.__qvProbeDocument === document ? (window.__qvReady?.length ?? 0) : 0;
}
