/**
 * Reading closed shadow roots. A page can render words from a closed shadow
 * root and keep other words in the host's light DOM; the reader sees only the
 * shadow tree. Extensions may open it: Chrome's `chrome.dom.openOrClosedShadowRoot`
 * (content scripts, Chrome 88+), Firefox's `element.openOrClosedShadowRoot`
 * (content scripts only, through the Xray wrapper).
 */
import { browser } from 'wxt/browser';

type DomApi = { openOrClosedShadowRoot?: (el: HTMLElement) => ShadowRoot | null };

/** A function giving any element's shadow root, open or closed; undefined where neither API exists. */
export function closedShadowRootReader(): ((el: Element) => ShadowRoot | null) | undefined {
  // `in`, not a read: reading the getter off the prototype would throw.
  if (globalThis.Element && 'openOrClosedShadowRoot' in globalThis.Element.prototype) {
    return (el) => (el as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot ?? null;
  }
  const dom = (browser as unknown as { dom?: DomApi }).dom;
  const open = dom?.openOrClosedShadowRoot;
  if (typeof open !== 'function') return undefined;
  return (el) => {
    try {
      return open.call(dom, el as HTMLElement) ?? null;
    } catch {
      // Not an element that can host a shadow root.
      return null;
    }
  };
}
