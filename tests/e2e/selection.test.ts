/**
 * Issue 14 in the browser: a reader's selection is judged the way the scan
 * judged the page, the card reads right (lead sentence, verified wording,
 * the page's version), keeps its essentials on screen at 1280×800 and 360×640,
 * and is laid out left to right on a right-to-left page. Chromium (Playwright),
 * the test build (open shadow root), pages tests/e2e/pages/selection*.html.
 *
 * The selection goes through the real context-menu listener in the service
 * worker, which asks the frame holding the selection to look it up: the same
 * path as Alt+Shift+V.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession, type ExtensionApi } from './harness/chromium.ts';
import { formatViolations, runAxe } from './harness/axe.ts';
import { CARD_HOST, CARD_SETTLED, expectEssentialsOnScreen, expectLeftToRight, readCard as readCardIn, SELECT_NOTHING, select, type Card } from './harness/card.ts';
import { waitForScan, type ScannedFinding } from './harness/scan.ts';
import { poll, readRows } from './harness/rows.ts';
import { repoRoot, startServer, type TestServer } from './harness/server.ts';

declare const chrome: ExtensionApi;

const ARTIFACTS = path.join(repoRoot, 'tests/e2e/artifacts');
const VERIFY_MENU_ID = 'qv-verify-selection';

describe('selection lookup and the card, Chromium (Playwright)', () => {
  let server: TestServer;
  let session: ChromiumSession;
  let page: Page;
  let scanned: ScannedFinding[];

  const readCard = (target: Page, present = true) => readCardIn((e) => target.evaluate(e), present);
  /** axe-core on the open card, in light and dark: zero violations. */
  const axeCard = async (target: Page, what: string) => {
    for (const scheme of ['light', 'dark'] as const) {
      await target.emulateMedia({ colorScheme: scheme });
      await target.evaluate(CARD_SETTLED);
      const violations = await runAxe({ evaluate: (s) => target.evaluate(s) }, { include: CARD_HOST });
      expect(violations, `${what}, ${scheme}:\n${formatViolations(violations)}`).toEqual([]);
    }
    await target.emulateMedia({ colorScheme: 'light' });
  };
  /** The card alone, small enough for docs/screenshots (tests/e2e/artifacts/card-*.png). */
  const shootCard = async (target: Page, name: string) => {
    await target.evaluate(CARD_SETTLED);
    await target.locator(`${CARD_HOST} [role="dialog"]`).screenshot({ path: path.join(ARTIFACTS, `card-${name}.png`) });
  };

  /** Verifies the current selection through the real context-menu listener and returns the card. */
  async function verifySelection(target: Page, selected: string): Promise<Card> {
    await target.bringToFront();
    await session.evaluateInServiceWorker(
      async ({ menuItemId, selectionText }) => {
        const active = await chrome.tabs.query({ active: true });
        const handle = (globalThis as unknown as Record<string, { contextMenuClicked: (info: object, tab: object) => void }>).quoteVerifierBackground;
        if (!handle || active.length !== 1) throw new Error('No background handle or no single active tab');
        handle.contextMenuClicked({ menuItemId, selectionText, frameId: 0, editable: false, pageUrl: '' }, { id: active[0]!.id });
      },
      { menuItemId: VERIFY_MENU_ID, selectionText: selected },
    );
    await readCard(target);
    await target.evaluate(CARD_SETTLED);
    return (await readCard(target))!;
  }

  async function closeCard(target: Page): Promise<void> {
    await target.keyboard.press('Escape');
    await readCard(target, false);
  }

  const verdictOf = (words: string) => scanned.find((f) => f.text.includes(words))?.verdict;
  /** The toolbar popup's row for the same words (the popup opened as a tab on this page's tab). */
  const popupVerdictOf = async (words: string) => {
    const tabId = await session.evaluateInServiceWorker(async () => (await chrome.tabs.query({ active: true }))[0]!.id!);
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    const rows = await poll(() => readRows(popup), (r) => r.some((x) => x.text.includes(words)), 'The popup did not list the quotation');
    await popup.close();
    await page.bringToFront();
    return rows.find((r) => r.text.includes(words))?.verdict;
  };

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    server = await startServer();
    session = await launchChromium({ server });
    page = await session.openPage('selection.html');
    await page.setViewportSize({ width: 1280, height: 800 });
    await session.waitForReady(page);
    scanned = await waitForScan((e) => page.evaluate(e), (fs) => fs.filter((f) => f.quoteId).length >= 3, 'The page was not scanned');
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('the browser reads the command descriptions from the catalogues (__MSG_…__ resolved)', async () => {
    const commands = await session.evaluateInServiceWorker(async () =>
      (await chrome.commands.getAll()).map((c) => [c.name, c.description]),
    );
    expect(commands).toEqual(
      expect.arrayContaining([
        ['verify-selection', 'Verify the selected quotation'],
        ['next-finding', 'Go to the next quotation on the page'],
      ]),
    );
  });

  it('Alt+Shift+V with nothing selected opens a card near the top of the page that says how to use it', async () => {
    await page.bringToFront();
    await page.evaluate(SELECT_NOTHING);
    await session.evaluateInServiceWorker(async () => {
      const [tab] = await chrome.tabs.query({ active: true });
      const handle = (globalThis as unknown as Record<string, { command: (name: string, tab: object) => void }>).quoteVerifierBackground;
      handle!.command('verify-selection', { id: tab!.id });
    });
    const card = (await readCard(page))!;
    expect(card.verdict).toBe('How to verify a quotation');
    expect(card.text).toContain('Alt+Shift+V');
    expect(card.text).toContain('“Verify quotation”');
    expect(card.card.top).toBeLessThan(100);
    // Centred under the top of the page.
    expect(Math.abs((card.card.left + card.card.right) / 2 - card.viewport.width / 2)).toBeLessThan(2);
    await page.evaluate(CARD_SETTLED);
    await page.screenshot({ path: path.join(ARTIFACTS, 'shortcut-without-selection.png') });
    const violations = await runAxe({ evaluate: (s) => page.evaluate(s) }, { include: CARD_HOST });
    expect(violations, formatViolations(violations)).toEqual([]);
    await closeCard(page);
  });

  it('the scan (highlights, popup rows) judges the page as expected', () => {
    expect(verdictOf('too early to get ahead')).toBe('verified');
    expect(verdictOf('A truce in itself')).toBe('misattributed');
    expect(verdictOf('Kyiv welcomes')).toBe('altered');
  });

  it('"Peskov said: “…”" quoted correctly is Verified, with the attribution selected', async () => {
    const selected = (await page.evaluate(select('#correct', 'Peskov said', 'ourselves.”'))) as string;
    const card = await verifySelection(page, selected);
    expect(card.verdict).toBe('Verified');
    expect(card.said).toBe('All of this can be discussed during the negotiations, but it is too early to get ahead of ourselves');
    expect(card.pageVersion).toBeNull();
    await page.screenshot({ path: path.join(ARTIFACTS, 'selection-card-verified.png') });
    await shootCard(page, 'verified');
    await axeCard(page, 'verified');
    await closeCard(page);
  });

  it('"Zelensky said: “…”" is Misattributed, as its highlight is, and so are the quoted words alone', async () => {
    for (const [from, to] of [
      ['Zelensky said', 'achieved.”'],
      ['A truce in itself', 'what we want'],
    ] as const) {
      const selected = (await page.evaluate(select('#misattributed', from, to))) as string;
      const card = await verifySelection(page, selected);
      expect({ selected, verdict: card.verdict }).toEqual({ selected, verdict: 'Misattributed' });
      expect(verdictOf('A truce in itself')).toBe('misattributed');
      expect(card.summary).toContain('Zelensky');
      if (from === 'Zelensky said') expect(await popupVerdictOf('A truce in itself')).toBe('misattributed');
      if (from === 'Zelensky said') {
        await page.screenshot({ path: path.join(ARTIFACTS, 'selection-card-misattributed.png') });
        await shootCard(page, 'misattributed');
        await axeCard(page, 'misattributed');
      }
      await closeCard(page);
    }
  });

  it('a quotation with narration around it gets its own verdict', async () => {
    const selected = (await page.evaluate(select('#correct', 'Asked about', 'next week.'))) as string;
    const card = await verifySelection(page, selected);
    expect(card.verdict).toBe('Verified');
    expect(card.summary).not.toMatch(/longer quotation|not in the record/);
    await closeCard(page);
  });

  it('a selection that is not in the corpus says so, and that this does not make it false', async () => {
    const selected = (await page.evaluate(select('#correct', 'The talks', 'next week.'))) as string;
    const card = await verifySelection(page, selected);
    expect(card.verdict).toBe('Not in the corpus');
    expect(card.summary).toContain('That does not make it false');
    expect(card.text).toContain('Checked by Quote Verifier.');
    await shootCard(page, 'not-in-corpus');
    await axeCard(page, 'not-in-corpus');
    await closeCard(page);
  });

  it('an altered quotation leads with what changed, shows the verified wording and the page’s version, and no percentage', async () => {
    const selected = (await page.evaluate(select('#doctored', 'On Istanbul', 'Peskov said.'))) as string;
    const card = await verifySelection(page, selected);
    expect(card.verdict).toBe('Altered');
    expect(card.summary).toBe('The page changes “rules out” to “welcomes”: a different action from the one described.');
    expect(card.said).toBe('We are ready for discussions on the basis of those agreements, but Kyiv rules out this possibility');
    expect(card.pageVersion).toBe('We are ready for discussions on the basis of those agreements, but Kyiv welcomes this possibility');
    expectEssentialsOnScreen(card);
    await page.screenshot({ path: path.join(ARTIFACTS, 'selection-card-altered-1280x800.png') });
    await shootCard(page, 'altered');
    const violations = await runAxe({ evaluate: (s) => page.evaluate(s) }, { include: CARD_HOST });
    expect(violations, formatViolations(violations)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(CARD_SETTLED);
    await page.screenshot({ path: path.join(ARTIFACTS, 'selection-card-altered-dark.png') });
    await shootCard(page, 'altered-dark');
    const dark = await runAxe({ evaluate: (s) => page.evaluate(s) }, { include: CARD_HOST });
    expect(dark, formatViolations(dark)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    await closeCard(page);
  });

  it('keeps the verdict, verified wording, speaker, date and source on screen at 1280×800 and 360×640, wherever the quotation is', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 360, height: 640 },
    ]) {
      await page.setViewportSize(viewport);
      for (const block of ['start', 'center', 'end'] as const) {
        await page.evaluate(`document.querySelector('#doctored').scrollIntoView({ block: '${block}' })`);
        const selected = (await page.evaluate(select('#doctored', '“We are ready', 'Peskov said.'))) as string;
        const card = await verifySelection(page, selected);
        expect(card.verdict).toBe('Altered');
        expectEssentialsOnScreen(card);
        if (block === 'center') await page.screenshot({ path: path.join(ARTIFACTS, `selection-card-altered-${viewport.width}x${viewport.height}-center.png`) });
        await closeCard(page);
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('on a right-to-left page the card is laid out left to right, in its own language', async () => {
    const rtl = await session.openPage('selection-rtl.html');
    await rtl.setViewportSize({ width: 1280, height: 800 });
    await session.waitForReady(rtl);
    await waitForScan((e) => rtl.evaluate(e), (fs) => fs.some((f) => f.quoteId), 'The right-to-left page was not scanned');
    const selected = (await rtl.evaluate(select('#doctored', '“We are ready', 'possibility.”'))) as string;
    const card = await verifySelection(rtl, selected);
    expect(card.verdict).toBe('Altered');
    expect(card.lang).toMatch(/^en\b/); // the extension's UI language, not the page's ar
    expectLeftToRight(card);
    expectEssentialsOnScreen(card);
    await rtl.screenshot({ path: path.join(ARTIFACTS, 'selection-card-rtl.png') });
    await closeCard(rtl);
    await rtl.close();
  });
});
