/**
 * Every page of the extension in Ukrainian, with axe-core (issue 14: zero violations on
 * the card, popup, side panel, options and first-run page, in light and dark, in English
 * and Ukrainian). Chromium started with `--lang=uk`, the switch that chooses the browser's
 * UI language, and so the catalogue `browser.i18n` serves (public/_locales/uk). The
 * English pages are checked by their own tests (popup, sidepanel, options, selection);
 * the English first-run page is checked here too, from a second Chromium without the switch.
 *
 * Each page is also read for its words: Ukrainian headings, `lang="uk"` on the document
 * (the card's own `lang`), and dates in Ukrainian.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession, type ExtensionApi } from './harness/chromium.ts';
import { formatViolations, runAxe } from './harness/axe.ts';
import { CARD_HOST, CARD_SETTLED, readCard as readCardIn, select } from './harness/card.ts';
import { waitForScan } from './harness/scan.ts';
import { poll, readRows } from './harness/rows.ts';
import { repoRoot, startServer, type TestServer } from './harness/server.ts';

declare const chrome: ExtensionApi;

const ARTIFACTS = path.join(repoRoot, 'tests/e2e/artifacts');
const VERIFY_MENU_ID = 'qv-verify-selection';
const SCHEMES = ['light', 'dark'] as const;

async function axeBothSchemes(page: Page, name: string, include?: string): Promise<void> {
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    if (include) await page.evaluate(CARD_SETTLED);
    const violations = await runAxe({ evaluate: (s) => page.evaluate(s) }, include ? { include } : {});
    expect(violations, `${name}, ${scheme}:\n${formatViolations(violations)}`).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${scheme}.png`), fullPage: !include });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('the extension in Ukrainian (Chromium --lang=uk), axe-core in light and dark', () => {
  let server: TestServer;
  let session: ChromiumSession;
  let page: Page;
  let tabId: number;

  const openExtensionPage = async (pathname: string, size = { width: 420, height: 900 }) => {
    const p = await session.context.newPage();
    await p.setViewportSize(size);
    await p.goto(session.extensionUrl(pathname));
    return p;
  };

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    server = await startServer();
    session = await launchChromium({ server, args: ['--lang=uk'] });
    page = await session.openPage('selection.html');
    await page.setViewportSize({ width: 1280, height: 800 });
    await session.waitForReady(page);
    await waitForScan((e) => page.evaluate(e), (fs) => fs.filter((f) => f.quoteId).length >= 3, 'The page was not scanned');
    await page.bringToFront();
    tabId = await session.evaluateInServiceWorker(async () => (await chrome.tabs.query({ active: true }))[0]!.id!);
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('the card: Ukrainian words, lang="uk", the quotation in English; no axe violations', async () => {
    const selected = (await page.evaluate(select('#doctored', 'On Istanbul', 'Peskov said.'))) as string;
    await session.evaluateInServiceWorker(
      async ({ menuItemId, selectionText, id }) => {
        const handle = (globalThis as unknown as Record<string, { contextMenuClicked: (info: object, tab: object) => void }>).quoteVerifierBackground;
        handle!.contextMenuClicked({ menuItemId, selectionText, frameId: 0, editable: false, pageUrl: '' }, { id });
      },
      { menuItemId: VERIFY_MENU_ID, selectionText: selected, id: tabId },
    );
    const card = (await readCardIn((e) => page.evaluate(e)))!;
    expect(card.verdict).toBe('Змінено');
    expect(card.lang).toBe('uk');
    expect(card.text).toContain('Мовець');
    expect(card.text).toMatch(/грудня 20\d\d/);
    expect(card.said).toContain('Kyiv rules out');
    await axeBothSchemes(page, 'uk-card', CARD_HOST);
  });

  it('the popup: Ukrainian rows, search and corpus panels; no axe violations', async () => {
    const popup = await openExtensionPage(`popup.html?tab=${tabId}`);
    const rows = await poll(() => readRows(popup), (r) => r.some((x) => x.verdict === 'altered'), 'The popup did not list the page');
    expect(rows.find((r) => r.verdict === 'misattributed')?.text).toContain('Приписано іншому');
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('uk');
    for (const words of ['На цій сторінці', 'Пошук у корпусі', 'Корпус', 'Налаштування', 'не обов’язково хибна']) {
      expect(await popup.textContent('body'), words).toContain(words);
    }
    await axeBothSchemes(popup, 'uk-popup');
    await popup.close();
  });

  it('the side panel: Ukrainian, with the pause switch and Settings; no axe violations', async () => {
    const panel = await openExtensionPage(`sidepanel.html?tab=${tabId}`);
    await poll(() => readRows(panel), (r) => r.length > 0, 'The side panel did not list the page');
    await panel.getByRole('switch', { name: /Призупинити на цьому сайті/ }).waitFor();
    expect(await panel.getByRole('button', { name: 'Налаштування' }).count()).toBe(1);
    expect(await panel.title()).toContain('бічна панель');
    await axeBothSchemes(panel, 'uk-sidepanel');
    await panel.close();
  });

  it('the options page: Ukrainian; no axe violations', async () => {
    const options = await openExtensionPage('options.html', { width: 900, height: 900 });
    expect(await options.getByLabel('Автоматично перевіряти цитати на кожній сторінці').count()).toBe(1);
    expect(await options.title()).toContain('налаштування');
    await axeBothSchemes(options, 'uk-options');
    await options.close();
  });

  it('the first-run page: what the corpus covers, in Ukrainian; no axe violations', async () => {
    const welcome = await openExtensionPage('welcome.html', { width: 900, height: 900 });
    await welcome.locator('[data-corpus="quotes"]').waitFor();
    const text = (await welcome.textContent('body'))!;
    expect(text).toContain('Що охоплює корпус');
    expect(text).toContain('«Немає в корпусі» не означає «хибне»');
    await axeBothSchemes(welcome, 'uk-welcome');
    await welcome.close();
  });
});

describe('the first-run page in English (Chromium)', () => {
  let server: TestServer;
  let session: ChromiumSession;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    server = await startServer();
    session = await launchChromium({ server, keepFirstRun: true });
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('opens on install and says what the corpus covers and that "not in the corpus" is not false; no axe violations', async () => {
    const url = session.extensionUrl('welcome.html');
    const welcome = await poll(
      async () => session.context.pages().find((p) => p.url() === url),
      (p) => p !== undefined,
      'The first-run page did not open on install',
    );
    await welcome!.setViewportSize({ width: 900, height: 900 });
    await welcome!.locator('[data-corpus="quotes"]').waitFor();
    const corpus = (await session.evaluateInServiceWorker(async () => {
      const r = await fetch(chrome.runtime.getURL('/corpus.json' as '/welcome.html'));
      const json = (await r.json()) as { name: string; quotes: { speaker: { name: string } }[] };
      return { name: json.name, count: json.quotes.length, speaker: json.quotes[0]!.speaker.name };
    }));
    const text = (await welcome!.textContent('body'))!;
    expect(text).toContain(corpus.name);
    expect(await welcome!.textContent('[data-corpus="quotes"]')).toBe(String(corpus.count));
    expect(text).toContain(corpus.speaker);
    expect(text).toMatch(/verified quotations by .+, said between .*\d{4} and .*\d{4}\./);
    expect(text).toContain('“Not in the corpus” does not mean false');
    await axeBothSchemes(welcome!, 'welcome');
  });
});
