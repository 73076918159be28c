/**
 * Reads the corpus files bundled with the extension: `corpus-index.bin` (the
 * shipped index, read whole at every background start, in two parts at once) and `corpus.json`
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

export type Fetcher = (url: string, init?: RequestInit) => Promise<Pick<Response, 'ok' | 'status' | 'arrayBuffer'> & Partial<Pick<Response, 'blob'>>>;

const defaultFetch: Fetcher = (url, init) => fetch(url, init);

function assetUrl(asset: string): string {
  const getURL = browser.runtime.getURL as (path: string) => string;
  return getURL(`/${asset}`);
}

/** Resolves to a packaged file's bytes (not yet checked: src/host does that), or rejects naming the file. */
export async function readBundledAsset(asset: string, fetcher: Fetcher = defaultFetch, init?: RequestInit): Promise<ArrayBuffer> {
  return bodyBytes(asset, await readBundledAssetResponse(asset, fetcher, init));
}

/**
 * How the shipped index is read: its header first (64 bytes), then its two parts (the
 * match index and the quote table; the texts and ids: `shippedIndexParts` cuts near the
 * middle) at once, as two range requests. Chromium 156,
 * in the extension's worker, 44.5 MB at 100k quotations, 8 alternating rounds at load 7:
 * one request for the whole file 261-293 ms (median), the two parts at once 130-135 ms;
 * earlier rounds: the two halves one after the other 163 ms, three or four parts at once
 * 224-283 ms (a 2-core machine). The parts are opened where they are, without joining.
 */
export type IndexFile = Uint8Array | readonly [Uint8Array, Uint8Array];

/**
 * The bundled index (not yet checked: src/host does that). `layout` tells, from the
 * file's first `headBytes` bytes, its length and where its parts meet; `known`, when the
 * build embedded them, spares that first request (a round trip before the parts are asked
 * for). When it cannot
 * (not an index of this format), or the package answers a range with the whole file
 * (Firefox's moz-extension:), or a part is not the length the header gives (the second
 * part asks for one byte past the end, so a longer file shows too), the whole file is
 * read and returned as it is: the caller's hash check and `openShippedIndex` then say
 * what is wrong.
 */
export async function readBundledIndex(
  headBytes: number,
  layout: (head: Uint8Array) => { byteLength: number; splitAt: number },
  fetcher: Fetcher = defaultFetch,
  known?: IndexLayout,
): Promise<IndexFile> {
  const asset = CORPUS_INDEX_ASSET;
  const range = async (start: number, end: number) =>
    new Uint8Array(await bodyViaBlob(asset, await readBundledAssetResponse(asset, fetcher, { headers: { Range: `bytes=${start}-${end - 1}` } })));
  const whole = async () => new Uint8Array(await bodyViaBlob(asset, await readBundledAssetResponse(asset, fetcher)));
  let parts: IndexLayout;
  if (known) parts = known;
  else {
    const head = await range(0, headBytes);
    if (head.byteLength !== headBytes) return head.byteLength > headBytes ? head : whole();
    try {
      parts = layout(head);
    } catch {
      return whole();
    }
  }
  const { byteLength, splitAt } = parts;
  if (!(splitAt >= headBytes && splitAt <= byteLength)) return whole();
  const [first, second] = await Promise.all([range(0, splitAt), range(splitAt, byteLength + 1)]);
  if (first.byteLength === splitAt && second.byteLength === byteLength - splitAt) return [first, second];
  // A package that answers a range with the whole file (moz-extension:) or a file of another
  // length than the build's: what came whole is the file as it is, checked by the caller.
  return first.byteLength > splitAt ? first : whole();
}

/** A shipped index's length and where its parts meet: from its header, or as the build embedded it. */
export interface IndexLayout {
  byteLength: number;
  splitAt: number;
}

async function readBundledAssetResponse(asset: string, fetcher: Fetcher, init?: RequestInit): Promise<Awaited<ReturnType<Fetcher>>> {
  let response: Awaited<ReturnType<Fetcher>>;
  try {
    response = await fetcher(assetUrl(asset), init);
  } catch (error) {
    throw new Error(`${asset} could not be read from the extension package: ${message(error)}`);
  }
  if (!response.ok) {
    throw new Error(`${asset} is missing from the extension package (status ${response.status}); run npm run build:corpus, then build again`);
  }
  return response;
}

/**
 * The index's bytes by way of a Blob (`response.blob()`, then its `arrayBuffer()`), not
 * `response.arrayBuffer()`. Chromium 156, 100k quotations, the two parts read at once, the
 * extension process's private memory after a wake-up: 76.7-78.4 MB with arrayBuffer(),
 * 53.8-58.9 MB by way of a Blob (4 wake-ups each, alternating). Read with arrayBuffer(), a
 * ranged response (its length unknown to the reader) leaves an 18 MB buffer behind in the
 * process, and its chunks are taken in on the worker's thread, so a page's message waits
 * for the read; a Blob is filled outside the worker and copied in once, at its known size.
 * The read itself takes as long (121-176 against 135-186 ms).
 */
async function bodyViaBlob(asset: string, response: Awaited<ReturnType<Fetcher>>): Promise<ArrayBuffer> {
  if (!response.blob) return bodyBytes(asset, response);
  try {
    return await (await response.blob()).arrayBuffer();
  } catch (error) {
    throw new Error(`${asset} could not be read from the extension package: ${message(error)}`);
  }
}

async function bodyBytes(asset: string, response: Awaited<ReturnType<Fetcher>>): Promise<ArrayBuffer> {
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
