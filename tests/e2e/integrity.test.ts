/**
 * Corpus integrity (issue 6, section 3) in real Chromium with the BUILT extension:
 * the build embeds the SHA-256 of the corpus it shipped. A copy of the build whose
 * corpus.json was then changed by one character (still a valid corpus) must refuse
 * it: no quotation on the page is marked verified, the badge reads ERR, and the
 * popup says the corpus failed its integrity check. The untouched build, as a
 * control, verifies the same page and shows its corpus hash in the popup.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumSession, type ExtensionApi } from './harness/chromium.ts';
import { builtExtension } from './harness/extension.ts';
import { waitForScan } from './harness/scan.ts';
import { startServer, type TestServer } from './harness/server.ts';

declare const chrome: ExtensionApi;

const PAGE = 'in-page.html';
/** Long enough for the page's late paragraph and the iframe to have been scanned too. */
const SETTLE_MS = 1_500;

async function activeTabBadge(session: ChromiumSession): Promise<{ text: string; title: string }> {
  return session.evaluateInServiceWorker(async () => {
    const [tab] = await chrome.tabs.query({ active: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return { text: await chrome.action.getBadgeText({ tabId: tab.id }), title: await chrome.action.getTitle({ tabId: tab.id }) };
  });
}

async function activeTabId(session: ChromiumSession): Promise<number> {
  return session.evaluateInServiceWorker(async () => {
    const [tab] = await chrome.tabs.query({ active: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return tab.id;
  });
}

describe('corpus integrity (Chromium)', () => {
  let server: TestServer;
  let tamperedDir: string;
  const sessions: ChromiumSession[] = [];

  beforeAll(async () => {
    server = await startServer();
    const built = builtExtension('chrome-mv3');
    tamperedDir = await mkdtemp(path.join(tmpdir(), 'qv-tampered-'));
    await cp(built.dir, tamperedDir, { recursive: true });
    const file = path.join(tamperedDir, 'corpus.json');
    const original = await readFile(file, 'utf8');
    // One character of one quotation: the kind of edit that would slip a doctored quote in.
    const corpus = JSON.parse(original) as { quotes: { text: string }[] };
    const first = corpus.quotes[0]!.text;
    const tampered = original.replace(JSON.stringify(first), JSON.stringify(first.replace(/e/, 'a')));
    expect(tampered).not.toBe(original);
    await writeFile(file, tampered);
  });
  afterAll(async () => {
    for (const s of sessions) await s.close();
    await server?.close();
    if (tamperedDir) await rm(tamperedDir, { recursive: true, force: true });
  });

  it('the untouched build verifies the page and shows its corpus hash in the popup (control)', async () => {
    const session = await launchChromium({ server });
    sessions.push(session);
    const page = await session.openPage(PAGE);
    await page.bringToFront();
    const findings = await waitForScan((e) => page.evaluate(e), (f) => f.some((x) => x.verdict === 'verified'), 'No verified finding');
    expect(findings.some((x) => x.verdict === 'verified')).toBe(true);
    const tabId = await activeTabId(session);
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    await popup.waitForSelector('.qv-popup__corpus');
    const shipped = await readFile(path.join(session.extension.dir, 'corpus.json'));
    const sha = createHash('sha256').update(shipped).digest('hex');
    const text = (await popup.textContent('body')) ?? '';
    expect(text).not.toMatch(/integrity/i);
    // The popup shows the hash (at least its first 12 digits) of the file that shipped.
    expect(await popup.content()).toContain(sha.slice(0, 12));
  });

  it('a corpus changed after the build is refused: nothing verified, ERR badge, popup says why', async () => {
    const session = await launchChromium({ server, extensionDir: tamperedDir });
    sessions.push(session);
    const page = await session.openPage(PAGE);
    await page.bringToFront();
    await session.waitForReady(page);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const findings = await waitForScan((e) => page.evaluate(e), () => true, 'No scan reported');
    expect(findings.filter((f) => f.verdict === 'verified' || f.verdict === 'altered' || f.verdict === 'misattributed')).toEqual([]);

    const badge = await activeTabBadge(session);
    expect(badge.text).toBe('ERR');
    expect(badge.title).toMatch(/nothing is verified.*integrity check/);

    const tabId = await activeTabId(session);
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    const alert = popup.locator('[role="alert"]');
    await alert.first().waitFor();
    expect(await alert.first().textContent()).toMatch(/integrity check/);
    expect(await popup.locator('[data-verdict="verified"]').count()).toBe(0);
  });
});
