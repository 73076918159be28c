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
import { waitForScan, type ScannedFinding } from './harness/scan.ts';
import { repoRoot, startServer, type TestServer } from './harness/server.ts';

declare const chrome: ExtensionApi;

const ARTIFACTS = path.join(repoRoot, 'tests/e2e/artifacts');
/** The card's host in the test build (entrypoints/content/card-host.tsx, TEST_CARD_ATTRIBUTE). */
const CARD_HOST = '[data-qv-test-card]';
const VERIFY_MENU_ID = 'qv-verify-selection';
const TIMEOUT_MS = 15_000;
const POLL_MS = 50;

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

interface Card {
  verdict: string | null;
  summary: string | null;
  said: string | null;
  pageVersion: string | null;
  direction: string;
  lang: string | null;
  card: Box;
  scrollTop: number;
  viewport: { width: number; height: number };
  /** The essentials: what must be on screen without scrolling the card. */
  essentials: Record<'verdict' | 'wording' | 'speaker' | 'date' | 'source', Box | null>;
  close: Box | null;
}

/** Page-world expression: the open card (test build: open shadow root), or null. */
const READ_CARD = `(() => {
  const host = document.querySelector('${CARD_HOST}');
  const card = host?.shadowRoot?.querySelector('[role="dialog"]');
  if (!card) return null;
  const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; };
  const visible = (sel) => {
    const el = card.querySelector(sel);
    if (!el) return null;
    const copy = el.cloneNode(true);
    copy.querySelectorAll('.qv-sr').forEach((n) => n.remove());
    return copy.textContent.replace(/\\s+/g, ' ').trim();
  };
  return {
    verdict: card.querySelector('.qv-verdict-word')?.textContent ?? null,
    summary: card.querySelector('.qv-summary')?.textContent ?? null,
    said: visible('.qv-said') ?? visible('.qv-wording'),
    pageVersion: visible('.qv-page-version'),
    direction: getComputedStyle(card).direction,
    lang: card.getAttribute('lang'),
    card: box(card),
    scrollTop: card.scrollTop,
    viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
    essentials: {
      verdict: box(card.querySelector('.qv-verdict')),
      wording: box(card.querySelector('.qv-wording')),
      speaker: box(card.querySelector('.qv-speaker')),
      date: box(card.querySelector('.qv-date time')),
      source: box(card.querySelector('.qv-source a')),
    },
    close: box(card.querySelector('.qv-close')),
  };
})()`;

const CARD_SETTLED = `(async () => {
  const root = document.querySelector('${CARD_HOST}')?.shadowRoot;
  if (root) await Promise.all(root.getAnimations().map((a) => a.finished.catch(() => undefined)));
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
})()`;

/** Page-world expression: selects `from`…`to` (inclusive) in the text of `selector`; returns the selected text. */
function select(selector: string, from: string, to: string): string {
  return `(() => {
    const root = document.querySelector(${JSON.stringify(selector)});
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
    const whole = nodes.map((n) => n.data).join('');
    const start = whole.indexOf(${JSON.stringify(from)});
    const end = whole.indexOf(${JSON.stringify(to)}, start) + ${JSON.stringify(to)}.length;
    if (start < 0 || end < start) throw new Error('No such text under ${selector}');
    const at = (offset) => { let k = offset; for (const n of nodes) { if (k <= n.data.length) return [n, k]; k -= n.data.length; } };
    const range = document.createRange();
    range.setStart(...at(start));
    range.setEnd(...at(end));
    const selection = document.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return selection.toString();
  })()`;
}

async function readCard(page: Page, present = true): Promise<Card | null> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const card = (await page.evaluate(READ_CARD)) as Card | null;
    if ((card !== null) === present) return card;
    if (Date.now() > deadline) throw new Error(`The card did not ${present ? 'open' : 'close'} within ${TIMEOUT_MS} ms.`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

function inside(inner: Box | null, outer: Box, what: string): void {
  expect(inner, `${what} is shown`).not.toBeNull();
  expect(inner!.top, `${what} top`).toBeGreaterThanOrEqual(outer.top - 0.5);
  expect(inner!.bottom, `${what} bottom`).toBeLessThanOrEqual(outer.bottom + 0.5);
}

/** The verdict, wording, speaker, date and source link are inside the viewport and the card's visible box, the card not scrolled. */
function expectEssentialsOnScreen(card: Card): void {
  const viewport = { top: 0, left: 0, bottom: card.viewport.height, right: card.viewport.width };
  expect(card.scrollTop).toBe(0);
  for (const [what, box] of Object.entries(card.essentials)) {
    inside(box, viewport, `${what} (viewport)`);
    inside(box, card.card, `${what} (card)`);
  }
}

describe('selection lookup and the card, Chromium (Playwright)', () => {
  let server: TestServer;
  let session: ChromiumSession;
  let page: Page;
  let scanned: ScannedFinding[];

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
      if (from === 'Zelensky said') await page.screenshot({ path: path.join(ARTIFACTS, 'selection-card-misattributed.png') });
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

  it('an altered quotation leads with what changed, shows the verified wording and the page’s version, and no percentage', async () => {
    const selected = (await page.evaluate(select('#doctored', 'On Istanbul', 'Peskov said.'))) as string;
    const card = await verifySelection(page, selected);
    expect(card.verdict).toBe('Altered');
    expect(card.summary).toBe('The page changes “rules out” to “welcomes”: a different action from the one described.');
    expect(card.said).toBe('We are ready for discussions on the basis of those agreements, but Kyiv rules out this possibility');
    expect(card.pageVersion).toBe('We are ready for discussions on the basis of those agreements, but Kyiv welcomes this possibility');
    expectEssentialsOnScreen(card);
    await page.screenshot({ path: path.join(ARTIFACTS, 'selection-card-altered-1280x800.png') });
    const violations = await runAxe({ evaluate: (s) => page.evaluate(s) }, { include: CARD_HOST });
    expect(violations, formatViolations(violations)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(CARD_SETTLED);
    await page.screenshot({ path: path.join(ARTIFACTS, 'selection-card-altered-dark.png') });
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
    expect(card.direction).toBe('ltr');
    expect(card.lang).toMatch(/^en\b/); // the browser's UI language (en-US here), not the page's ar
    // Left to right: the verdict on the left, the close button on the right; the summary's full stop ends it.
    expect(card.essentials.verdict!.left).toBeLessThan(card.close!.left);
    expect(card.summary).toMatch(/\.$/);
    expectEssentialsOnScreen(card);
    await rtl.screenshot({ path: path.join(ARTIFACTS, 'selection-card-rtl.png') });
    await closeCard(rtl);
    await rtl.close();
  });
});
