import { defineBackground } from 'wxt/utils/define-background';
// Straight from the modules, not src/host's index: the corpus-in-memory host (zod) stays out of the worker.
import type { Host } from '../src/host/answers';
import { badgeFor, corpusErrorBadge } from '../src/host/badge';
import { checkShippedBytes } from '../src/host/integrity';
import { createShippedHost, refusedShipped, type ShippedHost } from '../src/host/shipped-host';
import { TabFindings } from '../src/host/tab-findings';
import { openShippedIndex, SHIPPED_HEADER_BYTES, shippedIndexParts } from '../src/match/match-index';
import { listenToContent } from '../src/platform/background-messaging';
import { paintBadge, paintDefaultBadge } from '../src/platform/badge';
import { buildInfo, indexLayout } from '../src/platform/build-info';
import { registerCommands } from '../src/platform/commands';
import { openFirstRunOnInstall } from '../src/platform/first-run';
import { BACKGROUND_TEST_HANDLE, registerVerifyMenu } from '../src/platform/context-menu';
import {
  CORPUS_ASSET,
  CORPUS_INDEX_ASSET,
  checkedThisSession,
  type IndexFile,
  markChecked,
  readBundledCorpusRange,
  readBundledIndex,
} from '../src/platform/corpus-asset';
import { onTabReset } from '../src/platform/tabs';
import { createTabFindingsStore } from '../src/platform/tab-findings-store';
import { notifyTabFindingsChanged } from '../src/platform/panel-messaging';
import { extensionVersion } from '../src/platform/runtime';
import { backgroundSettingsStore, broadcastSettings, keepStorageFromContentScripts, serveSettings } from '../src/platform/settings-store';

/** Steps of a worker's start, ms since its time origin (`performance.now()` in the worker). */
interface WorkerStartup {
  scriptStarted: number;
  /** The index's bytes are in (read from the package; not hashed yet at the session's first start). */
  indexRead?: number;
  /** Hashed (first start of a session only) and opened as views. */
  indexOpened?: number;
  /** The first scan request reached the handler (a refused delta is not one). */
  firstScan?: number;
  /** The first scan's text was matched (before its quotes' records were read). */
  firstMatched?: number;
  /** The first scan answered. */
  firstAnswer?: number;
}

/** The index file's bytes in one array (its parts copied once, to be hashed). */
function joined(file: IndexFile): Uint8Array {
  if (file instanceof Uint8Array) return file;
  const out = new Uint8Array(file[0].byteLength + file[1].byteLength);
  out.set(file[0]);
  out.set(file[1], file[0].byteLength);
  return out;
}

/** A macrotask boundary: messages from other tabs are handled here. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

// One corpus and one index serve every tab. Listeners are registered
// synchronously (a service worker woken by an event must find them at once);
// requests that arrive before the index is open wait for it.
export default defineBackground(() => {
  // When this worker's start reached each step, in ms since the worker's own start (its
  // time origin): what a wake-up costs, read by the scan benchmark (scripts/bench-scan.ts).
  const startup: WorkerStartup = { scriptStarted: performance.now() };
  const build = buildInfo();
  /** A refused corpus shows on every tab's badge at once, before any page reports. */
  const paintRefused = (corpus: Host['corpus']) => {
    if (!corpus.ok) void paintDefaultBadge(corpusErrorBadge(corpus.error, build.name));
  };
  // The shipped index, opened as views on its bytes once they hash to what this build
  // shipped; corpus.json is read a piece at a time, each piece checked against the index
  // (src/host/shipped-host.ts). Nothing is parsed or validated per quote here.
  // The index is hashed in full at the first start of a browser session; a worker woken
  // later in the session reuses that check (hashing 50 MB costs more than the rest of a wake-up).
  const indexChecked = build.corpusIndexSha256 === undefined ? Promise.resolve(false) : checkedThisSession('index', build.corpusIndexSha256);
  // Read in two parts at once (corpus-asset.ts: about twice as fast as one request in Chromium)
  // and opened where they are; joined only to be hashed. Where the parts meet is in the build;
  // Firefox serves no ranges of its own files, so it reads the header's answer: the whole file.
  const layout = import.meta.env.FIREFOX ? undefined : indexLayout();
  const host: Promise<ShippedHost> = readBundledIndex(SHIPPED_HEADER_BYTES, shippedIndexParts, undefined, layout).then(
    async (file) => {
      startup.indexRead = performance.now();
      if (!(await indexChecked)) {
        const checked = await checkShippedBytes(joined(file), build.corpusIndexSha256, CORPUS_INDEX_ASSET);
        if (!checked.ok) return refusedShipped(checked.error, checked.reason);
        void markChecked('index', checked.sha256);
      }
      if (build.corpusSha256 === undefined) return refusedShipped(`${CORPUS_ASSET}: this build carries no corpus hash; rebuild the extension`, 'integrity');
      let shipped;
      try {
        shipped = openShippedIndex(file);
      } catch (error) {
        return refusedShipped(`${CORPUS_INDEX_ASSET}: ${error instanceof Error ? error.message : String(error)}`, 'invalid');
      }
      startup.indexOpened = performance.now();
      return createShippedHost(shipped, {
        readCorpus: (start, end) => readBundledCorpusRange(start, end),
        corpusSha256: build.corpusSha256,
        sourceName: CORPUS_ASSET,
        onRefused: paintRefused,
        pause: nextTask,
        ...(build.builtAt === undefined ? {} : { builtAt: build.builtAt }),
      });
    },
    (error: unknown) => refusedShipped(error instanceof Error ? error.message : String(error), 'missing'),
  );
  void host.then(async (h) => {
    paintRefused(h.corpus);
    // Every byte of corpus.json, once per browser session (not at every wake-up), after
    // the first answers: a corpus changed after the build is refused even where no answer
    // has read it yet. Pieces are checked one at a time, so memory stays at one piece.
    if (!h.corpus.ok || build.corpusSha256 === undefined || (await checkedThisSession('corpus', build.corpusSha256))) return;
    await nextTask();
    try {
      if (await h.verifyCorpus(nextTask)) await markChecked('corpus', build.corpusSha256);
    } catch {
      // A piece could not be read (not a mismatch): the next start checks again.
    }
  });
  /** A tab's badge: its counts, or the corpus error while the corpus is refused. */
  const badgeForTab = async (tabId: number) => {
    const h = await host;
    return h.corpus.ok ? badgeFor(tabs.total(tabId), build.name) : corpusErrorBadge(h.corpus.error, build.name);
  };
  const tabs = new TabFindings();
  // Findings outlive a stopped service worker in session storage (src/platform/tab-findings-store.ts).
  const stored = createTabFindingsStore();
  const restored = stored.load().then((snapshot) => void tabs.restore(snapshot));
  /** A tab's findings changed: keep them, and tell open popups and side panels. */
  const changed = (tabId: number) => {
    stored.save(() => tabs.snapshot());
    notifyTabFindingsChanged(tabId);
  };

  // The reader's settings: content scripts may not write them (Chrome closes storage.local
  // to them; see src/platform/settings-store.ts); they ask here and are told of changes.
  void keepStorageFromContentScripts();
  const settings = serveSettings(backgroundSettingsStore(), broadcastSettings);

  listenToContent({
    settings: () => settings.get(),
    setSettings: (value) => settings.set(value),
    hello: () => ({ type: 'qv:hello', ok: true, extensionVersion: extensionVersion() }),
    // The background owns the verdicts: it keeps what it computed for the frame that asked,
    // and the frame later says only which of these it drew (findings, below).
    scan: async (request, sender) => {
      // In slices, yielding between them: a huge page never keeps another tab waiting long.
      startup.firstScan ??= performance.now();
      const answer = await (await host).scanSliced(request, nextTask, { matched: () => (startup.firstMatched ??= performance.now()) });
      startup.firstAnswer ??= performance.now();
      if (sender.tabId === undefined || sender.tabId < 0) return answer;
      const scanId = tabs.recordScan(sender.tabId, sender.frameId ?? 0, answer.findings, answer.quotes, answer.limit);
      return { ...answer, scanId };
    },
    lookup: async (request) => (await host).lookup(request),
    findings: (report, sender) => {
      if (sender.tabId === undefined || sender.tabId < 0) return false;
      const tabId = sender.tabId;
      // Refused (false) when it names no recent scan of this very frame.
      if (!tabs.drawn(tabId, sender.frameId ?? 0, report.scanId, report.located)) return false;
      changed(tabId);
      void badgeForTab(tabId).then((badge) => paintBadge(tabId, badge));
    },
    search: async (request) => (await host).search(request),
    tabFindings: async (request) => {
      await restored;
      const { corpus, documentCount } = await host;
      return {
        type: 'qv:tab-findings',
        tabId: request.tabId,
        counts: tabs.total(request.tabId),
        findings: tabs.findings(request.tabId, request.first),
        ...((total) => (request.first !== undefined && total > request.first ? { total } : {}))(tabs.size(request.tabId)),
        ...((limit) => (limit === undefined ? {} : { limit }))(tabs.limit(request.tabId)),
        corpus: corpus.ok && documentCount !== undefined ? { ...corpus, documentCount } : corpus,
      };
    },
  });
  onTabReset((tabId, reason) => {
    tabs.forgetTab(tabId);
    changed(tabId);
    // Browsers differ on whether a navigation clears a tab's badge; clear it here so a
    // page without our content script (a browser page) never shows the last page's count.
    if (reason === 'navigated') void badgeForTab(tabId).then((badge) => paintBadge(tabId, badge));
  });
  const menu = registerVerifyMenu();
  const commands = registerCommands();
  // A new reader first sees what the corpus covers (entrypoints/welcome).
  openFirstRunOnInstall();

  // End-to-end tests call the real listeners from the background context
  // (Playwright's serviceWorker.evaluate): a browser cannot be made to click its
  // own context menu or press an extension shortcut. Only the extension's own
  // background can reach this object; pages and content scripts cannot.
  Object.assign(globalThis, {
    [BACKGROUND_TEST_HANDLE]: { contextMenuClicked: menu.onClicked, command: commands.onCommand, startup },
  });
});
