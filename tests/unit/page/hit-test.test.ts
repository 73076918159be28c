// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HIT_SLOP_PX, listenForHighlightClicks, rectsContainPoint, type Hittable } from '../../../src/page/hit-test';

afterEach(() => {
  document.body.innerHTML = '';
  document.getSelection()?.removeAllRanges();
});

describe('rectsContainPoint', () => {
  const lines = [
    { left: 10, top: 100, right: 300, bottom: 120 },
    { left: 10, top: 120, right: 80, bottom: 140 },
  ];

  it('is true inside any line box of a wrapped quotation', () => {
    expect(rectsContainPoint(lines, 150, 110)).toBe(true);
    expect(rectsContainPoint(lines, 50, 130)).toBe(true);
  });

  it('is false beside the short last line, where the paragraph continues', () => {
    expect(rectsContainPoint(lines, 200, 130)).toBe(false);
  });

  it('accepts clicks on the underline just below the glyphs, within the slop only', () => {
    expect(rectsContainPoint(lines, 50, 140 + HIT_SLOP_PX)).toBe(true);
    expect(rectsContainPoint(lines, 50, 140 + HIT_SLOP_PX + 1)).toBe(false);
  });

  it('is false with no boxes (a range scrolled into a hidden region)', () => {
    expect(rectsContainPoint([], 0, 0)).toBe(false);
  });
});

describe('listenForHighlightClicks', () => {
  function setup(options: { isOwnUi?: (e: MouseEvent) => boolean } = {}) {
    document.body.innerHTML = '<p id="p">A “quoted sentence” here. <a id="link" href="#x">link</a></p><div id="own"></div>';
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('p')!.firstChild!);
    const entry: Hittable & { id: string } = { id: 'q1', range };
    const controller = new AbortController();
    const onHit = vi.fn();
    // No layout in happy-dom: every point is "on" the entry, so the filters are what is tested.
    const hitTest = vi.fn((entries: readonly (typeof entry)[]) => entries[0]);
    const destroy = listenForHighlightClicks({
      doc: document,
      signal: controller.signal,
      entries: () => [entry],
      onHit,
      hitTest,
      isOwnUi: options.isOwnUi,
    });
    return { entry, controller, onHit, hitTest, destroy };
  }

  function click(target: Element, init: MouseEventInit = {}) {
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, button: 0, ...init });
    target.dispatchEvent(event);
    return event;
  }

  it('opens the entry under a plain click and leaves the event alone', () => {
    const { entry, onHit } = setup();
    const pageHandler = vi.fn();
    const p = document.getElementById('p')!;
    p.addEventListener('click', pageHandler);
    const event = click(p);
    expect(onHit).toHaveBeenCalledWith(entry, event);
    expect(pageHandler).toHaveBeenCalledTimes(1);
    expect(event.defaultPrevented).toBe(false);
  });

  it('still sees clicks whose propagation a page handler stops (capture phase)', () => {
    const { onHit } = setup();
    const p = document.getElementById('p')!;
    p.addEventListener('click', (e) => e.stopPropagation());
    click(p);
    expect(onHit).toHaveBeenCalledTimes(1);
  });

  it('ignores modified and non-primary clicks, links, and clicks that end a text selection', () => {
    const { onHit } = setup();
    const p = document.getElementById('p')!;
    click(p, { ctrlKey: true });
    click(p, { button: 1 });
    click(document.getElementById('link')!);
    const selection = document.getSelection()!;
    selection.selectAllChildren(p);
    click(p);
    expect(onHit).not.toHaveBeenCalled();
  });

  it('ignores clicks inside the extension’s own UI', () => {
    const own = () => document.getElementById('own')!;
    const { onHit } = setup({ isOwnUi: (e) => e.composedPath().includes(own()) });
    click(own());
    expect(onHit).not.toHaveBeenCalled();
  });

  it('stops listening on destroy() and when the content script’s signal aborts', () => {
    const first = setup();
    first.destroy();
    click(document.getElementById('p')!);
    expect(first.onHit).not.toHaveBeenCalled();

    const second = setup();
    second.controller.abort();
    click(document.getElementById('p')!);
    expect(second.onHit).not.toHaveBeenCalled();
  });
});
