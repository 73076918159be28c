// @vitest-environment happy-dom
/**
 * The page controller (src/page/page-controller.ts) with stand-in services: what the
 * content script does in a frame, without a browser. The background is a function
 * that finds given wordings; the card records what it was asked to show.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../../src/match/types';
import type { ScanRequest, ScanResponse, ToContent } from '../../../src/platform/messages';
import { TEST_EVENTS } from '../../../src/page/test-events';
import { startPageController, frameUrls, type PageCardContent, type PageServices } from '../../../src/page/page-controller';
import { defaultSettings, type Settings } from '../../../src/settings/settings';

const QUOTE = 'We will not negotiate under pressure.';
const CORPUS = { ok: true as const, name: 'test', quoteCount: 1 };

function setup(options: { settings?: Partial<Settings>; url?: string; testEvents?: boolean } = {}) {
  const scans: Omit<ScanRequest, 'type' | 'upload'>[] = [];
  const reports: [string | undefined, number[]][] = [];
  const opened: PageCardContent[] = [];
  let command: ((c: ToContent) => void) | undefined;
  let scanCount = 0;
  const controller = new AbortController();
  const services: PageServices = {
    doc: document,
    view: window as unknown as PageServices['view'],
    signal: controller.signal,
    card: {
      open: async (content) => void opened.push(content),
      close: () => {},
      isOpen: () => opened.length > 0,
      isOwnEvent: () => false,
      isHost: () => false,
    },
    highlightCss: '',
    highlightSuffix: 'test',
    scan: async (request) => {
      scans.push(request);
      const findings: Finding[] = [];
      for (let at = request.text.indexOf(QUOTE); at >= 0; at = request.text.indexOf(QUOTE, at + 1)) {
        findings.push({ verdict: 'verified', quoteId: 'q1', score: 1, start: at, end: at + QUOTE.length, text: QUOTE, diff: [], flags: [] });
      }
      const answer: ScanResponse = { type: 'qv:scan', findings, quotes: {}, corpus: CORPUS, scanId: `s${++scanCount}` };
      return answer;
    },
    report: async (scanId, located) => void reports.push([scanId, located]),
    lookup: async () => ({ type: 'qv:lookup', nearest: [{ quoteId: 'q1', score: 0.9 }], quotes: {}, corpus: CORPUS }),
    onCommand: (handler) => {
      command = handler;
    },
    frameUrls: () => [options.url ?? 'https://news.example/article'],
    testEvents: options.testEvents ? TEST_EVENTS : false,
    scannerOptions: { whenIdle: (cb) => cb(), yieldToPage: () => Promise.resolve(), now: () => Date.now(), strict: false },
  };
  const page = startPageController(services, { ...defaultSettings(), ...options.settings });
  return { page, scans, reports, opened, command: (c: ToContent) => command!(c), controller };
}

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = `<p>He said: “${QUOTE}”</p><p>Later: “${QUOTE}”</p>`;
});
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('startPageController', () => {
  it('scans the page, locates the findings and reports where they are (scan id and indices)', async () => {
    const { page, scans, reports } = setup();
    await vi.advanceTimersByTimeAsync(0);
    expect(scans).toHaveLength(1);
    expect(scans[0]!.text).toContain(QUOTE);
    expect(page.located.map((l) => l.range.toString())).toEqual([QUOTE, QUOTE]);
    expect(reports).toEqual([['s1', [0, 1]]]);
    expect(page.scanning).toBe(true);
  });

  it('does not scan a site the settings exclude, and stops (clearing the list) when auto-scan is switched off', async () => {
    const excluded = setup({ settings: { neverScan: ['news.example'] } });
    await vi.advanceTimersByTimeAsync(0);
    expect(excluded.scans).toHaveLength(0);
    expect(excluded.page.scanning).toBe(false);
    excluded.controller.abort();

    const { page, reports } = setup();
    await vi.advanceTimersByTimeAsync(0);
    page.apply({ ...defaultSettings(), autoScan: false });
    expect(page.scanning).toBe(false);
    expect(page.located).toEqual([]);
    expect(reports.at(-1)).toEqual([undefined, []]);
    page.apply(defaultSettings());
    await vi.advanceTimersByTimeAsync(0);
    expect(page.scanning).toBe(true);
    expect(page.located).toHaveLength(2);
  });

  it('opens the card for the popup’s finding and for “next”, and answers “Verify quotation” with the lookup', async () => {
    const { command, opened } = setup();
    await vi.advanceTimersByTimeAsync(0);
    Element.prototype.scrollIntoView ??= () => {};
    command({ type: 'qv:open-finding', index: 1, quoteId: 'q1' });
    expect(opened).toHaveLength(1);
    expect('finding' in opened[0]! && opened[0].finding.start).toBeGreaterThan(0);
    // A stale index (another quote id) opens nothing.
    command({ type: 'qv:open-finding', index: 0, quoteId: 'q_other' });
    expect(opened).toHaveLength(1);
    command({ type: 'qv:navigate', direction: 1 });
    expect(opened).toHaveLength(2);
    command({ type: 'qv:verify-selection', text: 'not negotiate' });
    await vi.advanceTimersByTimeAsync(0);
    expect(opened.at(-1)).toMatchObject({ lookup: { selection: 'not negotiate', nearest: [{ quoteId: 'q1' }] } });
  });

  it('test builds only: dispatches the scanned event and answers the query event', async () => {
    const seen: string[] = [];
    document.addEventListener(TEST_EVENTS.scanned, (e) => seen.push(String((e as CustomEvent).detail)));
    const store = setup();
    await vi.advanceTimersByTimeAsync(10);
    document.dispatchEvent(new CustomEvent(TEST_EVENTS.query));
    expect(seen).toEqual([]);
    store.controller.abort();

    setup({ testEvents: true });
    await vi.advanceTimersByTimeAsync(10);
    expect(seen).toHaveLength(1);
    const detail = JSON.parse(seen[0]!) as { findings: { verdict: string; text: string }[]; timing: { textLength: number } };
    expect(detail.findings.map((f) => [f.verdict, f.text])).toEqual([['verified', QUOTE], ['verified', QUOTE]]);
    expect(detail.timing.textLength).toBeGreaterThan(0);
    document.dispatchEvent(new CustomEvent(TEST_EVENTS.query));
    expect(seen).toHaveLength(2);
  });

  it('frameUrls: the frame’s URL, and the top page’s origin where the browser tells', () => {
    expect(frameUrls({ href: 'https://a.example/x' })).toEqual(['https://a.example/x']);
    const ancestors = Object.assign(['https://mid.example', 'https://top.example'], { contains: () => false, item: () => null }) as unknown as DOMStringList;
    expect(frameUrls({ href: 'https://a.example/x', ancestorOrigins: ancestors })).toEqual(['https://a.example/x', 'https://top.example']);
  });
});
