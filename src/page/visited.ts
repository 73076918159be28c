/**
 * The colours a link's text may be drawn in once the link is visited. Browsers
 * draw a visited link with the page's `:visited` rules (and without its
 * `:link` ones) but tell scripts the unvisited colours, and `matches(':visited')`
 * is always false: a page can print a word in a link to itself (visited as
 * soon as it loads) that a rule like `a:visited { color: white }` hides from
 * the reader while the computed style says it is dark. Only colours change
 * (color, background-color, fill, …), and a visited colour takes its alpha
 * from the unvisited one.
 *
 * So the page's own rules are read: those naming `:visited` or `:link`, and,
 * where a `:link` rule stops applying to an element between the text and its
 * link, every rule that sets that element's colours, matched as if the link
 * were visited (`:visited` read as `:any-link`, `:link` as never). The strict
 * judge (visibility.ts) compares the colours found with the background.
 */
import { metaColourSchemes, resolveColour, type Rgba } from './colour';
import { readRules, sheetsOf } from './collect-text';

/** Colours an element between a text and its link may take once the link is visited; `unknown` when they cannot be read. */
export type VisitedColours = { text: Rgba[]; background: Rgba[] } | 'unknown';

/** One style rule. */
interface ColourRule {
  /** The selector as written (nesting resolved), pseudo-elements dropped where it names a link state. */
  selector: string;
  /** The selector as it matches when the link is visited; undefined when it names no link state (the same). */
  visited?: string;
  /** The rule (or nested declarations), its style read only where it matches. */
  rule: { style: CSSStyleDeclaration };
}

/** An `@scope (start) to (end)` rule's selectors. */
type Scope = { start?: string; end?: string | null };

/**
 * A tree's style rules, or `unreadable` when one of its sheets refuses to be read. `crossing`:
 * a rule naming a link state styles elements of other trees (`::slotted()`, `::part()`); `named`:
 * the rules naming a link state (set once read).
 */
type TreeRules = (ColourRule[] & { crossing?: boolean; named?: ColourRule[] }) | 'unreadable';

/** Colours drawn on the letters: a stroke (a wide one covers them) too. */
const TEXT_COLOURS = ['color', '-webkit-text-fill-color', 'fill', '-webkit-text-stroke-color', 'stroke'];
const LINK_STATES = /:(visited|link)(?![\w-])/gi;
/** Pseudo-elements (`::before`, `:first-line`…): a rule on a link's own pseudo-element is counted as on the link. */
const PSEUDO_ELEMENTS = /::[\w-]+(?:\([^)]*\))?|:(?:before|after|first-line|first-letter)(?![\w-])/gi;
/**
 * Colours the colour scheme decides: system colours (`Canvas`, `CanvasText`, the deprecated
 * ones), `light-dark()`, vendors' keywords. The canvas that resolves declared colours
 * (colour.ts) knows the light scheme only, so where a page may be drawn dark they are not resolved.
 */
const SCHEME_COLOURS = /canvas|text|field|highlight|button|mark|item|accent|active|workspace|background|menu|scrollbar|threed|window|light-dark|-(moz|webkit)-/i;

/**
 * A recheck between scans (`keep`, scanner.ts RECHECK_MS: every second) takes a tree's rules
 * from the last judge's read while its fingerprint (`printOf`: each sheet, adopted ones
 * included, by identity, its `disabled`, media and number of top-level rules, and the answer
 * of each media query the read evaluated) is the same and the read is younger than
 * KEEP_FACTOR times the time it took: reading again then costs about 1% of a core, and a read
 * under RECHECK_MS / KEEP_FACTOR (4 ms: a few thousand rules) is done again at every recheck,
 * as if nothing were kept. Declarations are read live from the rules kept. Seen only when
 * read again (within KEEP_MAX_MS): a selector edited in place, a rule added to a group
 * (`@media`, `@layer`…), a nested rule or an `@import`ed sheet, a top-level rule replaced by
 * another. A scan always reads afresh (it follows mutations) and keeps what it read.
 *
 * Why 250: 100 would be 1% of the main thread if a read cost only its own time, but the garbage it
 * leaves (a string per selector) is collected later: with 100, bench:recheck measured the
 * 20,000-rule page still 2-2.7% of a core above the 50-rule one (Chromium), so 250.
 */
const KEEP_FACTOR = 250;
/** At most this long between two reads of a tree however long a read takes: a page's in-place edit is seen within it. */
const KEEP_MAX_MS = 10_000;
/** Media queries by text, each evaluated once per read. */
type Queries = Record<string, MediaQueryList>;
/** Per tree: its rules as last read, until when they may be kept, the fingerprint, the media queries the read evaluated. */
const kept = new WeakMap<Node, [rules: TreeRules, until: number, print: unknown[], queries: Queries]>();

/**
 * A reader of the rules of `view`'s trees, for one judge (a scan, or one
 * recheck a second later): each tree's sheets are read on first need (or,
 * `keep`, taken from the last read: KEEP_FACTOR), so a sheet the page adds or
 * edits later is seen by the next judge.
 */
export function createVisitedReader(view: Window, style: (el: Element) => CSSStyleDeclaration, keep?: boolean): (chain: readonly Element[]) => VisitedColours | null {
  const trees = new Map<Node, TreeRules>();
  let anyLink: string | undefined;
  let metaSchemes: string | undefined;
  /** Whether the element of style `s` may be drawn in a dark scheme: its `color-scheme` or the page's meta offers one. */
  const dark = (s: CSSStyleDeclaration) => /dark/i.test(s.colorScheme + (metaSchemes ??= metaColourSchemes(view.document)));
  const rulesOf = (tree: Node): TreeRules => {
    if (anyLink === undefined) {
      // `:any-link` where the engine knows it (browsers), else its definition (happy-dom).
      const probe = view.document.createElement('a');
      probe.href = '';
      anyLink = matches(probe, ':any-link') ? ':any-link' : ':is(a, area)[href]';
    }
    let rules = trees.get(tree);
    if (!rules) {
      const was = kept.get(tree);
      const start = performance.now();
      if (keep && was && start < was[1] && same(was[2], printOf(tree, was[3]))) rules = was[0];
      else {
        const queries: Queries = Object.create(null);
        rules = readTree(tree as Document | ShadowRoot, view, anyLink, queries);
        const end = performance.now();
        kept.set(tree, [rules, end + Math.min((end - start) * KEEP_FACTOR, KEEP_MAX_MS), printOf(tree, queries), queries]);
      }
      trees.set(tree, rules);
    }
    return rules;
  };

  /**
   * Whether another tree's rule naming a link state may style `el`: `::slotted()` in the
   * tree of a slot it is assigned to, `::part()` in a tree outside its own (where `el` is a
   * part). Their selectors are not matched: where one exists (or the tree cannot be read),
   * the colours are a doubt.
   */
  const crossed = (el: Element): boolean => {
    const others: Node[] = [];
    for (let slot = el.assignedSlot; slot; slot = slot.assignedSlot) others.push(slot.getRootNode());
    for (let host = el.hasAttribute('part') && (el.getRootNode() as ShadowRoot).host; host; host = (host.getRootNode() as ShadowRoot).host) others.push(host.getRootNode());
    return others.some((tree) => {
      const rules = rulesOf(tree);
      return rules === 'unreadable' || !!rules.crossing;
    });
  };

  /**
   * What `chain` (a text's parent up to its link, in the flat tree) may draw
   * once the link is visited, beyond its computed colours: null when no rule
   * naming a link state applies to it in one state only (nothing changes),
   * `unknown` when a sheet or a value cannot be read.
   *
   * Visited, an element gains the rules that match only then (`:visited`) and
   * loses those that match only unvisited (`:link`). With nothing lost, its
   * colour is the computed one or a gained rule's; with a rule lost, the
   * cascade's next choice is not known: every matching rule's colour counts,
   * and the parent's.
   */
  return (chain) => {
    // <body vlink>: the browser's own :visited colour, in no rule (legacy colour syntax): not read.
    if (view.document.vlinkColor) return 'unknown';
    const text: Rgba[] = [];
    const background: Rgba[] = [];
    let touched = false;
    for (const el of chain) {
      const rules = rulesOf(el.getRootNode());
      if (rules === 'unreadable' || crossed(el)) return 'unknown';
      // Only rules naming a link state (`named`) match in one state only: with the rules kept between
      // scans, going through all of them for each element cost more than reading them.
      const gained = rules.named!.filter((r) => matches(el, r.visited!) && !matches(el, r.selector));
      const lost = rules.named!.some((r) => matches(el, r.selector) && !matches(el, r.visited!));
      if (!gained.length && !lost) continue;
      touched = true;
      const s = style(el);
      const parent = el.parentElement ?? (el.parentNode as ShadowRoot | null)?.host;
      const before = text.length;
      // Lost, the element's own style="" may be what wins (over a `:link … !important` gone).
      for (const r of lost ? [...rules, { selector: '*', rule: el as HTMLElement }] : gained) {
        const declaration = r.rule.style;
        const texts = TEXT_COLOURS.map((p) => declaration.getPropertyValue(p));
        // The shorthand alone is set where its longhands wait for a var(): not read. (So is `currentcolor`.)
        const bg = declaration.getPropertyValue('background-color') || (declaration.getPropertyValue('background') && 'var()');
        // Matching a selector costs more than reading a few properties: only rules setting a colour are matched.
        if ((!bg && !texts.some(Boolean)) || (lost && !matches(el, r.visited ?? r.selector))) continue;
        const up = parent && style(parent);
        const drawnDark = dark(s);
        for (const value of texts) {
          const colour = declared(value, s, up, true, drawnDark);
          if (colour === null) return 'unknown';
          if (colour) text.push(colour);
        }
        const colour = declared(bg, s, up, false, drawnDark);
        if (colour === null) return 'unknown';
        if (colour) background.push(colour);
      }
      // Where no rule sets it, the colour is the parent's. (A background no rule sets keeps the
      // unvisited one: browsers do not draw a transparent visited background.)
      const inherited = lost && text.length === before && parent && resolveColour(style(parent).color);
      if (inherited) text.push(inherited);
    }
    return touched ? { text, background } : null;
  };
}

function matches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

/**
 * A declared text (`text`) or background colour resolved for the element of
 * style `s` (parent style `up`), as browsers draw it visited: a transparent
 * visited colour leaves the unvisited one (undefined, as for a rule that does
 * not set it), any other takes the unvisited alpha. Null when it cannot be
 * resolved (`revert-layer`, a text's `revert`, a `currentcolor` background, a
 * var() with no value, a system colour where the element may be drawn in a
 * dark scheme (`dark`)…: rare in a page's link rules).
 */
function declared(value: string, s: CSSStyleDeclaration, up: CSSStyleDeclaration | null | undefined, text: boolean, dark: boolean): Rgba | null | undefined {
  let v = value.trim().toLowerCase();
  if (v === 'inherit' || (text && v === 'unset')) v = up ? (text ? up.color : up.backgroundColor) : '';
  else if (v === 'initial' || v === 'unset') v = text ? 'canvastext' : '';
  // A text's `currentcolor` (fill, -webkit-text-fill-color) is its colour, counted already. A background's
  // `revert` is the browser's, transparent (not drawn); a text's is the browser's visited colour on a link, the
  // parent's inside one: not resolved.
  if (!v || (text ? v === 'currentcolor' : v === 'revert')) return undefined;
  // Custom properties are the same visited or not: read them from the element.
  v = v.replace(/var\(\s*(--[\w-]+)\s*(?:,\s*([^)]*))?\)/g, (whole, name: string, fallback?: string) => s.getPropertyValue(name).trim() || fallback?.trim() || whole);
  if (dark && SCHEME_COLOURS.test(v)) return null;
  const colour = resolveColour(v);
  if (!colour) return null;
  return colour.a ? { ...colour, a: resolveColour(text ? s.color : s.backgroundColor)?.a ?? 1 } : undefined;
}

/**
 * What a recheck compares before keeping a tree's rules (KEEP_FACTOR): each sheet (adopted
 * ones included), its `disabled`, media and number of top-level rules, and the answer of each
 * media query the read evaluated.
 */
const printOf = (tree: Node, queries: Queries): unknown[] => [
  ...sheetsOf(tree).flatMap((s) => [s, s.disabled, s.media?.mediaText, readRules(s)?.length]),
  ...Object.values(queries).map((q) => q.matches),
];

const same = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * The style rules of a document or shadow root, in every readable sheet that applies;
 * the media queries evaluated are added to `queries` (one per text).
 */
function readTree(tree: Document | ShadowRoot, view: Window, anyLink: string, queries: Queries): TreeRules {
  const out: Exclude<TreeRules, 'unreadable'> = [];
  const applies = (media: MediaList | undefined) => {
    const text = media?.mediaText;
    return !text || (queries[text] ??= view.matchMedia(text)).matches;
  };
  const visit = (rules: CSSRuleList, parent?: string): boolean => {
    for (const rule of Array.from(rules)) {
      const selectorText = (rule as CSSStyleRule).selectorText;
      const imported = (rule as CSSImportRule).styleSheet;
      if (typeof selectorText === 'string') {
        const selector = parent === undefined ? selectorText : nest(selectorText, parent);
        add(selector, rule as CSSStyleRule);
        const nested = (rule as CSSStyleRule).cssRules;
        if (nested?.length && !visit(nested, selector)) return false;
      } else if (imported !== undefined) {
        // Read whatever its media (counted as applying: a doubt costs a verified, never gives one).
        const nested = imported && readRules(imported);
        if (nested === null || (nested && !visit(nested, parent))) return false;
      } else if (`${(rule as Scope).start} ${(rule as Scope).end}`.match(LINK_STATES)) return false; // @scope (a:visited): not read
      else if ((rule as CSSMediaRule).media !== undefined && !applies((rule as CSSMediaRule).media)) continue;
      else if ((rule as CSSGroupingRule).cssRules) {
        if (!visit((rule as CSSGroupingRule).cssRules, parent)) return false;
      } else if (parent !== undefined && (rule as CSSStyleRule).style) add(parent, rule as CSSStyleRule); // nested declarations
    }
    return true;
  };
  const add = (selector: string, rule: ColourRule['rule']) => {
    const visited = selector.replace(LINK_STATES, (_, state: string) => (state.toLowerCase() === 'visited' ? anyLink : ':not(*)'));
    if (visited !== selector && /::(slotted|part)\(/i.test(selector)) out.crossing = true;
    out.push(visited === selector ? { selector, rule } : { selector: selector.replace(PSEUDO_ELEMENTS, ''), visited: visited.replace(PSEUDO_ELEMENTS, ''), rule });
  };
  for (const sheet of sheetsOf(tree)) {
    if (sheet.disabled || !applies(sheet.media)) continue;
    const rules = readRules(sheet);
    // Another origin's sheet cannot be read, so its :visited rules cannot be ruled out.
    if (!rules || !visit(rules)) return 'unreadable';
  }
  out.named = out.filter((r) => r.visited !== undefined);
  return out;
}

/** A nested rule's selector in full: `&` is its parent, and a selector without one is its parent's descendant. */
function nest(selector: string, parent: string): string {
  return selector.includes('&') ? selector.replace(/&/g, `:is(${parent})`) : `:is(${parent}) ${/^\s*[>+~]/.test(selector) ? selector : `:is(${selector})`}`;
}
