/**
 * The background matches big pages in slices (issue 12, bounded work): the same
 * findings as one pass, a pause between slices, and no more than MAX_FINDINGS_PER_PAGE.
 */
import { describe, expect, it } from 'vitest';
import { createHost, SCAN_SLICE_CHARS, sliceEnd } from '../../../src/host/host';
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
});
