/**
 * A big scan end to end through runtime messaging (WXT's fakeBrowser): the content
 * script's sendScan sends the text in parts and collects a long answer page by page;
 * the background's listener joins the parts and pages the answer.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listenToContent, type BackgroundHandlers } from '../../../src/platform/background-messaging';
import { sendScan } from '../../../src/platform/content-messaging';
import { ANSWER_PAGE_FINDINGS, SCAN_PART_CHARS } from '../../../src/platform/scan-parts';
import type { Finding } from '../../../src/match/types';
import type { ScanRequest } from '../../../src/platform/messages';

beforeEach(() => fakeBrowser.reset());

const findings = (n: number): Finding[] => Array.from({ length: n }, (_, i) => ({ verdict: 'unverified', score: 0, start: i, end: i + 1, text: 'x', diff: [], flags: [] }));

function background(count: number) {
  const seen: ScanRequest[] = [];
  const types: string[] = [];
  const handlers: BackgroundHandlers = {
    hello: () => ({ type: 'qv:hello', ok: true, extensionVersion: '0' }),
    scan: (request) => {
      seen.push(request);
      return { type: 'qv:scan', findings: findings(count), quotes: {}, corpus: { ok: false, error: 'none' }, scanId: 's1' };
    },
    lookup: () => ({ type: 'qv:lookup', nearest: [], quotes: {}, corpus: { ok: false, error: 'none' } }),
    findings: () => true,
  };
  listenToContent(handlers);
  fakeBrowser.runtime.onMessage.addListener((m: unknown) => void types.push((m as { type: string }).type));
  return { seen, types };
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
});
