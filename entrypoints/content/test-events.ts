/**
 * Test builds only (TEST_BUILD): the page events of the automation contract
 * (docs/architecture.md). The entrypoint imports this only under TEST_BUILD, so a store
 * build carries neither the code nor the event names: no page learns that the reader runs
 * the extension or what it judged (tests/e2e/store-silence.test.ts).
 *
 * After each scan `quote-verifier:scanned` is dispatched on `document` with `detail` a JSON
 * string `{"findings":[{verdict, quoteId, text, flags}], "timing": {...}}` (a string crosses
 * Firefox's Xray boundary); a page (or a test) dispatches `quote-verifier:query` on
 * `document` to have the last one sent again.
 */
import type { ScannedDetail } from '../../src/page/page-controller';

const SCANNED_EVENT = 'quote-verifier:scanned';
const QUERY_EVENT = 'quote-verifier:query';

/** Starts answering queries; returns what the controller calls after each scan (null: scanning stopped). */
export function pageEvents(doc: Document, signal: AbortSignal): (detail: ScannedDetail | null) => void {
  let last = '';
  doc.addEventListener(
    QUERY_EVENT,
    () => {
      if (last) doc.dispatchEvent(new CustomEvent(SCANNED_EVENT, { detail: last }));
    },
    { signal },
  );
  return (detail) => {
    last = detail ? JSON.stringify(detail) : '';
    if (last) doc.dispatchEvent(new CustomEvent(SCANNED_EVENT, { detail: last }));
  };
}

/** Announces readiness with an event, not a DOM change: the page's DOM is never edited. */
export function announceReady(doc: Document, version: string): void {
  doc.dispatchEvent(new CustomEvent('quote-verifier:ready', { detail: version }));
}
