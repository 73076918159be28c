/**
 * The toolbar popup (issue 5, section 1 and the automation contract in section 3),
 * in real Chromium with the BUILT extension: a page with quotations is scanned,
 * then `popup.html?tab=<tabId>` lists that tab's findings, each row carrying
 * `data-verdict`, `data-quote-id` and the page's wording, and a click on a row
 * opens the quotation's card in the page.
 *
 * The search box finds corpus quotations by a few of their words and by the speaker's
 * name, each linked to its source; axe-core finds no violations in light or dark mode.
 *
 * The page is tests/e2e/pages/in-page.html (see in-page.test.ts for what it holds).
 * Quote ids are looked up by wording in the corpus the extension ships.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession, type ExtensionApi } from './harness/chromium.ts';
import { repoRoot, startServer, type TestServer } from './harness/server.ts';
import { formatViolations, runAxe } from './harness/axe.ts';
import { poll, readRows } from './harness/rows.ts';

declare const chrome: ExtensionApi;

const PAGE = 'in-page.html';
const ARTIFACTS = path.join(repoRoot, 'tests/e2e/artifacts');
/** How long a scan (and the popup's answer) may take. */
const TIMEOUT_MS = 15_000;
/** The card's shadow host (entrypoints/in-page/card-host.tsx). */
const CARD_HOST = '[data-qv-test-card]';

const WORDING = {
  readyForDiscussions: 'We are ready for discussions on the basis of those agreements, but Kyiv rules out this possibility',
  newspapers: 'We have only seen newspaper articles so far, and we will not respond to them. We have not seen any texts yet',
  truce: 'A truce in itself is not what we want. We need a peace that will come after all our conditions are met and our goals are achieved',
  regions: 'integral and equal subjects of the Russian Federation',
} as const;
type Key = keyof typeof WORDING;

/** Rows the popup must show: [verdict, quotation (null: none), text the row contains]. */
const EXPECTED: [string, Key | null, string][] = [
  ['verified', 'readyForDiscussions', 'We are ready for discussions on the basis of those agreements, but Kyiv rules out this possibility.'],
  ['altered', 'newspapers', 'we will respond to them'],
  ['misattributed', 'truce', WORDING.truce],
  ['unverified', null, 'We are ready for contacts with Washington'],
  // Appended by the page 500 ms after load: the list follows rescans.
  ['verified', 'regions', WORDING.regions],
  // In the iframe: every frame's findings reach the tab's list.
  ['verified', 'newspapers', WORDING.newspapers],
];

describe('popup (Chromium)', () => {
  let server: TestServer;
  let session: ChromiumSession;
  let page: Page;
  let popup: Page;
  let tabId: number;
  let ids: Map<Key, { id: string; speaker: string }>;

  beforeAll(async () => {
    server = await startServer();
    session = await launchChromium({ server });
    const corpus = JSON.parse(await readFile(path.join(session.extension.dir, 'corpus.json'), 'utf8')) as {
      quotes: { id: string; text: string; speaker: { name: string } }[];
    };
    ids = new Map();
    for (const key of Object.keys(WORDING) as Key[]) {
      const q = corpus.quotes.find((x) => x.text === WORDING[key]);
      if (!q) throw new Error(`The shipped corpus has no quotation worded "${WORDING[key]}"`);
      ids.set(key, { id: q.id, speaker: q.speaker.name });
    }
    page = await session.openPage(PAGE);
    await session.waitForReady(page);
    await page.bringToFront();
    // No `tabs` permission, so tabs carry no URL: the test page is the active tab.
    tabId = await session.evaluateInServiceWorker(async () => {
      const active = await chrome.tabs.query({ active: true });
      if (active.length !== 1 || active[0]!.id === undefined) throw new Error(`Expected one active tab, found ${active.length}`);
      return active[0]!.id;
    });
    popup = await session.context.newPage();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('popup.html?tab=<tabId> lists the tab’s findings with data-verdict, data-quote-id, wording, speaker and date', async () => {
    const url = session.extensionUrl(`popup.html?tab=${tabId}`);
    // The list is read when the popup opens; reopen until the late paragraph's rescan has been reported.
    const rows = await poll(
      async () => {
        await popup.goto(url);
        await popup.waitForSelector('.qv-popup__corpus', { timeout: TIMEOUT_MS });
        return readRows(popup);
      },
      (r) => r.some((x) => x.text.includes(WORDING.regions)) && r.some((x) => x.text.includes(WORDING.newspapers)),
      'The popup did not list the late paragraph and the frame’s finding',
    );
    for (const [verdict, key, text] of EXPECTED) {
      const quoteId = key ? ids.get(key)!.id : '';
      const match = rows.find((r) => r.verdict === verdict && r.quoteId === quoteId && r.text.includes(text));
      expect(match, `row ${verdict} ${quoteId} "${text}" in ${JSON.stringify(rows, null, 1)}`).toBeDefined();
      if (key) expect(match!.text).toContain(ids.get(key)!.speaker);
    }
    const peskovRow = rows.find((r) => r.verdict === 'verified' && r.quoteId === ids.get('readyForDiscussions')!.id)!;
    expect(peskovRow.text).toContain('Verified');
    expect(peskovRow.text).toMatch(/\d{4}/);
    // Counts agree with the rows.
    const counts = await popup.$$eval('[data-count-verdict]', (els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('data-count-verdict'), Number(e.querySelector('strong')?.textContent)])),
    );
    for (const verdict of ['verified', 'altered', 'misattributed', 'unverified']) {
      expect(counts[verdict], verdict).toBe(rows.filter((r) => r.verdict === verdict).length);
    }
    expect(await popup.textContent('[data-corpus="quotes"]')).toMatch(/^\d+$/);
    expect(Number(await popup.textContent('[data-corpus="documents"]'))).toBeGreaterThan(0);
    expect((await popup.textContent('[data-corpus="name"]'))?.length).toBeGreaterThan(0);
  });

  it('follows the system colour scheme (screenshots in tests/e2e/artifacts, to look at)', async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    await popup.setViewportSize({ width: 420, height: 900 });
    const background: Record<string, string> = {};
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      background[scheme] = await popup.$eval('.qv-popup', (el) => getComputedStyle(el).backgroundColor);
      await popup.screenshot({ path: path.join(ARTIFACTS, `popup-${scheme}.png`), fullPage: true });
    }
    expect(background.light).toBe('rgb(255, 255, 255)');
    expect(background.dark).toBe('rgb(28, 28, 33)');
  });

  it('a click on a row (by keyboard) opens that quotation’s card in the page', async () => {
    const altered = popup.locator(`[data-verdict="altered"][data-quote-id="${ids.get('newspapers')!.id}"] button`);
    await altered.focus();
    await popup.keyboard.press('Enter');
    const verdict = await poll(
      () =>
        page.evaluate(
          `(() => document.querySelector('${CARD_HOST}')?.shadowRoot?.querySelector('[role="dialog"] .qv-verdict-word')?.textContent ?? null)()`,
        ) as Promise<string | null>,
      (v) => v !== null,
      'No card opened in the page',
    );
    expect(verdict).toBe('Altered');
  });

  const readHits = () =>
    popup.$$eval('[data-search-quote-id]', (hits) =>
      hits.map((h) => {
        const a = h.querySelector('a');
        return {
          id: h.getAttribute('data-search-quote-id'),
          matched: h.getAttribute('data-matched'),
          text: h.textContent ?? '',
          href: a?.getAttribute('href') ?? null,
          target: a?.getAttribute('target') ?? null,
          rel: a?.getAttribute('rel') ?? null,
        };
      }),
    );

  it('search finds a corpus quotation by a few of its words, with speaker, date and a linked source', async () => {
    await popup.emulateMedia({ colorScheme: 'light' });
    await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    const box = popup.getByLabel('Words of a quotation, or a speaker’s name');
    await box.focus();
    await popup.keyboard.type('newspaper articles');
    const id = ids.get('newspapers')!.id;
    const hits = await poll(readHits, (h) => h.some((x) => x.id === id), 'Search did not find the quotation by its words');
    const hit = hits.find((x) => x.id === id)!;
    expect(hits[0]!.id).toBe(id);
    expect(hit.matched).toBe('wording');
    expect(hit.text).toContain(WORDING.newspapers);
    expect(hit.text).toContain(ids.get('newspapers')!.speaker);
    expect(hit.text).toMatch(/16 December 2025/);
    expect(hit.href).toMatch(/^https:\/\//);
    expect(hit.target).toBe('_blank');
    expect(hit.rel).toContain('noopener');
    expect(await popup.textContent('#qv-search-status')).toMatch(/found/);
  });

  it('search finds quotations by the speaker’s name, and says when nothing matches', async () => {
    await popup.fill('#qv-search-input', 'Peskov');
    const speaker = ids.get('readyForDiscussions')!.speaker;
    const hits = await poll(
      readHits,
      (h) => h.length > 0 && h.every((x) => x.matched === 'speaker'),
      'Search did not find quotations by speaker',
    );
    expect(hits.every((x) => x.text.includes(speaker))).toBe(true);
    expect(hits.map((x) => x.id)).toContain(ids.get('readyForDiscussions')!.id);
    await popup.fill('#qv-search-input', 'zqxw vbnm');
    await poll(() => popup.textContent('#qv-search-status'), (t) => /No corpus quotation matches/.test(t ?? ''), 'No "no match" status');
    expect(await popup.locator('[data-search-quote-id]').count()).toBe(0);
  });

  it('shows the corpus version, build date and a short integrity hash with the full one in its title', async () => {
    const sha = await popup.getAttribute('[data-corpus="sha256"] code', 'title');
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(await popup.textContent('[data-corpus="sha256"] code')).toBe(`${sha!.slice(0, 12)}…`);
    expect(await popup.textContent('[data-corpus="built"]')).toMatch(/\d{4}/);
  });

  it('axe-core finds no violations, in light and dark mode, with search results shown', async () => {
    await popup.fill('#qv-search-input', 'Peskov');
    await popup.waitForSelector('[data-search-quote-id]', { timeout: TIMEOUT_MS });
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      const violations = await runAxe(popup);
      expect(violations, `${scheme}:\n${formatViolations(violations)}`).toEqual([]);
      await popup.screenshot({ path: path.join(ARTIFACTS, `popup-search-${scheme}.png`), fullPage: true });
    }
  });

  it('the list survives a stopped service worker (MV3 stops idle workers; findings are kept in storage.session)', async () => {
    const before = await readRows(popup);
    expect(before.length).toBeGreaterThan(0);
    // Mark the running worker, stop every service worker, and check that the mark is gone.
    await session.evaluateInServiceWorker(() => Object.assign(globalThis, { qvSameWorker: true }));
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    const after = await poll(() => readRows(popup), (r) => r.length > 0, 'The popup listed nothing after the worker restarted');
    expect(await session.evaluateInServiceWorker(() => (globalThis as { qvSameWorker?: boolean }).qvSameWorker ?? false)).toBe(false);
    expect(after.map((r) => [r.verdict, r.quoteId, r.text])).toEqual(before.map((r) => [r.verdict, r.quoteId, r.text]));
  });
});
