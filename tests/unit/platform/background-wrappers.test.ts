import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listenToContent, type BackgroundHandlers } from '../../../src/platform/background-messaging';
import { paintBadge } from '../../../src/platform/badge';
import { registerCommands, routeCommand } from '../../../src/platform/commands';
import { VERIFY_MENU_ID, registerVerifyMenu } from '../../../src/platform/context-menu';
import { readBundledCorpus, readBundledIndex } from '../../../src/platform/corpus-asset';
import { onTabReset } from '../../../src/platform/tabs';
import { installFakeExtras, settle } from './fake-extras';

let extras: ReturnType<typeof installFakeExtras>;
beforeEach(() => {
  fakeBrowser.reset();
  extras = installFakeExtras();
});

describe('context menu "Verify quotation"', () => {
  it('offers the item for selections only', async () => {
    registerVerifyMenu();
    await settle();
    expect(extras.menuItems).toEqual([{ id: VERIFY_MENU_ID, title: 'Verify quotation', contexts: ['selection'] }]);
  });

  it('survives a background restart without a duplicate item', async () => {
    registerVerifyMenu();
    await settle();
    registerVerifyMenu();
    await settle();
    expect(extras.menuItems).toHaveLength(1);
  });

  it('sends the selection to the frame it was made in', async () => {
    registerVerifyMenu();
    await extras.onClicked.trigger({ menuItemId: VERIFY_MENU_ID, selectionText: 'we will not respond', frameId: 2 }, { id: 7 });
    await settle();
    expect(extras.sent).toEqual([{ tabId: 7, message: { type: 'qv:verify-selection', text: 'we will not respond' }, options: { frameId: 2 } }]);
  });

  it('ignores other menu items and tab-less clicks', async () => {
    registerVerifyMenu();
    await extras.onClicked.trigger({ menuItemId: 'someone-else', selectionText: 'x' }, { id: 7 });
    await extras.onClicked.trigger({ menuItemId: VERIFY_MENU_ID, selectionText: 'x' }, undefined);
    await settle();
    expect(extras.sent).toEqual([]);
  });
});

describe('keyboard commands', () => {
  it('routes verification to every frame and navigation to the top frame', () => {
    expect(routeCommand('verify-selection')).toEqual({ message: { type: 'qv:verify-selection' } });
    expect(routeCommand('next-finding')).toEqual({ message: { type: 'qv:navigate', direction: 1 }, frameId: 0 });
    expect(routeCommand('previous-finding')).toEqual({ message: { type: 'qv:navigate', direction: -1 }, frameId: 0 });
    expect(routeCommand('_execute_action')).toBeUndefined();
  });

  it('forwards a command to the tab it came with', async () => {
    registerCommands();
    await extras.onCommand.trigger('next-finding', { id: 4 });
    await settle();
    expect(extras.sent).toEqual([{ tabId: 4, message: { type: 'qv:navigate', direction: 1 }, options: { frameId: 0 } }]);
  });

  it('sends nothing when a command comes without a tab and no tab is active', async () => {
    // fakeBrowser starts with no active tab (it cannot make an existing tab active).
    expect(await fakeBrowser.tabs.query({ active: true })).toEqual([]);
    registerCommands();
    await extras.onCommand.trigger('verify-selection', undefined);
    await settle();
    expect(extras.sent).toEqual([]);
  });

  it('does not fail on a tab without the content script', async () => {
    extras.tabsWithoutContentScript.add(9);
    registerCommands();
    await extras.onCommand.trigger('next-finding', { id: 9 });
    await settle();
    expect(extras.sent).toEqual([]);
  });
});

describe('paintBadge', () => {
  it('sets text, colour and title for that tab only', async () => {
    expect(await paintBadge(5, { text: '!3', color: '#b42318', title: 'Quote Verifier: 3 quotations' })).toBe(true);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 5 })).toBe('!3');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: 5 })).toEqual([0xb4, 0x23, 0x18, 255]);
    expect(await fakeBrowser.action.getTitle({ tabId: 5 })).toBe('Quote Verifier: 3 quotations');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 6 })).toBe('');
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('uses browserAction where there is no action (Firefox MV2)', async () => {
    const b = fakeBrowser as unknown as Record<string, unknown>;
    const action = b.action;
    const browserAction = b.browserAction;
    // Firefox MV2: the same API under its MV2 name; the in-memory action stands in for it.
    b.browserAction = action;
    b.action = undefined;
    try {
      await paintBadge(2, { text: '4', color: '#1a7f37', title: 't' });
    } finally {
      b.action = action;
      b.browserAction = browserAction;
    }
    expect(await fakeBrowser.action.getBadgeText({ tabId: 2 })).toBe('4');
  });
});

describe('listenToContent', () => {
  const handlers = (): BackgroundHandlers & { reports: unknown[] } => {
    const reports: unknown[] = [];
    return {
      reports,
      hello: () => ({ type: 'qv:hello', ok: true, extensionVersion: '1.2.3' }),
      scan: async (req) => ({ type: 'qv:scan', findings: [], quotes: {}, corpus: { ok: false, error: `got ${req.text}` } }),
      lookup: (req) => ({ type: 'qv:lookup', nearest: [], quotes: {}, corpus: { ok: false, error: `looked up ${req.text}` } }),
      findings: (report, sender) => void reports.push({ report, sender }),
    };
  };

  it('answers scan, lookup and hello through runtime messaging', async () => {
    listenToContent(handlers());
    expect(await fakeBrowser.runtime.sendMessage({ type: 'qv:scan', text: 'abc' })).toMatchObject({ corpus: { error: 'got abc' } });
    expect(await fakeBrowser.runtime.sendMessage({ type: 'qv:lookup', text: 'xyz' })).toMatchObject({ corpus: { error: 'looked up xyz' } });
    expect(await fakeBrowser.runtime.sendMessage({ type: 'qv:hello', url: 'https://a.example/' })).toEqual({ type: 'qv:hello', ok: true, extensionVersion: '1.2.3' });
  });

  it('answers through sendResponse when the browser passes one', async () => {
    listenToContent(handlers());
    const sendResponse = vi.fn();
    // Browsers pass sendResponse as a third argument; fakeBrowser's typing knows only two.
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
    const [returned] = await trigger({ type: 'qv:scan', text: 'abc' }, {}, sendResponse);
    expect(returned).toBe(true);
    await settle();
    expect(sendResponse).toHaveBeenCalledWith(expect.objectContaining({ type: 'qv:scan' }));
  });

  it('tells the handler which tab and frame reported findings', async () => {
    const h = handlers();
    listenToContent(h);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'qv:findings', scanId: 's-1', located: [0, 2] }, { tab: { id: 3 } as never, frameId: 5 });
    expect(h.reports).toEqual([
      { report: { type: 'qv:findings', scanId: 's-1', located: [0, 2] }, sender: { tabId: 3, frameId: 5, extensionPage: false } },
    ]);
    // A report carrying verdicts (the old shape) is not a report: the background keeps its own.
    expect(await fakeBrowser.runtime.onMessage.trigger({ type: 'qv:findings', counts: { verified: 1 } }, { tab: { id: 3 } as never })).toEqual([undefined]);
  });

  it('leaves malformed and foreign messages unanswered', async () => {
    listenToContent(handlers());
    const answers = await fakeBrowser.runtime.onMessage.trigger({ type: 'qv:scan', text: 42 }, {});
    expect(answers).toEqual([undefined]);
    expect(await fakeBrowser.runtime.onMessage.trigger({ type: 'other-extension' }, {})).toEqual([undefined]);
    expect(await fakeBrowser.runtime.onMessage.trigger('qv:scan', {})).toEqual([undefined]);
  });

  it('refuses what only a structured clone carries: holes, boxed strings, non-finite numbers', async () => {
    // Chrome's message_serialization "structured_clone" (and Firefox's messaging) keeps these; JSON did not.
    const h = handlers();
    listenToContent(h);
    const sparse: number[] = [0];
    sparse[2] = 2;
    const refused = [
      { type: 'qv:findings', scanId: 's-1', located: sparse },
      { type: 'qv:scan', text: 'abc', unjudged: [{ start: 0, end: 1, reason: 'bidi' }, , { start: 1, end: 2, reason: 'bidi' }] },
      { type: 'qv:scan', text: new String('abc') },
      { type: 'qv:scan', text: 'abc', truncatedAt: Infinity },
      { type: 'qv:scan-part', upload: 'u', text: 'abc', index: NaN },
      { type: 'qv:scan', text: 'abc', delta: { base: 'b', start: 0, end: Infinity } },
    ];
    for (const message of refused) expect(await fakeBrowser.runtime.onMessage.trigger(message, { tab: { id: 3 } as never })).toEqual([undefined]);
    expect(h.reports).toEqual([]);
    // The control: the same report without the hole is taken.
    await fakeBrowser.runtime.onMessage.trigger({ type: 'qv:findings', scanId: 's-1', located: [0, 1, 2] }, { tab: { id: 3 } as never });
    expect(h.reports).toHaveLength(1);
  });

  it('stops listening when removed', async () => {
    const stop = listenToContent(handlers());
    stop();
    await expect(fakeBrowser.runtime.sendMessage({ type: 'qv:hello', url: 'x' })).rejects.toThrow('No listeners available');
  });
});

describe('onTabReset', () => {
  it('forgets a tab that closes or starts loading, not one that finishes', async () => {
    const forgotten: [number, string][] = [];
    onTabReset((tabId, reason) => forgotten.push([tabId, reason]));
    await fakeBrowser.tabs.onRemoved.trigger(3, { isWindowClosing: false, windowId: 0 });
    await fakeBrowser.tabs.onUpdated.trigger(4, { status: 'loading' }, {} as never);
    await fakeBrowser.tabs.onUpdated.trigger(5, { status: 'complete' }, {} as never);
    expect(forgotten).toEqual([[3, 'closed'], [4, 'navigated']]);
  });
});

describe('readBundledCorpus', () => {
  it('reads the packaged corpus bytes from the extension’s own URL', async () => {
    const urls: string[] = [];
    const bytes = await readBundledCorpus(async (url) => {
      urls.push(url);
      return new Response('{"version":1}', { status: 200 });
    });
    expect(new TextDecoder().decode(bytes)).toBe('{"version":1}');
    expect(urls).toEqual(['chrome-extension://test-extension-id/corpus.json']);
  });

  it('names the file when it is missing or unreadable', async () => {
    await expect(readBundledCorpus(async () => new Response('', { status: 404 }))).rejects.toThrow(/corpus\.json is missing.*status 404/);
    await expect(readBundledCorpus(async () => Promise.reject(new TypeError('NetworkError')))).rejects.toThrow(/corpus\.json could not be read.*NetworkError/);
  });
});

describe('readBundledIndex', () => {
  const file = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7) & 0xff);
  const layout = () => ({ byteLength: file.byteLength, splitAt: 1024 });
  /** A package that serves ranges (as Chromium does), or the whole file for any request (as Firefox does). */
  const serve = (ranges: boolean, withBlob: boolean) => async (_url: string, init?: RequestInit) => {
    const range = /bytes=(\d+)-(\d+)/.exec(new Headers(init?.headers).get('Range') ?? '');
    const bytes = ranges && range ? file.slice(Number(range[1]), Number(range[2]) + 1) : file;
    const response = new Response(bytes, { status: ranges && range ? 206 : 200 });
    return withBlob ? response : { ok: response.ok, status: response.status, arrayBuffer: () => response.arrayBuffer() };
  };

  it('reads the two parts at once where ranges are served, by way of a Blob or without one', async () => {
    for (const withBlob of [true, false]) {
      const read = await readBundledIndex(64, layout, serve(true, withBlob));
      expect(Array.isArray(read)).toBe(true);
      const [first, second] = read as [Uint8Array, Uint8Array];
      expect(Array.from(first)).toEqual(Array.from(file.subarray(0, 1024)));
      expect(Array.from(second)).toEqual(Array.from(file.subarray(1024)));
    }
  });

  it('reads the whole file where ranges are not served', async () => {
    const read = await readBundledIndex(64, layout, serve(false, true));
    expect(read instanceof Uint8Array && Array.from(read)).toEqual(Array.from(file));
  });

  it('with the layout the build embedded, asks for the two parts at once and for no header', async () => {
    const asked: string[] = [];
    const logged = (fetcher: ReturnType<typeof serve>) => async (url: string, init?: RequestInit) => {
      asked.push(new Headers(init?.headers).get('Range') ?? 'whole');
      return fetcher(url, init);
    };
    const read = await readBundledIndex(64, layout, logged(serve(true, true)), { byteLength: file.byteLength, splitAt: 1024 });
    expect(asked).toEqual(['bytes=0-1023', 'bytes=1024-4096']);
    expect(Array.isArray(read) && read.map((p) => p.byteLength)).toEqual([1024, 3072]);
    // A package that serves the whole file for a range: that file, read once more at most.
    asked.length = 0;
    const whole = await readBundledIndex(64, layout, logged(serve(false, true)), { byteLength: file.byteLength, splitAt: 1024 });
    expect(whole instanceof Uint8Array && Array.from(whole)).toEqual(Array.from(file));
    expect(asked).toHaveLength(2);
    // An embedded layout that is not the file's (another length): the file as it is, for the caller's hash check to refuse.
    const other = await readBundledIndex(64, layout, serve(true, true), { byteLength: file.byteLength + 8, splitAt: 1024 });
    expect(other instanceof Uint8Array && other.byteLength).toBe(file.byteLength);
  });
});
