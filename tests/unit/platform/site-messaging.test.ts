import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerSiteQueries } from '../../../src/platform/site-messaging';

beforeEach(() => fakeBrowser.reset());

describe('answerSiteQueries (content script, top frame)', () => {
  it('answers qv:site with the page URL, leaves other messages to other listeners, and stops on abort', async () => {
    let url = 'https://news.example.org/a';
    const controller = new AbortController();
    answerSiteQueries(() => url, controller.signal);
    expect(await fakeBrowser.runtime.onMessage.trigger({ type: 'qv:site' }, {})).toEqual([{ type: 'qv:site', url }]);
    url = 'https://news.example.org/b';
    expect(await fakeBrowser.runtime.onMessage.trigger({ type: 'qv:site' }, {})).toEqual([{ type: 'qv:site', url: 'https://news.example.org/b' }]);
    expect(await fakeBrowser.runtime.onMessage.trigger({ type: 'qv:navigate', direction: 1 }, {})).toEqual([undefined]);
    controller.abort();
    expect(await fakeBrowser.runtime.onMessage.trigger({ type: 'qv:site' }, {})).toEqual([]);
  });
});
