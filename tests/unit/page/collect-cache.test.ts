// @vitest-environment happy-dom
/**
 * The collector's cache of blocks (issue 16): a rescan that copies the blocks no mutation
 * touched must read exactly what a fresh walk of the page reads: the same text, the same
 * nodes at the same offsets, the same generated and unjudged spans.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CACHE_MAX_AGE_MS, CollectCache, collectText } from '../../../src/page/collect-text';
import { comparableCollection, rng } from './scan-fixtures';

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

/** Reports the page's mutations to the cache the way the scanner does. */
function watch(cache: CollectCache): () => Promise<void> {
  const observer = new MutationObserver((records) => {
    for (const r of records) cache.noteMutation(r);
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  // Records arrive in a microtask; take them now.
  return async () => {
    for (const r of observer.takeRecords()) cache.noteMutation(r);
    await Promise.resolve();
  };
}

/** Plain blocks' text nodes listed (ranges.ts): the same nodes at the same offsets. */
const plain = comparableCollection;

const WORDS = ['peace', 'said', 'the', '“we', 'will', 'not', 'yield”', 'minister', 'today', '\u202Eevil'];

function paragraph(r: () => number): HTMLElement {
  const tags = ['p', 'li', 'blockquote', 'div', 'h2'];
  const el = document.createElement(tags[Math.floor(r() * tags.length)]!);
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const word = WORDS[Math.floor(r() * WORDS.length)]!;
    const kind = r();
    if (kind < 0.5) el.append(`${word} `);
    else if (kind < 0.65) {
      const em = document.createElement('em');
      em.textContent = word;
      el.append(em, ' ');
    } else if (kind < 0.75) el.append(document.createElement('br'), word);
    else if (kind < 0.85) {
      const q = document.createElement('q');
      q.textContent = word;
      el.append(q);
    } else if (kind < 0.92) {
      const span = document.createElement('span');
      span.hidden = true;
      span.textContent = `${word} hidden`;
      el.append(span);
    } else {
      const inner = document.createElement('p');
      inner.textContent = `${word} inner`;
      el.append(inner);
    }
  }
  return el;
}

function mutate(r: () => number): string {
  const blocks = Array.from(document.body.querySelectorAll('p, li, blockquote, div, h2, em, span'));
  const pick = () => blocks[Math.floor(r() * blocks.length)]!;
  const kind = Math.floor(r() * 7);
  if (kind === 0 || blocks.length === 0) {
    document.body.append(paragraph(r));
    return 'append';
  }
  const el = pick();
  if (kind === 1) {
    el.before(paragraph(r));
    return 'insert';
  }
  if (kind === 2) {
    el.remove();
    return 'remove';
  }
  if (kind === 3) {
    const text = Array.from(el.childNodes).find((n) => n.nodeType === 3) as Text | undefined;
    if (text) text.data = `${text.data} changed`;
    else el.append('added');
    return 'text';
  }
  if (kind === 4) {
    el.toggleAttribute('hidden');
    return 'attribute';
  }
  if (kind === 5) {
    // Moved elsewhere, subtree and all.
    document.body.prepend(el);
    return 'move';
  }
  const style = document.createElement('style');
  style.textContent = `q::before { content: "«" }`;
  document.head.append(style);
  return 'style';
}

describe('CollectCache', () => {
  it('copies the blocks a mutation did not touch, and reads what a fresh walk reads', async () => {
    for (let i = 0; i < 50; i++) document.body.append(paragraph(rng(i + 1)));
    const cache = new CollectCache();
    const flush = watch(cache);
    const first = collectText(document, { cache });
    expect(plain(first)).toEqual(plain(collectText(document)));
    const p = document.createElement('p');
    p.textContent = '“A sentence nobody said.” he said.';
    document.body.append(p);
    await flush();
    const again = collectText(document, { cache });
    expect(plain(again)).toEqual(plain(collectText(document)));
    // The blocks before the new one were copied: the very same segment objects.
    const kept = again.segments.filter((s, i) => s === first.segments[i]).length;
    expect(kept).toBe(first.segments.length);
  });

  it('matches a fresh walk after every one of 200 random mutations', { timeout: 60_000 }, async () => {
    const r = rng(1234);
    for (let i = 0; i < 30; i++) document.body.append(paragraph(r));
    const cache = new CollectCache();
    const flush = watch(cache);
    collectText(document, { cache });
    const kinds = new Set<string>();
    let reused = 0;
    for (let step = 0; step < 200; step++) {
      const before = collectText(document, { cache }).segments;
      kinds.add(mutate(r));
      await flush();
      const cached = collectText(document, { cache });
      expect(plain(cached), `step ${step}`).toEqual(plain(collectText(document)));
      reused += cached.segments.filter((s) => before.includes(s)).length > 0 ? 1 : 0;
    }
    expect(kinds.size).toBe(7);
    // Most rescans copied something (an attribute or style change copies nothing).
    expect(reused).toBeGreaterThan(60);
  });

  it('walks everything again once the cache is CACHE_MAX_AGE_MS old', () => {
    document.body.innerHTML = '<p>one</p><p>two</p>';
    let t = 0;
    const cache = new CollectCache(() => t);
    const first = collectText(document, { cache });
    expect(collectText(document, { cache }).segments[0]).toBe(first.segments[0]);
    t += CACHE_MAX_AGE_MS + 1;
    const later = collectText(document, { cache });
    expect(later.segments[0]).not.toBe(first.segments[0]);
    expect(plain(later)).toEqual(plain(first));
  });
});
