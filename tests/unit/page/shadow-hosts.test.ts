// @vitest-environment happy-dom
/**
 * Closed shadow roots at two costs (issue 16, "a cheaper scan"): the fast pass asks the
 * closed-root API only where a widget may draw text of its own (collect-text.ts
 * asksForShadow), and the strict look asks every possible host that decides what the reader
 * sees of a finding's text (rejudge.ts findShadowHosts), so a root on a paragraph, a container
 * or a span between the words is read before any verdict stands. happy-dom has no layout: the
 * same pages run in real browsers in tests/e2e/hostile-render.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../../src/match/types';
import { collectText } from '../../../src/page/collect-text';
import { createJudgementStore, judgeFindings } from '../../../src/page/rejudge';
import { startScanner, type ScanOutcome } from '../../../src/page/scanner';
import { createStrictJudge } from '../../../src/page/visibility';
import { wordingEngine } from './scan-fixtures';

const GENUINE = 'We will negotiate under pressure.';
const DOCTORED = 'We will not negotiate under pressure.';

/** Closed roots as the extension opens them: a shadowRootOf that counts its calls. */
function closedRoots() {
  const roots = new Map<Element, ShadowRoot>();
  const asked: Element[] = [];
  return {
    asked,
    attach(el: Element, html: string): ShadowRoot {
      const shadow = el.attachShadow({ mode: 'closed' });
      shadow.innerHTML = html;
      roots.set(el, shadow);
      return shadow;
    },
    shadowRootOf: (el: Element) => {
      asked.push(el);
      return roots.get(el) ?? el.shadowRoot ?? null;
    },
  };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the fast pass asks the closed-root API only where a widget may draw its own text', () => {
  it('asks no paragraph, container or span that holds light text or elements', () => {
    document.body.innerHTML = `<main><div class="x"><p>One <span>two</span> three.</p><section><h2>Head</h2><p>Four.</p></section></div></main>`.repeat(20);
    const c = closedRoots();
    collectText(document, { shadowRootOf: c.shadowRootOf });
    expect(c.asked).toEqual([]);
  });

  it('asks custom elements, hosts with nothing, whitespace or comments in them, and elements inside shadow trees', () => {
    document.body.innerHTML = `<p>A <x-quote>light</x-quote> <span id="empty"></span><span id="ws"> \n </span><div id="comment"><!-- --> </div></p><div id="open"></div>`;
    const open = document.getElementById('open')!.attachShadow({ mode: 'open' });
    open.innerHTML = '<p id="inner">Inside <span id="deep">text</span></p>';
    const c = closedRoots();
    collectText(document, { shadowRootOf: c.shadowRootOf });
    expect(c.asked.map((el) => el.id || el.localName)).toEqual(['x-quote', 'empty', 'ws', 'comment', 'inner', 'deep']);
  });

  it('reads a closed root on a host with no light content, and on one the strict look named', () => {
    document.body.innerHTML = '<p>Before.</p><div id="empty"> </div><div id="full"><p>Light words.</p></div>';
    const c = closedRoots();
    c.attach(document.getElementById('empty')!, '<p>Drawn here.</p>');
    const full = document.getElementById('full')!;
    c.attach(full, '<p>Drawn instead.</p>');
    expect(collectText(document, { shadowRootOf: c.shadowRootOf }).text).toBe('Before.\n\nDrawn here.\n\nLight words.');
    const shadowHosts = new WeakSet([full]);
    expect(collectText(document, { shadowRootOf: c.shadowRootOf, shadowHosts }).text).toBe('Before.\n\nDrawn here.\n\nDrawn instead.');
  });
});

describe('the strict look asks the hosts around a finding’s text', () => {
  const finding = (text: string, whole: string): Finding => {
    const start = whole.indexOf(text);
    return { verdict: 'verified', quoteId: 'q_1', score: 1, start, end: start + text.length, text, diff: [], flags: [] };
  };
  const look = (c: ReturnType<typeof closedRoots>, wording: string) => {
    const store = createJudgementStore(c.shadowRootOf);
    const collected = collectText(document, { shadowRootOf: c.shadowRootOf, shadowHosts: store.shadowHosts });
    const changed = judgeFindings(collected, [finding(wording, collected.text)], createStrictJudge(document)!, store, new Set());
    return { changed, store, again: () => collectText(document, { shadowRootOf: c.shadowRootOf, shadowHosts: store.shadowHosts }).text };
  };

  it('finds a closed root on the paragraph, on a container above it and on a span between its words', () => {
    for (const [html, id] of [
      [`<p id="h">${GENUINE}</p>`, 'h'],
      [`<div id="h"><article><p>${GENUINE}</p></article></div>`, 'h'],
      [`<p>We will <span id="h"><i style="display:none">x</i></span>negotiate under pressure.</p>`, 'h'],
    ] as const) {
      document.body.innerHTML = html;
      const c = closedRoots();
      const host = document.getElementById(id)!;
      c.attach(host, id === 'h' && host.localName === 'span' ? 'not ' : `<p>${DOCTORED}</p>`);
      const { changed, store, again } = look(c, GENUINE);
      expect(changed, html).toBe(true);
      expect(store.shadowHosts.has(host), html).toBe(true);
      expect(again(), html).toBe(DOCTORED);
    }
  });

  it('asks each element once per look, and finds nothing to change where the collection walked the roots', () => {
    document.body.innerHTML = `<main><p>${GENUINE}</p><x-box></x-box><p>${GENUINE}</p></main>`;
    const c = closedRoots();
    c.attach(document.querySelector('x-box')!, '<p>Own words.</p>');
    const store = createJudgementStore(c.shadowRootOf);
    const collected = collectText(document, { shadowRootOf: c.shadowRootOf, shadowHosts: store.shadowHosts });
    const both = [...collected.text.matchAll(/We will negotiate under pressure\./g)].map((m): Finding => ({
      verdict: 'verified', quoteId: 'q_1', score: 1, start: m.index, end: m.index + GENUINE.length, text: GENUINE, diff: [], flags: [],
    }));
    c.asked.length = 0;
    expect(judgeFindings(collected, both, createStrictJudge(document)!, store, new Set())).toBe(false);
    expect(new Set(c.asked).size).toBe(c.asked.length);
    // Above the text and the words around it (the paragraphs, the one in x-box's root, main, body),
    // and x-box, between the first finding and the next word after it.
    expect(c.asked.map((el) => el.localName).sort()).toEqual(['body', 'main', 'p', 'p', 'p', 'x-box']);
  });
});

/** A scanner over `document` with closed roots opened by `c`, its outcomes kept. */
function start(c: ReturnType<typeof closedRoots>, engine: ReturnType<typeof wordingEngine>, recheckMs: number) {
  const outcomes: ScanOutcome<{ findings: Finding[] }>[] = [];
  const controller = new AbortController();
  startScanner({
    root: document,
    signal: controller.signal,
    match: engine.match,
    onScan: (o) => outcomes.push(o),
    shadowRootOf: c.shadowRootOf,
    whenIdle: (cb) => cb(),
    now: () => Date.now(),
    yieldToPage: () => Promise.resolve(),
    recheckMs,
  });
  return { outcomes, controller };
}

describe('startScanner with closed roots the fast pass does not ask for', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a closed root attached to the paragraph after the scan (no mutation to see): the look between scans finds it', async () => {
    document.body.innerHTML = `<main><p id="h">He said: “${GENUINE}”</p></main>`;
    const c = closedRoots();
    const { outcomes, controller } = start(c, wordingEngine([GENUINE, DOCTORED]), 1_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes.at(-1)!.located.map((l) => l.finding.text)).toEqual([GENUINE]);
    c.attach(document.getElementById('h')!, `<p>He said: “${DOCTORED}”</p>`);
    await vi.advanceTimersByTimeAsync(1_000 + 100);
    controller.abort();
    expect(outcomes.at(-1)!.collected.text).toBe(`He said: “${DOCTORED}”`);
    expect(outcomes.at(-1)!.located.map((l) => l.finding.text)).toEqual([DOCTORED]);
  });

  it('a rescan asks no element a scan already asked; a root attached to one since is found by the look between scans', async () => {
    document.body.innerHTML = `<main><div><p id="h">He said: “${GENUINE}”</p></div><div id="more"><p>Other words.</p></div></main>`;
    const c = closedRoots();
    const { outcomes, controller } = start(c, wordingEngine([GENUINE, DOCTORED]), 2_000);
    await vi.advanceTimersByTimeAsync(0);
    const first = new Set(c.asked);
    expect(first.has(document.getElementById('h')!)).toBe(true);
    // A root drawing the doctored words on the asked paragraph (no mutation), then a mutation elsewhere.
    c.attach(document.getElementById('h')!, `<p>He said: “${DOCTORED}”</p>`);
    c.asked.length = 0;
    document.getElementById('more')!.append(Object.assign(document.createElement('p'), { textContent: 'Unrelated words.' }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(outcomes.length).toBe(2);
    expect(c.asked.filter((el) => first.has(el))).toEqual([]);
    expect(outcomes.at(-1)!.located.map((l) => l.finding.text)).toEqual([GENUINE]);
    // The look between scans asks afresh: the page is matched on what the reader sees.
    await vi.advanceTimersByTimeAsync(1_500);
    controller.abort();
    expect(outcomes.at(-1)!.located.map((l) => l.finding.text)).toEqual([DOCTORED]);
  });

  /** Scans `document` with closed roots opened by `c`; the last outcome's findings. */
  const scan = async (c: ReturnType<typeof closedRoots>, wordings: string[]) => {
    const engine = wordingEngine(wordings);
    const { outcomes, controller } = start(c, engine, 0);
    await vi.advanceTimersByTimeAsync(0);
    controller.abort();
    const last = outcomes[outcomes.length - 1]!;
    return { text: last.collected.text, found: last.located.map((l) => l.finding.text), calls: engine.calls };
  };

  it('an empty-looking span between the words whose root draws "not ": matched on what the reader sees', async () => {
    document.body.innerHTML = `<p>He said: “We will <span id="h"><b style="display:none">—</b></span>negotiate under pressure.”</p>`;
    const c = closedRoots();
    c.attach(document.getElementById('h')!, 'not ');
    const { text, found, calls } = await scan(c, [GENUINE, DOCTORED]);
    expect(calls[0]).toContain(GENUINE);
    expect(text).toBe(`He said: “${DOCTORED}”`);
    expect(found).toEqual([DOCTORED]);
  });

  it('a root on the paragraph itself, the genuine words in its light DOM, slots and an extra word in the shadow', async () => {
    document.body.innerHTML = `<p id="h"><span slot="a">We will</span> <span slot="b">negotiate under pressure.</span></p>`;
    const c = closedRoots();
    c.attach(document.getElementById('h')!, '<slot name="a"></slot> not <slot name="b"></slot>');
    const { text, found } = await scan(c, [GENUINE, DOCTORED]);
    expect(text).toBe(DOCTORED);
    expect(found).toEqual([DOCTORED]);
  });

  it('a root on a container above the quotation, drawing the doctored wording', async () => {
    document.body.innerHTML = `<div id="h"><article><h2>News</h2><p>He said: “${GENUINE}”</p></article></div>`;
    const c = closedRoots();
    c.attach(document.getElementById('h')!, `<p>He said: “${DOCTORED}”</p>`);
    const { text, found } = await scan(c, [GENUINE, DOCTORED]);
    expect(text).toBe(`He said: “${DOCTORED}”`);
    expect(found).toEqual([DOCTORED]);
  });

  it('a root after the quotation’s last word that joins letters to it ("can" read as "cannot")', async () => {
    document.body.innerHTML = `<p>He said we can<span id="h"><b style="display:none">x</b><i></i></span> always talk.</p>`;
    const c = closedRoots();
    c.attach(document.getElementById('h')!, 'not');
    const { text } = await scan(c, ['He said we can']);
    expect(text).toBe('He said we cannot always talk.');
  });

  it('a root past hidden punctuation after the last word ("did" read as "didn’t"): found in one look, not one round per hidden node', async () => {
    const dot = '<b style="opacity:0">.</b>';
    document.body.innerHTML = `<p>He said: “I did${dot.repeat(3)}<span id="h"><i></i></span>” and left.</p>`;
    const c = closedRoots();
    c.attach(document.getElementById('h')!, 'n’t');
    const { text } = await scan(c, ['I did']);
    expect(text).toBe('He said: “I didn’t” and left.');
  });

  it('a root before hidden punctuation before the first word', async () => {
    const dot = '<b style="opacity:0">.</b>';
    document.body.innerHTML = `<p>It was <span id="h"><i></i></span>${dot.repeat(3)}done well.</p>`;
    const c = closedRoots();
    c.attach(document.getElementById('h')!, 'un');
    const { text } = await scan(c, ['done well']);
    expect(text).toBe('It was undone well.');
  });

  it('a root before the quotation’s first word that joins letters to it', async () => {
    document.body.innerHTML = `<p>It was <span id="h"><i></i></span>done well, he said.</p>`;
    const c = closedRoots();
    c.attach(document.getElementById('h')!, 'un');
    const { text } = await scan(c, ['done well']);
    expect(text).toBe('It was undone well, he said.');
  });
});
