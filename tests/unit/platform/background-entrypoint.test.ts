import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../entrypoints/background';
import { BACKGROUND_TEST_HANDLE, VERIFY_MENU_ID } from '../../../src/platform/context-menu';
import type { ScanResponse } from '../../../src/platform/messages';
import { packValidCorpus } from '../../../src/config/package-corpus';
import type { Corpus } from '../../../src/corpus/schema';
import type { ShippedCorpusMeta } from '../../../src/corpus/shipped';
import { openShippedIndex, shippedIndexParts } from '../../../src/match/match-index';
import { PESKOV, sampleCorpus } from '../host/sample-corpus';
import { installFakeExtras, settle } from './fake-extras';

const UNBUILT_INFO = { name: 'Quote Verifier', shortName: 'QuoteVerify', brandColor: '#1f5fbf', contact: 'mailto:x@example.org', sites: { only: [], never: [] } };

let extras: ReturnType<typeof installFakeExtras>;

interface Served {
  /** corpus.json as the package holds it now (default: what the build shipped). */
  corpus?: string;
  /** corpus-index.bin as the package holds it now (default: what the build shipped). */
  index?: Uint8Array;
  /** HTTP status of both files (404: missing). */
  status?: number;
  /** Answer a Range request with the whole file, as Firefox does for moz-extension: files. */
  ignoreRange?: boolean;
  /** The build embedded the hash of the served index (a build whose index is of another format). */
  indexHashOfServed?: boolean;
}

/**
 * Starts the background as a build that shipped `shipped` (corpus.json and corpus-index.bin
 * packed as wxt.config.ts packs them, their hashes embedded) and now finds `served`.
 */
function startBackground(shipped: Corpus = sampleCorpus(), served: Served = {}) {
  const requested: string[] = [];
  const packed = packValidCorpus(shipped, 'data/corpus.json');
  vi.stubGlobal('__QV_BUILD__', {
    ...UNBUILT_INFO,
    corpusSha256: packed.sha256,
    corpusIndexSha256: served.indexHashOfServed && served.index ? createHashHex(served.index) : packed.indexSha256,
    builtAt: '2026-11-23T10:00:00.000Z',
  });
  const corpus = new TextEncoder().encode(served.corpus ?? packed.json);
  const index = served.index ?? packed.index;
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const range = new Headers(init?.headers).get('Range');
    requested.push(range ? `${url} ${range}` : url);
    if (served.status !== undefined && served.status !== 200) return new Response('', { status: served.status });
    const file = url.endsWith('/corpus-index.bin') ? index : corpus;
    const m = /^bytes=(\d+)-(\d+)$/.exec(range ?? '');
    // A range past the end is cut at the end, as an HTTP server and Chromium's extension files do.
    return new Response(m && !served.ignoreRange ? file.slice(Number(m[1]), Number(m[2]) + 1) : file.slice());
  });
  void background.main();
  return { requested, packed };
}

beforeEach(() => {
  fakeBrowser.reset();
  extras = installFakeExtras();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('background entrypoint', () => {
  it('opens the packaged index, reads the records it needs from corpus.json, and answers scans with verified findings', async () => {
    const { requested, packed } = startBackground();
    const answer = (await fakeBrowser.runtime.sendMessage({ type: 'qv:scan', text: `He said “${PESKOV.text}”` })) as ScanResponse;
    // The index's header, then its two parts at once (the second asks one byte past the
    // end, to see a longer file); of corpus.json only the piece holding the quote's record.
    const [start, end] = (JSON.parse(openShippedIndex(packed.index).meta) as ShippedCorpusMeta).pieces[1]!;
    const { splitAt, byteLength } = shippedIndexParts(packed.index);
    expect(byteLength).toBe(packed.index.byteLength);
    expect(requested.slice(0, 4)).toEqual([
      'chrome-extension://test-extension-id/corpus-index.bin bytes=0-63',
      `chrome-extension://test-extension-id/corpus-index.bin bytes=0-${splitAt - 1}`,
      `chrome-extension://test-extension-id/corpus-index.bin bytes=${splitAt}-${byteLength}`,
      `chrome-extension://test-extension-id/corpus.json bytes=${start}-${end! - 1}`,
    ]);
    expect(answer.corpus).toMatchObject({ ok: true, name: 'Sample newsroom', quoteCount: 2, documentCount: 1, builtAt: '2026-11-23T10:00:00.000Z' });
    expect(answer.corpus.ok && answer.corpus.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(answer.findings.map((f) => f.verdict)).toEqual(['verified']);
    expect(answer.quotes[PESKOV.id]?.speaker.name).toBe('Dmitry Peskov');
  });

  it('still answers hello (the smoke test uses it)', async () => {
    startBackground();
    expect(await fakeBrowser.runtime.sendMessage({ type: 'qv:hello', url: 'https://a.example/' })).toEqual({ type: 'qv:hello', ok: true, extensionVersion: '0.0.0-test' });
  });

  it('refuses an index it cannot read (another format version), naming the file', async () => {
    // A build whose embedded hash is of an index in a format this engine does not read.
    const future = packFor(sampleCorpus()).index.slice();
    new DataView(future.buffer).setUint32(4, 999, true);
    startBackground(sampleCorpus(), { index: future, indexHashOfServed: true });
    const answer = (await fakeBrowser.runtime.sendMessage({ type: 'qv:scan', text: PESKOV.text })) as ScanResponse;
    expect(answer.findings).toEqual([]);
    expect(answer.corpus).toMatchObject({ ok: false, reason: 'invalid' });
    expect(answer.corpus.ok ? '' : answer.corpus.error).toMatch(/^corpus-index\.bin: shipped index format 999/);
  });

  it('refuses an index changed after the build: integrity error, nothing verified, ERR badge on every tab', async () => {
    const { packed } = startBackground(sampleCorpus(), { index: flipLastByte(packFor(sampleCorpus()).index) });
    expect(packed.index.length).toBeGreaterThan(0);
    const answer = (await fakeBrowser.runtime.sendMessage({ type: 'qv:scan', text: `He said “${PESKOV.text}”` })) as ScanResponse;
    expect(answer.findings).toEqual([]);
    expect(answer.corpus).toMatchObject({ ok: false, reason: 'integrity' });
    expect(answer.corpus.ok ? '' : answer.corpus.error).toMatch(/corpus-index\.bin failed its integrity check/);
    await settle();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('ERR');
  });

  it('refuses an index that grew after the build (bytes appended past what its header says): integrity error', async () => {
    const shipped = packFor(sampleCorpus()).index;
    const longer = new Uint8Array(shipped.byteLength + 8);
    longer.set(shipped);
    startBackground(sampleCorpus(), { index: longer });
    const answer = (await fakeBrowser.runtime.sendMessage({ type: 'qv:scan', text: `He said “${PESKOV.text}”` })) as ScanResponse;
    expect(answer.findings).toEqual([]);
    expect(answer.corpus).toMatchObject({ ok: false, reason: 'integrity' });
    expect(answer.corpus.ok ? '' : answer.corpus.error).toMatch(/corpus-index\.bin failed its integrity check/);
  });

  it('refuses an index cut short after the build: integrity error', async () => {
    startBackground(sampleCorpus(), { index: packFor(sampleCorpus()).index.slice(0, -4) });
    const answer = (await fakeBrowser.runtime.sendMessage({ type: 'qv:scan', text: `He said “${PESKOV.text}”` })) as ScanResponse;
    expect(answer.findings).toEqual([]);
    expect(answer.corpus).toMatchObject({ ok: false, reason: 'integrity' });
  });

  for (const ignoreRange of [false, true]) {
    it(`refuses a corpus changed after the build${ignoreRange ? ' (whole file for a range, as Firefox)' : ''}: integrity error, nothing verified, ERR badge on every tab`, async () => {
      const good = packFor(sampleCorpus()).json;
      // The same corpus with one byte of a record changed: still a valid corpus, but not the one shipped.
      const tampered = good.replace('Kremlin spokesman', 'Kremlin spokesmen');
      expect(tampered).not.toBe(good);
      startBackground(sampleCorpus(), { corpus: tampered, ignoreRange });
      const answer = (await fakeBrowser.runtime.sendMessage({ type: 'qv:scan', text: `He said “${PESKOV.text}”` })) as ScanResponse;
      expect(answer.findings).toEqual([]);
      expect(answer.corpus).toMatchObject({ ok: false, reason: 'integrity' });
      expect(answer.corpus.ok ? '' : answer.corpus.error).toMatch(/corpus\.json failed its integrity check/);
      await settle();
      expect(await fakeBrowser.action.getBadgeText({})).toBe('ERR');
      // From then on every answer is refused, for every tab.
      const later = (await fakeBrowser.runtime.sendMessage({ type: 'qv:lookup', text: PESKOV.text })) as ScanResponse;
      expect(later.corpus).toMatchObject({ ok: false, reason: 'integrity' });
    });
  }

  it('reads the index and the shipped records through whole-file answers too (Firefox ignores Range)', async () => {
    const { requested } = startBackground(sampleCorpus(), { ignoreRange: true });
    const answer = (await fakeBrowser.runtime.sendMessage({ type: 'qv:scan', text: `He said “${PESKOV.text}”` })) as ScanResponse;
    expect(answer.findings.map((f) => f.verdict)).toEqual(['verified']);
    expect(answer.quotes[PESKOV.id]).toEqual(PESKOV);
    // The header's request brought the whole index: it is not asked for again.
    expect(requested.filter((r) => r.includes('corpus-index.bin'))).toEqual(['chrome-extension://test-extension-id/corpus-index.bin bytes=0-63']);
  });

  it('checks every piece of corpus.json once per session, after the first answers, and refuses a change no answer read', async () => {
    const good = packFor(sampleCorpus()).json;
    // The head of the file (the corpus name): no answer ever reads it.
    const { requested } = startBackground(sampleCorpus(), { corpus: good.replace('"name":"Sample newsroom"', '"name":"Sample newsroon"') });
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('ERR'));
    // Piece by piece (head, one shard, tail), never the whole file at once.
    expect(requested.filter((r) => r.includes('corpus.json')).every((r) => / bytes=\d+-\d+$/.test(r))).toBe(true);
    const answer = (await fakeBrowser.runtime.sendMessage({ type: 'qv:scan', text: `He said “${PESKOV.text}”` })) as ScanResponse;
    expect(answer.corpus).toMatchObject({ ok: false, reason: 'integrity' });
  });

  it('refuses a missing index file with a message naming it', async () => {
    startBackground(sampleCorpus(), { status: 404 });
    const answer = (await fakeBrowser.runtime.sendMessage({ type: 'qv:lookup', text: PESKOV.text })) as ScanResponse;
    expect(answer.corpus.ok ? '' : answer.corpus.error).toMatch(/corpus-index\.bin is missing/);
  });

  it('paints each tab’s badge from its frames’ reports and clears it on navigation', async () => {
    startBackground();
    // The badge waits for the corpus (read, hashed, indexed); a scan answer means it is ready.
    await fakeBrowser.runtime.sendMessage({ type: 'qv:scan', text: '' });
    // A frame scans (the background keeps the verdicts), then says which findings it drew.
    const VERIFIED = '“We have only seen newspaper articles so far, and we will not respond to them.”';
    const ALTERED = '“We have only seen newspaper articles so far, and we will respond to them.”';
    const report = async (tabId: number, frameId: number, text: string) => {
      const sender = { tab: { id: tabId } as never, frameId };
      const [answer] = (await fakeBrowser.runtime.onMessage.trigger({ type: 'qv:scan', text }, sender)) as unknown as Promise<ScanResponse>[];
      const scan = await answer!;
      await fakeBrowser.runtime.onMessage.trigger({ type: 'qv:findings', scanId: scan.scanId, located: scan.findings.map((_, i) => i) }, sender);
      return scan;
    };
    expect((await report(3, 0, `${VERIFIED} ${VERIFIED}`)).findings.map((f) => f.verdict)).toEqual(['verified', 'verified']);
    await settle();
    expect(await fakeBrowser.action.getBadgeText({ tabId: 3 })).toBe('2');
    expect((await report(3, 1, ALTERED)).findings.map((f) => f.verdict)).toEqual(['altered']);
    await report(8, 0, VERIFIED);
    await settle();
    expect(await fakeBrowser.action.getBadgeText({ tabId: 3 })).toBe('!3');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 8 })).toBe('1');
    await fakeBrowser.tabs.onUpdated.trigger(3, { status: 'loading' }, {} as never);
    await settle();
    expect(await fakeBrowser.action.getBadgeText({ tabId: 3 })).toBe('');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 8 })).toBe('1');
  });

  it('wires the context menu to the tab', async () => {
    startBackground();
    await settle();
    expect(extras.menuItems.map((m) => m.id)).toEqual([VERIFY_MENU_ID]);
    await extras.onClicked.trigger({ menuItemId: VERIFY_MENU_ID, selectionText: 'a quote', frameId: 0 }, { id: 12 });
    await settle();
    expect(extras.sent).toEqual([{ tabId: 12, message: { type: 'qv:verify-selection', text: 'a quote' }, options: { frameId: 0 } }]);
  });

  it('exposes its real menu and command listeners to end-to-end tests', async () => {
    startBackground();
    const handle = (globalThis as Record<string, unknown>)[BACKGROUND_TEST_HANDLE] as {
      contextMenuClicked(info: object, tab: object): void;
      command(name: string, tab: object): void;
    };
    handle.contextMenuClicked({ menuItemId: VERIFY_MENU_ID, selectionText: 'typed', frameId: 3 }, { id: 21 });
    handle.command('previous-finding', { id: 22 });
    await settle();
    expect(extras.sent).toEqual([
      { tabId: 21, message: { type: 'qv:verify-selection', text: 'typed' }, options: { frameId: 3 } },
      { tabId: 22, message: { type: 'qv:navigate', direction: -1 }, options: { frameId: 0 } },
    ]);
  });
});

function packFor(corpus: Corpus) {
  return packValidCorpus(corpus, 'data/corpus.json');
}

function flipLastByte(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  out[out.length - 1]! ^= 1;
  return out;
}

function createHashHex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
