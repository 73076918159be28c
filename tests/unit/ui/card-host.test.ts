// @vitest-environment happy-dom
/**
 * The card host imports the card's UI module at the first open (issue 16,
 * entrypoints/in-page/card-host.tsx): an open waits for it, gives way to a later open or a
 * close made while it loads, and a failed import opens nothing and is tried again.
 * The module is replaced by a fake whose loading the test controls.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScriptLifetime } from '../../../src/platform/script-lifetime';
import type { CardUi } from '../../../entrypoints/card-ui';
import type { CardContent } from '../../../entrypoints/in-page/card-host';

const importExtensionModule = vi.fn<(file: string) => Promise<unknown>>();
vi.mock('../../../src/platform/extension-module', () => ({ importExtensionModule: (file: string) => importExtensionModule(file) }));

const { createCardHost, CARD_UI_FILE } = await import('../../../entrypoints/in-page/card-host');

/** A promise the test settles. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function fakeUi() {
  const drawn: string[] = [];
  const ui: CardUi = {
    css: '.qv-card{}',
    hostStyle: 'position: fixed !important;',
    draw: (props, mount) => {
      const name = props.corpus.ok ? props.corpus.name : '';
      drawn.push(name);
      mount.textContent = name;
    },
    clear: (mount) => {
      mount.textContent = '';
    },
  };
  return { ui, drawn };
}

function fakeContext(): ScriptLifetime {
  const controller = new AbortController();
  return { isInvalid: false, signal: controller.signal, onInvalidated: () => () => {} };
}

const content = (name: string): CardContent => ({ hint: {}, corpus: { ok: true, name, quoteCount: 0 } }) as CardContent;
const anchor = () => new DOMRect(10, 10, 100, 20);

describe('card host: the UI module is loaded at the first open', () => {
  beforeEach(() => importExtensionModule.mockReset());
  afterEach(() => {
    document.body.replaceChildren();
    vi.restoreAllMocks();
  });

  it('imports card-ui.js once, then draws; later opens draw at once', async () => {
    const { ui, drawn } = fakeUi();
    importExtensionModule.mockResolvedValue({ ...ui });
    const onClose = vi.fn();
    const card = createCardHost(fakeContext(), { onClose });
    await card.open(content('first'), anchor);
    expect(importExtensionModule).toHaveBeenCalledWith(CARD_UI_FILE);
    expect(CARD_UI_FILE).toBe('card-ui.js');
    expect(card.isOpen()).toBe(true);
    expect(drawn).toEqual(['first']);
    await card.open(content('second'), anchor);
    expect(drawn).toEqual(['first', 'second']);
    expect(importExtensionModule).toHaveBeenCalledTimes(1);
    card.close();
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(card.isOpen()).toBe(false);
  });

  it('a close while the UI loads wins: the card does not open afterwards', async () => {
    const { ui, drawn } = fakeUi();
    const load = deferred<CardUi>();
    importExtensionModule.mockReturnValue(load.promise);
    const card = createCardHost(fakeContext(), { onClose: () => {} });
    const opening = card.open(content('too late'), anchor);
    card.close();
    load.resolve(ui);
    await opening;
    expect(card.isOpen()).toBe(false);
    expect(drawn).toEqual([]);
    expect(document.body.childElementCount).toBe(0);
  });

  it('two opens while the UI loads: the later one is shown, once', async () => {
    const { ui, drawn } = fakeUi();
    const load = deferred<CardUi>();
    importExtensionModule.mockReturnValue(load.promise);
    const card = createCardHost(fakeContext(), { onClose: () => {} });
    const a = card.open(content('earlier'), anchor);
    const b = card.open(content('later'), anchor);
    load.resolve(ui);
    await Promise.all([a, b]);
    expect(drawn).toEqual(['later']);
    expect(importExtensionModule).toHaveBeenCalledTimes(1);
  });

  it('a failed import opens nothing and says so; the next open tries again', async () => {
    const { ui, drawn } = fakeUi();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    importExtensionModule.mockRejectedValueOnce(new Error('no such file')).mockResolvedValueOnce(ui);
    const card = createCardHost(fakeContext(), { onClose: () => {} });
    await card.open(content('lost'), anchor);
    expect(card.isOpen()).toBe(false);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('card-ui.js'), expect.any(Error));
    await card.open(content('found'), anchor);
    expect(card.isOpen()).toBe(true);
    expect(drawn).toEqual(['found']);
    expect(importExtensionModule).toHaveBeenCalledTimes(2);
  });
});
