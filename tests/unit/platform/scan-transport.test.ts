/**
 * A big scan end to end through runtime messaging (WXT's fakeBrowser): the content
 * script's sendScan sends the text in parts and collects a long answer page by page;
 * the background's listener joins the parts and pages the answer.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listenToContent, type BackgroundHandlers } from '../../../src/platform/background-messaging';
import { scanSender } from '../../../src/platform/content-messaging';
import { ANSWER_PAGE_FINDINGS, MIN_DELTA_TEXT_CHARS, SCAN_PART_CHARS } from '../../../src/platform/scan-parts';
import type { Finding } from '../../../src/match/types';
import type { ScanRequest } from '../../../src/platform/messages';

let sendScan: ReturnType<typeof scanSender>;
beforeEach(() => {
  fakeBrowser.reset();
  sendScan = scanSender();
});

const findings = (n: number): Finding[] => Array.from({ length: n }, (_, i) => ({ verdict: 'unverified', score: 0, start: i, end: i + 1, text: 'x', diff: [], flags: [] }));

function background(count: number) {
  const seen: ScanRequest[] = [];
  const types: string[] = [];
  const messages: { type: string }[] = [];
  const handlers: BackgroundHandlers = {
    hello: () => ({ type: 'qv:hello', ok: true, extensionVersion: '0' }),
    scan: (request) => {
      seen.push(request);
      return { type: 'qv:scan', findings: findings(count), quotes: {}, corpus: { ok: false, error: 'none' }, scanId: 's1' };
    },
    lookup: () => ({ type: 'qv:lookup', nearest: [], quotes: {}, corpus: { ok: false, error: 'none' } }),
    findings: () => true,
  };
  let stop = listenToContent(handlers);
  // A restarted worker: a fresh listener, whose store of bases is empty.
  const restart = () => {
    stop();
    stop = listenToContent(handlers);
  };
  fakeBrowser.runtime.onMessage.addListener((m: unknown) => {
    types.push((m as { type: string }).type);
    messages.push(m as { type: string });
  });
  return { seen, types, messages, restart };
}

describe('sendScan through the background listener', () => {
  it('sends a small page in one message and gets a short answer in one', async () => {
    const bg = background(3);
    const answer = await sendScan({ text: 'short page' });
    expect(answer.findings).toHaveLength(3);
    expect(answer.rest).toBeUndefined();
    expect(bg.seen[0]!.text).toBe('short page');
    expect(bg.types).toEqual(['qv:scan']);
  });

  it('sends a big page in parts and takes a long answer page by page, whole and in order', async () => {
    const bg = background(ANSWER_PAGE_FINDINGS * 2 + 7);
    const text = 'word '.repeat(Math.ceil((SCAN_PART_CHARS * 2.5) / 5));
    const busy: number[] = [];
    const answer = await sendScan({ text, truncatedAt: 12 }, { busy: (ms) => busy.push(ms) });
    expect(bg.seen).toHaveLength(1);
    expect(bg.seen[0]!.text).toBe(text);
    expect(bg.seen[0]!.truncatedAt).toBe(12);
    expect(bg.seen[0]!.upload).toBeUndefined();
    expect(answer.findings).toEqual(findings(ANSWER_PAGE_FINDINGS * 2 + 7));
    expect(answer.scanId).toBe('s1');
    expect(answer.rest).toBeUndefined();
    expect(bg.types).toEqual(['qv:scan-part', 'qv:scan-part', 'qv:scan-part', 'qv:scan', 'qv:scan-more', 'qv:scan-more']);
    expect(busy).toHaveLength(bg.types.length);
  });

  it('sends a rescan as the span that changed since the last scan, and the background matches the whole text', async () => {
    const bg = background(1);
    const half = 'A paragraph of the page. '.repeat(Math.ceil(MIN_DELTA_TEXT_CHARS / 25));
    const page = `${half}An old paragraph.${half}`;
    await sendScan({ text: page });
    const rescan = `${half}A new paragraph.${half}`;
    const answer = await sendScan({ text: rescan, unjudged: [{ start: 3, end: 6, reason: 'bidi' }] });
    expect(answer.findings).toHaveLength(1);
    expect(bg.seen.map((r) => r.text)).toEqual([page, rescan]);
    expect(bg.seen[1]!.unjudged).toEqual([{ start: 3, end: 6, reason: 'bidi' }]);
    expect(bg.seen[1]!.delta).toBeUndefined();
    // What travelled: the changed span only.
    const sent = bg.messages.filter((m) => m.type === 'qv:scan').map((m) => (m as ScanRequest).text.length);
    expect(sent[0]).toBe(page.length);
    // "A" and " paragraph." are common: " new" goes.
    expect(sent[1]).toBe(' new'.length);
  });

  it('sends the whole text again when the background no longer has the last one', async () => {
    const bg = background(1);
    const page = 'A paragraph of the page. '.repeat(Math.ceil(MIN_DELTA_TEXT_CHARS / 25));
    await sendScan({ text: page });
    bg.restart();
    const answer = await sendScan({ text: `${page} More.` });
    expect(answer.findings).toHaveLength(1);
    expect(bg.seen.map((r) => r.text)).toEqual([page, `${page} More.`]);
    expect(bg.messages.filter((m) => m.type === 'qv:scan').map((m) => 'delta' in m)).toEqual([false, true, false]);
  });
});
