/**
 * The content script's lifetime, in place of WXT's ContentScriptContext. That context
 * announces every content script to the page: at start it dispatches a CustomEvent on
 * `document` named after the extension's id (and posts a window message), and its URL
 * watcher dispatches another on `window`. A page hears both, so it learns the extension
 * is installed; worse, a page that dispatches the start event itself makes the context
 * think a newer copy started and abort: the scan stops on that page (issue 12, "Nothing
 * for the page"; tests/e2e/store-silence.test.ts). This lifetime listens to nothing the
 * page can send and dispatches nothing.
 *
 * It ends when the extension goes away (reloaded, updated, disabled): the orphaned
 * content script then finds `browser.runtime.id` gone, checked whenever asked
 * (`isInvalid`) and every INVALIDATION_CHECK_MS, and everything tied to `signal`
 * (highlights, listeners, the card) is removed.
 */
import { browser } from 'wxt/browser';

/**
 * How often an orphaned content script looks whether its extension is still there: the
 * highlights of a removed extension stay on the page at most this long. One property
 * read per check.
 */
export const INVALIDATION_CHECK_MS = 2_000;

export interface ScriptLifetime {
  /** Aborted when the extension went away. */
  readonly signal: AbortSignal;
  /** Whether the extension went away (checked now). */
  readonly isInvalid: boolean;
  /** Calls `cb` when the lifetime ends; returns a function that removes it. */
  onInvalidated(cb: () => void): () => void;
}

export function scriptLifetime(view: Pick<Window, 'setInterval' | 'clearInterval'> = window, extensionId: () => string | undefined = () => browser.runtime?.id): ScriptLifetime {
  const controller = new AbortController();
  const check = (): boolean => {
    if (!controller.signal.aborted && extensionId() == null) controller.abort(new Error('Quote Verifier: the extension went away'));
    return controller.signal.aborted;
  };
  const timer = view.setInterval(check, INVALIDATION_CHECK_MS);
  controller.signal.addEventListener('abort', () => view.clearInterval(timer), { once: true });
  return {
    signal: controller.signal,
    get isInvalid() {
      return check();
    },
    onInvalidated(cb) {
      controller.signal.addEventListener('abort', cb, { once: true });
      return () => controller.signal.removeEventListener('abort', cb);
    },
  };
}
