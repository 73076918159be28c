// @vitest-environment happy-dom
/**
 * The collector and the scanner on a page that changes around them: during a collection
 * that yields, between scans, and in ways no mutation reports (style sheets). Whatever
 * the page does, no quotation the reader does not read may stay verified, and findings
 * stay anchored on the page's live text. (Cases found in review of issue 16's first pass.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../../src/match/types';
import { MUTATION_DEBOUNCE_MS, startScanner, type ScanOutcome } from '../../../src/page/scanner';
import { collectTextAsync, type TextJudgements } from '../../../src/page/collect-text';

function wordingEngine(wordings: string[]) {
  const calls: string[] = [];
  const match = vi.fn(async (text: string) => {
    calls.push(text);
    const findings: Finding[] = [];
    for (const wording of wordings) {
      for (let at = text.indexOf(wording); at >= 0; at = text.indexOf(wording, at + 1)) {
        findings.push({ verdict: 'verified', quoteId: `q_${wording.length}`, score: 1, start: at, end: at + wording.length, text: wording, diff: [], flags: [] });
      }
    }
    return { findings };
  });
  return { match, calls };
}

type Outcome = ScanOutcome<{ findings: Finding[] }>;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

const QUOTE = 'We will not negotiate under pressure.';

describe('judged-hidden text moved during an async collection', () => {
  async function collectWithMove(wholeBlocks: boolean): Promise<string> {
    const filler = Array.from({ length: 300 }, (_, i) => `<p>Filler ${i}.</p>`).join('');
    document.body.innerHTML = `<div><span style="opacity:0">not </span></div>${filler}<p id="target">We will <b></b>negotiate under pressure.</p>`;
    const hidden = document.querySelector('span')!.firstChild as Text;
    const judgements: TextJudgements = new WeakMap([[hidden, 'hidden']]);
    let moved = false;
    let t = 0;
    const collected = await collectTextAsync(document, {
      judgements,
      judged: [hidden],
      wholeBlocks,
      sliceMs: 1,
      now: () => (t += 1),
      // The page runs between slices: it moves the text the strict judge found hidden.
      yieldToPage: async () => {
        if (!moved) document.querySelector('#target b')!.append(hidden);
        moved = true;
      },
    });
    expect(moved).toBe(true);
    return collected.text;
  }

  it('leaves out a text node judged hidden wherever the page moves it, as the walk does', async () => {
    vi.useRealTimers();
    const walked = await collectWithMove(false);
    expect(walked).not.toContain('We will not negotiate');
    const whole = await collectWithMove(true);
    expect(whole).not.toContain('We will not negotiate');
  });
});

describe('the scanner over judged-hidden text moved during its collection', () => {
  it('never reports as verified a quotation built on a text node the strict judge already found hidden', async () => {
    const filler = Array.from({ length: 300 }, (_, i) => `<p>Filler ${i}.</p>`).join('');
    document.head.innerHTML = '<style>b { opacity: 0 }</style>';
    document.body.innerHTML = `<p>We will <span style="opacity:0">not </span>negotiate under pressure.</p>${filler}<p id="target">We will <b></b>negotiate under pressure.</p>`;
    const hidden = document.querySelector('span')!.firstChild as Text;
    const engine = wordingEngine([QUOTE, 'We will negotiate under pressure.']);
    const outcomes: Outcome[] = [];
    let armed = false;
    let t = 0;
    startScanner({
      root: document,
      signal: new AbortController().signal,
      match: engine.match,
      onScan: (o) => outcomes.push(o),
      whenIdle: (cb) => cb(),
      now: () => (t += 1),
      sliceMs: 1,
      // The page's turn between slices: once armed, it moves the hidden "not " under the hidden <b>.
      yieldToPage: async () => {
        if (armed) document.querySelector('#target b')!.append(hidden);
        armed = false;
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]!.located.map((l) => l.finding.text)).not.toContain(QUOTE);
    // Any attribute change: the next scan walks the page again (the cache is dropped).
    armed = true;
    document.body.className = 'x';
    await vi.advanceTimersByTimeAsync(MUTATION_DEBOUNCE_MS + 10);
    await vi.advanceTimersByTimeAsync(MUTATION_DEBOUNCE_MS + 10);
    // The reader of #target reads "We will negotiate under pressure." ("not " is under b { opacity: 0 }):
    // no scan may have painted it as the quotation with "not".
    for (const o of outcomes) expect(o.located.map((l) => l.finding.text)).not.toContain(QUOTE);
  });
});
