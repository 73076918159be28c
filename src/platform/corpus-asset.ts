/**
 * Reads the corpus files bundled with the extension: `corpus-index.bin` (the
 * shipped index, read whole at every background start) and `corpus.json`
 * (read a piece at a time, when an answer needs a quote's record).
 *
 * Why packaged files read with fetch(runtime.getURL(...)) and not a JSON
 * import: an import would put the whole corpus inside background.js, so the
 * service worker would parse it as code on every wake-up even when a message
 * needs nothing from it. The background hashes what it reads (the SHA-256s the
 * build embedded, src/host/integrity.ts and src/host/shipped-host.ts) before
 * using it. The URLs are the extension's own (chrome-extension:// or
 * moz-extension://): nothing goes to the network. The files are not
 * web-accessible: pages cannot read or probe them.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';

/** Packaged path of the corpus; wxt.config.ts writes the packed data/corpus.json there at build time. */
export const CORPUS_ASSET = 'corpus.json';
/** Packaged path of the shipped index (src/config/package-corpus.ts), beside the corpus. */
export const CORPUS_INDEX_ASSET = 'corpus-index.bin';

export type Fetcher = (url: string, init?: RequestInit) => Promise<Pick<Response, 'ok' | 'status' | 'arrayBuffer'>>;

const defaultFetch: Fetcher = (url, init) => fetch(url, init);

function assetUrl(asset: string): string {
  const getURL = browser.runtime.getURL as (path: string) => string;
  return getURL(`/${asset}`);
}

/** Resolves to a packaged file's bytes (not yet checked: src/host does that), or rejects naming the file. */
export async function readBundledAsset(asset: string, fetcher: Fetcher = defaultFetch, init?: RequestInit): Promise<ArrayBuffer> {
  let response: Awaited<ReturnType<Fetcher>>;
  try {
    response = await fetcher(assetUrl(asset), init);
  } catch (error) {
    throw new Error(`${asset} could not be read from the extension package: ${message(error)}`);
  }
  if (!response.ok) {
    throw new Error(`${asset} is missing from the extension package (status ${response.status}); run npm run build:corpus, then build again`);
  }
  try {
    return await response.arrayBuffer();
  } catch (error) {
    throw new Error(`${asset} could not be read from the extension package: ${message(error)}`);
  }
}

/** The bundled corpus.json, whole (for tools and tests; the background reads pieces). */
export function readBundledCorpus(fetcher: Fetcher = defaultFetch): Promise<ArrayBuffer> {
  return readBundledAsset(CORPUS_ASSET, fetcher);
}

/**
 * Bytes [start, end) of the bundled corpus.json. Asks for the range (Chromium serves
 * just those bytes from an extension's files); a browser that sends the whole file
 * instead (Firefox's moz-extension:) gets it cut here. Either way the caller checks
 * the bytes' hash.
 */
export async function readBundledCorpusRange(start: number, end: number, fetcher: Fetcher = defaultFetch): Promise<Uint8Array> {
  if (end <= start) return new Uint8Array(0);
  const bytes = new Uint8Array(await readBundledAsset(CORPUS_ASSET, fetcher, { headers: { Range: `bytes=${start}-${end - 1}` } }));
  if (bytes.byteLength === end - start) return bytes;
  if (bytes.byteLength >= end) return bytes.slice(start, end);
  throw new Error(`${CORPUS_ASSET}: asked for bytes ${start}-${end}, the package holds ${bytes.byteLength}`);
}

/**
 * Which shipped files the background checked in full in this browser session, by their
 * SHA-256 (`session:shippedChecked`): the index at its first start, every piece of
 * corpus.json soon after. Session storage outlives a stopped service worker, not the
 * browser or an update of the extension, and content scripts cannot write it; a woken
 * worker trusts a file checked earlier in the session instead of hashing it again.
 */
export type ShippedFile = 'corpus' | 'index';

const shippedChecked = storage.defineItem<Partial<Record<ShippedFile, string>>>('session:shippedChecked', { fallback: {} });

export async function checkedThisSession(file: ShippedFile, sha256: string): Promise<boolean> {
  try {
    return (await shippedChecked.getValue())[file] === sha256;
  } catch {
    return false;
  }
}

export async function markChecked(file: ShippedFile, sha256: string): Promise<void> {
  try {
    await shippedChecked.setValue({ ...(await shippedChecked.getValue()), [file]: sha256 });
  } catch {
    // No session storage: the next start checks again.
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
