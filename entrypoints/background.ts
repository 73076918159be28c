import { defineBackground } from 'wxt/utils/define-background';
import { badgeFor, createHost, refusedHost, TabFindings, type Host } from '../src/host';
import { listenToContent } from '../src/platform/background-messaging';
import { paintBadge } from '../src/platform/badge';
import { registerCommands } from '../src/platform/commands';
import { BACKGROUND_TEST_HANDLE, registerVerifyMenu } from '../src/platform/context-menu';
import { CORPUS_ASSET, loadBundledCorpus } from '../src/platform/corpus-asset';
import { onTabReset } from '../src/platform/tabs';
import { extensionVersion } from '../src/platform/runtime';

// One corpus and one index serve every tab. Listeners are registered
// synchronously (a service worker woken by an event must find them at once);
// requests that arrive before the corpus is read wait for it.
export default defineBackground(() => {
  const host: Promise<Host> = loadBundledCorpus().then(
    (json) => createHost(json, { sourceName: CORPUS_ASSET }),
    (error: unknown) => refusedHost(error instanceof Error ? error.message : String(error)),
  );
  const tabs = new TabFindings();

  listenToContent({
    hello: () => ({ type: 'qv:hello', ok: true, extensionVersion: extensionVersion() }),
    scan: async (request) => (await host).scan(request),
    lookup: async (request) => (await host).lookup(request),
    findings: (report, sender) => {
      if (sender.tabId === undefined || sender.tabId < 0) return;
      const total = tabs.report(sender.tabId, sender.frameId ?? 0, report.counts, report.findings);
      void paintBadge(sender.tabId, badgeFor(total));
    },
    tabFindings: async (request) => {
      const { corpus, documentCount } = await host;
      return {
        type: 'qv:tab-findings',
        tabId: request.tabId,
        counts: tabs.total(request.tabId),
        findings: tabs.findings(request.tabId),
        corpus: corpus.ok && documentCount !== undefined ? { ...corpus, documentCount } : corpus,
      };
    },
  });
  onTabReset((tabId, reason) => {
    tabs.forgetTab(tabId);
    // Browsers differ on whether a navigation clears a tab's badge; clear it here so a
    // page without our content script (a browser page) never shows the last page's count.
    if (reason === 'navigated') void paintBadge(tabId, badgeFor(tabs.total(tabId)));
  });
  const menu = registerVerifyMenu();
  const commands = registerCommands();

  // End-to-end tests call the real listeners from the background context
  // (Playwright's serviceWorker.evaluate): a browser cannot be made to click its
  // own context menu or press an extension shortcut. Only the extension's own
  // background can reach this object; pages and content scripts cannot.
  Object.assign(globalThis, {
    [BACKGROUND_TEST_HANDLE]: { contextMenuClicked: menu.onClicked, command: commands.onCommand },
  });
});
