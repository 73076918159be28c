/**
 * The strict visibility judge: whether the reader can see a text node (or an
 * element's generated content), from its computed style and, where the DOM
 * has layout, its drawn boxes. The collector's own pass (collect-text.ts) is
 * cheap and runs on every node; this one costs a computed style per ancestor
 * and the text's client rects, so it runs only on the text of findings
 * (rejudge.ts), cached per element.
 *
 * Hidden: no box, `visibility`, `content-visibility: hidden`, opacity (own
 * and ancestors', multiplied) or `filter: opacity()` near zero, a font too
 * small to read, transparent text, text the colour of its background, a
 * zero-area `clip`/`clip-path: inset()`, a singular transform, every drawn
 * box empty, off the page, or outside an ancestor that clips its overflow.
 * Unjudged (never verified): a bidi override in CSS, flexbox/grid items
 * drawn out of document order, text partly clipped, a `clip-path` shape,
 * link text a `:visited` (or `:link`) rule may draw unreadable once the link
 * is visited, or inside a link where a sheet cannot be read (visited.ts).
 */
import type { UnjudgedReason } from '../match/unjudged';
import { blend, contrast, metaColourSchemes, parseColor, type Rgba } from './colour';
import { createVisitedReader } from './visited';

export { contrast, parseColor } from './colour';

export type Judgement = 'visible' | 'hidden' | UnjudgedReason;

export interface StrictJudge {
  /** A text node as drawn. */
  text(node: Text): Judgement;
  /** An element's `::before`/`::after` content as drawn (no boxes of its own to read: the element's are used). */
  generated(el: Element): Judgement;
}

/** Cumulative opacity below this draws text no reader can make out (0.1 on white is a 1.1:1 contrast). */
export const MIN_OPACITY = 0.1;
/** Text in a font smaller than this (CSS px) is unreadable: a hiding trick, not prose. */
export const MIN_READABLE_FONT_PX = 4;
/**
 * Text whose colour has a contrast ratio below this with the background
 * behind it is invisible (WCAG's floor for readable text is 4.5; 1.0 is the
 * same colour). Low enough that pale grey captions on white still count.
 */
export const MIN_CONTRAST = 1.2;
/** A drawn box thinner than this (CSS px) shows no glyph. */
export const MIN_BOX_PX = 1;

type Style = CSSStyleDeclaration;

interface ElementFacts {
  /** Hidden with all its content. */
  hidden: boolean;
  /** Reason its content cannot be judged, if any. */
  reason?: UnjudgedReason;
  /** Product of opacities from here to the root. */
  opacity: number;
  /** Boxes that clip this element's content (its own overflow clip included), viewport coordinates. */
  clips: Box[];
  /** The opaque background behind this element's content, or null when unknown (an image, a gradient). */
  background: Rgba | null;
  /** The nearest link at or above this element (flat tree): its visited colours are hidden from scripts. */
  link?: Element;
}

const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };
/**
 * The page's canvas in a dark colour scheme, behind text no element gives a background:
 * Chromium's (Firefox's, #1c1b22, is within 1.1:1 of it).
 */
const DARK_CANVAS: Rgba = { r: 18, g: 18, b: 18, a: 1 };

/**
 * The judge for `doc`, or undefined where the DOM has no CSS engine (linkedom). `recheck`: a
 * look between scans, which may keep the page's rules read before (src/page/visited.ts KEEP_FACTOR).
 */
export function createStrictJudge(doc: Document, recheck?: boolean): StrictJudge | undefined {
  const view = doc.defaultView;
  if (!view || !hasCssEngine(doc)) return undefined;
  const styles = new Map<Element, Style>();
  const facts = new Map<Element, ElementFacts>();
  const orderChecked = new Map<Element, boolean>();
  const style = (el: Element): Style => {
    let s = styles.get(el);
    if (!s) {
      s = view.getComputedStyle(el);
      styles.set(el, s);
    }
    return s;
  };
  // Asked on first use, not at creation: the scanner makes a judge at the start of every scan,
  // and a box read there would force a layout of the page's latest change before any finding needs one.
  let laidOut: boolean | undefined;
  const hasBoxes = (): boolean => (laidOut ??= hasLayout(doc));
  const root = doc.documentElement;
  /** checkVisibility walks the ancestors on every call: once per element is enough. */
  const checked = new Map<Element, boolean>();
  const shows = (el: Element): boolean => {
    let v = checked.get(el);
    if (v === undefined) {
      v = typeof el.checkVisibility !== 'function' || el.checkVisibility({ opacityProperty: true, visibilityProperty: true } as CheckVisibilityOptions);
      checked.set(el, v);
    }
    return v;
  };
  let page: Box | undefined;
  /** The scrollable page, in viewport coordinates (measured once: reading it costs a layout query). */
  const pageBox = (): Box => {
    page ??= {
      left: -view.scrollX,
      top: -view.scrollY,
      right: Math.max(root.scrollWidth, view.innerWidth) - view.scrollX,
      bottom: Math.max(root.scrollHeight, view.innerHeight) - view.scrollY,
    };
    return page;
  };

  const factsOf = (el: Element): ElementFacts => {
    const cached = facts.get(el);
    if (cached) return cached;
    const parent = flatParent(el);
    const up: ElementFacts = parent
      ? factsOf(parent)
      : { hidden: false, opacity: 1, clips: [], background: canvasDark(doc, view, style(el).colorScheme) ? DARK_CANVAS : WHITE };
    const s = style(el);
    const f: ElementFacts = { hidden: up.hidden, opacity: up.opacity * opacityOf(s), clips: up.clips, background: up.background };
    if (up.reason) f.reason = up.reason;
    const link = isLink(el) ? el : up.link;
    if (link) f.link = link;
    if (!f.hidden) f.hidden = ownHides(el, s, hasBoxes()) || f.opacity < MIN_OPACITY;
    if (!f.hidden) {
      const clip = clipBox(el, s, hasBoxes());
      if (clip === 'empty') f.hidden = true;
      else if (clip) f.clips = [...f.clips, clip];
      const clipPath = s.clipPath;
      if (clipPath && clipPath !== 'none') {
        const shape = clipPathHides(clipPath);
        if (shape === 'hidden') f.hidden = true;
        else if (shape === 'unknown') f.reason ??= 'style';
      }
      if (/^(bidi|isolate)-override$/.test(s.unicodeBidi)) f.reason ??= 'bidi';
      if (parent && reordered(parent)) f.reason ??= 'order';
      const bg = parseColor(s.backgroundColor);
      const image = s.backgroundImage;
      if (image && image !== 'none') f.background = null;
      else if (bg && bg.a >= 1) f.background = bg;
      else if (bg && bg.a > 0 && f.background) f.background = blend(bg, f.background);
    }
    facts.set(el, f);
    return f;
  };

  /** Whether a flex or grid container draws its items in another order than the document's. */
  const reordered = (container: Element): boolean => {
    const known = orderChecked.get(container);
    if (known !== undefined) return known;
    const s = style(container);
    let out = false;
    const display = s.display;
    if (display.includes('flex')) {
      out = s.flexDirection.endsWith('reverse') || s.flexWrap === 'wrap-reverse';
      for (const child of Array.from(container.children)) {
        if (out) break;
        out = style(child).order !== '0';
      }
    } else if (display.includes('grid')) {
      out = s.gridAutoFlow.includes('dense');
      for (const child of Array.from(container.children)) {
        if (out) break;
        const c = style(child);
        out = c.order !== '0' || c.gridRowStart !== 'auto' || c.gridColumnStart !== 'auto' || c.gridArea.split('/').some((p) => p.trim() !== 'auto');
      }
    }
    orderChecked.set(container, out);
    return out;
  };

  /** textLook's verdict per element: the text nodes of one paragraph share it. */
  const looks = new Map<Element, Judgement | undefined>();
  const textLook = (el: Element, f: ElementFacts): Judgement | undefined => {
    if (looks.has(el)) return looks.get(el);
    const verdict = ownTextLook(el, f);
    looks.set(el, verdict);
    return verdict;
  };
  const ownTextLook = (el: Element, f: ElementFacts): Judgement | undefined => {
    if (f.hidden) return 'hidden';
    const s = style(el);
    if (/^(hidden|collapse)$/.test(s.visibility)) return 'hidden';
    if (parseFloat(s.fontSize) < MIN_READABLE_FONT_PX) return 'hidden';
    const clipsText = s.backgroundClip === 'text' || (s as Style & { webkitBackgroundClip?: string }).webkitBackgroundClip === 'text';
    const drawn = drawnColour(s);
    if (!clipsText && drawn) {
      if (drawn.a * f.opacity < MIN_OPACITY) return 'hidden';
      if (f.background && contrast(blend(drawn, f.background), f.background) < MIN_CONTRAST) return 'hidden';
    }
    return undefined;
  };

  /** Per element: whether its text, inside a link, may be drawn unreadable once the link is visited. */
  const visitedLooks = new Map<Element, boolean>();
  let readVisited: ReturnType<typeof createVisitedReader> | undefined;
  const visitedHides = (el: Element, f: ElementFacts): boolean => {
    let hides = visitedLooks.get(el);
    if (hides === undefined) {
      hides = ownVisitedHides(el, f);
      visitedLooks.set(el, hides);
    }
    return hides;
  };
  const ownVisitedHides = (el: Element, f: ElementFacts): boolean => {
    const chain: Element[] = [];
    for (let e: Element | null = el; e; e = flatParent(e)) {
      chain.push(e);
      if (e === f.link) break;
    }
    const found = (readVisited ??= createVisitedReader(view, style, recheck))(chain);
    if (found === null) return false;
    // A sheet of another origin, or a colour that cannot be resolved: nothing rules the trick
    // out, and an attacker would choose exactly that. Link text in a finding is then unjudged.
    if (found === 'unknown') return true;
    const s = style(el);
    const drawn = drawnColour(s);
    const texts = drawn ? [drawn, ...found.text] : found.text;
    const backs = [f.background, ...found.background.map((b) => (b.a >= 1 ? b : f.background && blend(b, f.background)))];
    return texts.some((t) => backs.some((b) => b !== null && contrast(blend(t, b), b) < MIN_CONTRAST));
  };
  /** The verdict on text the strict look found nothing against: its reason if unjudged, `visited`, or `visible`. */
  const settled = (el: Element, f: ElementFacts): Judgement => f.reason ?? (f.link && visitedHides(el, f) ? 'visited' : 'visible');

  /** The look shared by text and generated content at `el`: its style, then `boxes` (where there is layout), then `settled`. */
  const judgeAt = (el: Element, boxes: (f: ElementFacts) => Judgement | undefined): Judgement => {
    if (!shows(el)) return 'hidden';
    const f = factsOf(el);
    return textLook(el, f) ?? (hasBoxes() ? boxes(f) : undefined) ?? settled(el, f);
  };

  return {
    text(node) {
      // Its slot when slotted, else its parent (a shadow root's host).
      const parent = flatParent(node);
      if (!parent) return 'hidden';
      return judgeAt(parent, (f) => {
        const drawn = drawnBoxes(node, f.clips, pageBox());
        return drawn === 'none' ? 'hidden' : drawn === 'some' ? 'style' : undefined;
      });
    },
    generated(el) {
      return judgeAt(el, (f) => {
        if (f.clips.length === 0) return undefined;
        const box = el.getBoundingClientRect();
        return f.clips.every((c) => intersects(box, c)) ? undefined : 'hidden';
      });
    },
  };
}

/**
 * Whether `doc` has a CSS engine of its own: a browser or happy-dom, not
 * linkedom (whose defaultView lends the test environment's getComputedStyle,
 * which refuses linkedom's elements).
 */
export function hasCssEngine(doc: Document): boolean {
  const view = doc.defaultView;
  if (!view || typeof view.getComputedStyle !== 'function' || !doc.documentElement) return false;
  try {
    view.getComputedStyle(doc.documentElement);
    return true;
  } catch {
    return false;
  }
}

/** The element whose box contains `el`'s: its slot when slotted, its parent, or a shadow root's host. */
export function flatParent(el: Element | Text): Element | null {
  return el.assignedSlot ?? el.parentElement ?? (el.parentNode as ShadowRoot | null)?.host ?? null;
}

/**
 * Whether the page's canvas is drawn in a dark scheme: the root's `color-scheme` (or, where
 * it is `normal`, the page's meta) offers dark, and the reader prefers it or light is not offered.
 */
function canvasDark(doc: Document, view: Window, rootScheme: string | undefined): boolean {
  const schemes = rootScheme && rootScheme !== 'normal' ? rootScheme : metaColourSchemes(doc);
  return /dark/i.test(schemes) && (!/light/i.test(schemes) || view.matchMedia('(prefers-color-scheme: dark)').matches);
}

/** `a` (HTML or SVG) and `area` with a target: what `:any-link` matches. */
function isLink(el: Element): boolean {
  const name = el.localName;
  return (name === 'a' || name === 'area') && (el.hasAttribute('href') || el.hasAttributeNS(XLINK, 'href'));
}

const XLINK = 'http://www.w3.org/1999/xlink';

/** Whether the DOM lays pages out (a browser), or reports empty boxes everywhere (happy-dom). */
function hasLayout(doc: Document): boolean {
  const probe = doc.body ?? doc.documentElement;
  if (!probe) return false;
  const r = probe.getBoundingClientRect();
  return r.width > 0 || r.height > 0;
}

/** The colour text is drawn in: its fill colour (`-webkit-text-fill-color`), else `color`. */
function drawnColour(s: Style): Rgba | null {
  return parseColor(s.getPropertyValue('-webkit-text-fill-color')) ?? parseColor(s.color);
}

function opacityOf(s: Style): number {
  const o = parseFloat(s.opacity);
  let out = Number.isFinite(o) ? o : 1;
  const filter = s.filter;
  if (filter && filter !== 'none') {
    for (const m of filter.matchAll(/opacity\(\s*([\d.]+)(%?)\s*\)/g)) out *= parseFloat(m[1]!) / (m[2] ? 100 : 1);
  }
  return out;
}

/** Styles of the element itself that hide it and everything in it. */
function ownHides(el: Element, s: Style, layout: boolean): boolean {
  if (s.display === 'none') return true;
  if (s.contentVisibility === 'hidden') return true;
  if (el.localName === 'dialog' && !el.hasAttribute('open')) return true;
  if (singularTransform(s.transform)) return true;
  if (!layout) {
    // Without boxes to measure, read the positions pages hide text with.
    if (parseFloat(s.textIndent) <= -OFFSCREEN_PX) return true;
    if (POSITIONED.test(s.position) && (parseFloat(s.left) <= -OFFSCREEN_PX || parseFloat(s.top) <= -OFFSCREEN_PX)) {
      return true;
    }
  }
  return false;
}

/** Without layout: an element moved this far left or up (CSS px) is off the page (the "-9999px" trick). */
const OFFSCREEN_PX = 1000;

/** `matrix(a, b, c, d, …)` or `matrix3d` that flattens everything to a line or a point. */
function singularTransform(transform: string): boolean {
  if (!transform || transform === 'none') return false;
  const m = /^matrix\(([^)]*)\)/.exec(transform);
  if (m) {
    const [a, b, c, d] = m[1]!.split(',').map(Number);
    return Math.abs(a! * d! - b! * c!) < 1e-6;
  }
  const m3 = /^matrix3d\(([^)]*)\)/.exec(transform);
  if (m3) {
    const v = m3[1]!.split(',').map(Number);
    return Math.abs(v[0]! * v[5]! - v[1]! * v[4]!) < 1e-6;
  }
  return false;
}

/**
 * The box that clips this element's content, in viewport coordinates: its
 * own box where `overflow` is hidden or clip (per axis), or its `clip`
 * rectangle. `empty` when that box has no area.
 */
function clipBox(el: Element, s: Style, layout: boolean): Box | 'empty' | undefined {
  const clipX = CLIPS.test(s.overflowX);
  const clipY = CLIPS.test(s.overflowY);
  // `clip` applies to absolutely positioned boxes only: the others' is not read.
  const rectClip = POSITIONED.test(s.position) && /^rect\(([^)]*)\)/.exec(s.clip ?? '');
  if (rectClip) {
    const [top, right, bottom, left] = rectClip[1]!.split(/[\s,]+/).map((v) => (v === 'auto' ? NaN : parseFloat(v)));
    if (right! - left! <= 0 || bottom! - top! <= 0) return 'empty';
  }
  if (!clipX && !clipY) return undefined;
  // The root and body clip the viewport, which the page scrolls: not a clip box.
  if (el === el.ownerDocument.documentElement || el === el.ownerDocument.body) return undefined;
  if (!layout) {
    return (clipX && parseFloat(s.width) === 0) || (clipY && parseFloat(s.height) === 0) ? 'empty' : undefined;
  }
  const r = el.getBoundingClientRect();
  if ((clipX && r.width < MIN_BOX_PX) || (clipY && r.height < MIN_BOX_PX)) return 'empty';
  const inf = 1e9;
  return {
    left: clipX ? r.left : -inf,
    right: clipX ? r.right : inf,
    top: clipY ? r.top : -inf,
    bottom: clipY ? r.bottom : inf,
  };
}

/** `overflow` values that clip, and the positions `clip` applies to: each property read once (a computed value is serialized per read). */
const CLIPS = /^(hidden|clip)$/;
const POSITIONED = /^(absolute|fixed)$/;

/** A rectangle in viewport coordinates. */
interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** `inset()` that cuts everything away, or a zero-size circle or ellipse: hidden. Other shapes: unknown. */
function clipPathHides(clipPath: string): 'hidden' | 'unknown' {
  const inset = /^inset\(([^)]*)\)/.exec(clipPath);
  if (inset) {
    const parts = inset[1]!.split(/\s+round\s+/)[0]!.trim().split(/\s+/);
    const pct = parts.map((p) => (p.endsWith('%') ? parseFloat(p) : NaN));
    const [t, r = t, b = t, l = r] = pct;
    if (t! + b! >= 100 || l! + r! >= 100) return 'hidden';
    return 'unknown';
  }
  if (/^(circle|ellipse)\(\s*0(px|%)?[\s)]/.test(clipPath)) return 'hidden';
  return 'unknown';
}

/** Whether the text's drawn boxes are all visible (`all`), none (`none`) or only some (`some`). */
function drawnBoxes(node: Text, clips: readonly Box[], page: Box): 'all' | 'none' | 'some' {
  const data = node.data;
  const first = data.search(/\S/);
  if (first < 0) return 'all';
  const last = data.length - (data.length - data.trimEnd().length);
  const range = node.ownerDocument.createRange();
  range.setStart(node, first);
  range.setEnd(node, last);
  // Iterated in place, not copied into an array first.
  const rects = range.getClientRects();
  if (rects.length === 0) return 'none';
  let shown = 0;
  for (const r of rects) {
    if (r.width >= MIN_BOX_PX && r.height >= MIN_BOX_PX && intersects(r, page) && clips.every((c) => intersects(r, c))) shown++;
  }
  return shown === 0 ? 'none' : shown === rects.length ? 'all' : 'some';
}

function intersects(a: Box, b: Box): boolean {
  return Math.min(a.right, b.right) - Math.max(a.left, b.left) >= MIN_BOX_PX && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) >= MIN_BOX_PX;
}
