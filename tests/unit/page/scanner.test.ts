// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MUTATION_DEBOUNCE_MS, MUTATION_MAX_WAIT_MS, startScanner } from '../../../src/page/scanner';
import { startWordingScanner, wordingEngine } from './scan-fixtures';


const start = startWordingScanner;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

const QUOTE = 'We will not negotiate under pressure.';

describe('startScanner', () => {
  it('scans once the page is idle and turns findings into ranges', async () => {
    document.body.innerHTML = `<p>He said: “${QUOTE.slice(0, 12)}<em>${QUOTE.slice(12)}</em>”</p>`;
    const { engine, outcomes } = start([QUOTE]);
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.match).toHaveBeenCalledTimes(1);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]!.kind).toBe('matched');
    expect(outcomes[0]!.located.map((l) => l.range.toString())).toEqual([QUOTE]);
  });

  it('coalesces a burst of mutations into one rescan after the quiet period', async () => {
    document.body.innerHTML = '<main><p>Start.</p></main>';
    const { engine, scanner } = start([QUOTE]);
    await vi.advanceTimersByTimeAsync(0);
    const main = document.querySelector('main')!;
    for (let i = 0; i < 10; i++) {
      main.insertAdjacentHTML('beforeend', `<p>Update ${i}.</p>`);
      await vi.advanceTimersByTimeAsync(20);
    }
    main.insertAdjacentHTML('beforeend', `<p>“${QUOTE}”</p>`);
    await vi.advanceTimersByTimeAsync(MUTATION_DEBOUNCE_MS - 50);
    expect(engine.match).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(engine.match).toHaveBeenCalledTimes(2);
    expect(scanner.last?.located.map((l) => l.finding.text)).toEqual([QUOTE]);
  });

  it('still rescans a page that never stops changing, at least every max-wait period', async () => {
    document.body.innerHTML = '<p id="ticker">0</p>';
    const { engine } = start([]);
    await vi.advanceTimersByTimeAsync(0);
    const ticker = document.getElementById('ticker')!;
    for (let t = 1; t <= 50; t++) {
      ticker.textContent = String(t);
      await vi.advanceTimersByTimeAsync(100); // always inside the debounce window
    }
    // 5 s of constant change: the debounce alone would never fire.
    expect(engine.match.mock.calls.length - 1).toBeGreaterThanOrEqual(Math.floor(5000 / (MUTATION_MAX_WAIT_MS + MUTATION_DEBOUNCE_MS)));
  });

  it('collects again but does not re-match when a mutation leaves the text as it was', async () => {
    document.body.innerHTML = `<p id="p">“${QUOTE}”</p>`;
    const { engine, scanner, outcomes } = start([QUOTE]);
    await vi.advanceTimersByTimeAsync(0);
    document.getElementById('p')!.className = 'hover';
    await vi.advanceTimersByTimeAsync(MUTATION_DEBOUNCE_MS + 10);
    expect(scanner.collections).toBe(2);
    expect(engine.match).toHaveBeenCalledTimes(1);
    expect(outcomes).toHaveLength(1);
  });

  it('re-anchors findings without matching when a framework re-renders the same text', async () => {
    document.body.innerHTML = `<div id="app"><p>“${QUOTE}”</p></div>`;
    const { engine, outcomes } = start([QUOTE]);
    await vi.advanceTimersByTimeAsync(0);
    const oldNode = outcomes[0]!.located[0]!.range.startContainer;
    document.getElementById('app')!.innerHTML = `<p>“${QUOTE}”</p>`;
    await vi.advanceTimersByTimeAsync(MUTATION_DEBOUNCE_MS + 10);
    expect(engine.match).toHaveBeenCalledTimes(1);
    expect(outcomes).toHaveLength(2);
    expect(outcomes[1]!.kind).toBe('reanchored');
    const range = outcomes[1]!.located[0]!.range;
    expect(range.toString()).toBe(QUOTE);
    expect(range.startContainer).not.toBe(oldNode);
    expect(range.startContainer.isConnected).toBe(true);
  });

  it('ignores mutations in its own UI, in styles and in scripts', async () => {
    document.head.innerHTML = '<style id="css"></style>';
    document.body.innerHTML = '<p>Text.</p>';
    const { scanner } = start([], { skipElement: (el) => el.localName === 'qv-card' });
    await vi.advanceTimersByTimeAsync(0);
    const card = document.createElement('qv-card');
    document.body.append(card);
    card.textContent = 'card text';
    card.setAttribute('class', 'open');
    document.getElementById('css')!.textContent = '.x { color: red }';
    await vi.advanceTimersByTimeAsync(MUTATION_DEBOUNCE_MS * 3);
    expect(scanner.collections).toBe(1);
  });

  it('sees changes inside open shadow roots', async () => {
    document.body.innerHTML = '<x-widget></x-widget>';
    const shadow = document.querySelector('x-widget')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Loading…</p>';
    const { scanner } = start([QUOTE]);
    await vi.advanceTimersByTimeAsync(0);
    shadow.querySelector('p')!.textContent = `“${QUOTE}”`;
    await vi.advanceTimersByTimeAsync(MUTATION_DEBOUNCE_MS + 10);
    expect(scanner.collections).toBe(2);
    expect(scanner.last?.located.map((l) => l.range.toString())).toEqual([QUOTE]);
  });

  it('scans again after a match during which the page changed, and drops findings whose text changed', async () => {
    document.body.innerHTML = `<p id="p">“${QUOTE}”</p>`;
    const engine = wordingEngine([QUOTE]);
    let edited = false;
    const slowMatch = async (text: string) => {
      const answer = await engine.match(text);
      if (!edited) {
        // The page edits the quotation while the background is matching.
        edited = true;
        document.getElementById('p')!.firstChild!.textContent = '“We will negotiate.”';
      }
      return answer;
    };
    const { outcomes } = start([QUOTE], { match: slowMatch });
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes[0]!.located).toEqual([]); // the stale finding is not painted
    await vi.advanceTimersByTimeAsync(MUTATION_DEBOUNCE_MS + 10);
    expect(engine.match).toHaveBeenCalledTimes(2);
    expect(engine.calls[1]).toBe('“We will negotiate.”');
  });

  it('stops observing and scanning when the content script’s signal aborts', async () => {
    document.body.innerHTML = '<p id="p">One.</p>';
    const { scanner, controller } = start([]);
    await vi.advanceTimersByTimeAsync(0);
    controller.abort();
    document.getElementById('p')!.textContent = 'Two.';
    scanner.requestScan({ immediate: true });
    await vi.advanceTimersByTimeAsync(MUTATION_MAX_WAIT_MS * 2);
    expect(scanner.collections).toBe(1);
  });

  it('reports a failed match through onError and keeps watching', async () => {
    document.body.innerHTML = '<p id="p">One.</p>';
    const onError = vi.fn();
    let fail = true;
    const controller = new AbortController();
    const scanner = startScanner({
      root: document,
      signal: controller.signal,
      match: async () => {
        if (fail) throw new Error('background restarting');
        return { findings: [] };
      },
      onScan: () => {},
      onError,
      whenIdle: (cb) => cb(),
      now: () => Date.now(),
      yieldToPage: () => Promise.resolve(),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'background restarting' }));
    fail = false;
    document.getElementById('p')!.textContent = 'Two.';
    await vi.advanceTimersByTimeAsync(MUTATION_DEBOUNCE_MS + 10);
    expect(scanner.last?.collected.text).toBe('Two.');
    controller.abort();
  });
});

describe('startScanner: the strict look at findings', () => {
  it('matches again without the text a finding was built on that the reader cannot see', async () => {
    document.body.innerHTML = `<p>He said: “We will <span style="opacity:0">not </span>negotiate under pressure.”</p>`;
    const { engine, outcomes } = start([QUOTE, 'We will negotiate under pressure.']);
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.calls).toEqual([
      'He said: “We will not negotiate under pressure.”',
      'He said: “We will negotiate under pressure.”',
    ]);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]!.located.map((l) => l.finding.text)).toEqual(['We will negotiate under pressure.']);
    // The verdict is kept for the next scan: an unrelated change does not match the hidden text again.
    document.body.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(MUTATION_DEBOUNCE_MS + 10);
    expect(engine.calls).toHaveLength(2);
  });

  it('sends the spans it could not judge with the text', async () => {
    document.body.innerHTML = `<p>He said: “<span style="unicode-bidi:bidi-override;direction:rtl">We will not</span> negotiate under pressure.”</p>`;
    const seen: unknown[] = [];
    const engine = wordingEngine([QUOTE]);
    start([], {
      match: (text, extra?: { unjudged: unknown[] }) => {
        seen.push(extra?.unjudged);
        return engine.match(text);
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([[], [{ start: 10, end: 21, reason: 'bidi' }]]);
  });
});
