/**
 * Reading the quote card in the test build (open shadow root, host marked
 * `data-qv-test-card`) from the page, for Chromium (Playwright) and Firefox (puppeteer):
 * page-world expressions to evaluate, and the checks on what they return.
 */
import { expect } from 'vitest';

/** The card's host in the test build (entrypoints/in-page/card-host.tsx, TEST_CARD_ATTRIBUTE). */
export const CARD_HOST = '[data-qv-test-card]';
const TIMEOUT_MS = 15_000;
const POLL_MS = 50;

export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface Card {
  verdict: string | null;
  summary: string | null;
  said: string | null;
  pageVersion: string | null;
  /** The whole card's visible text. */
  text: string;
  direction: string;
  lang: string | null;
  card: Box;
  scrollTop: number;
  viewport: { width: number; height: number };
  /** The essentials: what must be on screen without scrolling the card. */
  essentials: Record<'verdict' | 'wording' | 'speaker' | 'date' | 'source', Box | null>;
  close: Box | null;
}

/** Page-world expression: the open card (test build: open shadow root), or null. */
export const READ_CARD = `(() => {
  const host = document.querySelector('${CARD_HOST}');
  const card = host?.shadowRoot?.querySelector('[role="dialog"]');
  if (!card) return null;
  const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; };
  const visible = (sel) => {
    const el = card.querySelector(sel);
    if (!el) return null;
    const copy = el.cloneNode(true);
    copy.querySelectorAll('.qv-sr').forEach((n) => n.remove());
    return copy.textContent.replace(/\\s+/g, ' ').trim();
  };
  return {
    verdict: card.querySelector('.qv-verdict-word')?.textContent ?? null,
    summary: card.querySelector('.qv-summary')?.textContent ?? null,
    said: visible('.qv-said') ?? visible('.qv-wording'),
    pageVersion: visible('.qv-page-version'),
    text: card.textContent,
    direction: getComputedStyle(card).direction,
    lang: card.getAttribute('lang'),
    card: box(card),
    scrollTop: card.scrollTop,
    viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
    essentials: {
      verdict: box(card.querySelector('.qv-verdict')),
      wording: box(card.querySelector('.qv-wording')),
      speaker: box(card.querySelector('.qv-speaker')),
      date: box(card.querySelector('.qv-date time')),
      source: box(card.querySelector('.qv-source a')),
    },
    close: box(card.querySelector('.qv-close')),
  };
})()`;

/** Page-world expression: waits for the card's animations and two frames. */
export const CARD_SETTLED = `(async () => {
  const root = document.querySelector('${CARD_HOST}')?.shadowRoot;
  if (root) await Promise.all(root.getAnimations().map((a) => a.finished.catch(() => undefined)));
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
})()`;

/** Page-world expression: selects `from`…`to` (inclusive) in the text of `selector`; returns the selected text. */
export function select(selector: string, from: string, to: string): string {
  return `(() => {
    const root = document.querySelector(${JSON.stringify(selector)});
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
    const whole = nodes.map((n) => n.data).join('');
    const start = whole.indexOf(${JSON.stringify(from)});
    const end = whole.indexOf(${JSON.stringify(to)}, start) + ${JSON.stringify(to)}.length;
    if (start < 0 || end < start) throw new Error('No such text under ${selector}');
    const at = (offset) => { let k = offset; for (const n of nodes) { if (k <= n.data.length) return [n, k]; k -= n.data.length; } };
    const range = document.createRange();
    range.setStart(...at(start));
    range.setEnd(...at(end));
    const selection = document.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return selection.toString();
  })()`;
}

/** Page-world expression: clears the selection. */
export const SELECT_NOTHING = `(() => { document.getSelection().removeAllRanges(); return ''; })()`;

/** Polls the page until the card is open (`present`) or closed; returns it (null when closed). */
export async function readCard(evaluate: (expression: string) => Promise<unknown>, present = true): Promise<Card | null> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const card = (await evaluate(READ_CARD)) as Card | null;
    if ((card !== null) === present) return card;
    if (Date.now() > deadline) throw new Error(`The card did not ${present ? 'open' : 'close'} within ${TIMEOUT_MS} ms.`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

function inside(inner: Box | null, outer: Box, what: string): void {
  expect(inner, `${what} is shown`).not.toBeNull();
  expect(inner!.top, `${what} top`).toBeGreaterThanOrEqual(outer.top - 0.5);
  expect(inner!.bottom, `${what} bottom`).toBeLessThanOrEqual(outer.bottom + 0.5);
}

/** The verdict, wording, speaker, date and source link are inside the viewport and the card's visible box, the card not scrolled. */
export function expectEssentialsOnScreen(card: Card): void {
  const viewport = { top: 0, left: 0, bottom: card.viewport.height, right: card.viewport.width };
  expect(card.scrollTop).toBe(0);
  for (const [what, box] of Object.entries(card.essentials)) {
    inside(box, viewport, `${what} (viewport)`);
    inside(box, card.card, `${what} (card)`);
  }
}

/** Left to right: the verdict on the left, the close button on the right; the summary's full stop at its end. */
export function expectLeftToRight(card: Card): void {
  expect(card.direction).toBe('ltr');
  expect(card.essentials.verdict!.left).toBeLessThan(card.close!.left);
  expect(card.summary).toMatch(/\.$/);
}
