/**
 * In the page (issue 4, section 7): the BUILT extension on a page that holds
 * quotations in every shape the scanner must handle, in real Chromium (Playwright)
 * and real Firefox (puppeteer-core).
 *
 * tests/e2e/pages/in-page.html holds: an exact quote in straight quotes and one in
 * curly quotes; a blockquote without quote marks, split by <em> and <a>; an excerpt;
 * a doctored quote (a dropped "not"); a misattribution ("Zelensky said" with a
 * Peskov quote); a decoy; a paragraph the page appends 500 ms after load; an open
 * shadow root; an iframe (in-page-frame.html); and a textarea, an input and a
 * contenteditable region holding doctored quotes: the fields must not be scanned, the
 * editable region (page text the reader is not typing in) must (issue 12).
 *
 * Findings are read the way a page would: the content script answers a
 * `quote-verifier:query` event on the document with a `quote-verifier:scanned`
 * event whose detail is a JSON string {"findings":[{verdict,quoteId,text}], timing}.
 * Quote ids are looked up by their wording in the corpus the extension ships, so a
 * rebuilt corpus with other ids does not break the test, but other wording does.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession, type ExtensionApi } from './harness/chromium.ts';
import { launchFirefox, type FirefoxSession } from './harness/firefox.ts';
import { repoRoot, startServer, type TestServer } from './harness/server.ts';

declare const chrome: ExtensionApi;

const PAGE = 'in-page.html';
const FRAME_PAGE = 'in-page-frame.html';
const ARTIFACTS = path.join(repoRoot, 'tests/e2e/artifacts');
/** How long a scan may take to report (idle callback, then matching in the background). */
const SCAN_TIMEOUT_MS = 15_000;
const POLL_MS = 50;
/** The card's shadow host (entrypoints/in-page/card-host.tsx, CARD_HOST_NAME). */
const CARD_HOST = '[data-qv-test-card]';
/** The context-menu item's id (src/platform/context-menu.ts, VERIFY_MENU_ID). */
const VERIFY_MENU_ID = 'qv-verify-selection';

/** The corpus wording of the quotations the page uses. */
const WORDING = {
  readyForDiscussions: 'We are ready for discussions on the basis of those agreements, but Kyiv rules out this possibility',
  tooEarly: 'All of this can be discussed during the negotiations, but it is too early to get ahead of ourselves',
  truce: 'A truce in itself is not what we want. We need a peace that will come after all our conditions are met and our goals are achieved',
  catchBreath: 'peace, not a truce that would allow Ukraine to catch its breath and prepare for continuation of the war',
  newspapers: 'We have only seen newspaper articles so far, and we will not respond to them. We have not seen any texts yet',
  regions: 'integral and equal subjects of the Russian Federation',
} as const;
type Key = keyof typeof WORDING;

/** The paragraph in-page.html appends 500 ms after load, as the page itself serializes it. */
const LATE_PARAGRAPH =
  '<p>Later, the Kremlin called the four regions “integral and equal subjects of the Russian Federation.”</p>';
const LATE_EMPTY = '<div id="late"></div>';

interface Reported {
  verdict: string;
  quoteId: string | null;
  text: string;
}

/** What the main document must report: [verdict, quotation (null for none), page wording]. */
const EXPECTED_MAIN: [string, Key | null, string][] = [
  // Straight quotes, exact.
  ['verified', 'readyForDiscussions', 'We are ready for discussions on the basis of those agreements, but Kyiv rules out this possibility.'],
  // Curly quotes, exact.
  ['verified', 'tooEarly', 'All of this can be discussed during the negotiations, but it is too early to get ahead of ourselves,'],
  // Blockquote without quote marks, split by <em> and <a>.
  ['verified', 'truce', WORDING.truce + '.'],
  // An excerpt (more than 5 words) of a longer quotation.
  ['verified', 'catchBreath', 'allow Ukraine to catch its breath and prepare for continuation of the war'],
  // Doctored: "we will not respond" became "we will respond".
  ['altered', 'newspapers', 'We have only seen newspaper articles so far, and we will respond to them. We have not seen any texts yet.'],
  // Peskov's words, attributed to Zelensky.
  ['misattributed', 'truce', WORDING.truce + '.'],
  // A decoy: Peskov-like, in quote marks, but nothing he said.
  ['unverified', null, 'We are ready for contacts with Washington, but Kyiv must show it wants them too,'],
  // Inside the open shadow root: an excerpt.
  ['verified', 'newspapers', 'We have not seen any texts yet,'],
  // The contenteditable region (issue 12: editable text the reader does not type in is page text): doctored.
  ['altered', 'truce', 'A truce in itself is what we want. We need a peace that will come after all our conditions are met.'],
  // Appended 500 ms after load.
  ['verified', 'regions', 'integral and equal subjects of the Russian Federation.'],
];
const EXPECTED_FRAME: [string, Key | null, string][] = [['verified', 'newspapers', WORDING.newspapers + '.']];

/** Values of the form fields in in-page.html; the extension must not change them. */
const FIELD_VALUES = {
  draft: '“We are ready for discussions on the basis of those agreements, and Kyiv welcomes this possibility,” Peskov said.',
  headline: '“A truce in itself is what we want,” Peskov said',
};

interface CorpusQuote {
  id: string;
  text: string;
  speaker: { name: string; role?: string };
  sources: { title: string; publisher?: string; url: string; fragmentUrl?: string }[];
}

async function shippedQuotes(extensionDir: string): Promise<Map<Key, CorpusQuote>> {
  const corpus = JSON.parse(await readFile(path.join(extensionDir, 'corpus.json'), 'utf8')) as { quotes: CorpusQuote[] };
  const byKey = new Map<Key, CorpusQuote>();
  for (const key of Object.keys(WORDING) as Key[]) {
    const quote = corpus.quotes.find((q) => q.text === WORDING[key]);
    if (!quote) throw new Error(`The shipped corpus (${extensionDir}/corpus.json) has no quotation worded "${WORDING[key]}".`);
    byKey.set(key, quote);
  }
  return byKey;
}

function resolve(expected: [string, Key | null, string][], quotes: Map<Key, CorpusQuote>): Reported[] {
  return sorted(expected.map(([verdict, key, text]) => ({ verdict, quoteId: key ? quotes.get(key)!.id : null, text })));
}

/** Order-independent form: the scanner reports in document order, shadow roots and all, and that order is not the point here. */
function sorted(findings: { verdict: string; quoteId?: string | null; text: string }[]): Reported[] {
  return findings
    .map((f) => ({ verdict: f.verdict, quoteId: f.quoteId ?? null, text: f.text }))
    .sort((a, b) => a.text.localeCompare(b.text) || a.verdict.localeCompare(b.verdict));
}

type Evaluate = (expression: string) => Promise<unknown>;

/**
 * Page-world expression: asks the content script for its last scan and returns the
 * detail string, or null before the first scan. The content script's listener runs
 * synchronously inside dispatchEvent, in both browsers.
 */
const LAST_SCAN = `(() => {
  let detail = null;
  const listen = (event) => { detail = event.detail; };
  document.addEventListener('quote-verifier:scanned', listen);
  document.dispatchEvent(new CustomEvent('quote-verifier:query'));
  document.removeEventListener('quote-verifier:scanned', listen);
  return typeof detail === 'string' ? detail : null;
})()`;

/** Polls the last scan until `done` accepts its findings; returns them (the last seen, when time runs out). */
async function waitForFindings(evaluate: Evaluate, done: (findings: Reported[]) => boolean, what: string): Promise<Reported[]> {
  const deadline = Date.now() + SCAN_TIMEOUT_MS;
  let last: Reported[] | undefined;
  for (;;) {
    const detail = (await evaluate(LAST_SCAN)) as string | null;
    if (detail !== null) {
      last = sorted((JSON.parse(detail) as { findings: Reported[] }).findings);
      if (done(last)) return last;
    }
    if (Date.now() > deadline) {
      if (last) return last;
      throw new Error(`No quote-verifier:scanned answer for ${what} within ${SCAN_TIMEOUT_MS} ms.`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Waits for the scan that includes the paragraph appended after load. */
const afterLateInsert = (evaluate: Evaluate, what: string) =>
  waitForFindings(evaluate, (f) => f.some((x) => x.text.startsWith('integral and equal')), what);

/** Page-world expression: the form fields' current and default values. */
const FIELDS = `(() => {
  const draft = document.getElementById('draft');
  const headline = document.getElementById('headline');
  return { draft: draft.value, headline: headline.value, draftDefault: draft.defaultValue, headlineDefault: headline.defaultValue };
})()`;

/**
 * Page-world expression: scrolls to the first text node under `selector` (in the
 * document) that holds `phrase`, and returns the viewport centre of the phrase.
 */
function phrasePoint(selector: string, phrase: string): string {
  return `(() => {
  const container = document.querySelector(${JSON.stringify(selector)});
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  let text = walker.nextNode();
  while (text && !text.data.includes(${JSON.stringify(phrase)})) text = walker.nextNode();
  if (!text) throw new Error('No text ' + ${JSON.stringify(JSON.stringify(phrase))} + ' under ' + ${JSON.stringify(selector)});
  text.parentElement.scrollIntoView({ block: 'center' });
  const start = text.data.indexOf(${JSON.stringify(phrase)});
  const range = document.createRange();
  range.setStart(text, start);
  range.setEnd(text, start + ${phrase.length});
  const r = range.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
})()`;
}

/** Page-world expression: selects the straight-quoted sentence, as a fact-checker would; returns the selected text. */
const SELECT_STRAIGHT_QUOTE = `(() => {
  const text = document.querySelector('#straight p').firstChild;
  const start = text.data.indexOf('We are ready');
  const end = text.data.indexOf('possibility.') + 'possibility.'.length;
  const range = document.createRange();
  range.setStart(text, start);
  range.setEnd(text, end);
  const selection = document.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return selection.toString();
})()`;

interface CardView {
  shadow: 'open' | 'closed';
  verdict?: string | null;
  summary?: string | null;
  speaker?: string | null;
  date?: string | null;
  dateTime?: string | null;
  source?: string | null;
  sourceHref?: string | null;
  /** Words of the verified wording the diff shows as dropped or changed by the page. */
  missing?: string[];
  /** Meaning-changing edits the card calls out (data-flag values). */
  meaningFlags?: string[];
  /** The card's rectangle and the viewport, to check it stays inside. */
  rect?: { top: number; left: number; bottom: number; right: number };
  viewport?: { width: number; height: number };
}

/** Page-world expression: what the open card shows, read through its (open) shadow root; null when no card. */
const READ_CARD = `(() => {
  const host = document.querySelector('${CARD_HOST}');
  if (!host) return null;
  const root = host.shadowRoot;
  if (!root) return { shadow: 'closed' };
  const card = root.querySelector('[role="dialog"]');
  if (!card) return null;
  const text = (selector) => card.querySelector(selector)?.textContent ?? null;
  return {
    shadow: 'open',
    verdict: text('.qv-verdict-word'),
    summary: text('.qv-summary'),
    speaker: text('.qv-speaker'),
    date: text('.qv-date time'),
    dateTime: card.querySelector('.qv-date time')?.getAttribute('datetime') ?? null,
    source: text('.qv-source'),
    sourceHref: card.querySelector('.qv-source a')?.getAttribute('href') ?? null,
    missing: Array.from(card.querySelectorAll('.qv-said .qv-truth'), (d) => d.lastChild?.textContent ?? ''),
    meaningFlags: Array.from(card.querySelectorAll('.qv-flags-meaning [data-flag]'), (li) => li.getAttribute('data-flag')),
    rect: (({ top, left, bottom, right }) => ({ top, left, bottom, right }))(card.getBoundingClientRect()),
    viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
  };
})()`;

async function waitForCard(evaluate: Evaluate, present: boolean): Promise<CardView | null> {
  const deadline = Date.now() + SCAN_TIMEOUT_MS;
  for (;;) {
    const card = (await evaluate(READ_CARD)) as CardView | null;
    if ((card !== null) === present) return card;
    if (Date.now() > deadline) throw new Error(`The card did not ${present ? 'open' : 'close'} within ${SCAN_TIMEOUT_MS} ms.`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** What the card must show for a quotation of Peskov's from 13 December 2024. */
function expectPeskovCard(card: CardView | null, quote: CorpusQuote, verdict: string): void {
  const source = quote.sources[0]!;
  expect(card).toEqual(
    expect.objectContaining({
      shadow: 'open',
      verdict,
      speaker: `Dmitry Peskov, ${quote.speaker.role}`,
      date: 'Friday, 13 December 2024',
      dateTime: '2024-12-13',
      sourceHref: source.fragmentUrl ?? source.url,
    }),
  );
  expect(card?.source).toContain(source.title);
  if (source.publisher) expect(card?.source).toContain(source.publisher);
  expectInsideViewport(card);
}

function expectInsideViewport(card: CardView | null): void {
  const { rect, viewport } = card ?? {};
  expect(rect).toBeDefined();
  expect(rect!.top).toBeGreaterThanOrEqual(0);
  expect(rect!.left).toBeGreaterThanOrEqual(0);
  expect(rect!.bottom).toBeLessThanOrEqual(viewport!.height);
  expect(rect!.right).toBeLessThanOrEqual(viewport!.width);
}

/**
 * Page-world expression: resolves once the card's opening animation has finished and
 * a frame has painted, so a screenshot shows the card as a reader sees it at rest.
 */
const CARD_SETTLED = `(async () => {
  const root = document.querySelector('${CARD_HOST}')?.shadowRoot;
  if (root) await Promise.all(root.getAnimations().map((a) => a.finished.catch(() => undefined)));
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
})()`;

/** Screenshot options that leave the page alone (see the light/dark screenshots below). */
const SCREENSHOT = { caret: 'initial' } as const;

/**
 * A page loading the extension's own web-accessible file at its dynamic URL: the
 * manifest marks the card's stylesheet `use_dynamic_url`, so Chromium serves it at
 * chrome-extension://<random uuid>/..., not at the extension id the harness allows.
 * The file comes from the extension package and never reaches the network (the proxy
 * check still covers that). Only the listed resources are excused, and only as GETs.
 */
function ownDynamicResource(line: string, session: ChromiumSession): boolean {
  const m = / -> GET chrome-extension:\/\/[0-9a-f-]{36}\/(\S+)$/.exec(line);
  if (!m) return false;
  const listed = (session.extension.manifest.web_accessible_resources ?? []) as { resources: string[]; use_dynamic_url?: boolean }[];
  return listed.some((entry) => entry.use_dynamic_url === true && entry.resources.includes(m[1]!));
}

describe('in the page, Chromium (Playwright)', () => {
  let server: TestServer;
  let session: ChromiumSession;
  let quotes: Map<Key, CorpusQuote>;
  let page: Page;
  let mainFindings: Reported[];

  beforeAll(async () => {
    server = await startServer();
    session = await launchChromium({ server });
    quotes = await shippedQuotes(session.extension.dir);
    page = await session.openPage(PAGE);
    await session.waitForReady(page);
    mainFindings = await afterLateInsert((e) => page.evaluate(e), PAGE);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('reports every quotation on the page with its verdict, the one appended after load and the one in the shadow root included', () => {
    expect(mainFindings).toEqual(resolve(EXPECTED_MAIN, quotes));
    // Nothing from the textarea or the input (the reader's fields, doctored copies).
    expect(mainFindings.filter((f) => /welcomes|what we want,/.test(f.text))).toEqual([]);
  });

  it('scans the iframe in its own frame', async () => {
    const frame = page.frames().find((f) => f.url().endsWith(`/${FRAME_PAGE}`));
    expect(frame).toBeDefined();
    const inFrame = await waitForFindings((e) => frame!.evaluate(e), (f) => f.length > 0, FRAME_PAGE);
    expect(inFrame).toEqual(resolve(EXPECTED_FRAME, quotes));
  });

  it('leaves the DOM (shadow root included) and the iframe serialized as the page made them', async () => {
    const probe = await session.probe(page);
    expect(probe.domAtParse).toContain(LATE_EMPTY);
    expect(probe.domAtParse).toContain('Inside a widget, Peskov was quoted again');
    // The only change is the page's own late paragraph.
    expect(probe.domNow).toBe(probe.domAtParse!.replace(LATE_EMPTY, `<div id="late">${LATE_PARAGRAPH}</div>`));
    const frame = page.frames().find((f) => f.url().endsWith(`/${FRAME_PAGE}`))!;
    const inFrame = await session.probe(frame);
    expect(inFrame.domAtParse).toContain('We have only seen newspaper articles');
    expect(inFrame.domNow).toBe(inFrame.domAtParse);
  });

  it('leaves textarea and input values as they were', async () => {
    expect(await page.evaluate(FIELDS)).toEqual({
      draft: FIELD_VALUES.draft,
      headline: FIELD_VALUES.headline,
      draftDefault: FIELD_VALUES.draft,
      headlineDefault: FIELD_VALUES.headline,
    });
  });

  it('opens the card on a click on a highlighted quotation, and the page\'s own click handler still fires', async () => {
    const domBefore = (await session.probe(page)).domNow;
    const point = (await page.evaluate(phrasePoint('#split-quote', 'truce in itself'))) as { x: number; y: number };
    await page.mouse.click(point.x, point.y);
    expect(await page.evaluate('window.__pageClicks')).toEqual(['p']);
    const card = await waitForCard((e) => page.evaluate(e), true);
    expectPeskovCard(card, quotes.get('truce')!, 'Verified');

    // Screenshots of the open card in light and dark mode, to look at.
    await mkdir(ARTIFACTS, { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.evaluate(CARD_SETTLED);
      // caret: 'initial': Playwright's default ('hide') sets and clears an inline style on
      // every editable element, which leaves `style=""` behind in the page's DOM.
      await page.screenshot({ path: path.join(ARTIFACTS, `in-page-card-${colorScheme}.png`), ...SCREENSHOT });
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // Escape closes the card, and the page's DOM is as it was before the card opened.
    await page.keyboard.press('Escape');
    await waitForCard((e) => page.evaluate(e), false);
    expect((await session.probe(page)).domNow).toBe(domBefore);
  });

  it('explains a doctored quotation: the dropped "not" is emphasised as the truth and the reversed meaning called out', async () => {
    const point = (await page.evaluate(phrasePoint('#doctored', 'newspaper articles'))) as { x: number; y: number };
    await page.mouse.click(point.x, point.y);
    const card = await waitForCard((e) => page.evaluate(e), true);
    expect(card).toEqual(expect.objectContaining({ verdict: 'Altered', speaker: 'Dmitry Peskov, Kremlin spokesman' }));
    expect(card?.missing).toEqual(['not']);
    expect(card?.meaningFlags).toContain('negation');
    expectInsideViewport(card);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(CARD_SETTLED);
    await page.screenshot({ path: path.join(ARTIFACTS, 'in-page-card-altered-dark.png'), ...SCREENSHOT });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
    await waitForCard((e) => page.evaluate(e), false);
  });

  it('explains a misattribution: who the page credits, and who said it', async () => {
    const point = (await page.evaluate(phrasePoint('#misattributed', 'truce in itself'))) as { x: number; y: number };
    await page.mouse.click(point.x, point.y);
    const card = await waitForCard((e) => page.evaluate(e), true);
    expect(card?.verdict).toBe('Misattributed');
    expect(card?.summary).toMatch(/Zelensky.*Dmitry Peskov/);
    expectInsideViewport(card);
    await page.keyboard.press('Escape');
    await waitForCard((e) => page.evaluate(e), false);
  });

  it('opens the card for a selection when the real context-menu listener is called', async () => {
    const selected = (await page.evaluate(SELECT_STRAIGHT_QUOTE)) as string;
    expect(selected).toBe(WORDING.readyForDiscussions + '.');
    await page.bringToFront();
    const tabId = await session.evaluateInServiceWorker(
      async ({ menuItemId, selectionText }) => {
        // No `tabs` permission, so tabs carry no URL: the test page is the active tab.
        const active = await chrome.tabs.query({ active: true });
        if (active.length !== 1 || active[0]!.id === undefined) throw new Error(`Expected one active tab, found ${active.length}`);
        const handle = (globalThis as unknown as Record<string, { contextMenuClicked: (info: object, tab: object) => void }>)
          .quoteVerifierBackground;
        if (!handle) throw new Error('The background did not expose globalThis.quoteVerifierBackground');
        handle.contextMenuClicked({ menuItemId, selectionText, frameId: 0, editable: false, pageUrl: '' }, { id: active[0]!.id });
        return active[0]!.id;
      },
      { menuItemId: VERIFY_MENU_ID, selectionText: selected },
    );
    expect(tabId).toBeGreaterThanOrEqual(0);
    const card = await waitForCard((e) => page.evaluate(e), true);
    expectPeskovCard(card, quotes.get('readyForDiscussions')!, 'Verified');
    await page.keyboard.press('Escape');
    await waitForCard((e) => page.evaluate(e), false);
  });

  it('says a selection is not in the corpus when nothing matches (context menu, the decoy)', async () => {
    const selected = (await page.evaluate(`(() => {
      const text = document.querySelector('#decoy p').firstChild;
      const start = text.data.indexOf('We are ready for contacts');
      const end = text.data.indexOf('too,');
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, end + 'too'.length);
      document.getSelection().removeAllRanges();
      document.getSelection().addRange(range);
      return document.getSelection().toString();
    })()`)) as string;
    expect(selected).toBe('We are ready for contacts with Washington, but Kyiv must show it wants them too');
    await page.bringToFront();
    await session.evaluateInServiceWorker(
      async ({ menuItemId, selectionText }) => {
        const [tab] = await chrome.tabs.query({ active: true });
        const handle = (globalThis as unknown as Record<string, { contextMenuClicked: (info: object, tab: object) => void }>)
          .quoteVerifierBackground;
        handle!.contextMenuClicked({ menuItemId, selectionText, frameId: 0, editable: false, pageUrl: '' }, { id: tab!.id });
      },
      { menuItemId: VERIFY_MENU_ID, selectionText: selected },
    );
    const card = await waitForCard((e) => page.evaluate(e), true);
    expect(card?.verdict).toBe('Not in the corpus');
    expect(card?.summary).toMatch(/^The selected text is not in /);
    await page.keyboard.press('Escape');
    await waitForCard((e) => page.evaluate(e), false);
  });

  it('sends nothing anywhere from any context: every request is logged, and all are the test server\'s or the extension\'s own', async () => {
    const requests = session.requests();
    await mkdir(ARTIFACTS, { recursive: true });
    await writeFile(
      path.join(ARTIFACTS, 'in-page-requests-chromium.json'),
      JSON.stringify({ seenByBrowser: requests, seenByProxy: server.requests() }, null, 2),
    );
    // The log is not empty: it saw the page and the frame load.
    expect(requests.map((r) => r.url)).toEqual(expect.arrayContaining([server.url(PAGE), server.url(FRAME_PAGE)]));
    expect(session.unexpectedRequests().filter((line) => !ownDynamicResource(line, session))).toEqual([]);
  });
});

describe('in the page, Firefox (puppeteer-core)', () => {
  let server: TestServer;
  let session: FirefoxSession;
  let quotes: Map<Key, CorpusQuote>;

  beforeAll(async () => {
    server = await startServer();
    session = await launchFirefox({ server });
    quotes = await shippedQuotes(path.join(repoRoot, '.output/chrome-mv3'));
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('gives the same verdicts, leaves the DOM as the page made it, and sends nothing', async () => {
    const page = await session.openPage(PAGE);
    await session.waitForReady(page);
    const findings = await afterLateInsert((e) => page.evaluate(e), PAGE);
    expect(findings).toEqual(resolve(EXPECTED_MAIN, quotes));

    const frame = page.frames().find((f) => f.url().endsWith(`/${FRAME_PAGE}`));
    expect(frame).toBeDefined();
    expect(await waitForFindings((e) => frame!.evaluate(e), (f) => f.length > 0, FRAME_PAGE)).toEqual(resolve(EXPECTED_FRAME, quotes));

    const probe = await session.probe(page);
    expect(probe.domAtParse).toContain(LATE_EMPTY);
    expect(probe.domNow).toBe(probe.domAtParse!.replace(LATE_EMPTY, `<div id="late">${LATE_PARAGRAPH}</div>`));
    const inFrame = await session.probe(frame!);
    expect(inFrame.domNow).toBe(inFrame.domAtParse);
    expect(await page.evaluate(FIELDS)).toEqual({
      draft: FIELD_VALUES.draft,
      headline: FIELD_VALUES.headline,
      draftDefault: FIELD_VALUES.draft,
      headlineDefault: FIELD_VALUES.headline,
    });

    // A click on the highlighted blockquote: the page's handler fires and the card opens.
    const point = (await page.evaluate(phrasePoint('#split-quote', 'truce in itself'))) as { x: number; y: number };
    await page.mouse.click(point.x, point.y);
    expect(await page.evaluate('window.__pageClicks')).toEqual(['p']);
    expectPeskovCard(await waitForCard((e) => page.evaluate(e), true), quotes.get('truce')!, 'Verified');
    await page.keyboard.press('Escape');
    await waitForCard((e) => page.evaluate(e), false);
    expect((await session.probe(page)).domNow).toBe(probe.domNow);

    await page.close();
    expect(session.unexpectedRequests()).toEqual([]);
  });
});
