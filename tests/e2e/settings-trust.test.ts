/**
 * A compromised content script cannot change the reader's settings (issue 12: it could
 * switch scanning off for every tab through storage.local). In Chromium with the store
 * build: the background closes storage.local to content scripts (setAccessLevel
 * TRUSTED_CONTEXTS) and serves them the settings by message instead.
 *
 * Code running in the content script's world is simulated as in hostile-background.test.ts:
 * DevTools evaluates in the extension's isolated world of the page's top frame. From there
 * a write and a read of `local:settings` are refused, and the stored settings are unchanged.
 * The control: the same settings sent by an extension page (the options page) through the
 * background are stored and reach the open tab at once, by message. And a write that did
 * not come through the background (what a content script can still do in Firefox, which
 * has no access level for storage.local) is put back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium, type ChromiumSession, type ExtensionApi } from './harness/chromium.ts';
import { startServer, type TestServer } from './harness/server.ts';
import { poll, readRows, type Row } from './harness/rows.ts';

declare const chrome: ExtensionApi;

const PAGE = 'in-page.html';
/** The WXT item `local:settings` is the key `settings` of storage.local. */
const KEY = 'settings';

async function contentScriptWorld(cdp: CDPSession, extensionId: string): Promise<number> {
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const ours = await poll(
    async () => contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.startsWith(`chrome-extension://${extensionId}`)),
    (c) => c !== undefined,
    'No content-script world of the extension in the tab',
  );
  return ours!.id;
}

async function inContentScript(cdp: CDPSession, contextId: number, expression: string): Promise<unknown> {
  const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', { contextId, expression, awaitPromise: true, returnByValue: true })) as {
    result: { value?: unknown };
    exceptionDetails?: { text: string; exception?: { description?: string } };
  };
  if (exceptionDetails) throw new Error(`In the content script: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value;
}

describe('a compromised content script and the reader’s settings (Chromium, store build)', () => {
  let server: TestServer;
  let session: ChromiumSession;
  let page: Page;
  let tabId: number;
  let cdp: CDPSession;
  let world: number;

  const stored = () => session.evaluateInServiceWorker(async (key) => (await chrome.storage.local.get(key))[key] ?? null, KEY);
  const popupRows = async (done: (rows: Row[]) => boolean, what: string) => {
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    const rows = await poll(() => readRows(popup), done, what);
    await popup.close();
    return rows;
  };

  beforeAll(async () => {
    server = await startServer();
    session = await launchChromium({ server, build: 'store' });
    page = await session.openPage(PAGE);
    await page.bringToFront();
    tabId = await session.evaluateInServiceWorker(async () => (await chrome.tabs.query({ active: true }))[0]!.id!);
    await popupRows((r) => r.some((x) => x.verdict === 'verified'), 'The page was not scanned');
    cdp = await session.context.newCDPSession(page);
    world = await contentScriptWorld(cdp, session.extensionId);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('cannot write or read local:settings; the stored settings and the tab’s findings are unchanged', async () => {
    const before = await stored();
    const write = await inContentScript(
      cdp,
      world,
      `chrome.storage.local.set({ ${KEY}: { autoScan: false, showUnverified: false, highlightStyle: 'tinted', neverScan: [], onlyScan: [], pausedSites: [] } }).then(() => 'written', (e) => 'refused: ' + e.message)`,
    );
    expect(write).toMatch(/^refused: Access to storage is not allowed from this context/);
    const read = await inContentScript(cdp, world, `chrome.storage.local.get(${JSON.stringify(KEY)}).then(() => 'read', (e) => 'refused: ' + e.message)`);
    expect(read).toMatch(/^refused: /);
    expect(await stored()).toEqual(before);
    // Still scanning: a reload is scanned and listed again.
    await page.reload({ waitUntil: 'load' });
    const rows = await popupRows((r) => r.some((x) => x.verdict === 'verified'), 'The page stopped being scanned');
    expect(rows.length).toBeGreaterThan(0);
  });

  it('the extension’s own write (control) goes through the background, is stored and reaches the open tab by message', async () => {
    const options = await session.context.newPage();
    await options.goto(session.extensionUrl('options.html'));
    const write = (autoScan: boolean) =>
      options.evaluate(
        (value) => chrome.runtime.sendMessage({ type: 'qv:settings-set', settings: { autoScan: value, showUnverified: false, highlightStyle: 'tinted', neverScan: [], onlyScan: [], pausedSites: [] } }),
        autoScan,
      );
    expect(await write(false)).toMatchObject({ type: 'qv:settings', settings: { autoScan: false } });
    expect(await stored()).toMatchObject({ autoScan: false });
    // Auto-scan off empties the tab's list at once (the content script heard qv:settings-changed).
    await popupRows((r) => r.length === 0, 'The open tab did not stop after auto-scan was switched off');
    await write(true);
    await popupRows((r) => r.some((x) => x.verdict === 'verified'), 'The open tab did not resume');
    await options.close();
  });

  it('a write to storage that did not come through the background (what a Firefox content script could do) is put back', async () => {
    const before = await stored();
    await session.evaluateInServiceWorker(
      async (key) => chrome.storage.local.set({ [key]: { autoScan: false, showUnverified: false, highlightStyle: 'tinted', neverScan: [], onlyScan: [], pausedSites: [] } }),
      KEY,
    );
    await poll(stored, (value) => JSON.stringify(value) === JSON.stringify(before), 'The foreign write was not put back');
    const rows = await popupRows((r) => r.some((x) => x.verdict === 'verified'), 'The open tab stopped');
    expect(rows.length).toBeGreaterThan(0);
  });
});
