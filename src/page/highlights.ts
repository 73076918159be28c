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
 * How often the painted highlights are checked against what the extension painted,
 * while any are shown. The page shares `CSS.highlights` with the extension and can
 * delete, replace or empty its entries; within this long they are painted again.
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

export function createHighlighter(options: HighlighterOptions): Highlighter {
  const { env, doc, signal, showUnverified = false, style = 'tinted', nameSuffix = '' } = options;
  const registry = env.CSS?.highlights;
  const HighlightCtor = env.Highlight;
  /** What this highlighter painted under each (suffixed) name. */
  const owned = new Map<string, { highlight: Highlight; ranges: AbstractRange[]; priority: number }>();
  const styles = adoptedStyles(doc, suffixHighlightRules(`${verdictHighlightCss()}\n${options.css}`, nameSuffix), env.CSSStyleSheet);
  const look: HighlightLook = { showUnverified, style };
  let shown: readonly HighlightEntry[] = [];
  const full = (name: string) => (nameSuffix ? `${name}_${nameSuffix}` : name);
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
    const mine = { highlight, ranges: [] as AbstractRange[], priority };
    owned.set(key, mine);
    return mine;
  };

  const paintInSlices = async (job: number, queue: { mine: { highlight: Highlight; ranges: AbstractRange[] }; ranges: AbstractRange[] }[]) => {
    let t = now();
    for (const { mine, ranges } of queue) {
      for (let i = 0; i < ranges.length; i += RANGES_PER_STEP) {
        if (job !== generation || signal.aborted) return;
        const step = ranges.slice(i, i + RANGES_PER_STEP);
        styles.ensure(step);
        for (const range of step) {
          // Through `mine`: verify() may have replaced the highlight the page tampered with.
          mine.highlight.add(range);
          mine.ranges.push(range);
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
    owned.set(key, { highlight, ranges, priority });
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
        mine.highlight.size === mine.ranges.length &&
        mine.highlight.priority === mine.priority &&
        mine.ranges.every((r) => mine.highlight.has(r));
      if (intact) continue;
      const highlight = new HighlightCtor(...mine.ranges);
      highlight.priority = mine.priority;
      registry.set(key, highlight);
      mine.highlight = highlight;
      repaired++;
    }
    // The page may also have dropped the rules from adoptedStyleSheets.
    if (owned.size > 0) styles.reassert();
    return repaired;
  };
  (options.every ?? everyInterval)(() => void (owned.size > 0 && verify()), HIGHLIGHT_CHECK_MS, signal);

  const show = (entries: readonly HighlightEntry[]) => {
    if (signal.aborted) return;
    shown = entries;
    const job = ++generation;
    const byVerdict = rangesByVerdict(entries, look.showUnverified);
    const inSlices = Object.values(byVerdict).reduce((n, r) => n + r.length, 0) > PAINT_AT_ONCE;
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
