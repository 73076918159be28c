/**
 * Lifetimes: everything that touches the page takes the content script's
 * AbortSignal (WXT's ctx.signal, aborted when the extension is updated or
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
