/**
 * The background trusts its content scripts no further than their own tab (issue 12,
 * "The background owns the verdicts"), in Chromium with the store build.
 *
 * Code running in a content script's world (what a renderer compromise gives an
 * attacker) is simulated by evaluating in the extension's own isolated world of the
 * attacker's tab, found through the DevTools protocol (Runtime.executionContextCreated:
 * the isolated context whose origin is the extension's). From there it:
 * - asks for another tab's findings: refused (its own tab's: answered, the control);
 * - reports a forged "verified" list (the old report shape, carrying verdicts), and a
 *   report naming a scan it was never given: both refused;
 * and the popup still shows the verdict the background computed for the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium, type ChromiumSession, type ExtensionApi } from './harness/chromium.ts';
import { startServer, type TestServer } from './harness/server.ts';
import { poll, readRows, type Row } from './harness/rows.ts';

declare const chrome: ExtensionApi;

const VICTIM = 'in-page.html';
const ATTACKER = 'hostile-card.html';
/** The attacker page's doctored quotation (a dropped "not"): the background computes *altered*. */
const DOCTORED = 'We have only seen newspaper articles so far, and we will respond to them. We have not seen any texts yet.';
const VICTIM_QUOTE = 'We are ready for discussions on the basis of those agreements, but Kyiv rules out this possibility';

/** The extension's isolated world (its content script) in `page`'s top frame. */
async function contentScriptWorld(cdp: CDPSession, extensionId: string): Promise<number> {
  const contexts: { id: number; origin: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const ours = await poll(
    async () => contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.startsWith(`chrome-extension://${extensionId}`)),
    (c) => c !== undefined,
    'No content-script world of the extension in the attacker’s tab',
  );
  return ours!.id;
}

/** Runs `expression` (a promise of JSON-able data) in the content script's world. */
async function inContentScript(cdp: CDPSession, contextId: number, expression: string): Promise<unknown> {
  const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', {
    contextId,
    expression,
    awaitPromise: true,
    returnByValue: true,
  })) as { result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } };
  if (exceptionDetails) throw new Error(`In the content script: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value;
}

/** Sends `message` from the content script's world; resolves to the answer, or `{ thrown }`. */
const send = (message: object) =>
  `chrome.runtime.sendMessage(${JSON.stringify(message)}).then((answer) => answer ?? null, (error) => ({ thrown: String(error && error.message || error) }))`;

describe('a compromised content script and the background (Chromium, store build)', () => {
  let server: TestServer;
  let session: ChromiumSession;
  let victim: Page;
  let attacker: Page;
  let victimTab: number;
  let attackerTab: number;
  let cdp: CDPSession;
  let world: number;

  const activeTab = () => session.evaluateInServiceWorker(async () => (await chrome.tabs.query({ active: true }))[0]!.id!);
  const popupRows = async (tabId: number, done: (rows: Row[]) => boolean, what: string) => {
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    const rows = await poll(() => readRows(popup), done, what);
    await popup.close();
    return rows;
  };

  beforeAll(async () => {
    server = await startServer();
    session = await launchChromium({ server, build: 'store' });
    victim = await session.openPage(VICTIM);
    await victim.bringToFront();
    victimTab = await activeTab();
    attacker = await session.openPage(ATTACKER);
    await attacker.bringToFront();
    attackerTab = await activeTab();
    expect(attackerTab).not.toBe(victimTab);
    await popupRows(victimTab, (r) => r.some((x) => x.text.includes(VICTIM_QUOTE)), 'The victim page was not scanned');
    await popupRows(attackerTab, (r) => r.some((x) => x.text.includes(DOCTORED)), 'The attacker page was not scanned');
    cdp = await session.context.newCDPSession(attacker);
    world = await contentScriptWorld(cdp, session.extensionId);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('asking for another tab’s findings is refused; its own tab is answered (control)', async () => {
    const other = (await inContentScript(cdp, world, send({ type: 'qv:tab-findings', tabId: victimTab }))) as Record<string, unknown>;
    expect(other.type).toBe('qv:error');
    expect(String(other.error)).toMatch(/refused: a content script may ask only about its own tab/);
    expect(JSON.stringify(other)).not.toContain(VICTIM_QUOTE);

    const own = (await inContentScript(cdp, world, send({ type: 'qv:tab-findings', tabId: attackerTab }))) as { type: string; findings: { text: string; verdict: string }[] };
    expect(own.type).toBe('qv:tab-findings');
    expect(own.findings.find((f) => f.text.includes(DOCTORED))?.verdict).toBe('altered');
  });

  it('messages travel as structured clones (message_serialization), and a hole in a list is refused', async () => {
    // A listener of the test's own, in the worker, answers a probe the extension does not know:
    // did a Map arrive as a Map? Under JSON (the key missing, or a Chrome before 148) it arrives as {}.
    await session.evaluateInServiceWorker(() => {
      chrome.runtime.onMessage.addListener((message: unknown, _sender: unknown, reply: (answer: unknown) => void) => {
        const m = message as { type?: unknown; probe?: unknown } | null;
        if (m?.type === 'test:probe') reply({ map: m.probe instanceof Map, size: (m.probe as Map<unknown, unknown>).size ?? null });
        return undefined;
      });
    });
    expect(await inContentScript(cdp, world, `chrome.runtime.sendMessage({ type: 'test:probe', probe: new Map([[1, 'a']]) })`)).toEqual({ map: true, size: 1 });
    // A clone keeps an array's holes (JSON made them null): a report whose list has one is
    // refused outright, where the same report without it is answered "not a scan of yours".
    const holed = await inContentScript(cdp, world, send({ type: 'qv:findings', scanId: 'guessed-2', located: [0, 1, 2] }).replace('[0,1,2]', '[0,,2]'));
    expect(holed === null || (typeof holed === 'object' && 'thrown' in (holed as object))).toBe(true);
    expect(await inContentScript(cdp, world, send({ type: 'qv:findings', scanId: 'guessed-2', located: [0, 1, 2] }))).toMatchObject({ type: 'qv:findings', ok: false });
  });

  it('a forged "verified" report is refused, and the popup still shows the computed verdict', async () => {
    // The old shape, carrying verdicts: not a message the background accepts any more.
    const forged = await inContentScript(
      cdp,
      world,
      send({ type: 'qv:findings', counts: { verified: 1, altered: 0, misattributed: 0, variant: 0, unverified: 0 }, findings: [{ verdict: 'verified', text: DOCTORED, quoteId: 'q_forged' }] }),
    );
    expect(forged === null || (typeof forged === 'object' && 'thrown' in (forged as object))).toBe(true);
    // A report naming a scan this frame was never given.
    const invented = (await inContentScript(cdp, world, send({ type: 'qv:findings', scanId: 'guessed-1', located: [0] }))) as { ok?: boolean };
    expect(invented).toMatchObject({ type: 'qv:findings', ok: false });

    const rows = await popupRows(attackerTab, (r) => r.some((x) => x.text.includes(DOCTORED)), 'The popup lost the attacker page’s findings');
    expect(rows.filter((r) => r.text.includes(DOCTORED)).map((r) => r.verdict)).toEqual(['altered']);
    expect(rows.some((r) => r.quoteId === 'q_forged')).toBe(false);
    // The victim's list is untouched too.
    const victimRows = await popupRows(victimTab, (r) => r.some((x) => x.text.includes(VICTIM_QUOTE)), 'The victim’s list changed');
    expect(victimRows.find((r) => r.text.includes(VICTIM_QUOTE))?.verdict).toBe('verified');
  });
});
