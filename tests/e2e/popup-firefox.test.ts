/**
 * The popup and the side panel (sidebar_action) in real Firefox with the BUILT extension
 * (issue 5, sections 1-3): `popup.html?tab=<tabId>` and `sidepanel.html?tab=<tabId>` (the sidebar) list
 * the tab's findings under the automation contract (data-verdict, data-quote-id, the
 * page's wording), a click on a row opens the quotation's card in the page, and the search
 * box finds a corpus quotation.
 *
 * BiDi cannot reach the background page, so the tab id is found from an extension page:
 * the tab whose findings (as the background keeps them) hold the test page's quotation.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from './harness/firefox.ts';
import { startServer, type TestServer } from './harness/server.ts';
import { poll, readRows } from './harness/rows.ts';

const PAGE = 'in-page.html';
const READY = 'We are ready for discussions on the basis of those agreements, but Kyiv rules out this possibility';
const ALTERED = 'we will respond to them';
const LATE = 'integral and equal subjects of the Russian Federation';

describe('popup and side panel (Firefox)', () => {
  let server: TestServer;
  let session: FirefoxSession;
  let tabId: number;
  let idOf: (text: string) => string;
  let sidebarPath: string;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    session = await launchFirefox({ server, extensionPages: true });
    const corpus = JSON.parse(await readFile(path.join(session.extension.dir, 'corpus.json'), 'utf8')) as {
      quotes: { id: string; text: string }[];
    };
    idOf = (text) => corpus.quotes.find((q) => q.text === text)?.id ?? `(no quotation worded "${text}")`;
    sidebarPath = (session.extension.manifest.sidebar_action as { default_panel?: string } | undefined)?.default_panel ?? '(none)';
    page = await session.openPage(PAGE);
    await session.waitForReady(page);
    const finder = await session.openExtensionPage(`${sidebarPath}?tab=0`);
    tabId = await poll(
      () =>
        finder.evaluate(`(async () => {
          for (const tab of await browser.tabs.query({})) {
            const answer = await browser.runtime.sendMessage({ type: 'qv:tab-findings', tabId: tab.id });
            if (answer && Array.isArray(answer.findings) && answer.findings.some((f) => f.text.includes(${JSON.stringify(READY)}))) return tab.id;
          }
          return -1;
        })()`) as Promise<number>,
      (id) => id >= 0,
      'No tab’s findings held the test page’s quotation',
    );
    await finder.close();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('the manifest declares the sidebar, and asks for no sidePanel or tabs permission', () => {
    expect(sidebarPath).toBe('sidepanel.html');
    expect(session.extension.manifest.sidebar_action).toMatchObject({ default_title: session.extension.manifest.name });
    const permissions = (session.extension.manifest.permissions as string[] | undefined) ?? [];
    expect(permissions).not.toContain('sidePanel');
    expect(permissions).not.toContain('tabs');
  });

  for (const which of ['popup', 'sidebar'] as const) {
    it(`${which === 'popup' ? 'popup.html' : 'sidepanel.html (the sidebar)'}?tab=<tabId> lists the tab’s findings with data-verdict, data-quote-id and the wording`, async () => {
      const p = await session.openExtensionPage(`${which === 'popup' ? 'popup.html' : sidebarPath}?tab=${tabId}`);
      const rows = await poll(
        () => readRows(p),
        (r) => r.some((x) => x.text.includes(LATE)),
        `The ${which} did not list the page’s findings`,
      );
      expect(rows.find((r) => r.text.includes(READY))).toMatchObject({ verdict: 'verified', quoteId: idOf(READY) });
      expect(rows.find((r) => r.text.includes(ALTERED))).toMatchObject({ verdict: 'altered' });
      expect(rows.find((r) => r.text.includes(LATE))).toMatchObject({ verdict: 'verified', quoteId: idOf(LATE) });
      expect(rows.some((r) => r.verdict === 'unverified' && r.quoteId === '')).toBe(true);
      await p.close();
    });
  }

  it('the sidebar calls itself the sidebar, and has the pause switch and the Settings button', async () => {
    const p = await session.openExtensionPage(`${sidebarPath}?tab=${tabId}`);
    await p.waitForSelector('#qv-pause');
    expect(await p.title()).toBe(`${session.extension.manifest.name as string} sidebar`);
    expect(await p.$eval('.qv-site label', (l) => l.textContent)).toContain('Pause on this site');
    expect(await p.$$eval('.qv-popup__settings', (b) => b.map((x) => x.textContent))).toEqual(['Settings']);
    await p.close();
    const popup = await session.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitForSelector('#qv-pause');
    const panelButton = await popup.$$eval('.qv-popup__panel-button', (b) => b.map((x) => x.textContent));
    // Firefox names it the sidebar wherever the popup offers it.
    for (const words of panelButton) expect(words).toBe('Open in sidebar');
    await popup.close();
  });

  it('a click on a popup row opens that quotation’s card in the page', async () => {
    const p = await session.openExtensionPage(`popup.html?tab=${tabId}`);
    await poll(() => readRows(p), (r) => r.some((x) => x.verdict === 'altered'), 'The popup did not list the altered quotation');
    await p.click('[data-verdict="altered"] button');
    const verdict = await poll(
      () =>
        page.evaluate(
          `(() => document.querySelector('[data-qv-test-card]')?.shadowRoot?.querySelector('[role="dialog"] .qv-verdict-word')?.textContent ?? null)()`,
        ) as Promise<string | null>,
      (v) => v !== null,
      'No card opened in the page',
    );
    expect(verdict).toBe('Altered');
    await p.close();
  });

  it('the popup’s search finds a corpus quotation by a few words', async () => {
    const p = await session.openExtensionPage(`popup.html?tab=${tabId}`);
    await p.waitForSelector('#qv-search-input');
    await p.focus('#qv-search-input');
    await p.keyboard.type('ready for discussions');
    const ids = await poll(
      () => p.$$eval('[data-search-quote-id]', (hits) => hits.map((h) => h.getAttribute('data-search-quote-id'))),
      (h) => h.length > 0,
      'The search found nothing',
    );
    expect(ids[0]).toBe(idOf(READY));
    await p.close();
  });
});
