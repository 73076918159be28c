// @vitest-environment happy-dom
/**
 * The collector and the scanner on a page that changes around them: during a collection
 * that yields, between scans, and in ways no mutation reports (style sheets). Whatever
 * the page does, no quotation the reader does not read may stay verified, and findings
 * stay anchored on the page's live text. (Cases found in review of issue 16's first pass.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MUTATION_DEBOUNCE_MS, RECHECK_MAX_FINDINGS, RECHECK_MS, startScanner } from '../../../src/page/scanner';
import { startWordingScanner, wordingEngine, type Outcome } from './scan-fixtures';
import { collectText, collectTextAsync, type TextJudgements } from '../../../src/page/collect-text';
import { rangeForOffsets, textSegmentsIn } from '../../../src/page/ranges';


const start = startWordingScanner;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  document.adoptedStyleSheets = [];
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

describe('style sheets that hide a word of a verified quotation later', () => {
  const PAGE = `<p>He said: “We will <b>not </b>negotiate under pressure.”</p>`;
  const located = (o: Outcome | undefined) => o?.located.map((l) => l.finding.text);

  it('control: a sheet present from the start is caught', async () => {
    document.head.innerHTML = '<style>b { opacity: 0 }</style>';
    document.body.innerHTML = PAGE;
    const { scanner } = start([QUOTE, 'We will negotiate under pressure.']);
    await vi.advanceTimersByTimeAsync(0);
    expect(located(scanner.last)).toEqual(['We will negotiate under pressure.']);
  });

  it('a rescan that reads the same text judges the findings again', async () => {
    document.body.innerHTML = PAGE;
    const { outcomes, scanner } = start([QUOTE, 'We will negotiate under pressure.']);
    await vi.advanceTimersByTimeAsync(0);
    expect(located(outcomes[0])).toEqual([QUOTE]);
    const style = document.createElement('style');
    style.textContent = 'b { opacity: 0 }';
    // In <body>: a relevant mutation, so a rescan runs; the fast pass reads the same text.
    document.body.append(style);
    await vi.advanceTimersByTimeAsync(MUTATION_DEBOUNCE_MS + 10);
    expect(scanner.collections).toBeGreaterThan(1);
    expect(located(scanner.last)).toEqual(['We will negotiate under pressure.']);
  });

  it('a <style> added to <head> (no scan of its own) is judged within RECHECK_MS', async () => {
    document.body.innerHTML = PAGE;
    const { engine, scanner } = start([QUOTE, 'We will negotiate under pressure.']);
    await vi.advanceTimersByTimeAsync(0);
    expect(located(scanner.last)).toEqual([QUOTE]);
    const style = document.createElement('style');
    style.textContent = 'b { opacity: 0 }';
    document.head.append(style);
    await vi.advanceTimersByTimeAsync(RECHECK_MS + 10);
    expect(engine.match.mock.calls.length).toBeGreaterThan(1);
    expect(located(scanner.last)).toEqual(['We will negotiate under pressure.']);
  });

  it('a sheet adopted through CSSOM (no mutation at all) is judged within RECHECK_MS', async () => {
    document.body.innerHTML = PAGE;
    const { scanner } = start([QUOTE, 'We will negotiate under pressure.']);
    await vi.advanceTimersByTimeAsync(0);
    expect(located(scanner.last)).toEqual([QUOTE]);
    // (happy-dom does not restyle after insertRule into a sheet it has read; adoptedStyleSheets it does.)
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('b { opacity: 0 }');
    document.adoptedStyleSheets = [sheet];
    await vi.advanceTimersByTimeAsync(RECHECK_MS + 10);
    expect(located(scanner.last)).toEqual(['We will negotiate under pressure.']);
  });

  it('judges nothing again between scans while the findings stand (no rescan)', async () => {
    document.body.innerHTML = PAGE;
    const { engine, scanner } = start([QUOTE]);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(5 * RECHECK_MS);
    expect(engine.match).toHaveBeenCalledTimes(1);
    expect(scanner.collections).toBe(1);
  });

  it('judges a page of many findings in turn, RECHECK_MAX_FINDINGS per RECHECK_MS', async () => {
    const n = RECHECK_MAX_FINDINGS + 20;
    document.body.innerHTML = Array.from({ length: n }, (_, i) => (i === n - 1 ? PAGE : `<p>Aide ${i}: “${QUOTE}”</p>`)).join('');
    const { scanner } = start([QUOTE, 'We will negotiate under pressure.']);
    await vi.advanceTimersByTimeAsync(0);
    expect(located(scanner.last)).toHaveLength(n);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('b { opacity: 0 }');
    document.adoptedStyleSheets = [sheet];
    // The first look covers the first RECHECK_MAX_FINDINGS findings; the last one is in the next.
    await vi.advanceTimersByTimeAsync(RECHECK_MS + 10);
    expect(located(scanner.last)).not.toContain('We will negotiate under pressure.');
    await vi.advanceTimersByTimeAsync(RECHECK_MS);
    expect(located(scanner.last)).toContain('We will negotiate under pressure.');
    expect(located(scanner.last)!.filter((t) => t === QUOTE)).toHaveLength(n - 1);
  });
});

describe('a plain block the page re-renders or takes apart after its nodes were listed', () => {
  it('re-anchors when a framework re-renders the text nodes of the same block', async () => {
    document.body.innerHTML = `<p id="p">He said: “${QUOTE}” and then <em>he left</em> the room.</p>`;
    const { engine, outcomes, scanner } = start([QUOTE]);
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes).toHaveLength(1);
    // Same block element, new text node with the same text (React/Vue re-render of children).
    const p = document.getElementById('p')!;
    p.innerHTML = p.innerHTML;
    await vi.advanceTimersByTimeAsync(MUTATION_DEBOUNCE_MS + 10);
    expect(engine.match).toHaveBeenCalledTimes(1);
    // The finding's range must stand on the page's live text.
    const range = scanner.last!.located[0]!.range;
    expect(range.startContainer.isConnected).toBe(true);
    expect(outcomes).toHaveLength(2);
  });

  it('never lists a text node outside the block when the cursor node was moved out of it', () => {
    vi.useRealTimers();
    document.body.innerHTML = '<p id="a">Alpha beta <em>gamma</em> delta</p><p id="b">gamma delt</p>';
    const a = document.getElementById('a')!;
    const collected = collectText(document);
    // A finding in the first words lists only the first text node ("Alpha beta "): the cursor.
    textSegmentsIn(collected, 0, 3);
    const cursor = a.firstChild!;
    // The page moves that node into the next paragraph.
    document.getElementById('b')!.prepend(cursor);
    // What the block still holds as read ("gamma delta") is mapped, on its own nodes.
    const nodes = textSegmentsIn(collected, 11, 16);
    expect(nodes?.map((s) => s.node.data)).toEqual(['gamma']);
    for (const s of nodes!) expect(a.contains(s.node)).toBe(true);
    const range = rangeForOffsets(collected, 11, 16);
    expect(range?.toString()).toBe('gamma');
    expect(a.contains(range!.startContainer)).toBe(true);
    // What it no longer holds is not.
    expect(rangeForOffsets(collected, 0, 5)).toBeNull();
  });

  it('maps no span over a node listed earlier that the page moved out of the block', () => {
    vi.useRealTimers();
    document.body.innerHTML = '<p id="a">Alpha beta <em>gamma</em> delta</p><p id="b">x</p>';
    const a = document.getElementById('a')!;
    const collected = collectText(document);
    // Listed whole: the listing is complete and is not looked at again.
    expect(textSegmentsIn(collected, 0, 22)).toHaveLength(3);
    const gamma = a.querySelector('em')!.firstChild!;
    document.getElementById('b')!.append(gamma);
    expect(textSegmentsIn(collected, 11, 16)).toBeNull();
    expect(rangeForOffsets(collected, 11, 16)).toBeNull();
    expect(rangeForOffsets(collected, 0, 5)?.toString()).toBe('Alpha');
  });
});
