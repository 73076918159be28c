import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FIRST_RUN_PAGE, openFirstRunOnInstall } from '../../../src/platform/first-run';

beforeEach(() => fakeBrowser.reset());

describe('first-run page', () => {
  it('opens once on install, never on an update or a browser update', async () => {
    openFirstRunOnInstall();
    const urls = async () => (await fakeBrowser.tabs.query({})).map((t) => t.url).filter((u) => u !== undefined);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9', temporary: false });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'browser_update', temporary: false });
    await new Promise((r) => setTimeout(r, 0));
    expect(await urls()).toEqual([]);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await new Promise((r) => setTimeout(r, 0));
    expect(await urls()).toEqual([fakeBrowser.runtime.getURL(FIRST_RUN_PAGE)]);
  });
});
