/**
 * The background matches big pages in slices (issue 12, bounded work): the same
 * findings as one pass, a pause between slices, and no more than MAX_FINDINGS_PER_PAGE.
 */
import { describe, expect, it } from 'vitest';
import { prepareWhile } from '../../../src/host/answers';
import { createHost, SCAN_SLICE_CHARS, sliceEnd } from '../../../src/host/host';
import { prepareText } from '../../../src/match/matcher';
import { MAX_FINDINGS_PER_PAGE } from '../../../src/platform/messages';
import { sampleCorpus } from './sample-corpus';

const VERIFIED = '“We have only seen newspaper articles so far, and we will not respond to them.”';
const ALTERED = '“We have only seen newspaper articles so far, and we will respond to them.”';

/** A page of three slices and more, with verified and altered quotations in every slice. */
function bigPage(): string {
  const paragraphs: string[] = [];
  for (let i = 0; paragraphs.join('\n').length < SCAN_SLICE_CHARS * 3; i++) {
    paragraphs.push(i % 50 === 0 ? `He said ${i % 100 === 0 ? VERIFIED : ALTERED} on day ${i}.` : `Filler paragraph ${i} with nothing quoted in it at all.`);
  }
  return paragraphs.join('\n');
}

describe('Host.scanSliced', () => {
  const host = createHost(sampleCorpus());

  it('finds what one pass finds, at the same offsets, pausing between slices', async () => {
    const text = bigPage();
    let pauses = 0;
    const sliced = await host.scanSliced({ type: 'qv:scan', text }, async () => void pauses++);
    const whole = host.scan({ type: 'qv:scan', text });
    expect(pauses).toBeGreaterThanOrEqual(2);
    expect(sliced.findings.map((f) => [f.verdict, f.start, f.end])).toEqual(whole.findings.map((f) => [f.verdict, f.start, f.end]));
    expect(sliced.findings.length).toBeGreaterThan(4);
    for (const f of sliced.findings) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it('cuts at a paragraph break, else a space, else hard', () => {
    const withBreak = 'a'.repeat(SCAN_SLICE_CHARS - 10) + '\n' + 'b'.repeat(100);
    expect(sliceEnd(withBreak, 0)).toBe(SCAN_SLICE_CHARS - 9);
    const withSpace = 'a'.repeat(SCAN_SLICE_CHARS - 10) + ' ' + 'b'.repeat(100);
    expect(sliceEnd(withSpace, 0)).toBe(SCAN_SLICE_CHARS - 9);
    expect(sliceEnd('“'.repeat(SCAN_SLICE_CHARS * 2), 0)).toBe(SCAN_SLICE_CHARS);
  });

  it('keeps at most MAX_FINDINGS_PER_PAGE findings, says so, and stops matching past them', async () => {
    const text = Array.from({ length: MAX_FINDINGS_PER_PAGE + 500 }, (_, i) => `${i}: ${VERIFIED}`).join('\n');
    const answer = await host.scanSliced({ type: 'qv:scan', text }, async () => {});
    expect(answer.findings).toHaveLength(MAX_FINDINGS_PER_PAGE);
    expect(answer.limit).toEqual({ findings: MAX_FINDINGS_PER_PAGE });
    const small = await host.scanSliced({ type: 'qv:scan', text: VERIFIED }, async () => {});
    expect(small.limit).toBeUndefined();
  }, 60_000);

  it('slices prepared before the host was ready give the same answer; a prepared text of another page is not used', async () => {
    const text = bigPage();
    const whole = host.scan({ type: 'qv:scan', text });
    const all = await prepareWhile(text, new Promise(() => {}), async () => {});
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.map((p) => p.text).join('')).toBe(text);
    expect(await host.scanSliced({ type: 'qv:scan', text }, async () => {}, { prepared: all })).toEqual(whole);
    // The first slice only (the host became ready meanwhile), then the rest made as usual.
    expect(await host.scanSliced({ type: 'qv:scan', text }, async () => {}, { prepared: all.slice(0, 1) })).toEqual(whole);
    // Slices of another text (a stale preparation) are ignored, not matched in place of this one's.
    const other = text.replace(VERIFIED, ALTERED);
    const stale = await prepareWhile(other, new Promise(() => {}), async () => {});
    expect(await host.scanSliced({ type: 'qv:scan', text }, async () => {}, { prepared: stale })).toEqual(whole);
    expect(whole.findings.filter((f) => f.verdict === 'verified').length).toBeGreaterThan(1);
  });

  it('prepares a slice per pause until the host is ready, and nothing once it is', async () => {
    const text = bigPage();
    let ready!: () => void;
    const host = new Promise<void>((resolve) => (ready = resolve));
    let pauses = 0;
    const prepared = await prepareWhile(text, host, async () => {
      if (++pauses === 2) ready();
    });
    expect(prepared).toHaveLength(2);
    expect(prepared[0]).toEqual(prepareText(text.slice(0, sliceEnd(text, 0))));
    expect(await prepareWhile(text, Promise.resolve(), async () => {})).toEqual([]);
    expect(await prepareWhile(text, Promise.reject(new Error('refused')), async () => {})).toEqual([]);
  });
});
