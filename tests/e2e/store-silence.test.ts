/**
 * A store build tells the page nothing (issue 12, "Nothing for the page"): no
 * `quote-verifier:*` event reaches a listener on the document, and a page's
 * `quote-verifier:query` gets no answer, although the extension scanned the page (the
 * popup lists its findings). The same page with the test build (.output/test/<target>)
 * sees the events: the control that shows the listener would have caught them.
 *
 * Also checked on the files: the store build's content script does not contain the
 * event names at all (the test-only code is not in its bundle).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumSession, type ExtensionApi } from './harness/chromium.ts';
import { launchFirefox, type FirefoxSession } from './harness/firefox.ts';
import { builtExtension, type BuildKind } from './harness/extension.ts';
import { startServer, type TestServer } from './harness/server.ts';
import { poll, readRows } from './harness/rows.ts';
import { LAST_SCAN } from './harness/scan.ts';

declare const chrome: ExtensionApi;

const PAGE = 'in-page.html';
/** A quotation of the page the popup must list once the page was scanned. */
const READY = 'We are ready for discussions on the basis of those agreements, but Kyiv rules out this possibility';
/** Appended by the page 500 ms after load: its row means the rescan happened too. */
const LATE = 'integral and equal subjects of the Russian Federation';
/** READY with its negation turned around: a doctored quotation. */
const DOCTORED = 'We are not ready for discussions on the basis of those agreements, but Kyiv rules out this possibility';
/** After the popup listed the late quotation, how long to keep listening for a straggling event. */
const SETTLE_MS = 1_000;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && /\.(js|html|json)$/.test(e.name)).map((e) => path.join(e.parentPath, e.name));
}

describe('store builds say nothing to the page (files)', () => {
  for (const target of ['chrome-mv3', 'firefox-mv2'] as const) {
    it(`${target}: no quote-verifier:* event name in the store build; present in the test build`, async () => {
      const holding = async (kind: BuildKind) => {
        const { dir } = builtExtension(target, undefined, kind);
        const out: string[] = [];
        for (const file of await filesUnder(dir)) if ((await readFile(file, 'utf8')).includes('quote-verifier:')) out.push(path.relative(dir, file));
        return out;
      };
      expect(await holding('store')).toEqual([]);
      expect(await holding('test')).toContain('in-page.js');
    });
  }
});

describe('store build: a listener on the document hears nothing (Chromium)', () => {
  let server: TestServer;
  const sessions: ChromiumSession[] = [];

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    for (const s of sessions) await s.close();
    await server?.close();
  });

  /** Opens the page with `build`, waits until the popup lists its late quotation, and returns what the page heard. */
  const visit = async (build: BuildKind) => {
    const session = await launchChromium({ server, build });
    sessions.push(session);
    const page = await session.openPage(PAGE);
    await page.bringToFront();
    const tabId = await session.evaluateInServiceWorker(async () => (await chrome.tabs.query({ active: true }))[0]!.id!);
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    const rows = await poll(() => readRows(popup), (r) => r.some((x) => x.text.includes(LATE)), `The ${build} build's popup did not list the page`);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const answer = (await page.evaluate(LAST_SCAN)) as string | null;
    const { events } = await session.probe(page);
    return { rows, answer, events };
  };

  it('the store build scans (the popup lists the page) but dispatches no event and answers no query', async () => {
    const { rows, answer, events } = await visit('store');
    expect(rows.find((r) => r.text.includes(READY))?.verdict).toBe('verified');
    expect(events).toEqual([]);
    expect(answer).toBeNull();
  });

  it('control: the test build’s events reach the same listener', async () => {
    const { answer, events } = await visit('test');
    expect(events).toContain('quote-verifier:ready');
    expect(events).toContain('quote-verifier:scanned');
    expect(answer).toContain(READY);
  });
});

describe('store build: the page can neither hear the content script start nor stop it (Chromium)', () => {
  let server: TestServer;
  let session: ChromiumSession;

  beforeAll(async () => {
    server = await startServer();
    session = await launchChromium({ server, build: 'store' });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  /**
   * WXT's content-script context (which the content script no longer uses,
   * src/platform/script-lifetime.ts) announced each start with an event named after the
   * extension's id, which the page heard, and stopped when the page dispatched that event
   * itself: the page could switch the scan off before showing a doctored quotation.
   */
  it('a page that forges the start event sees its doctored quotation judged altered, and hears no event or message', async () => {
    const page = await session.openPage(PAGE);
    await page.bringToFront();
    const tabId = await session.evaluateInServiceWorker(async () => (await chrome.tabs.query({ active: true }))[0]!.id!);
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    await poll(() => readRows(popup), (r) => r.some((x) => x.text.includes(LATE)), 'The store build did not scan the page');
    const heard = await page.evaluate(
      async ({ id, doctored }) => {
        const names = ['content', 'in-page'].flatMap((script) => [`${id}:${script}:wxt:content-script-started`, `${id}:${script}:wxt:locationchange`]);
        for (const script of ['content', 'in-page']) {
          const detail = { contentScriptName: script, messageId: 'forged' };
          document.dispatchEvent(new CustomEvent(`${id}:${script}:wxt:content-script-started`, { detail }));
          window.postMessage({ type: `${id}:${script}:wxt:content-script-started`, ...detail }, '*');
        }
        // From here on, whatever is heard comes from the extension.
        await new Promise((r) => setTimeout(r, 100));
        const log: string[] = [];
        for (const name of names) {
          document.addEventListener(name, () => log.push(name), true);
          window.addEventListener(name, () => log.push(name), true);
        }
        window.addEventListener('message', (e) => log.push(`message ${JSON.stringify(e.data)}`));
        // A single-page app's navigation, then the doctored quotation.
        history.pushState({}, '', `${location.pathname}?moved`);
        const p = document.createElement('p');
        p.textContent = `“${doctored},” the minister said.`;
        document.body.append(p);
        await new Promise((r) => setTimeout(r, 2_500));
        return log;
      },
      { id: session.extensionId, doctored: DOCTORED },
    );
    const rows = await poll(() => readRows(popup), (r) => r.some((x) => x.text.includes(DOCTORED)), 'The scan stopped after the page forged the start event');
    expect(rows.find((r) => r.text.includes(DOCTORED))?.verdict).toBe('altered');
    expect(heard).toEqual([]);
  });
});

describe('store build: a listener on the document hears nothing (Firefox)', () => {
  let server: TestServer;
  const sessions: FirefoxSession[] = [];

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    for (const s of sessions) await s.close();
    await server?.close();
  });

  const visit = async (build: BuildKind) => {
    const session = await launchFirefox({ server, build, extensionPages: true });
    sessions.push(session);
    const page = await session.openPage(PAGE);
    const sidebar = await session.openExtensionPage('popup.html?tab=0');
    // BiDi cannot reach the background: find the tab whose findings hold the late quotation.
    await poll(
      () =>
        sidebar.evaluate(`(async () => {
          for (const tab of await browser.tabs.query({})) {
            const answer = await browser.runtime.sendMessage({ type: 'qv:tab-findings', tabId: tab.id });
            if (answer && Array.isArray(answer.findings) && answer.findings.some((f) => f.text.includes(${JSON.stringify(LATE)}))) return tab.id;
          }
          return -1;
        })()`) as Promise<number>,
      (id) => id >= 0,
      `The ${build} build did not report the page's late quotation`,
    );
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const answer = (await page.evaluate(LAST_SCAN)) as string | null;
    const { events } = await session.probe(page);
    return { answer, events };
  };

  it('the store build scans but dispatches no event and answers no query', async () => {
    const { answer, events } = await visit('store');
    expect(events).toEqual([]);
    expect(answer).toBeNull();
  });

  it('control: the test build’s events reach the same listener', async () => {
    const { answer, events } = await visit('test');
    expect(events).toContain('quote-verifier:ready');
    expect(events).toContain('quote-verifier:scanned');
    expect(answer).toContain(READY);
  });
});
