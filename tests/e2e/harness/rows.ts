/**
 * Reading the extension's own pages the way the automation contract says
 * (docs/architecture.md): every finding row carries `data-verdict` and
 * `data-quote-id`, and its text holds the page's wording. Works with Playwright
 * and puppeteer pages alike (both have `$$eval`).
 */

/** How long a popup or panel may take to show what the page reported. */
export const ROWS_TIMEOUT_MS = 15_000;
const POLL_MS = 50;

export interface Row {
  verdict: string | null;
  quoteId: string | null;
  text: string;
}

/** Polls `read` until `done` accepts its value; after `timeoutMs` throws with `what` and the last value. */
export async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = ROWS_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; last seen: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

interface EvaluatesAll {
  $$eval<R>(selector: string, fn: (elements: Element[]) => R): Promise<R>;
}

/** The finding rows an extension page (popup, side panel) shows now, in order. */
export function readRows(page: EvaluatesAll): Promise<Row[]> {
  return page.$$eval('[data-verdict]', (rows) =>
    rows.map((r) => ({ verdict: r.getAttribute('data-verdict'), quoteId: r.getAttribute('data-quote-id'), text: r.textContent ?? '' })),
  );
}
