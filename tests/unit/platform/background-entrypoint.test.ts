import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../entrypoints/background';
import { BACKGROUND_TEST_HANDLE, VERIFY_MENU_ID } from '../../../src/platform/context-menu';
import type { ScanResponse } from '../../../src/platform/messages';
import { PESKOV, sampleCorpus } from '../host/sample-corpus';
import { installFakeExtras, settle } from './fake-extras';

const UNBUILT_INFO = { name: 'Quote Verifier', shortName: 'QuoteVerify', brandColor: '#1f5fbf', contact: 'mailto:x@example.org', sites: { only: [], never: [] } };

let extras: ReturnType<typeof installFakeExtras>;

/** Starts the background as a build that shipped `shipped` (its hash embedded) and now finds `corpusBody`. */
function startBackground(corpusBody: string, status = 200, shipped = corpusBody) {
  const requested: string[] = [];
  vi.stubGlobal('__QV_BUILD__', { ...UNBUILT_INFO, corpusSha256: createHash('sha256').update(shipped, 'utf8').digest('hex'), builtAt: '2026-11-23T10:00:00.000Z' });
  vi.stubGlobal('fetch', async (url: string) => {
    requested.push(url);
    return new Response(corpusBody, { status });
  });
  void background.main();
  return requested;
}

beforeEach(() => {
  fakeBrowser.reset();
  extras = installFakeExtras();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('background entrypoint', () => {
  it('reads the packaged corpus and answers scans with verified findings', async () => {
    const requested = startBackground(JSON.stringify(sampleCorpus()));
    const answer = (await fakeBrowser.runtime.sendMessage({ type: 'qv:scan', text: `He said “${PESKOV.text}”` })) as ScanResponse;
    expect(requested).toEqual(['chrome-extension://test-extension-id/corpus.json']);
    expect(answer.corpus).toMatchObject({ ok: true, name: 'Sample newsroom', quoteCount: 2, documentCount: 1, builtAt: '2026-11-23T10:00:00.000Z' });
    expect(answer.corpus.ok && answer.corpus.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(answer.findings.map((f) => f.verdict)).toEqual(['verified']);
    expect(answer.quotes[PESKOV.id]?.speaker.name).toBe('Dmitry Peskov');
  });

  it('still answers hello (the smoke test uses it)', async () => {
    startBackground(JSON.stringify(sampleCorpus()));
    expect(await fakeBrowser.runtime.sendMessage({ type: 'qv:hello', url: 'https://a.example/' })).toEqual({ type: 'qv:hello', ok: true, extensionVersion: '0.0.0-test' });
  });

  it('refuses a broken corpus: no verified findings, and the reason', async () => {
    startBackground(JSON.stringify({ ...sampleCorpus(), version: 2 }));
    const answer = (await fakeBrowser.runtime.sendMessage({ type: 'qv:scan', text: PESKOV.text })) as ScanResponse;
    expect(answer.findings).toEqual([]);
    expect(answer.corpus).toMatchObject({ ok: false });
    expect(answer.corpus.ok ? '' : answer.corpus.error).toMatch(/^corpus\.json is not a valid corpus: version/);
  });

  it('refuses a corpus changed after the build: integrity error, nothing verified, ERR badge on every tab', async () => {
    const good = JSON.stringify(sampleCorpus());
    // The same corpus with one byte changed: still a valid corpus, but not the one shipped.
    const tampered = good.replace('"name":"Sample newsroom"', '"name":"Sample newsroon"');
    expect(tampered).not.toBe(good);
    startBackground(tampered, 200, good);
    const answer = (await fakeBrowser.runtime.sendMessage({ type: 'qv:scan', text: `He said “${PESKOV.text}”` })) as ScanResponse;
    expect(answer.findings).toEqual([]);
    expect(answer.corpus).toMatchObject({ ok: false, reason: 'integrity' });
    expect(answer.corpus.ok ? '' : answer.corpus.error).toMatch(/corpus\.json failed its integrity check/);
    await settle();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('ERR');
  });

  it('refuses a missing corpus file with a message naming it', async () => {
    startBackground('', 404);
    const answer = (await fakeBrowser.runtime.sendMessage({ type: 'qv:lookup', text: PESKOV.text })) as ScanResponse;
    expect(answer.corpus.ok ? '' : answer.corpus.error).toMatch(/corpus\.json is missing/);
  });

  it('paints each tab’s badge from its frames’ reports and clears it on navigation', async () => {
    startBackground(JSON.stringify(sampleCorpus()));
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
    startBackground(JSON.stringify(sampleCorpus()));
    await settle();
    expect(extras.menuItems.map((m) => m.id)).toEqual([VERIFY_MENU_ID]);
    await extras.onClicked.trigger({ menuItemId: VERIFY_MENU_ID, selectionText: 'a quote', frameId: 0 }, { id: 12 });
    await settle();
    expect(extras.sent).toEqual([{ tabId: 12, message: { type: 'qv:verify-selection', text: 'a quote' }, options: { frameId: 0 } }]);
  });

  it('exposes its real menu and command listeners to end-to-end tests', async () => {
    startBackground(JSON.stringify(sampleCorpus()));
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
