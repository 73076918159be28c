/**
 * The content script: composes src/page (scan, highlight, hit-test, navigate)
 * with the background (matching, via src/platform) and the card (src/ui).
 * One copy runs in every frame; each frame scans itself. Everything here is
 * tied to `ctx.signal`, so an extension update or reload leaves nothing behind.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendToBackground } from '../../src/platform/runtime';
import { onContentCommand, reportFindings, sendLookup, sendScan } from '../../src/platform/content-messaging';
import type { ScanResponse, VerifySelectionCommand } from '../../src/platform/messages';
import { createHighlighter, randomHighlightSuffix } from '../../src/page/highlights';
import { listenForHighlightClicks } from '../../src/page/hit-test';
import { createNavigator } from '../../src/page/navigator';
import { pagePublishedDate } from '../../src/page/page-date';
import { selectionContext } from '../../src/page/selection-context';
import { startScanner, type LocatedFinding, type Scanner, type ScanOutcome } from '../../src/page/scanner';
import { settingsStore } from '../../src/platform/settings-store';
import { closedShadowRootReader } from '../../src/platform/shadow-roots';
import { TEST_BUILD } from '../../src/platform/build-info';
import { answerSiteQueries } from '../../src/platform/site-messaging';
import { shouldScan, type Settings } from '../../src/settings/settings';
import highlightCss from '../../src/page/highlights.css?inline';
import { createCardHost, type CardHost } from './card-host';

/**
 * Test builds only (TEST_BUILD): a store build dispatches no event the page could see,
 * so no page learns that the reader runs the extension or what it judged.
 * Dispatched on `document` after each scan: JSON `{"findings":[{verdict, quoteId, text}], "timing": {...}}`
 * (a string crosses Firefox's Xray boundary). `timing` is ScanCost plus `paintMs` and `textLength`.
 */
const SCANNED_EVENT = 'quote-verifier:scanned';
/** A page (or a test) dispatches this on `document` to have the last `quote-verifier:scanned` sent again. */
const QUERY_EVENT = 'quote-verifier:query';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  allFrames: true,
  // srcdoc, about:blank and script-written frames show page text too (issue 12).
  matchAboutBlank: true,
  matchOriginAsFallback: { chrome: true },
  // Nothing injected by WXT: the card's stylesheet is inline in its closed shadow root
  // (card-host.tsx), the highlight rules are adopted by the document as a constructed
  // sheet (src/page/highlights.ts); no web-accessible file for a page to probe.
  cssInjectionMode: 'manual',
  async main(ctx) {
    const answer = await sendToBackground({ type: 'qv:hello', url: location.href });
    if (ctx.isInvalid) return;
    const store = settingsStore();
    // Unreadable settings must not switch the extension off: the defaults apply then.
    const settings = await store.get().catch((error: unknown) => {
      console.debug('Quote Verifier: settings unreadable, using defaults', error);
      return store.defaults;
    });
    if (ctx.isInvalid) return;
    // Test builds announce readiness with an event, not a DOM change: the page's DOM is never edited.
    if (TEST_BUILD) document.dispatchEvent(new CustomEvent('quote-verifier:ready', { detail: answer.extensionVersion }));
    const apply = run(ctx, settings);
    // The reader's settings apply to open tabs at once: no reload.
    const unwatch = store.watch(apply);
    ctx.onInvalidated(unwatch);
  },
});

/** Starts everything in this frame under `initial`; returns how to apply changed settings. */
function run(ctx: ContentScriptContext, initial: Settings): (settings: Settings) => void {
  const { signal } = ctx;
  let located: LocatedFinding[] = [];
  let last: ScanOutcome<ScanResponse> | undefined;
  let pagePublished: string | undefined;
  let lastScanned = '';

  const highlighter = createHighlighter({
    env: window,
    doc: document,
    css: highlightCss,
    signal,
    showUnverified: initial.showUnverified,
    style: initial.highlightStyle,
    // Names the page cannot guess before we paint; repainted if it changes them (src/page/highlights.ts).
    nameSuffix: randomHighlightSuffix(),
  });
  const findingNav = createNavigator<LocatedFinding>((e) => `${e.finding.quoteId ?? ''}|${e.finding.start}|${e.finding.text}`);
  const card = createCardHost(ctx, { onClose: () => highlighter.setActive(null) });

  const openFinding = (entry: LocatedFinding) => {
    if (!last) return;
    const { finding } = entry;
    highlighter.setActive(entry.range);
    void card.open(
      {
        finding,
        quote: finding.quoteId ? last.answer.quotes[finding.quoteId] : undefined,
        corpus: last.answer.corpus,
        pagePublished,
      },
      () => entry.range.getBoundingClientRect(),
    );
  };

  // Automatic scanning runs only while the settings allow it here; `scanner` is undefined otherwise.
  let scanner: Scanner<ScanResponse> | undefined;
  const startScanning = () => startScanner<ScanResponse>({
    root: document,
    signal,
    skipElement: (el) => card.isHost(el),
    shadowRootOf: closedShadowRootReader(),
    match: (text, { unjudged, truncatedAt, busy }) => {
      pagePublished = pagePublishedDate(document);
      return sendScan({ text, pagePublished, unjudged, ...(truncatedAt === undefined ? {} : { truncatedAt }) }, { busy });
    },
    onScan: (outcome) => {
      const started = performance.now();
      last = outcome;
      located = outcome.located;
      highlighter.show(located.map(({ range, finding }) => ({ range, verdict: finding.verdict })));
      findingNav.set(located.filter(({ finding }) => finding.verdict !== 'unverified'));
      // Where, not what: the background kept the verdicts of this scan (its scanId).
      void reportFindings(
        outcome.answer.scanId,
        located.map((entry) => entry.index),
      );
      if (!TEST_BUILD) return;
      const paintMs = performance.now() - started;
      // In a task of its own: a page of 20,000 findings makes a detail of megabytes.
      setTimeout(() => {
        if (last !== outcome) return;
        lastScanned = JSON.stringify({
          findings: located.map(({ finding }) => ({ verdict: finding.verdict, quoteId: finding.quoteId, text: finding.text, flags: finding.flags, ...(finding.wording ? { wording: finding.wording } : {}) })),
          // Main-thread cost of this scan, for the scan-cost benchmark (ms).
          timing: { ...outcome.cost, paintMs, textLength: outcome.collected.text.length },
        });
        document.dispatchEvent(new CustomEvent(SCANNED_EVENT, { detail: lastScanned }));
      }, 0);
    },
    onError: (error) => console.debug('Quote Verifier: scan failed', error),
  });

  const stopScanning = () => {
    scanner?.destroy();
    scanner = undefined;
    // Nothing stays marked or listed that the reader asked not to have checked.
    last = undefined;
    located = [];
    lastScanned = '';
    highlighter.show([]);
    highlighter.setActive(null);
    findingNav.set([]);
    card.close();
    void reportFindings(undefined, []);
  };

  let settings = initial;
  const apply = (next: Settings) => {
    settings = next;
    highlighter.configure({ showUnverified: next.showUnverified, style: next.highlightStyle });
    const allowed = next.autoScan && shouldScan(next, ...frameUrls());
    if (allowed && !scanner) scanner = startScanning();
    else if (!allowed && scanner) stopScanning();
  };
  apply(initial);

  // Single-page apps: WXT watches the URL (pushState is invisible from an isolated world).
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    apply(settings);
    scanner?.requestScan();
  });
  // The popup's "Pause on this site" asks the top frame which site it is.
  if (window === window.top) answerSiteQueries(() => location.href, signal);

  if (TEST_BUILD) {
    ctx.addEventListener(document, QUERY_EVENT, () => {
      if (lastScanned) document.dispatchEvent(new CustomEvent(SCANNED_EVENT, { detail: lastScanned }));
    });
  }

  listenForHighlightClicks({
    doc: document,
    signal,
    // Unverified quotations are not painted, so they are not clickable either.
    entries: () => located.filter(({ finding }) => finding.verdict !== 'unverified'),
    isOwnUi: (event) => card.isOwnEvent(event),
    // Only the reader opens or closes the card: a click made by page script
    // (`isTrusted === false`) does neither.
    onHit: (entry, event) => {
      if (!event.isTrusted) return;
      findingNav.select(entry);
      openFinding(entry);
    },
    onMiss: (event) => {
      if (event.isTrusted) card.close();
    },
  });

  // Escape closes the card even when focus has left it; the page still gets the key.
  ctx.addEventListener(
    document,
    'keydown',
    (event: KeyboardEvent) => {
      if (event.isTrusted && event.key === 'Escape' && card.isOpen()) card.close();
    },
    { capture: true, passive: true },
  );

  onContentCommand((command) => {
    if (command.type === 'qv:navigate') {
      const entry = findingNav.move(command.direction);
      if (!entry) return;
      scrollToRange(entry.range);
      openFinding(entry);
    } else if (command.type === 'qv:open-finding') {
      // The popup names the finding by its place in the list this frame reported;
      // the quote id guards against a rescan having changed the list since.
      const entry = located[command.index];
      if (!entry || (command.quoteId !== undefined && entry.finding.quoteId !== command.quoteId)) return;
      findingNav.select(entry);
      scrollToRange(entry.range);
      openFinding(entry);
    } else {
      verifySelection(command, card, () => pagePublished ?? pagePublishedDate(document)).catch((error: unknown) =>
        console.debug('Quote Verifier: lookup failed', error),
      );
    }
  }, signal);

  return apply;
}

/**
 * This frame's URL and, where the browser tells (Chromium's ancestorOrigins; Firefox has
 * none), the top page's origin: a paused or never-checked site stays quiet in its frames.
 */
function frameUrls(): string[] {
  const ancestors = location.ancestorOrigins;
  const top = ancestors && ancestors.length > 0 ? ancestors[ancestors.length - 1] : undefined;
  return top ? [location.href, top] : [location.href];
}

async function verifySelection(
  command: VerifySelectionCommand,
  card: CardHost,
  published: () => string | undefined,
): Promise<void> {
  const selection = document.getSelection();
  const selected = selection && !selection.isCollapsed ? selection.toString().trim() : '';
  // The keyboard command goes to every frame: only the one holding a selection answers.
  // The context menu goes to the frame it was opened in, with the selected text.
  const text = selected || command.text?.trim() || '';
  if (!text) {
    // The shortcut with nothing selected: the top frame says how to use it, unless focus is
    // in a frame (whose own content script holds the selection, or says nothing).
    const focus = document.activeElement?.tagName;
    if (command.shortcut !== undefined && window === window.top && focus !== 'IFRAME' && focus !== 'FRAME') {
      await card.open({ hint: { shortcut: command.shortcut }, corpus: { ok: true, name: '', quoteCount: 0 } }, () => topCentre());
    }
    return;
  }
  const range = selected && selection!.rangeCount > 0 ? selection!.getRangeAt(0).cloneRange() : undefined;
  const fallback = (document.activeElement ?? document.body)?.getBoundingClientRect();
  // The paragraph around a page selection, so its quotation marks and attribution count (src/page/selection-context.ts).
  const answer = await sendLookup(text, range && selected === text ? selectionContext(range) : undefined);
  await card.open(
    {
      lookup: { selection: text, best: answer.best, nearest: answer.nearest, quotes: answer.quotes },
      corpus: answer.corpus,
      pagePublished: published(),
    },
    () => range?.getBoundingClientRect() ?? fallback,
  );
}

/** A point at the top centre of the viewport: the "how to use it" card opens under it. */
function topCentre(): DOMRect {
  return new DOMRect(document.documentElement.clientWidth / 2, 0, 0, 0);
}

function scrollToRange(range: Range): void {
  const el = range.startContainer.parentElement;
  if (!el) return;
  const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
}
