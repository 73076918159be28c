/**
 * Other wordings of a statement (issue 17) in the BUILT extension, in Chromium and
 * Firefox. tests/e2e/pages/wordings.html quotes Peskov's remark of 16 December 2025
 * twice: in the Russian original the seed corpus holds (data/documents/000_….meta.yaml,
 * sourced from Interfax) and in a wire service's English, which the corpus does not
 * hold. The original is verified (highlight and card naming the original's language and
 * source); the English is listed in the popup as `variant`, with the quotation it belongs to.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { launchChromium, type ChromiumSession, type ExtensionApi } from './harness/chromium.ts';
import { launchFirefox, type FirefoxSession } from './harness/firefox.ts';
import { startServer, type TestServer } from './harness/server.ts';
import { poll, readRows } from './harness/rows.ts';
import { waitForScan } from './harness/scan.ts';

declare const chrome: ExtensionApi;

const PAGE = 'wordings.html';
const MAIN = 'peace, not a truce that would allow Ukraine to catch its breath and prepare for continuation of the war';
const RUSSIAN = 'Мы хотим мира. Мы не хотим перемирия';
const WIRE = 'We want peace, not a ceasefire';

/** Page-world expression: the open card's text (test build: open shadow root), or null. */
const CARD_TEXT = `(() => document.querySelector('[data-qv-test-card]')?.shadowRoot?.querySelector('[role="dialog"]')?.textContent ?? null)()`;
/** Page-world expression: the texts of the ranges in the verified highlight (its name has a random suffix). */
const VERIFIED_RANGES = `(() => [...CSS.highlights.keys()].filter((k) => k.startsWith('qv-verified')).flatMap((k) => [...CSS.highlights.get(k)].map((r) => r.toString())))()`;

async function shippedId(dir: string): Promise<string> {
  const corpus = JSON.parse(await readFile(path.join(dir, 'corpus.json'), 'utf8')) as { quotes: { id: string; text: string; original?: unknown }[] };
  const q = corpus.quotes.find((x) => x.text === MAIN);
  if (!q?.original) throw new Error('The shipped corpus does not hold the Russian original of the 16 December 2025 remark: rebuild (npm run build:test)');
  return q.id;
}

function expectFindings(findings: readonly { verdict: string; quoteId?: string | null; text: string }[], id: string): void {
  const original = findings.find((f) => f.text.includes(RUSSIAN));
  expect(original).toMatchObject({ verdict: 'verified', quoteId: id, wording: { kind: 'original', lang: 'ru' } });
  const wire = findings.find((f) => f.text.includes(WIRE));
  expect(wire).toMatchObject({ verdict: 'variant', quoteId: id });
}

function expectOriginalCard(text: string | null): void {
  expect(text).toContain('Verified against the original Russian');
  expect(text).toContain('Interfax');
  // The record's main wording beside it.
  expect(text).toContain(MAIN);
}

describe('other wordings (Chromium)', () => {
  let server: TestServer;
  let session: ChromiumSession;
  let page: Page;
  let id: string;

  beforeAll(async () => {
    server = await startServer();
    session = await launchChromium({ server });
    id = await shippedId(session.extension.dir);
    page = await session.openPage(PAGE);
    await session.waitForReady(page);
    await page.bringToFront();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('verifies the vetted Russian original and calls the wire wording a variant', async () => {
    const findings = await waitForScan((e) => page.evaluate(e), (f) => f.length >= 2, 'No scan with both quotations');
    expectFindings(findings, id);
    const ranges = (await page.evaluate(VERIFIED_RANGES)) as string[];
    expect(ranges.some((r) => r.includes(RUSSIAN))).toBe(true);
  });

  it('the popup lists the variant with its quotation; the original’s card names its language and source', async () => {
    const tabId = await session.evaluateInServiceWorker(async () => {
      const active = await chrome.tabs.query({ active: true });
      return active[0]!.id!;
    });
    const popup = await session.context.newPage();
    const rows = await poll(
      async () => {
        await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
        await popup.waitForSelector('.qv-popup__corpus');
        return readRows(popup);
      },
      (r) => r.some((x) => x.verdict === 'variant'),
      'The popup did not list the variant',
    );
    expect(rows.find((r) => r.verdict === 'variant')).toMatchObject({ quoteId: id });
    expect(rows.find((r) => r.verdict === 'variant')!.text).toContain(WIRE);
    await popup.click('[data-verdict="verified"] button');
    expectOriginalCard(await poll(() => page.evaluate(CARD_TEXT) as Promise<string | null>, (t) => t !== null, 'No card opened'));
    await popup.close();
  });
});

describe('other wordings (Firefox)', () => {
  let server: TestServer;
  let session: FirefoxSession;
  let page: PuppeteerPage;
  let id: string;

  beforeAll(async () => {
    server = await startServer();
    session = await launchFirefox({ server, extensionPages: true });
    id = await shippedId(session.extension.dir);
    page = await session.openPage(PAGE);
    await session.waitForReady(page);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('verifies the original, lists the variant in the popup, and the card names the original', async () => {
    const findings = await waitForScan((e) => page.evaluate(e), (f) => f.length >= 2, 'No scan with both quotations');
    expectFindings(findings, id);
    const finder = await session.openExtensionPage('popup.html?tab=0');
    const tabId = await poll(
      () =>
        finder.evaluate(`(async () => {
          for (const tab of await browser.tabs.query({})) {
            const answer = await browser.runtime.sendMessage({ type: 'qv:tab-findings', tabId: tab.id });
            if (answer && Array.isArray(answer.findings) && answer.findings.some((f) => f.verdict === 'variant')) return tab.id;
          }
          return -1;
        })()`) as Promise<number>,
      (t) => t >= 0,
      'No tab’s findings held the variant',
    );
    await finder.close();
    const popup = await session.openExtensionPage(`popup.html?tab=${tabId}`);
    const rows = await poll(() => readRows(popup), (r) => r.some((x) => x.verdict === 'variant'), 'The popup did not list the variant');
    expect(rows.find((r) => r.verdict === 'variant')).toMatchObject({ quoteId: id });
    await popup.click('[data-verdict="verified"] button');
    expectOriginalCard(await poll(() => page.evaluate(CARD_TEXT) as Promise<string | null>, (t) => t !== null, 'No card opened'));
    await popup.close();
  });
});
