/**
 * Loads the corpus bundled with the extension.
 *
 * Why a packaged file read with fetch(runtime.getURL(...)) and not a JSON
 * import: an import would put the whole corpus inside background.js, so the
 * service worker would parse it as code on every wake-up even when a message
 * needs nothing from it, and a 100k-quote corpus would keep both the source
 * text and the objects alive. The packaged file is read once per background
 * start, hashed (its SHA-256 must match the one the build embedded), parsed, and
 * its bytes dropped, and the background script stays small. The URL is the extension's own (chrome-extension:// or
 * moz-extension://): nothing goes to the network. The file is not
 * web-accessible: pages cannot read or probe it.
 */
import { browser } from 'wxt/browser';

/** Packaged path of the corpus; wxt.config.ts copies data/corpus.json there at build time. */
export const CORPUS_ASSET = 'corpus.json';

export type Fetcher = (url: string) => Promise<Pick<Response, 'ok' | 'status' | 'arrayBuffer'>>;

/** Resolves to the file's bytes (not yet checked or parsed: src/host does both), or rejects naming the file. */
export async function readBundledCorpus(fetcher: Fetcher = (url) => fetch(url)): Promise<ArrayBuffer> {
  const getURL = browser.runtime.getURL as (path: string) => string;
  const url = getURL(`/${CORPUS_ASSET}`);
  let response: Awaited<ReturnType<Fetcher>>;
  try {
    response = await fetcher(url);
  } catch (error) {
    throw new Error(`${CORPUS_ASSET} could not be read from the extension package: ${message(error)}`);
  }
  if (!response.ok) {
    throw new Error(`${CORPUS_ASSET} is missing from the extension package (status ${response.status}); run npm run build:corpus, then build again`);
  }
  try {
    return await response.arrayBuffer();
  } catch (error) {
    throw new Error(`${CORPUS_ASSET} could not be read from the extension package: ${message(error)}`);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
