/**
 * The build's embedded facts (see BuildInfo in messages.ts). wxt.config.ts
 * defines `__QV_BUILD__` at build time; unit tests, which do not go through the
 * build, get the project's defaults and no corpus hash (so an integrity check
 * there refuses, as it should with nothing to check against).
 */
import type { BuildInfo } from './messages';

declare const __QV_BUILD__: BuildInfo | undefined;
declare const __QV_INDEX_LAYOUT__: { byteLength: number; splitAt: number } | null | undefined;
declare const __QV_SITES__: BuildInfo['sites'] | undefined;

const UNBUILT: BuildInfo = {
  name: 'Quote Verifier',
  shortName: 'QuoteVerify',
  brandColor: '#1f5fbf',
  contact: 'mailto:report@quote-verifier.org',
  sites: { only: [], never: [] },
};

/**
 * Read when called, not at import: the build replaces `__QV_BUILD__` with a literal;
 * unit tests (no build) may provide it as a global (vi.stubGlobal) per test.
 */
export function buildInfo(): BuildInfo {
  return typeof __QV_BUILD__ === 'undefined' || __QV_BUILD__ === undefined ? UNBUILT : __QV_BUILD__;
}

/**
 * The newsroom's default site lists, `buildInfo().sites`, embedded apart (`__QV_SITES__`): they
 * are all the content script needs of BuildInfo, whose two hashes and build date would cost
 * every frame about 150 bytes gzip (issue 16's budget) and move its size with each commit date.
 */
export function buildSites(): BuildInfo['sites'] {
  return typeof __QV_SITES__ === 'undefined' || __QV_SITES__ === undefined ? UNBUILT.sites : __QV_SITES__;
}

/**
 * The shipped index's length and where its two parts meet (`shippedIndexParts`), as the build
 * embedded them, so the background asks for both parts at once without reading the header
 * first; undefined without a build or a corpus. Kept out of BuildInfo, which every bundle
 * (the content script's too) embeds.
 */
export function indexLayout(): { byteLength: number; splitAt: number } | undefined {
  return typeof __QV_INDEX_LAYOUT__ === 'undefined' || __QV_INDEX_LAYOUT__ === null ? undefined : __QV_INDEX_LAYOUT__;
}

declare global {
  interface ImportMetaEnv {
    /** Defined by wxt.config.ts: true only in a test build (QV_TEST_BUILD=1). */
    readonly QV_TEST_BUILD?: boolean;
  }
}

/**
 * Whether this is a test build (`npm run build:test`): only then does the content
 * script tell the page anything (the `quote-verifier:*` events of the automation
 * contract). Store builds, and unit tests, say nothing to the page.
 */
export const TEST_BUILD: boolean = import.meta.env.QV_TEST_BUILD === true;
