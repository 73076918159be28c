/**
 * The page events of the automation contract (docs/architecture.md), for test builds only.
 * Only the content entrypoint imports this, behind `TEST_BUILD`, so a store build's bundle
 * carries none of these names (tests/e2e/store-silence.test.ts checks the files).
 */
import type { TestEventNames } from './page-controller';

export const TEST_EVENTS: TestEventNames = {
  scanned: 'quote-verifier:scanned',
  query: 'quote-verifier:query',
};

/** Dispatched once the content script is ready, with the extension's version as `detail`. */
export const READY_EVENT = 'quote-verifier:ready';
