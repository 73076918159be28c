/**
 * Paints findings with the CSS Custom Highlight API. Frameworks and editors
 * re-render their text and break when an extension wraps it in elements, so
 * the page's nodes are never touched: a highlight is a set of ranges the
 * browser paints, styled by `::highlight(name)` rules: each verdict's rules
 * are written here from the VERDICTS table (src/match/verdicts.ts: its mark
 * colour and line), the active mark and forced colours are in highlights.css.
 *
 * The rules reach the page as a constructed stylesheet appended to
 * `document.adoptedStyleSheets`: no <style> element, nothing in the DOM. (The
 * manifest's content-script CSS would do too, but this content script's CSS
 * goes into the card's shadow root, where `::highlight()` rules would only
 * style the card.) Checked by hand in Chromium 156 and Firefox 153 content
 * scripts: both adopt the sheet and paint the highlights.
 */
import type { Verdict } from '../match/types';
import { rgbChannels, VERDICT_NAMES, VERDICTS } from '../match/verdicts';
import { SLICE_MS, defaultYield } from './collect-text';

/**
 * How often the painted highlights are checked against what the extension painted.
 * The page shares `CSS.highlights` with the extension and can delete, replace or empty
 * its entries, or register its own under the extension's names; within this long they
 * are painted again (or removed).
 * 1 s: a reader barely sees a mark vanish, and a check of 20,000 ranges costs ~1 ms.
 */
export const HIGHLIGHT_CHECK_MS = 1_000;

/**
 * Up to this many ranges are painted at once; more are added to their highlights in
 * SLICE_MS slices, yielding to the page between them (issue 12: 20,000 ranges at once
 * made one 50-190 ms task, with the root lookups of the style scopes). An article
 * has tens.
 */
export const PAINT_AT_ONCE = 1_000;
/** Ranges added between two looks at the clock while painting in slices. */
const RANGES_PER_STEP = 128;

/**
 * Over this many painted findings, only those near the viewport are registered in
 * `CSS.highlights` (the window), and the window follows scrolling. Chromium's
 * rendering cost grows with every registered range in the document, wherever it is:
 * on the page of 20,500 quotations, the frames after painting all of them took
 * 146-226 ms of CPU (issue 12: no task over 50 ms). An article has tens of findings;
 * a few hundred are painted whole, as before.
 */
export const WINDOW_OVER = 400;
/** The window reaches this many viewport heights above and below the viewport: a fast scroll still lands on painted marks. */
export const WINDOW_VIEWPORTS = 2;
/** At most this many ranges in the window, however dense the page (at most half of them above the viewport's top). */
export const WINDOW_MAX = 400;

/** One highlight name per verdict; highlights.css styles each. */
export const HIGHLIGHT_NAMES = {
  verified: 'qv-verified',
  altered: 'qv-altered',
  misattributed: 'qv-misattributed',
  variant: 'qv-variant',
  unverified: 'qv-unverified',
} as const satisfies Record<Verdict, string>;

/** The finding whose card is open or that the keyboard reached. */
export const ACTIVE_HIGHLIGHT_NAME = 'qv-active';

/**
 * The reader's highlight styles (src/settings names them; highlights.css styles each).
 * `tinted` uses the plain names above; the others add `--<style>`.
 */
export const PAGE_HIGHLIGHT_STYLES = ['tinted', 'underline', 'background'] as const;
export type PageHighlightStyle = (typeof PAGE_HIGHLIGHT_STYLES)[number];

export function highlightName(verdict: Verdict, style: PageHighlightStyle): string {
  return style === 'tinted' ? HIGHLIGHT_NAMES[verdict] : `${HIGHLIGHT_NAMES[verdict]}--${style}`;
}

/**
 * Paint order where highlights overlap: the active mark over everything, and
 * warnings over confirmations, so an altered excerpt inside a verified quote
 * shows as altered.
 */
const PRIORITY = {
  unverified: 0,
  // Another wording never overlaps a finding about the same words (the matcher keeps one per span).
  variant: 0,
  verified: 1,
  altered: 2,
  misattributed: 3,
  active: 10,
} as const;

export interface HighlightEntry {
  range: AbstractRange;
  verdict: Verdict;
}

/** What the highlighter needs from the window (the content script passes `window`). */
export interface HighlightEnv {
  CSS?: { highlights?: HighlightRegistry };
  Highlight?: typeof Highlight;
  CSSStyleSheet?: typeof CSSStyleSheet;
  /** The window's viewport and scrolling: without them (tests' fakes) every range is registered. */
  innerHeight?: number;
  requestAnimationFrame?: (callback: () => void) => number;
  addEventListener?: Window['addEventListener'];
}

/**
 * Tint strength per style: `tinted` marks the quotation's extent faintly
 * without dimming its text; `background` is for readers who miss thin lines
 * (at 0.3 black text stays above 7:1 on white and white text on black).
 */
const TINT_ALPHA: Record<PageHighlightStyle, number | undefined> = { tinted: 0.14, underline: undefined, background: 0.3 };

/**
 * The `::highlight()` rules of every verdict in every style, from the
 * VERDICTS table: its mark colour (3:1 on white and on black pages) and its
 * own line, so no verdict relies on colour alone. Forced colours keep the
 * lines and take the system's colour.
 */
export function verdictHighlightCss(): string {
  const rules: string[] = [];
  const names: string[] = [];
  for (const style of PAGE_HIGHLIGHT_STYLES) {
    for (const v of VERDICT_NAMES) {
      const { colour, line } = VERDICTS[v];
      const alpha = TINT_ALPHA[style];
      // Unverified quotations get no tint in the default style: they are many and say nothing about the corpus.
      const tint = alpha !== undefined && (v !== 'unverified' || style === 'background') ? ` background-color: rgb(${rgbChannels(colour.mark)} / ${alpha});` : '';
      const name = highlightName(v, style);
      names.push(`::highlight(${name})`);
      rules.push(
        `::highlight(${name}) { text-decoration-line: underline; text-decoration-style: ${line}; text-decoration-color: ${colour.mark}; text-decoration-thickness: 2px;${tint} }`,
      );
    }
  }
  rules.push(`@media (forced-colors: active) { ${names.join(', ')} { text-decoration-color: CanvasText; background-color: transparent; } }`);
  return rules.join('\n');
}

export interface HighlighterOptions {
  env: HighlightEnv;
  doc: Document;
  /** The rules of highlights.css (the active mark); the verdicts' rules are added from VERDICTS. */
  css: string;
  signal: AbortSignal;
  /** Unverified quotations are not marked unless the reader asks: most quotes on a page are not in any corpus. */
  showUnverified?: boolean;
  style?: PageHighlightStyle;
  /**
   * Appended to every highlight name (`qv-verified_<suffix>`) and to the `::highlight()`
   * rules: the content script passes a random one per page load (randomHighlightSuffix),
   * so a page cannot register highlights under the extension's names before it paints.
   */
  nameSuffix?: string;
  /**
   * The sheet of these rules, root-scoped, that the document adopted at document_start
   * (adoptHighlightRulesEarly, its suffix as `nameSuffix`): used instead of adopting one
   * when the first mark is painted, which would restyle the whole page.
   */
  earlySheet?: CSSStyleSheet;
  /** Runs `check` every HIGHLIGHT_CHECK_MS while highlights are shown; tests pass their own. */
  every?: (check: () => void, ms: number, signal: AbortSignal) => void;
  /** Painting more than PAINT_AT_ONCE ranges yields with these (defaults: scheduler.yield, SLICE_MS, performance.now). */
  yieldToPage?: () => Promise<void>;
  sliceMs?: number;
  now?: () => number;
}

export interface HighlightLook {
  showUnverified: boolean;
  style: PageHighlightStyle;
}

export interface Highlighter {
  /** False where the browser has no Custom Highlight API: nothing is painted, nothing else changes. */
  readonly supported: boolean;
  /** Replaces every painted finding with these (over PAINT_AT_ONCE ranges: in slices, see painted()). */
  show(entries: readonly HighlightEntry[]): void;
  /** Resolves once the last show() has painted every range (or was replaced or stopped). */
  painted(): Promise<void>;
  setActive(range: AbstractRange | null): void;
  /** Paints again what the page deleted, replaced or emptied in `CSS.highlights`; returns how many names. */
  verify(): number;
  /** Changes the style or the unverified marks and repaints what is shown (the reader's settings, live). */
  configure(look: Partial<HighlightLook>): void;
  destroy(): void;
}

/** A random highlight-name suffix (8 base-36 characters from crypto.getRandomValues). */
export function randomHighlightSuffix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

/** `css` with every `::highlight(name)` renamed to `name_<suffix>`. */
export function suffixHighlightRules(css: string, suffix: string): string {
  return suffix ? css.replace(/::highlight\(([\w-]+)\)/g, `::highlight($1_${suffix})`) : css;
}

/**
 * `css` with every `::highlight()` rule scoped to the root element (`:root::highlight(name)`).
 * Chromium lets a highlight's style inherit from the parent element's, so the rules
 * on the root paint the marks everywhere below it (shadow trees included); Firefox
 * 153 does not (it paints nothing below the root), so its rules stay unscoped.
 * A rule on every element (`*::highlight()`) costs style time for every element: the
 * page's load styling when present from the start (20,500 paragraphs: 95-123 ms
 * against 56-62 ms), a whole-document restyle when added later (issue 12). On the root
 * alone, present from the start, it costs neither (56-62 ms).
 */
export function rootScopedHighlightRules(css: string): string {
  return css.replace(/(^|[\s,{])::highlight\(/g, '$1:root::highlight(');
}

/** The whole highlight stylesheet: the verdicts' rules and `css` (highlights.css), names suffixed. */
export function highlightRules(css: string, suffix: string): string {
  return suffixHighlightRules(`${verdictHighlightCss()}\n${css}`, suffix);
}

/**
 * The highlight rules a content script at document_start adopted before the page was
 * parsed (entrypoints/highlight-rules.ts): the suffix its names carry and the sheet.
 */
export interface EarlyHighlightRules {
  suffix: string;
  /** Root-scoped rules (rootScopedHighlightRules), adopted by the document. */
  sheet: CSSStyleSheet;
}

/**
 * Where the document_start script leaves its rules for the content script: a property of
 * their shared isolated world's global (content scripts of one extension in one frame
 * share it; the page's own world never sees it).
 */
const EARLY_RULES_KEY = '__quoteVerifierEarlyHighlightRules';
type EarlyHolder = { [EARLY_RULES_KEY]?: EarlyHighlightRules };

/**
 * Run at document_start: adopts the root-scoped highlight rules, under a fresh random
 * suffix, before the page has any element, so they never make the browser restyle the
 * page (adopting any `::highlight()` rule later restyles every element: 96-103 ms on
 * 20,500 paragraphs, issue 12). Nothing else changes in the page: no element, no event.
 */
export function adoptHighlightRulesEarly(
  holder: object,
  doc: Document,
  css: string,
  SheetCtor: typeof CSSStyleSheet | undefined = globalThis.CSSStyleSheet,
): EarlyHighlightRules | undefined {
  if (!SheetCtor || !Array.isArray((doc as { adoptedStyleSheets?: unknown }).adoptedStyleSheets)) return undefined;
  const suffix = randomHighlightSuffix();
  const sheet = new SheetCtor();
  sheet.replaceSync(rootScopedHighlightRules(highlightRules(css, suffix)));
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  const early = { suffix, sheet };
  (holder as EarlyHolder)[EARLY_RULES_KEY] = early;
  return early;
}

/** The rules adopted at document_start in this frame, if its script ran (Chromium builds only). */
export function earlyHighlightRules(holder: object): EarlyHighlightRules | undefined {
  return (holder as EarlyHolder)[EARLY_RULES_KEY];
}

export function createHighlighter(options: HighlighterOptions): Highlighter {
  const { env, doc, signal, showUnverified = false, style = 'tinted', nameSuffix = '' } = options;
  const registry = env.CSS?.highlights;
  const HighlightCtor = env.Highlight;
  /** What this highlighter painted under each (suffixed) name. */
  const owned = new Map<string, Owned>();
  const styles = options.earlySheet ? earlyStyles(doc, options.earlySheet) : adoptedStyles(doc, highlightRules(options.css, nameSuffix), env.CSSStyleSheet);
  const look: HighlightLook = { showUnverified, style };
  let shown: readonly HighlightEntry[] = [];
  const full = (name: string) => (nameSuffix ? `${name}_${nameSuffix}` : name);
  /** Every name this highlighter may paint under, suffixed. */
  const ownNames = [...PAGE_HIGHLIGHT_STYLES.flatMap((s) => VERDICT_NAMES.map((v) => full(highlightName(v, s)))), full(ACTIVE_HIGHLIGHT_NAME)];
  const yieldToPage = options.yieldToPage ?? defaultYield;
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const now = options.now ?? (() => performance.now());
  /** Bumped by every show(): a slower paint still running for an older one stops. */
  let generation = 0;
  let painting: Promise<void> = Promise.resolve();

  /** Registers an empty highlight under `name` that paintInSlices fills. */
  const paintEmpty = (name: string, priority: number) => {
    if (!registry || !HighlightCtor) return undefined;
    const key = full(name);
    const highlight = new HighlightCtor();
    highlight.priority = priority;
    registry.set(key, highlight);
    const mine: Owned = { highlight, ranges: new Set(), priority };
    owned.set(key, mine);
    return mine;
  };

  const paintInSlices = async (job: number, queue: { mine: Owned; ranges: AbstractRange[] }[]) => {
    let t = now();
    for (const { mine, ranges } of queue) {
      for (let i = 0; i < ranges.length; i += RANGES_PER_STEP) {
        if (job !== generation || signal.aborted) return;
        const step = ranges.slice(i, i + RANGES_PER_STEP);
        styles.ensure(step);
        for (const range of step) {
          // Through `mine`: verify() may have replaced the highlight the page tampered with.
          mine.highlight.add(range);
          mine.ranges.add(range);
        }
        if (now() - t < sliceMs) continue;
        await yieldToPage();
        t = now();
      }
    }
  };

  const paint = (name: string, priority: number, ranges: AbstractRange[]) => {
    if (!registry || !HighlightCtor) return;
    const key = full(name);
    if (ranges.length === 0) {
      if (owned.delete(key)) registry.delete(key);
      return;
    }
    // Adopted lazily, and again if the page replaced document.adoptedStyleSheets wholesale.
    styles.ensure(ranges);
    const highlight = new HighlightCtor(...ranges);
    highlight.priority = priority;
    registry.set(key, highlight);
    owned.set(key, { highlight, ranges: new Set(ranges), priority });
  };

  /**
   * Paints again whatever the page changed behind the extension's back: an entry
   * deleted or replaced in the registry, or ranges taken out of or added to one of
   * ours. Returns how many names were repainted.
   */
  const verify = (): number => {
    if (!registry || !HighlightCtor || signal.aborted) return 0;
    let repaired = 0;
    for (const [key, mine] of owned) {
      const now = registry.get(key);
      const intact =
        now === mine.highlight &&
        mine.highlight.size === mine.ranges.size &&
        mine.highlight.priority === mine.priority &&
        [...mine.ranges].every((r) => mine.highlight.has(r));
      if (intact) continue;
      const highlight = new HighlightCtor(...mine.ranges);
      highlight.priority = mine.priority;
      registry.set(key, highlight);
      mine.highlight = highlight;
      repaired++;
    }
    // The page can read the names (from the registry once painted, and from the sheet it
    // sees in document.adoptedStyleSheets from document_start): a highlight it registered
    // under one of them that this highlighter did not paint (none to paint) is removed.
    for (const key of ownNames) {
      if (owned.has(key) || !registry.has(key)) continue;
      registry.delete(key);
      repaired++;
    }
    // The page may also have dropped the rules from adoptedStyleSheets.
    if (owned.size > 0) styles.reassert();
    return repaired;
  };

  /**
   * The window (over WINDOW_OVER findings): the findings painted now, near the viewport,
   * out of `windowOf` (the paintable ones, in page order). Undefined while every
   * finding is registered.
   */
  let windowOf: readonly HighlightEntry[] | undefined;
  let inWindow = new Set<HighlightEntry>();
  const view = env.innerHeight !== undefined && env.requestAnimationFrame && env.addEventListener ? env : undefined;
  /** Registers what came near the viewport and unregisters what left it (not a rebuild: a scroll moves a few dozen). */
  const moveWindow = () => {
    if (!windowOf || !view || signal.aborted) return;
    const height = view.innerHeight ?? 0;
    const next = entriesNearViewport(windowOf, (e) => (e.range as Range).getBoundingClientRect(), height, height * WINDOW_VIEWPORTS, WINDOW_MAX);
    const nextSet = new Set(next);
    const ownerOf = (e: HighlightEntry) => owned.get(full(highlightName(e.verdict, look.style)));
    for (const e of inWindow) {
      if (nextSet.has(e)) continue;
      const mine = ownerOf(e);
      mine?.highlight.delete(e.range);
      mine?.ranges.delete(e.range);
    }
    const added = next.filter((e) => !inWindow.has(e));
    styles.ensure(added.map((e) => e.range));
    for (const e of added) {
      const mine = ownerOf(e);
      mine?.highlight.add(e.range);
      mine?.ranges.add(e.range);
    }
    inWindow = nextSet;
  };
  if (view) {
    // One look per frame at most, however many scroll events; passive, so scrolling never waits for it.
    let queued = false;
    const queue = () => {
      if (queued || !windowOf) return;
      queued = true;
      view.requestAnimationFrame!(() => {
        queued = false;
        moveWindow();
      });
    };
    // Capture: scrolling inside a scrolled element (an article pane) moves its marks too.
    view.addEventListener!('scroll', queue, { capture: true, passive: true, signal });
    view.addEventListener!('resize', queue, { passive: true, signal });
  }

  (options.every ?? everyInterval)(
    () => {
      // Layout moves without scrolling too (images load, fonts swap): the window is looked at again with each check.
      moveWindow();
      verify();
    },
    HIGHLIGHT_CHECK_MS,
    signal,
  );

  const show = (entries: readonly HighlightEntry[]) => {
    if (signal.aborted) return;
    shown = entries;
    const job = ++generation;
    const byVerdict = rangesByVerdict(entries, look.showUnverified);
    const count = Object.values(byVerdict).reduce((n, r) => n + r.length, 0);
    windowOf = undefined;
    inWindow = new Set();
    if (view && count > WINDOW_OVER) {
      // Empty highlights under the current style's names, filled by moveWindow with the findings near the viewport.
      for (const verdict of Object.keys(byVerdict) as Verdict[]) {
        for (const s of PAGE_HIGHLIGHT_STYLES) {
          if (s === look.style && byVerdict[verdict].length > 0) paintEmpty(highlightName(verdict, s), PRIORITY[verdict]);
          else paint(highlightName(verdict, s), PRIORITY[verdict], []);
        }
      }
      windowOf = entries.filter((e) => e.verdict !== 'unverified' || look.showUnverified);
      moveWindow();
      painting = Promise.resolve();
      return;
    }
    const inSlices = count > PAINT_AT_ONCE;
    const queue: Parameters<typeof paintInSlices>[1] = [];
    for (const verdict of Object.keys(byVerdict) as Verdict[]) {
      // Only the current style's name holds ranges: the others are emptied (deleted).
      for (const s of PAGE_HIGHLIGHT_STYLES) {
        const ranges = s === look.style ? byVerdict[verdict] : [];
        const mine = inSlices && ranges.length > 0 ? paintEmpty(highlightName(verdict, s), PRIORITY[verdict]) : undefined;
        if (mine) queue.push({ mine, ranges });
        else paint(highlightName(verdict, s), PRIORITY[verdict], ranges);
      }
    }
    painting = queue.length > 0 ? paintInSlices(job, queue) : Promise.resolve();
  };

  const destroy = () => {
    generation++;
    shown = [];
    windowOf = undefined;
    inWindow = new Set();
    for (const name of owned.keys()) registry?.delete(name);
    owned.clear();
    styles.remove();
  };
  signal.addEventListener('abort', destroy, { once: true });

  return {
    supported: !!registry && !!HighlightCtor,
    show,
    painted: () => painting,
    verify,
    configure(change) {
      if (change.showUnverified !== undefined) look.showUnverified = change.showUnverified;
      if (change.style !== undefined && PAGE_HIGHLIGHT_STYLES.includes(change.style)) look.style = change.style;
      show(shown);
    },
    setActive(range) {
      if (signal.aborted) return;
      paint(ACTIVE_HIGHLIGHT_NAME, PRIORITY.active, range ? [range] : []);
    },
    destroy,
  };
}

interface Owned {
  highlight: Highlight;
  /** What this highlighter registered under the name: the tamper check compares the registry with it. */
  ranges: Set<AbstractRange>;
  priority: number;
}

/**
 * The entries (in page order) drawn near a viewport `height` high: from `margin` above
 * its top to `margin` below its bottom, at most `max` of them, at most half of those above
 * its top. Binary searches on the boxes' vertical order, which page order follows in
 * normal flow: a few dozen boxes are measured, not all. Where the page's layout
 * reorders its text (columns, absolute positions), some marks near the viewport may be
 * missing: the popup lists every finding, and the keyboard or a popup row still paints
 * the one it goes to (the active mark is always registered).
 */
export function entriesNearViewport<T>(entries: readonly T[], box: (entry: T) => { top: number; bottom: number }, height: number, margin: number, max: number): T[] {
  const firstBelow = (y: number) => {
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (box(entries[mid]!).bottom <= y) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const from = Math.max(firstBelow(-margin), firstBelow(0) - Math.floor(max / 2));
  const near: T[] = [];
  for (let i = from; i < entries.length && near.length < max; i++) {
    if (box(entries[i]!).top > height + margin) break;
    near.push(entries[i]!);
  }
  return near;
}

function everyInterval(check: () => void, ms: number, signal: AbortSignal): void {
  const handle = setInterval(check, ms);
  signal.addEventListener('abort', () => clearInterval(handle), { once: true });
}

/** `entries` grouped by verdict; unverified ones dropped unless shown. */
export function rangesByVerdict(entries: readonly HighlightEntry[], showUnverified: boolean): Record<Verdict, AbstractRange[]> {
  const byVerdict: Record<Verdict, AbstractRange[]> = { verified: [], altered: [], misattributed: [], variant: [], unverified: [] };
  for (const { range, verdict } of entries) {
    if (verdict !== 'unverified' || showUnverified) byVerdict[verdict].push(range);
  }
  return byVerdict;
}

type StyleScope = Document | ShadowRoot;

/**
 * One constructed stylesheet, appended to the adopted sheets of the document
 * and of every shadow root holding a highlighted range, while needed. Shadow
 * roots need their own copy: document styles do not reach into shadow trees
 * (Firefox paints nothing there without it; Chromium lets highlight styles
 * inherit into them, and the copy is harmless).
 */
function adoptedStyles(doc: Document, css: string, SheetCtor: typeof CSSStyleSheet | undefined) {
  let sheet: CSSStyleSheet | undefined;
  const scopes = new Set<StyleScope>();
  const adoptedOf = (scope: StyleScope): readonly CSSStyleSheet[] | undefined =>
    (scope as { adoptedStyleSheets?: CSSStyleSheet[] }).adoptedStyleSheets;
  const adopt = (scope: StyleScope) => {
    const current = adoptedOf(scope);
    if (!current || !SheetCtor) return;
    if (!sheet) {
      sheet = new SheetCtor();
      sheet.replaceSync(css);
    }
    if (!current.includes(sheet)) scope.adoptedStyleSheets = [...current, sheet];
    scopes.add(scope);
  };
  return {
    /** Adopts the sheet in the document and in the shadow roots `ranges` lie in. */
    ensure(ranges: readonly AbstractRange[]) {
      const roots = new Set<StyleScope>([doc]);
      for (const range of ranges) {
        const root = range.startContainer.getRootNode();
        if (root.nodeType === 11) roots.add(root as ShadowRoot);
      }
      roots.forEach(adopt);
    },
    /** Adopts the sheet again where it was adopted (the page may have replaced the list). */
    reassert() {
      [...scopes].forEach(adopt);
    },
    remove() {
      for (const scope of scopes) {
        const current = adoptedOf(scope);
        if (sheet && current?.includes(sheet)) scope.adoptedStyleSheets = current.filter((s) => s !== sheet);
      }
      scopes.clear();
    },
  };
}

/**
 * The sheet adopted at document_start (adoptHighlightRulesEarly): already in the
 * document's adopted sheets, so painting adopts nothing; adopted again only if the page
 * replaced the list. Its rules are on the root and Chromium's highlight inheritance
 * carries them into shadow trees (checked in Chromium 156, closed roots included), so
 * shadow roots get no copy.
 */
function earlyStyles(doc: Document, sheet: CSSStyleSheet) {
  let held = true;
  const adopt = () => {
    const current = (doc as { adoptedStyleSheets?: CSSStyleSheet[] }).adoptedStyleSheets;
    if (current && !current.includes(sheet)) doc.adoptedStyleSheets = [...current, sheet];
    held = true;
  };
  return {
    ensure: (_ranges: readonly AbstractRange[]) => adopt(),
    reassert: () => {
      if (held) adopt();
    },
    remove() {
      const current = (doc as { adoptedStyleSheets?: CSSStyleSheet[] }).adoptedStyleSheets;
      if (current?.includes(sheet)) doc.adoptedStyleSheets = current.filter((s) => s !== sheet);
      held = false;
    },
  };
}
