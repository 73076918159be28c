/**
 * The page controller: everything one frame's content script does, with the browser's
 * services passed in (entrypoints/in-page only composes). It keeps the frame's scan
 * going while the reader's settings allow it (src/page/scanner.ts), paints the findings
 * (highlights.ts), reports where they are drawn, opens the card on a reader's click or
 * command, answers "Verify quotation", and in test builds keeps the page-event contract
 * (`quote-verifier:scanned` / `quote-verifier:query`, docs/architecture.md).
 *
 * Everything is tied to `signal`, so an extension update or reload leaves nothing behind.
 */
import type { Quote } from '../corpus/schema';
import type { Finding } from '../match/types';
import type {
  CorpusStatus,
  LookupRequest,
  LookupResponse,
  ScanRequest,
  ScanResponse,
  ToContent,
  VerifySelectionCommand,
} from '../platform/messages';
import { shouldScan, type Settings } from '../settings/settings';
import { createHighlighter, type HighlightEnv } from './highlights';
import { listenForHighlightClicks } from './hit-test';
import { createNavigator } from './navigator';
import { pagePublishedDate } from './page-date';
import { startScanner, type LocatedFinding, type ScannerOptions, type Scanner, type ScanOutcome } from './scanner';
import { selectionContext } from './selection-context';

/**
 * The automation contract's page events (test builds only; docs/architecture.md). The names
 * live in src/page/test-events.ts, which only a test build's entrypoint imports, so a store
 * build holds no `quote-verifier:` name at all (tests/e2e/store-silence.test.ts).
 */
export interface TestEventNames {
  /**
   * Dispatched on `document` after each scan, with `detail` a JSON string
   * `{"findings":[{verdict, quoteId, text, flags}], "timing": {...}}` (a string crosses
   * Firefox's Xray boundary). `timing` is ScanCost plus `paintMs` and `textLength`.
   */
  scanned: string;
  /** A page (or a test) dispatches this on `document` to have the last scanned event sent again. */
  query: string;
}

/** What the card shows: a finding of the scan, or the answer to a selection's lookup. */
export type PageCardContent =
  | { finding: Finding; quote: Quote | undefined; corpus: CorpusStatus; pagePublished?: string }
  | {
      lookup: { selection: string; best?: Finding; nearest: LookupResponse['nearest']; quotes: Record<string, Quote> };
      corpus: CorpusStatus;
      pagePublished?: string;
    }
  /** The keyboard shortcut with nothing selected: how to use it (no verdict). */
  | { hint: { shortcut: string }; corpus: CorpusStatus };

/** The card in the page (entrypoints/in-page/card-host.tsx: a closed shadow root). */
export interface PageCard {
  open(content: PageCardContent, anchor: () => DOMRect | undefined): Promise<void>;
  close(): void;
  isOpen(): boolean;
  /** Events from inside the card (its clicks are not page clicks). */
  isOwnEvent(event: Event): boolean;
  /** The card's host element: never scanned. */
  isHost(el: Element): boolean;
}

export interface PageServices {
  doc: Document;
  /** The frame's window: highlights (CSS.highlights, Highlight) and media queries. */
  view: HighlightEnv & Pick<Window, 'matchMedia'>;
  signal: AbortSignal;
  card: PageCard;
  /** The rules of highlights.css. */
  highlightCss: string;
  /** Per-load random suffix of the highlight names (randomHighlightSuffix). */
  highlightSuffix: string;
  /** The rules under that suffix, adopted at document_start (highlights.ts, adoptHighlightRulesEarly), where that script ran. */
  highlightSheet?: CSSStyleSheet;
  /** Matches text in the background (src/platform/content-messaging.ts scanSender). */
  scan(request: Omit<ScanRequest, 'type' | 'upload' | 'delta'>, options: { busy?: (ms: number) => void }): Promise<ScanResponse>;
  /** Tells the background which findings of a scan this frame drew; no scan id: none. */
  report(scanId: string | undefined, located: number[]): Promise<void>;
  lookup(text: string, context?: LookupRequest['context']): Promise<LookupResponse>;
  /** Listens for the background's commands to this frame. */
  onCommand(handler: (command: ToContent) => void, signal: AbortSignal): void;
  /** Opens closed shadow roots (src/platform/shadow-roots.ts). */
  shadowRootOf?: (el: Element) => ShadowRoot | null;
  /** This frame's URL and, where the browser tells, its top page's origin: what the site lists judge. */
  frameUrls(): string[];
  /** Test builds: the page events of the automation contract to dispatch and answer; `false` in store builds. */
  testEvents: TestEventNames | false;
  /** Scanner timing for tests (debounce, idle, slicing); the browser's defaults otherwise. */
  scannerOptions?: Partial<Pick<ScannerOptions<ScanResponse>, 'debounceMs' | 'maxWaitMs' | 'whenIdle' | 'yieldToPage' | 'sliceMs' | 'now' | 'strict'>>;
}

export interface PageController {
  /** Applies changed settings at once: starts or stops scanning, restyles the marks. */
  apply(settings: Settings): void;
  /** A single-page app moved to another URL: judge the site again and rescan. */
  locationChanged(): void;
  /** The card closed (the reader, Escape, a click elsewhere): the active mark goes. */
  cardClosed(): void;
  /** The findings drawn on the page now, in page order. */
  readonly located: readonly LocatedFinding[];
  /** Whether automatic scanning runs now. */
  readonly scanning: boolean;
}

/** Starts everything in this frame under `initial`. */
export function startPageController(services: PageServices, initial: Settings): PageController {
  const { doc, view, signal, card } = services;
  let located: LocatedFinding[] = [];
  let last: ScanOutcome<ScanResponse> | undefined;
  let pagePublished: string | undefined;
  let lastScanned = '';

  const highlighter = createHighlighter({
    env: view,
    doc,
    css: services.highlightCss,
    signal,
    showUnverified: initial.showUnverified,
    style: initial.highlightStyle,
    // Random names per load; what the page registers or changes under them is removed or repainted (highlights.ts).
    nameSuffix: services.highlightSuffix,
    earlySheet: services.highlightSheet,
  });
  const findingNav = createNavigator<LocatedFinding>((e) => `${e.finding.quoteId ?? ''}|${e.finding.start}|${e.finding.text}`);

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

  const dispatchScanned = (outcome: ScanOutcome<ScanResponse>, paintMs: number) => {
    // In a task of its own: a page of 20,000 findings makes a detail of megabytes.
    setTimeout(() => {
      if (last !== outcome || signal.aborted) return;
      lastScanned = JSON.stringify({
        findings: located.map(({ finding }) => ({ verdict: finding.verdict, quoteId: finding.quoteId, text: finding.text, flags: finding.flags, ...(finding.wording ? { wording: finding.wording } : {}) })),
        // Main-thread cost of this scan, for the scan-cost benchmark (ms).
        timing: { ...outcome.cost, paintMs, textLength: outcome.collected.text.length },
      });
      if (services.testEvents) doc.dispatchEvent(new CustomEvent(services.testEvents.scanned, { detail: lastScanned }));
    }, 0);
  };

  // Automatic scanning runs only while the settings allow it here; `scanner` is undefined otherwise.
  let scanner: Scanner<ScanResponse> | undefined;
  const startScanning = () =>
    startScanner<ScanResponse>({
      ...services.scannerOptions,
      root: doc,
      signal,
      skipElement: (el) => card.isHost(el),
      shadowRootOf: services.shadowRootOf,
      match: (text, { unjudged, truncatedAt, busy }) => {
        pagePublished = pagePublishedDate(doc);
        return services.scan({ text, pagePublished, unjudged, ...(truncatedAt === undefined ? {} : { truncatedAt }) }, { busy });
      },
      onScan: (outcome) => {
        const started = performance.now();
        last = outcome;
        located = outcome.located;
        highlighter.show(located.map(({ range, finding }) => ({ range, verdict: finding.verdict })));
        findingNav.set(located.filter(({ finding }) => finding.verdict !== 'unverified'));
        // Where, not what: the background kept the verdicts of this scan (its scanId).
        void services.report(
          outcome.answer.scanId,
          located.map((entry) => entry.index),
        );
        if (services.testEvents) dispatchScanned(outcome, performance.now() - started);
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
    void services.report(undefined, []);
  };

  let settings = initial;
  const apply = (next: Settings) => {
    if (signal.aborted) return;
    settings = next;
    highlighter.configure({ showUnverified: next.showUnverified, style: next.highlightStyle });
    const allowed = next.autoScan && shouldScan(next, ...services.frameUrls());
    if (allowed && !scanner) scanner = startScanning();
    else if (!allowed && scanner) stopScanning();
  };
  apply(initial);

  const events = services.testEvents;
  if (events) {
    doc.addEventListener(
      events.query,
      () => {
        if (lastScanned) doc.dispatchEvent(new CustomEvent(events.scanned, { detail: lastScanned }));
      },
      { signal },
    );
  }

  listenForHighlightClicks({
    doc,
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
  doc.addEventListener(
    'keydown',
    (event: KeyboardEvent) => {
      if (event.isTrusted && event.key === 'Escape' && card.isOpen()) card.close();
    },
    { capture: true, passive: true, signal },
  );

  const scrollToRange = (range: Range) => {
    const el = range.startContainer.parentElement;
    if (!el) return;
    const reduce = view.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
  };

  services.onCommand((command) => {
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
      verifySelection(services, command, () => pagePublished ?? pagePublishedDate(doc)).catch((error: unknown) =>
        console.debug('Quote Verifier: lookup failed', error),
      );
    }
  }, signal);

  return {
    apply,
    locationChanged() {
      apply(settings);
      scanner?.requestScan();
    },
    cardClosed() {
      highlighter.setActive(null);
    },
    get located() {
      return located;
    },
    get scanning() {
      return scanner !== undefined;
    },
  };
}

/** "Verify quotation": the selection (or the context menu's text) looked up, in the card. */
async function verifySelection(services: PageServices, command: VerifySelectionCommand, published: () => string | undefined): Promise<void> {
  const { doc, card } = services;
  const selection = doc.getSelection();
  const selected = selection && !selection.isCollapsed ? selection.toString().trim() : '';
  // The keyboard command goes to every frame: only the one holding a selection answers.
  // The context menu goes to the frame it was opened in, with the selected text.
  const text = selected || command.text?.trim() || '';
  if (!text) {
    // The shortcut with nothing selected: the top frame says how to use it, unless focus is
    // in a frame (whose own content script holds the selection, or says nothing).
    const win = doc.defaultView;
    const focus = doc.activeElement?.tagName;
    if (command.shortcut !== undefined && win !== null && win === win.top && focus !== 'IFRAME' && focus !== 'FRAME') {
      const width = doc.documentElement.clientWidth;
      // A point at the top centre of the viewport: the note opens under it, centred.
      const topCentre = { top: 0, left: width / 2, width: 0, height: 0, right: width / 2, bottom: 0, x: width / 2, y: 0 } as DOMRect;
      await card.open({ hint: { shortcut: command.shortcut }, corpus: { ok: true, name: '', quoteCount: 0 } }, () => topCentre);
    }
    return;
  }
  const range = selected && selection!.rangeCount > 0 ? selection!.getRangeAt(0).cloneRange() : undefined;
  const fallback = (doc.activeElement ?? doc.body)?.getBoundingClientRect();
  // The paragraph around a page selection, so its quotation marks and attribution count (selection-context.ts).
  const answer = await services.lookup(text, range && selected === text ? selectionContext(range) : undefined);
  await card.open(
    {
      lookup: { selection: text, best: answer.best, nearest: answer.nearest, quotes: answer.quotes },
      corpus: answer.corpus,
      pagePublished: published(),
    },
    () => range?.getBoundingClientRect() ?? fallback,
  );
}

/**
 * A frame's URL and, where the browser tells (Chromium's `location.ancestorOrigins`;
 * Firefox has none), the top page's origin: a paused or never-checked site stays quiet
 * in its frames too.
 */
export function frameUrls(location: Pick<Location, 'href'> & { ancestorOrigins?: DOMStringList }): string[] {
  const ancestors = location.ancestorOrigins;
  const top = ancestors && ancestors.length > 0 ? ancestors[ancestors.length - 1] : undefined;
  return top ? [location.href, top] : [location.href];
}
