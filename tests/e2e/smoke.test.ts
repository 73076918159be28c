/**
 * Smoke test (issue 2): the BUILT extension in real headless Chromium and Firefox.
 * The background starts, the content script runs on a page served from 127.0.0.1,
 * the page's DOM is left as it was, and nothing leaves the browser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './harness/server.ts';
import { launchChromium, type ChromiumSession, type ExtensionApi } from './harness/chromium.ts';
import { launchFirefox, type FirefoxSession } from './harness/firefox.ts';

// `chrome` as seen inside service-worker callbacks (they run in the browser, not here).
declare const chrome: ExtensionApi;

describe('Chromium (Playwright)', () => {
  let server: TestServer;
  let session: ChromiumSession;

  beforeAll(async () => {
    server = await startServer();
    session = await launchChromium({ server });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('starts the background service worker, which registered its message listener', async () => {
    expect(session.extensionId).toMatch(/^[a-p]{32}$/);
    const answer = await session.evaluateInServiceWorker(() => ({
      version: chrome.runtime.getManifest().version,
      listening: chrome.runtime.onMessage.hasListeners(),
    }));
    expect(answer).toEqual({ version: session.extension.manifest.version, listening: true });
  });

  it('runs the content script on a 127.0.0.1 page, which hears back from the background', async () => {
    const page = await session.openPage('smoke.html');
    // The content script fires the event only after the background answered.
    expect(await session.waitForReady(page)).toEqual([session.extension.manifest.version]);
    await page.close();
  });

  it('leaves the page DOM serialized exactly as it was before the content script ran', async () => {
    const page = await session.openPage('smoke.html');
    await session.waitForReady(page);
    const probe = await session.probe(page);
    expect(probe.domAtParse).toContain('We are not in a hurry');
    expect(probe.domNow).toBe(probe.domAtParse);
    await page.close();
  });

  it('lets no request leave the browser: only the 127.0.0.1 page loads', async () => {
    const page = await session.openPage('smoke.html');
    await session.waitForReady(page);
    // Typing into form fields wakes the browser's own services (autofill, spell check):
    // the harness keeps them quiet, so what is left to see is the extension's doing.
    await page.fill('input[name=name]', 'A reader');
    await page.click('textarea');
    await page.keyboard.type('Teh quick brwn fox.');
    await page.close();
    const pageLoads = server.requests().filter((r) => r.local && r.url.endsWith('/smoke.html'));
    expect(pageLoads.length).toBeGreaterThanOrEqual(3);
    expect(session.requests().some((r) => r.url === server.url('smoke.html'))).toBe(true);
    expect(session.unexpectedRequests()).toEqual([]);
  });

  // Controls: the checks above can fail. The DOM comparison sees a change in the
  // light DOM and inside an open shadow root.
  it('detects a DOM change, also inside an open shadow root (control)', async () => {
    const page = await session.openPage('probe-control.html');
    await session.waitForReady(page);
    const untouched = await session.probe(page);
    expect(untouched.domAtParse).toContain('Shadow text.');
    expect(untouched.domNow).toBe(untouched.domAtParse);
    await page.evaluate(() => {
      const inside = document.getElementById('host')?.shadowRoot?.getElementById('inside');
      if (inside) inside.textContent = 'Changed shadow text.';
    });
    const shadowChanged = await session.probe(page);
    expect(shadowChanged.domNow).toContain('Changed shadow text.');
    expect(shadowChanged.domNow).not.toBe(shadowChanged.domAtParse);
    await page.close();
  });

  it('records an iframe\'s own document, not its initial about:blank (control)', async () => {
    const page = await session.openPage('framed.html');
    await session.waitForReady(page);
    const inner = page.frames().find((f) => f.url().endsWith('/framed-inner.html'));
    expect(inner).toBeDefined();
    expect((await session.probe(inner!)).domAtParse).toContain('The inner page');
    await page.close();
  });

  // A request sent from the extension's own
  // service worker is caught both by Playwright and by the proxy, and refused.
  it('detects a request sent from the extension service worker (control)', async () => {
    const canary = 'http://qv-canary.invalid/ping';
    const status = await session.evaluateInServiceWorker(
      async (url) => (await fetch(url).catch(() => undefined))?.status ?? 0,
      canary,
    );
    expect(status).toBe(403);
    expect(session.requests()).toContainEqual(
      expect.objectContaining({ url: canary, source: 'service-worker' }),
    );
    expect(session.unexpectedRequests()).toEqual([
      expect.stringContaining(`service-worker`),
      `left the browser (seen by the proxy) -> GET ${canary}`,
    ]);
  });
});

describe('Firefox (puppeteer-core, WebDriver BiDi)', () => {
  let server: TestServer;
  let session: FirefoxSession;

  beforeAll(async () => {
    server = await startServer();
    session = await launchFirefox({ server });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('installs the extension under its manifest id', () => {
    const gecko = (session.extension.manifest.browser_specific_settings as { gecko: { id: string } }).gecko;
    expect(session.addonId).toBe(gecko.id);
  });

  it('runs the content script on a 127.0.0.1 page, which hears back from the background', async () => {
    const page = await session.openPage('smoke.html');
    // The content script fires the event only after the background answered.
    expect(await session.waitForReady(page)).toEqual([session.extension.manifest.version]);
    const probe = await session.probe(page);
    expect(probe.domAtParse).toContain('We are not in a hurry');
    expect(probe.domNow).toBe(probe.domAtParse);
    await page.close();
  });

  it('lets no request leave the browser: only the 127.0.0.1 page loads', async () => {
    const page = await session.openPage('smoke.html');
    await session.waitForReady(page);
    await page.type('input[name=name]', 'A reader');
    await page.type('textarea', 'Teh quick brwn fox.');
    await page.close();
    expect(server.requests().filter((r) => r.local && r.url === server.url('smoke.html')).length).toBe(2);
    expect(session.unexpectedRequests()).toEqual([]);
  });

  // Firefox keeps an iframe's window when its real document replaces the initial
  // about:blank one, and runs no preload script for it: the probe must follow.
  it('records an iframe\'s own document, not its initial about:blank (control)', async () => {
    const page = await session.openPage('framed.html');
    await session.waitForReady(page);
    const inner = page.frames().find((f) => f.url().endsWith('/framed-inner.html'));
    expect(inner).toBeDefined();
    expect((await session.probe(inner!)).domAtParse).toContain('The inner page');
    await page.close();
  });

  // Control: the proxy is Firefox's only way out, so a request for another host is seen.
  it('detects a request for another host (control)', async () => {
    const canary = 'http://qv-canary.invalid/ping';
    const page = await session.openPage('smoke.html');
    await page.evaluate(async (url) => {
      await fetch(url, { mode: 'no-cors' }).catch(() => undefined);
    }, canary);
    await page.close();
    expect(session.unexpectedRequests()).toContain(`left the browser (seen by the proxy) -> GET ${canary}`);
  });
});
