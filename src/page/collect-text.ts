/**
 * Collects a page's readable text, with a map from every character back to
 * the text node it came from. The engine matches the text; the offsets of its
 * findings come back through `segments` to DOM ranges (see ranges.ts).
 *
 * It runs in three DOMs: the browser (content script), happy-dom (unit tests)
 * and linkedom (the `check` CLI, which must see the same text as the
 * extension). So it only uses `TreeWalker.nextNode()` unconditionally (all
 * linkedom has), and feature-detects everything about style and layout.
 */

/** One text node's contribution: `text.slice(start, end) === node.data` when collected. */
export interface TextSegment {
  node: Text;
  start: number;
  end: number;
}

export interface CollectedText {
  text: string;
  /** In document (flat tree) order, non-overlapping, ascending. */
  segments: TextSegment[];
  /** Open shadow roots walked into: the scanner observes them for mutations too. */
  shadowRoots: ShadowRoot[];
  /** True when `maxChars` cut the collection short. */
  truncated: boolean;
}

export interface CollectOptions {
  /** Extra subtrees to leave out, e.g. the extension's own card. */
  skipElement?: (el: Element) => boolean;
  /** Stop collecting after this many characters (see MAX_COLLECT_CHARS). */
  maxChars?: number;
}

export interface CollectAsyncOptions extends CollectOptions {
  signal?: AbortSignal;
  /** Lets the page run; defaults to `scheduler.yield()` or a zero timeout. */
  yieldToPage?: () => Promise<void>;
  /** Work this long before yielding (see SLICE_MS). */
  sliceMs?: number;
  now?: () => number;
}

/** Between blocks (paragraphs, list items, cells): a quotation never spans one unnoticed. */
export const BLOCK_SEPARATOR = '\n\n';
/** For `<br>`: a line break inside one block. */
export const LINE_SEPARATOR = '\n';

/**
 * Pages bigger than this are data dumps, not articles: sending more to the
 * background costs more than a reader would wait for. 5 MB of text is about
 * 800k words, five times the longest novel.
 */
export const MAX_COLLECT_CHARS = 5_000_000;

/**
 * The walk yields control to the driver after this many nodes so it can check
 * the clock; checking `performance.now()` on every node would cost more than
 * the walk itself.
 */
const NODES_PER_STEP = 256;

/**
 * Yield to the page after this much work: far below the 50 ms long-task
 * threshold, so input and rendering never wait for the scan.
 */
export const SLICE_MS = 8;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_FRAGMENT_NODE = 11;
// NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, spelled out: linkedom has no NodeFilter global.
const SHOW_ELEMENTS_AND_TEXT = 0x1 | 0x4;

/** Elements whose text is not page prose: code, styles, form fields, embedded and replaced content. */
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'textarea',
  'input',
  'select',
  'option',
  'optgroup',
  'datalist',
  'iframe', // each frame scans itself (all_frames); the element's children are fallback text
  'frame',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'svg',
  'math',
]);

/** HTML elements rendered as blocks by default: their edges separate text. */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'search',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** A footnote marker like "[1]" or "[citation needed]" (Wikipedia prints them in <sup>). */
const BRACKETED_MARKER = /^\s*\[[^\]]{1,24}\]\s*$/;
/** A bare footnote number or symbol, counted only when it links within the page. */
const BARE_MARKER = /^\s*[\d*†‡§a-z]{1,3}\s*$/;
const NOT_WHITESPACE = /\S/;

type Action = 'descend' | 'skip' | 'shadow' | 'slot' | 'break' | 'summary-only';

/** Collects the text under `root` in one go. */
export function collectText(root: Document | ShadowRoot | Element, options: CollectOptions = {}): CollectedText {
  const collector = new Collector(root, options);
  const steps = collector.run();
  while (!steps.next().done) {
    // Synchronous: no yielding between steps.
  }
  return collector.result();
}

/**
 * Collects the text under `root`, yielding to the page between slices so no
 * task runs long. Rejects with the signal's reason when aborted.
 */
export async function collectTextAsync(
  root: Document | ShadowRoot | Element,
  options: CollectAsyncOptions = {},
): Promise<CollectedText> {
  const { signal, sliceMs = SLICE_MS } = options;
  const now = options.now ?? (() => performance.now());
  const yieldToPage = options.yieldToPage ?? defaultYield;
  signal?.throwIfAborted();
  const collector = new Collector(root, options);
  const steps = collector.run();
  let sliceStart = now();
  while (!steps.next().done) {
    if (now() - sliceStart < sliceMs) continue;
    await yieldToPage();
    signal?.throwIfAborted();
    sliceStart = now();
  }
  return collector.result();
}

/** `scheduler.yield()` where the browser has it (it keeps our priority), else a macrotask. */
export function defaultYield(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Mutations that cannot change the collected text: inside code and style
 * elements, or in editable regions (which are never scanned). Used by the
 * scanner so CSS-in-JS and editors do not trigger rescans.
 */
export function isIgnorableMutationTarget(target: Node): boolean {
  const el = target.nodeType === ELEMENT_NODE ? (target as Element) : target.parentElement;
  if (!el) return false;
  const name = localName(el);
  if (name === 'script' || name === 'style' || name === 'noscript' || name === 'head' || name === 'title') return true;
  // Editors change on every keystroke; their text is never collected.
  return (el as HTMLElement).isContentEditable === true || !!el.closest(EDITABLE_SELECTOR);
}

const EDITABLE_SELECTOR = '[contenteditable]:not([contenteditable="false" i])';

class Collector {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly segments: TextSegment[] = [];
  private readonly shadowRoots: ShadowRoot[] = [];
  private truncated = false;
  private steps = 0;
  /** The block-level container of the last text written; a change means a block edge. */
  private lastBlock: Node | null = null;
  private pending = '';
  private readonly blockOfParent = new Map<Element, Node>();
  /** Slotted nodes and the slot they render in (not every DOM has `assignedSlot`). */
  private readonly slotOf = new Map<Node, Element>();
  private readonly visible: (el: Element) => boolean;
  private readonly maxChars: number;

  constructor(
    private readonly root: Document | ShadowRoot | Element,
    private readonly options: CollectOptions,
  ) {
    const doc = ownerDocument(root);
    this.visible = makeVisibilityCheck(doc);
    this.maxChars = options.maxChars ?? MAX_COLLECT_CHARS;
  }

  result(): CollectedText {
    return { text: this.parts.join(''), segments: this.segments, shadowRoots: this.shadowRoots, truncated: this.truncated };
  }

  *run(): Generator<void, void, void> {
    const root = this.root;
    if (root.nodeType === 9) {
      const doc = root as Document;
      // The whole document is an editor: leave it alone.
      if (doc.designMode === 'on') return;
      const start = doc.body ?? doc.documentElement;
      if (start) yield* this.walkElement(start);
    } else if (root.nodeType === DOCUMENT_FRAGMENT_NODE) {
      yield* this.walkChildren(root);
    } else {
      yield* this.walkElement(root as Element);
    }
  }

  /** Walks an element and its subtree, the element itself included. */
  private *walkElement(el: Element): Generator<void, void, void> {
    const action = this.classify(el);
    if (action === 'descend') yield* this.walkChildren(el);
    else yield* this.enter(el, action);
  }

  /** Handles an element the walker does not simply descend into. */
  private *enter(el: Element, action: Action): Generator<void, void, void> {
    if (action === 'break') {
      this.pending = this.pending || LINE_SEPARATOR;
    } else if (action === 'shadow') {
      const shadow = el.shadowRoot!;
      this.shadowRoots.push(shadow);
      yield* this.walkChildren(shadow);
    } else if (action === 'slot') {
      for (const node of (el as HTMLSlotElement).assignedNodes({ flatten: true })) {
        this.slotOf.set(node, el);
        if (node.nodeType === TEXT_NODE) this.visitText(node as Text);
        else if (node.nodeType === ELEMENT_NODE) yield* this.walkElement(node as Element);
      }
    } else if (action === 'summary-only') {
      for (const child of Array.from(el.children)) {
        if (localName(child) === 'summary') yield* this.walkElement(child);
      }
    }
  }

  private *walkChildren(container: Node): Generator<void, void, void> {
    const walker = ownerDocument(container).createTreeWalker(container, SHOW_ELEMENTS_AND_TEXT);
    let node = walker.nextNode();
    while (node && !this.truncated) {
      if (++this.steps % NODES_PER_STEP === 0) yield;
      if (node.nodeType === TEXT_NODE) {
        this.visitText(node as Text);
        node = walker.nextNode();
        continue;
      }
      const el = node as Element;
      const action = this.classify(el);
      if (action === 'descend') {
        node = walker.nextNode();
        continue;
      }
      yield* this.enter(el, action);
      node = skipSubtree(walker, el);
    }
  }

  private classify(el: Element): Action {
    const name = localName(el);
    if (SKIPPED_TAGS.has(name)) return 'skip';
    if (name === 'br') return 'break';
    if (el.hasAttribute('hidden')) return 'skip';
    if (isEditable(el)) return 'skip';
    if (name === 'sup' || name === 'a') {
      if (isFootnoteMarker(el, name)) return 'skip';
    } else if (name === 'slot' && typeof (el as HTMLSlotElement).assignedNodes === 'function') {
      // Slotted nodes render in the slot's place; with none, its own children (the fallback) show.
      if ((el as HTMLSlotElement).assignedNodes({ flatten: true }).length > 0) return 'slot';
    }
    if (this.options.skipElement?.(el)) return 'skip';
    // An open shadow root renders instead of the light children, which show only through slots.
    if (el.shadowRoot) return 'shadow';
    // A closed <details> shows only its summary.
    if (name === 'details' && !el.hasAttribute('open')) return 'summary-only';
    return 'descend';
  }

  private visitText(node: Text): void {
    const data = node.data;
    if (data.length === 0) return;
    const parent = this.flatParent(node);
    if (!parent || !this.visible(parent)) return;
    const block = this.blockOf(parent);
    if (block !== this.lastBlock) {
      this.lastBlock = block;
      this.pending = BLOCK_SEPARATOR;
    }
    let separator = '';
    if (this.pending || this.length === 0) {
      // Indentation between blocks is layout, not text.
      if (!NOT_WHITESPACE.test(data)) return;
      if (this.length > 0) separator = this.pending;
    }
    if (this.length + separator.length + data.length > this.maxChars) {
      this.truncated = true;
      return;
    }
    this.pending = '';
    if (separator) this.write(separator);
    const start = this.length;
    this.write(data);
    this.segments.push({ node, start, end: this.length });
  }

  /**
   * The parent in the rendered (flat) tree: a slotted node's slot, a shadow
   * root's host, else the parent element. Slotted text belongs to the block
   * around its slot, not to the block around its host.
   */
  private flatParent(node: Node): Element | null {
    return this.slotOf.get(node) ?? node.parentElement ?? hostOf(node.parentNode);
  }

  private write(s: string): void {
    this.parts.push(s);
    this.length += s.length;
  }

  /** The nearest block-level ancestor (crossing shadow boundaries), or the root node. */
  private blockOf(parent: Element): Node {
    const cached = this.blockOfParent.get(parent);
    if (cached) return cached;
    let el: Element | null = parent;
    let block: Node = parent;
    while (el) {
      if (BLOCK_TAGS.has(localName(el))) {
        block = el;
        break;
      }
      const next = this.flatParent(el);
      if (!next) block = el.getRootNode();
      el = next;
    }
    this.blockOfParent.set(parent, block);
    return block;
  }
}

/** Moves the walker past `el`'s subtree; returns the next node in document order inside the root. */
function skipSubtree(walker: TreeWalker, el: Element): Node | null {
  if (typeof walker.nextSibling === 'function') {
    for (;;) {
      const sibling = walker.nextSibling();
      if (sibling) return sibling;
      if (!walker.parentNode()) return null;
    }
  }
  // linkedom's walker only goes forward.
  let node = walker.nextNode();
  while (node && el.contains(node)) node = walker.nextNode();
  return node;
}

function isFootnoteMarker(el: Element, name: string): boolean {
  if (name === 'sup') {
    if (el.classList?.contains('reference')) return true;
    const text = el.textContent ?? '';
    if (BRACKETED_MARKER.test(text)) return true;
    return BARE_MARKER.test(text) && !!el.querySelector('a[href^="#"]');
  }
  // A bare in-page link printed as "[3]".
  const href = el.getAttribute('href');
  return !!href && href.startsWith('#') && BRACKETED_MARKER.test(el.textContent ?? '');
}

function isEditable(el: Element): boolean {
  const editable = (el as HTMLElement).isContentEditable;
  if (editable === true) return true;
  // linkedom and happy-dom do not compute isContentEditable: read the attribute.
  const attr = el.getAttribute('contenteditable');
  return attr !== null && attr.toLowerCase() !== 'false';
}

function localName(el: Element): string {
  return el.localName ?? el.tagName.toLowerCase();
}

function hostOf(node: Node | null): Element | null {
  return node && node.nodeType === DOCUMENT_FRAGMENT_NODE ? ((node as ShadowRoot).host ?? null) : null;
}

function ownerDocument(node: Node): Document {
  return node.nodeType === 9 ? (node as Document) : node.ownerDocument!;
}

const DISPLAY_NONE = /(^|;)\s*display\s*:\s*none/i;
const VISIBILITY_HIDDEN = /(^|;)\s*visibility\s*:\s*(hidden|collapse)/i;

/**
 * Whether an element's text renders. Browsers (and happy-dom) have
 * `checkVisibility()`: one cheap check per element that covers display:none
 * ancestors and, with `visibilityProperty`, the element's own (inherited)
 * visibility. Without it (linkedom, which has no CSS engine) only the inline
 * `style` attribute is read, up the ancestors. Cached per element for one
 * collection pass.
 */
function makeVisibilityCheck(doc: Document): (el: Element) => boolean {
  const cache = new Map<Element, boolean>();
  const view = doc.defaultView;
  const canCheck = typeof (doc.documentElement as Element | null)?.checkVisibility === 'function';
  const parentOf = (el: Element): Element | null => el.parentElement ?? hostOf(el.parentNode);

  const visible = (el: Element): boolean => {
    const hit = cache.get(el);
    if (hit !== undefined) return hit;
    let shown: boolean;
    if (canCheck) {
      shown = el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true } as CheckVisibilityOptions);
      // `display: contents` has no box of its own, yet its children render.
      if (!shown && view?.getComputedStyle(el).display === 'contents') {
        const parent = parentOf(el);
        shown = !parent || visible(parent);
      }
    } else {
      const inline = el.getAttribute('style') ?? '';
      const parent = parentOf(el);
      shown = !DISPLAY_NONE.test(inline) && !VISIBILITY_HIDDEN.test(inline) && (!parent || visible(parent));
    }
    cache.set(el, shown);
    return shown;
  };
  return visible;
}
