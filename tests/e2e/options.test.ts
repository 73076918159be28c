/**
 * The reader's settings (issue 5, section 4) and the popup's "Pause on this site", in real
 * Chromium and Firefox with the BUILT extension: the options page is used as a reader uses
 * it (clicks, keys, typing), and an open tab of tests/e2e/pages/in-page.html follows every
 * change without a reload.
 *
 * What the tab paints is read from the page's own world: `CSS.highlights` is the document's
 * highlight registry, which the content script fills from its isolated world. Names are
 * `qv-<verdict>` for the default style and `qv-<verdict>--<style>` for the others
 * (src/page/highlights.ts). "Without a reload" is checked with a marker the test sets on the
 * page's window: a reload would lose it.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { launchChromium, type ChromiumSession, type ExtensionApi } from './harness/chromium.ts';
import { launchFirefox, waitForLoaded, type FirefoxSession } from './harness/firefox.ts';
import { repoRoot, startServer, type TestServer } from './harness/server.ts';
import { formatViolations, runAxe } from './harness/axe.ts';

declare const chrome: ExtensionApi;

const PAGE = 'in-page.html';
const ARTIFACTS = path.join(repoRoot, 'tests/e2e/artifacts');
/** How long a change may take to reach the tab (storage event, then a rescan when resuming). */
const TIMEOUT_MS = 15_000;
const POLL_MS = 50;
/** The context-menu item's id (src/platform/context-menu.ts, VERIFY_MENU_ID). */
const VERIFY_MENU_ID = 'qv-verify-selection';

/**
 * Page-world expression: the extension's highlight names in the registry, sorted, without
 * the random per-load suffix (`qv-verified_<suffix>`, src/page/highlights.ts).
 */
const PAINTED = `[...CSS.highlights.keys()].filter((n) => n.startsWith('qv-')).map((n) => n.replace(/_[0-9a-z]+$/, '')).sort()`;
/** Page-world expression: set once, lost on reload. */
const MARK = `window.__qvOptionsMarker = 'not reloaded'`;
const MARKED = `window.__qvOptionsMarker === 'not reloaded'`;
/** Page-world expression: the card's verdict word, or null when no card is open. */
const CARD_VERDICT = `(() => document.querySelector('[data-qv-test-card]')?.shadowRoot?.querySelector('[role="dialog"] .qv-verdict-word')?.textContent ?? null)()`;
/** Page-world expression: selects the exact Peskov quotation in the first paragraph. */
const SELECT_QUOTE = `(() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const phrase = 'We are ready for discussions on the basis of those agreements';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(phrase);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + phrase.length);
    document.getSelection().removeAllRanges();
    document.getSelection().addRange(range);
    return document.getSelection().toString();
  }
  return '';
})()`;

type Evaluate = (expression: string) => Promise<unknown>;

/**
 * The card's stylesheet is `use_dynamic_url`, so Chromium serves it at a random
 * chrome-extension:// UUID the harness does not know; it comes from the package, not the
 * network. Excused only for listed resources, only as GETs (as in in-page.test.ts).
 */
function ownDynamicResource(line: string, session: ChromiumSession): boolean {
  const m = / -> GET chrome-extension:\/\/[0-9a-f-]{36}\/(\S+)$/.exec(line);
  if (!m) return false;
  const listed = (session.extension.manifest.web_accessible_resources ?? []) as { resources: string[]; use_dynamic_url?: boolean }[];
  return listed.some((entry) => entry.use_dynamic_url === true && entry.resources.includes(m[1]!));
}

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; last seen: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

const painted = (evaluate: Evaluate) => evaluate(PAINTED) as Promise<string[]>;
const waitPainted = (evaluate: Evaluate, done: (names: string[]) => boolean, what: string) => poll(() => painted(evaluate), done, what);
/** The tab paints the three matched verdicts (the page has verified, altered and misattributed quotations). */
const paintsVerdicts = (suffix: string) => (names: string[]) =>
  ['verified', 'altered', 'misattributed'].every((v) => names.includes(`qv-${v}${suffix}`)) &&
  names.filter((n) => n !== 'qv-active').every((n) => (suffix === '' ? !n.includes('--') : n.endsWith(suffix)));

describe('options and live settings (Chromium)', () => {
  let server: TestServer;
  let session: ChromiumSession;
  let page: Page;
  let options: Page;
  let tabId: number;
  const inPage: Evaluate = (e) => page.evaluate(e);

  beforeAll(async () => {
    server = await startServer();
    session = await launchChromium({ server });
    page = await session.openPage(PAGE);
    await session.waitForReady(page);
    await waitPainted(inPage, paintsVerdicts(''), 'The page was not highlighted');
    await page.evaluate(MARK);
    await page.bringToFront();
    // No `tabs` permission, so tabs carry no URL: the test page is the active tab.
    tabId = await session.evaluateInServiceWorker(async () => {
      const active = await chrome.tabs.query({ active: true });
      if (active.length !== 1 || active[0]!.id === undefined) throw new Error(`Expected one active tab, found ${active.length}`);
      return active[0]!.id;
    });
    options = await session.context.newPage();
    await options.goto(session.extensionUrl('options.html'));
    await options.getByLabel('Check quotations on every page automatically').waitFor();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  const status = () => options.textContent('[role="status"]');
  const waitSaved = () => poll(status, (s) => s?.startsWith('Saved') ?? false, 'The options page did not say Saved');

  it('labels every control, passes axe with zero violations in light and dark, and follows the colour scheme (screenshots)', async () => {
    for (const label of [
      'Check quotations on every page automatically',
      'Also mark quotations that are not in the corpus',
      'Line and light tint',
      'Line only',
      'Line and strong tint',
      'Never check pages on these sites',
      'Check pages only on these sites',
    ]) {
      expect(await options.getByLabel(label).count(), label).toBe(1);
    }
    await mkdir(ARTIFACTS, { recursive: true });
    const background: Record<string, string> = {};
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme: scheme });
      const violations = await runAxe(options);
      expect(violations, `${scheme}:\n${formatViolations(violations)}`).toEqual([]);
      background[scheme] = await options.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      await options.screenshot({ path: path.join(ARTIFACTS, `options-${scheme}.png`), fullPage: true });
    }
    expect(background.light).toBe('rgb(255, 255, 255)');
    expect(background.dark).toBe('rgb(28, 28, 33)');
    await options.emulateMedia({ colorScheme: 'light' });
  });

  it('a highlight style chosen with the arrow keys restyles the open tab at once, without a reload', async () => {
    await options.getByLabel('Line and light tint').focus();
    await options.keyboard.press('ArrowDown');
    expect(await options.getByLabel('Line only').isChecked()).toBe(true);
    await waitSaved();
    await waitPainted(inPage, paintsVerdicts('--underline'), 'The tab was not restyled to underline');
    await options.keyboard.press('ArrowDown');
    await waitPainted(inPage, paintsVerdicts('--background'), 'The tab was not restyled to background');
    expect(await page.evaluate(MARKED)).toBe(true);
  });

  it('marks unverified quotations only while the reader asks for them (Space on the checkbox)', async () => {
    expect(await painted(inPage)).not.toContain('qv-unverified--background');
    await options.getByLabel('Also mark quotations that are not in the corpus').focus();
    await options.keyboard.press('Space');
    await waitPainted(inPage, (n) => n.includes('qv-unverified--background'), 'Unverified quotations were not marked');
    await options.keyboard.press('Space');
    await waitPainted(inPage, (n) => !n.includes('qv-unverified--background') && n.includes('qv-verified--background'), 'Unverified marks stayed');
    expect(await page.evaluate(MARKED)).toBe(true);
  });

  it('a bad site line gets an inline error and is not saved; never-scan stops the open tab, removing it resumes', async () => {
    const never = options.getByLabel('Never check pages on these sites');
    await never.click();
    await options.keyboard.type('not a site');
    const error = options.locator('#qv-never-scan-errors');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/Line 1, “not a site”: a site name has no spaces/);
    expect(await never.getAttribute('aria-invalid')).toBe('true');
    expect(await never.getAttribute('aria-describedby')).toContain('qv-never-scan-errors');
    expect(await painted(inPage)).toContain('qv-verified--background');
    expect(await status()).toMatch(/^Not saved: fix the marked line/);
    await options.screenshot({ path: path.join(ARTIFACTS, 'options-site-error.png'), fullPage: true });

    await options.keyboard.press('ControlOrMeta+A');
    await options.keyboard.type(`# the test server\nhttp://${new URL(server.origin).host}/in-page.html`);
    expect(await error.count()).toBe(0);
    await waitSaved();
    await waitPainted(inPage, (n) => n.length === 0, 'The tab kept its highlights on a never-scan site');
    // The popup's list for the tab is emptied too.
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    await popup.waitForSelector('.qv-popup__corpus');
    expect(await popup.$$eval('[data-verdict]', (rows) => rows.length)).toBe(0);
    await popup.close();
    // On leaving the field the stored, normalised list is shown.
    await options.keyboard.press('Tab');
    expect(await never.inputValue()).toBe('127.0.0.1');

    await never.click();
    await options.keyboard.press('ControlOrMeta+A');
    await options.keyboard.press('Backspace');
    await waitPainted(inPage, paintsVerdicts('--background'), 'The tab did not resume when the site left the never-scan list');
    expect(await page.evaluate(MARKED)).toBe(true);
  });

  it('scan-only: a list without this site stops the tab; adding it resumes', async () => {
    const only = options.getByLabel('Check pages only on these sites');
    await only.click();
    await options.keyboard.type('news.example.org');
    await waitPainted(inPage, (n) => n.length === 0, 'The tab kept its highlights off the scan-only list');
    await options.keyboard.press('Enter');
    await options.keyboard.type('127.0.0.1');
    await waitPainted(inPage, paintsVerdicts('--background'), 'The tab did not resume once on the scan-only list');
    await options.keyboard.press('ControlOrMeta+A');
    await options.keyboard.press('Backspace');
    await waitSaved();
  });

  it('keeps every setting across a reload of the options page, in local storage only', async () => {
    await options.reload();
    await options.getByLabel('Line and strong tint').waitFor();
    expect(await options.getByLabel('Line and strong tint').isChecked()).toBe(true);
    expect(await options.getByLabel('Also mark quotations that are not in the corpus').isChecked()).toBe(false);
    expect(await options.getByLabel('Never check pages on these sites').inputValue()).toBe('');
    const stored = await session.evaluateInServiceWorker(async () => ({
      local: await chrome.storage.local.get(null),
      sync: await chrome.storage.sync.get(null),
    }));
    expect(stored.local.settings).toMatchObject({ highlightStyle: 'background', showUnverified: false, neverScan: [], onlyScan: [] });
    expect(stored.local['settings$']).toEqual({ v: 1 });
    expect(stored.sync).toEqual({});
  });

  it('“Pause on this site” in the popup stops the open tab at once and resumes it; the options page follows', async () => {
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    const pause = popup.getByRole('switch', { name: /Pause on this site/ });
    await pause.waitFor();
    expect(await popup.textContent('.qv-site')).toContain('127.0.0.1');
    expect(await pause.isChecked()).toBe(false);
    const violations = await runAxe(popup, { include: '.qv-site' });
    expect(violations, formatViolations(violations)).toEqual([]);

    await pause.focus();
    await popup.keyboard.press('Space');
    await waitPainted(inPage, (n) => n.length === 0, 'Pausing did not clear the tab');
    expect(await pause.isChecked()).toBe(true);
    await popup.setViewportSize({ width: 400, height: 300 });
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.screenshot({ path: path.join(ARTIFACTS, `popup-paused-${scheme}.png`), fullPage: true });
    }
    // The options page lists the paused site without being reloaded.
    await options.getByRole('button', { name: 'Resume on 127.0.0.1' }).waitFor({ timeout: TIMEOUT_MS });

    await popup.keyboard.press('Space');
    await waitPainted(inPage, paintsVerdicts('--background'), 'Resuming did not rescan the tab');
    expect(await options.getByRole('button', { name: 'Resume on 127.0.0.1' }).count()).toBe(0);
    expect(await page.evaluate(MARKED)).toBe(true);
    await popup.close();
  });

  it('auto-scan off: nothing is marked, but “Verify quotation” on a selection still answers', async () => {
    await options.getByLabel('Check quotations on every page automatically').click();
    await waitSaved();
    await waitPainted(inPage, (n) => n.length === 0, 'Turning auto-scan off did not clear the tab');
    expect(await page.evaluate(SELECT_QUOTE)).toContain('We are ready for discussions');
    await page.bringToFront();
    await session.evaluateInServiceWorker(
      async ({ menuItemId, selectionText, id }) => {
        const handle = (globalThis as unknown as Record<string, { contextMenuClicked: (info: object, tab: object) => void }>)
          .quoteVerifierBackground;
        if (!handle) throw new Error('The background did not expose globalThis.quoteVerifierBackground');
        handle.contextMenuClicked({ menuItemId, selectionText, frameId: 0, editable: false, pageUrl: '' }, { id });
      },
      { menuItemId: VERIFY_MENU_ID, selectionText: 'We are ready for discussions on the basis of those agreements', id: tabId },
    );
    expect(await poll(() => page.evaluate(CARD_VERDICT) as Promise<string | null>, (v) => v !== null, 'No card for the selection')).toBe('Verified');
    expect(await painted(inPage)).toEqual([]);
    await page.keyboard.press('Escape');

    await options.getByLabel('Check quotations on every page automatically').click();
    await waitPainted(inPage, paintsVerdicts('--background'), 'Turning auto-scan on did not scan the tab');
    expect(await page.evaluate(MARKED)).toBe(true);
  });

  it('the popup’s Settings link opens the options page in a tab of its own', async () => {
    // Chromium focuses an options tab that is already open instead of opening another.
    await options.close();
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    const opened = session.context.waitForEvent('page', { predicate: (p) => p.url().startsWith(session.extensionUrl('options.html')), timeout: TIMEOUT_MS });
    await popup.getByRole('button', { name: 'Settings' }).click();
    const tab = await opened;
    await tab.getByLabel('Check quotations on every page automatically').waitFor();
    expect(await tab.title()).toBe('Quote Verifier settings');
  });

  it('sends nothing anywhere', () => {
    expect(session.unexpectedRequests().filter((line) => !ownDynamicResource(line, session))).toEqual([]);
  });
});

describe('options and live settings (Firefox)', () => {
  let server: TestServer;
  let session: FirefoxSession;
  let page: PuppeteerPage;
  let options: PuppeteerPage;
  const inPage: Evaluate = (e) => page.evaluate(e);

  beforeAll(async () => {
    server = await startServer();
    session = await launchFirefox({ server, extensionPages: true });
    page = await session.openPage(PAGE);
    await session.waitForReady(page);
    await waitPainted(inPage, paintsVerdicts(''), 'The page was not highlighted');
    await page.evaluate(MARK);
    options = await session.openExtensionPage('options.html');
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  const status = () => options.evaluate(() => document.querySelector('[role="status"]')?.textContent ?? '');

  it('passes axe with zero violations', async () => {
    const violations = await runAxe(options);
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('a style clicked in the options page restyles the open tab; never-scan stops it and removing the site resumes it; all without a reload', async () => {
    await options.click('label[for="qv-style-underline"]');
    await poll(status, (s) => s.startsWith('Saved'), 'The options page did not say Saved');
    await waitPainted(inPage, paintsVerdicts('--underline'), 'The tab was not restyled to underline');

    await options.click('#qv-never-scan');
    await options.keyboard.type('127.0.0.1');
    await waitPainted(inPage, (n) => n.length === 0, 'The tab kept its highlights on a never-scan site');

    await options.evaluate(() => (document.getElementById('qv-never-scan') as HTMLTextAreaElement).select());
    await options.keyboard.press('Backspace');
    await waitPainted(inPage, paintsVerdicts('--underline'), 'The tab did not resume');
    expect(await page.evaluate(MARKED)).toBe(true);
  });

  it('“Pause on this site” in the popup stops the open tab and resumes it', async () => {
    // The tab's id, from an extension page: the tab whose top frame answers our site query with the test page.
    const tabId = (await options.evaluate(`(async () => {
      for (const tab of await browser.tabs.query({})) {
        try {
          const answer = await browser.tabs.sendMessage(tab.id, { type: 'qv:site' }, { frameId: 0 });
          if (answer && answer.url && answer.url.endsWith('/${PAGE}')) return tab.id;
        } catch {}
      }
      return -1;
    })()`)) as number;
    expect(tabId).toBeGreaterThanOrEqual(0);
    const popup = await session.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitForSelector('#qv-pause');
    expect(await popup.$eval('.qv-site', (el) => el.textContent)).toContain('127.0.0.1');
    await popup.focus('#qv-pause');
    await popup.keyboard.press(' ');
    await waitPainted(inPage, (n) => n.length === 0, 'Pausing did not clear the tab');
    await popup.keyboard.press(' ');
    await waitPainted(inPage, paintsVerdicts('--underline'), 'Resuming did not rescan the tab');
    expect(await page.evaluate(MARKED)).toBe(true);
    await popup.close();
  });

  it('keeps the settings across a reload of the options page', async () => {
    const url = session.extensionUrl('options.html');
    await options.evaluate(() => location.reload());
    await waitForLoaded(options, url, TIMEOUT_MS);
    await options.waitForSelector('#qv-style-underline');
    expect(await options.$eval('#qv-style-underline', (el) => (el as HTMLInputElement).checked)).toBe(true);
    expect(await options.$eval('#qv-never-scan', (el) => (el as HTMLTextAreaElement).value)).toBe('');
  });

  it('sends nothing anywhere', () => {
    expect(session.unexpectedRequests()).toEqual([]);
  });
});
