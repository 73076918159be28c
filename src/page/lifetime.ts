/**
 * Lifetimes: everything that touches the page takes the content script's
 * AbortSignal (src/platform/script-lifetime.ts, aborted when the extension is updated or
 * reloaded) and returns its own destroy().
 */

/** A controller aborted with `parent`, or earlier by its own abort(). */
export function childController(parent: AbortSignal): AbortController {
  const controller = new AbortController();
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', () => controller.abort(parent.reason), { once: true, signal: controller.signal });
  return controller;
}

export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/**
 * How often the URL is compared for single-page apps: pushState fires no event an
 * isolated world hears. popstate and hashchange answer at once.
 */
export const LOCATION_POLL_MS = 1_000;

/**
 * Calls `changed` when the frame's URL changes (a single-page app's navigation), until
 * `signal` aborts. Listens and compares; dispatches nothing the page could hear.
 */
export function watchLocation(
  view: Pick<Window, 'location' | 'setInterval' | 'clearInterval' | 'addEventListener'>,
  signal: AbortSignal,
  changed: () => void,
): void {
  let last = view.location.href;
  const check = () => {
    const now = view.location.href;
    if (now === last) return;
    last = now;
    changed();
  };
  const timer = view.setInterval(check, LOCATION_POLL_MS);
  signal.addEventListener('abort', () => view.clearInterval(timer), { once: true });
  view.addEventListener('popstate', check, { signal });
  view.addEventListener('hashchange', check, { signal });
}
