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

import type { UnjudgedReason, UnjudgedSpan } from '../match/unjudged';
import { hasCssEngine, type Judgement } from './visibility';

/** One text node's contribution: `text.slice(start, end) === node.data` when collected. */
export interface TextSegment {
  node: Text;
  start: number;
  end: number;
}

/**
 * A plain block's whole text, read in one call (`textContent`) rather than node by node
 * (issue 16: the first pass). Its text nodes are listed only when a finding needs them
 * (`blockTextNodes`): most blocks of a page hold no finding.
 */
export interface BlockSegment {
  block: Element;
  start: number;
  end: number;
  /** Its text nodes once listed, offsets from the block's start; shared by the copies a rescan makes. */
  nodes: BlockNodes;
}

/** A plain block's text nodes, listed on first use (blockTextNodes); offsets from the block's start. */
export interface BlockNodes {
  /** Listed so far, in order. */
  list?: TextSegment[];
  /** Where the listing stopped: the offset after the last node listed, and that node. */
  at?: number;
  cursor?: Node | null;
  /** Every node listed. */
  complete?: boolean;
  /**
   * Where the block's text changed between reading and listing: `[start, end)`, or the
   * point `start === end` where text was inserted. No range may cover it.
   */
  changed?: { start: number; end: number };
}

/** An element's own visibility given what it inherits: `none` hides it with its subtree (see makeVisibilityCheck). */
export type VisibilityCheck = (el: Element, inherited: 'visible' | 'hidden') => 'visible' | 'hidden' | 'none';

/** Where collected text came from: one text node, or the text nodes of a plain block. */
export type Segment = TextSegment | BlockSegment;

export function isBlockSegment(s: Segment): s is BlockSegment {
  return (s as BlockSegment).block !== undefined;
}

/**
 * Text the page draws that is in no text node: CSS generated content
 * (`::before`/`::after`) and the value of a read-only textarea. Findings over
 * it are anchored on the element.
 */
export interface GeneratedSegment {
  element: Element;
  kind: 'before' | 'after' | 'value';
  start: number;
  end: number;
}

/** How the walk judges what it meets; absent parts are not judged (see visibility.ts). */
export type TextJudgements = WeakMap<Node, Judgement>;

export interface CollectedText {
  text: string;
  /** In document (flat tree) order, non-overlapping, ascending. */
  segments: Segment[];
  /** Generated text, ascending and disjoint from `segments`. */
  generated: GeneratedSegment[];
  /** Spans whose drawn form the walk could not judge (reordered text): never verified. */
  unjudged: UnjudgedSpan[];
  /** Shadow roots walked into (open, and closed ones opened by `shadowRootOf`): observed for mutations too. */
  shadowRoots: ShadowRoot[];
  /** True when `maxChars` cut the collection short. */
  truncated: boolean;
  /** Set by collectTextAsync. */
  cost?: CollectCost;
}

export interface CollectOptions {
  /** Extra subtrees to leave out, e.g. the extension's own card (asked of every element, plain blocks' included). */
  skipElement?: (el: Element) => boolean;
  /** Stop collecting after this many characters (see MAX_COLLECT_CHARS). */
  maxChars?: number;
  /**
   * Opens closed shadow roots too (the extension API: src/platform/shadow-roots.ts).
   * Without it only open roots are seen.
   */
  shadowRootOf?: (el: Element) => ShadowRoot | null;
  /**
   * Where the DOM has no `checkVisibility()` (linkedom: the `check` CLI passes
   * src/page/inline-visibility.ts), how an element's own visibility is read; without it,
   * nothing there is hidden by style.
   */
  visibilityWithoutCss?: VisibilityCheck;
  /**
   * Hosts the strict look found a shadow root on that this pass does not ask for (see
   * asksForShadow; src/page/rejudge.ts): asked here too.
   */
  shadowHosts?: WeakSet<Element>;
  /**
   * The strict judge's verdicts on text nodes and on elements' generated
   * content (src/page/rejudge.ts): `hidden` is left out, a reason is kept and
   * reported as unjudged.
   */
  judgements?: TextJudgements;
  /**
   * The nodes `judgements` holds a verdict other than `visible` for (JudgementStore.carried):
   * blocks holding one are walked node by node. Given `judgements` without it, every block is.
   */
  judged?: Iterable<Node>;
  /**
   * Read `::before`/`::after` content: default true (on the elements pseudoCandidates names);
   * false and `every-element` only to measure what it costs (scripts/bench-visibility.ts).
   */
  generatedContent?: boolean | 'every-element';
  /**
   * Blocks collected by an earlier collection that no mutation touched since are copied
   * from it instead of walked again (the scanner's rescans; see CollectCache).
   */
  cache?: CollectCache;
  /**
   * Read plain blocks whole (plainText): default true; false walks every text node, to
   * test that both give the same collection (tests/unit/page/collect-plain.test.ts).
   */
  wholeBlocks?: boolean;
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
 * A block with more elements than this is walked rather than read whole (plainText):
 * its look at the elements does not yield, the walk does, every NODES_PER_STEP nodes.
 * Prose paragraphs hold a few dozen elements; this is 8 of the walk's steps between yields.
 */
export const MAX_PLAIN_ELEMENTS = 8 * NODES_PER_STEP;

/**
 * Yield to the page after this much work: far below the 50 ms long-task
 * threshold, so input and rendering never wait for the scan.
 */
export const SLICE_MS = 8;

/**
 * A frame this small (CSS px, either side) shows nothing a reader can read:
 * tracking pixels and the 0×0 frames pages hide text in.
 */
export const MIN_FRAME_PX = 2;

/** Bidirectional overrides draw the characters after them in reverse: what is stored is not what is read. */
const BIDI_OVERRIDE = /[\u202D\u202E]/;
/** Glyphs from icon fonts (private use area) in generated content are pictures, not words. */
const PRIVATE_USE = /[\uE000-\uF8FF]/g;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const DOCUMENT_FRAGMENT_NODE = 11;
// NodeFilter.SHOW_ELEMENT | SHOW_TEXT | SHOW_CDATA_SECTION, spelled out: linkedom has no NodeFilter global.
const SHOW_ELEMENTS_AND_TEXT = 0x1 | 0x4 | 0x8;
const SHOW_TEXT_DATA = 0x4 | 0x8;

/**
 * A node whose data the page draws as text: a text node, or a CDATA section (a `Text` too:
 * in XHTML pages, and imported by script into HTML ones). `textContent` holds both, so the
 * walk, the listing of plain blocks and the strict judge must all read both.
 */
export function isTextData(node: Node): node is Text {
  const type = node.nodeType;
  return type === TEXT_NODE || type === CDATA_SECTION_NODE;
}

/** Elements whose text is not page prose: code, styles, form fields, embedded and replaced content. */
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
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
  'math',
]);

/**
 * Inside <svg>, only these draw text or hold elements that do (a <text>'s
 * words, a link around it, groups, nested drawings, HTML in foreignObject).
 * <title>, <desc>, <defs>, <symbol>, <clipPath>, <mask> and the like draw nothing.
 */
const SVG_RENDERED = new Set(['svg', 'g', 'a', 'switch', 'text', 'tspan', 'textpath', 'foreignobject']);
/** SVG elements whose text nodes are drawn. */
const SVG_TEXT = new Set(['text', 'tspan', 'textpath']);

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
  'svg',
  'table',
  'text',
  'textarea',
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
const STARTS_WITH_TEXT = /^\S/;

/**
 * A block bigger than this is walked again on every rescan rather than kept: an entry holds
 * a copy of its text, and the outer blocks of a page (body, main) would each hold all of it.
 */
export const MAX_CACHED_BLOCK_CHARS = 50_000;
/**
 * A rescan walks every block again at least this often. What changes the drawn text with no
 * DOM mutation (a style sheet edited through CSSOM, a media query, a closed shadow root
 * attached later) is not seen in a kept block until then; the strict look judges the text
 * under the findings that name a quotation at every scan and every RECHECK_MS between
 * scans (scanner.ts), so such text hidden later does not stay verified.
 */
export const CACHE_MAX_AGE_MS = 30_000;

/** One block's output as collected, offsets as they were (`base` = where it started). */
interface BlockEntry {
  base: number;
  chars: number;
  /** The strings it wrote (joined once, with the whole text). */
  parts: string[];
  segments: Segment[];
  generated: GeneratedSegment[];
  unjudged: UnjudgedSpan[];
  /** What it was collected under: reused only under the same. */
  visibility: Context['visibility'];
  unjudgedReason: UnjudgedReason | undefined;
  pseudoOnly: ReadonlySet<Element> | null | undefined;
  judgements: TextJudgements | undefined;
  atStart: boolean;
  /** The collector's state after it. */
  lastBlock: Node | null;
  pending: string;
  overrideBlock: Node | null;
}

/** Where a block's output began (see Collector.finishCapture). */
interface Capture {
  parts: number;
  length: number;
  segments: number;
  generated: number;
  unjudged: number;
  epoch: number;
  taint: number;
  parent: Context;
}

/**
 * Each block element's collected output, kept between collections (issue 16: a rescan
 * after a page appends one paragraph walks only what changed). The scanner reports every
 * mutation (`noteMutation`): a change of text or children drops the entries of the
 * blocks around it, an attribute or style sheet change drops them all. Kept only for
 * blocks of the document's own tree (not inside shadow trees or slots, whose text
 * changes are not seen through their ancestors), with no textarea value (its value
 * changes without a mutation), collected while nothing changed under them.
 */
export class CollectCache {
  /** Each kept block's output (see Collector.finishCapture and replay). */
  entries = new WeakMap<Element, BlockEntry>();
  private readonly candidateSets = new WeakMap<Node, ReadonlySet<Element> | null>();
  private createdAt: number;
  /** Bumped by every change: a block collected across one is not kept. */
  epoch = 0;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.createdAt = now();
  }

  /** Everything is collected again. */
  clear(): void {
    this.entries = new WeakMap();
    this.createdAt = this.now();
    this.epoch++;
  }

  /** Called at the start of a collection: an old cache is dropped (CACHE_MAX_AGE_MS). */
  refresh(): void {
    if (this.now() - this.createdAt > CACHE_MAX_AGE_MS) this.clear();
  }

  /** The node's own entry and those of every block around it are dropped. */
  touched(node: Node): void {
    this.epoch++;
    for (let n: Node | null = node; n; n = flatParentNode(n)) {
      if (n.nodeType === ELEMENT_NODE) this.entries.delete(n as Element);
    }
  }

  noteMutation(record: MutationRecord): void {
    const target = record.target;
    const el = target.nodeType === ELEMENT_NODE ? (target as Element) : target.parentElement;
    if (record.type === 'attributes' || (el && isStyleElement(el))) return this.clear();
    if (record.type === 'childList') {
      for (const list of [record.addedNodes, record.removedNodes]) {
        for (const node of Array.from(list)) if (node.nodeType === ELEMENT_NODE && isStyleElement(node as Element)) return this.clear();
      }
    }
    this.touched(target);
  }

  /**
   * The tree's pseudoCandidates, as the same set object while its members stay the same
   * (entries are reused only under the set they were collected with); a change drops all.
   */
  stableCandidates(tree: Node, fresh: ReadonlySet<Element> | null): ReadonlySet<Element> | null {
    const old = this.candidateSets.get(tree);
    if (old !== undefined && sameMembers(old, fresh)) return old;
    if (old !== undefined) this.clear();
    this.candidateSets.set(tree, fresh);
    return fresh;
  }
}

function isStyleElement(el: Element): boolean {
  const name = localName(el);
  return name === 'style' || name === 'link';
}

function sameMembers(a: ReadonlySet<Element> | null, b: ReadonlySet<Element> | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.size !== b.size) return false;
  for (const el of a) if (!b.has(el)) return false;
  return true;
}

type Action = 'descend' | 'skip' | 'shadow' | 'slot' | 'break' | 'summary-only' | 'value';

/**
 * A plain block's text nodes, with their offsets from the block's start (add `segment.start`
 * for offsets in the collected `text`; the list is not copied per call), listed from the
 * live DOM when a finding first needs them, and only as far as `upTo` (an offset in
 * `text`; by default all). The block was plain when read (plainText), so its text is its
 * text nodes' data in order: their lengths place them (reading `length` makes no string;
 * ranges.ts compares the data of every node a range covers before making it, so a node
 * the page changed since cannot place a range). Where the lengths of all of them no longer
 * add up, the page changed the block: the nodes whose data still match are listed from
 * either end, and `changed` marks the rest.
 */
export function blockTextNodes(segment: BlockSegment, text: string, upTo = Infinity): BlockNodes & { list: TextSegment[] } {
  const held = segment.nodes;
  const want = upTo - segment.start;
  if (!held.complete && !(held.list && held.at! >= want)) {
    const list = (held.list ??= []);
    let at = held.at ?? 0;
    const block = segment.block;
    // The node the listing stopped at, moved out of the block since: the walk from it would
    // leave the block. The block changed: the whole of it is looked at.
    const left = !!held.cursor && !block.contains(held.cursor);
    // A walker over text data: one DOM call per text node, not one per step of the walk (issue 16).
    const walker = block.ownerDocument.createTreeWalker(block, SHOW_TEXT_DATA);
    if (held.cursor) walker.currentNode = held.cursor;
    let n: Node | null = left ? null : walker.nextNode();
    for (; n; n = walker.nextNode()) {
      const length = (n as Text).length;
      if (length === 0) continue;
      list.push({ node: n as Text, start: at, end: (at += length) });
      if (at >= want) break;
    }
    // Past the block's length: the page changed it, and the whole block is looked at.
    if (at > segment.end - segment.start) n = null;
    held.at = at;
    held.cursor = n;
    if (!n) {
      held.complete = true;
      if (left || at !== segment.end - segment.start) listChanged(held, block, text.slice(segment.start, segment.end));
    }
  }
  return held as BlockNodes & { list: TextSegment[] };
}

/** A changed block's nodes that still hold the text read (`expected`), from either end (see blockTextNodes). */
function listChanged(held: BlockNodes, block: Element, expected: string): void {
  const nodes: Text[] = [];
  const walker = block.ownerDocument.createTreeWalker(block, SHOW_TEXT_DATA);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).length > 0) nodes.push(n as Text);
  const head: TextSegment[] = [];
  let at = 0;
  let i = 0;
  for (; i < nodes.length; i++) {
    const data = nodes[i]!.data;
    if (!expected.startsWith(data, at)) break;
    head.push({ node: nodes[i]!, start: at, end: at + data.length });
    at += data.length;
  }
  const tail: TextSegment[] = [];
  let end = expected.length;
  for (let j = nodes.length - 1; j >= i; j--) {
    const data = nodes[j]!.data;
    if (end - data.length < at || !expected.startsWith(data, end - data.length)) break;
    tail.push({ node: nodes[j]!, start: end - data.length, end });
    end -= data.length;
  }
  held.list = [...head, ...tail.reverse()];
  if (i + tail.length < nodes.length || at < end) held.changed = { start: at, end };
}

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
  const cost: CollectCost = { busyMs: 0, slices: 1, longestSliceMs: 0 };
  let sliceStart = now();
  const endSlice = () => {
    const ms = now() - sliceStart;
    cost.busyMs += ms;
    cost.longestSliceMs = Math.max(cost.longestSliceMs, ms);
  };
  while (!steps.next().done) {
    if (now() - sliceStart < sliceMs) continue;
    endSlice();
    await yieldToPage();
    signal?.throwIfAborted();
    collector.pageRan();
    cost.slices++;
    sliceStart = now();
  }
  const result = collector.result();
  endSlice();
  cost.reusedBlocks = collector.reusedBlocks;
  return { ...result, cost };
}

/** What a collection cost the page's main thread (time in our code, yields excluded). */
export interface CollectCost {
  busyMs: number;
  slices: number;
  longestSliceMs: number;
  /** Blocks copied from the cache rather than walked (CollectCache). */
  reusedBlocks?: number;
}

/** `scheduler.yield()` where the browser has it (it keeps our priority), else a macrotask. */
export function defaultYield(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Mutations that cannot change the collected text: inside code and style
 * elements, or in the editor the reader is typing in (which is not read).
 * Used by the scanner so CSS-in-JS and typing do not trigger rescans.
 */
export function isIgnorableMutationTarget(target: Node): boolean {
  const el = target.nodeType === ELEMENT_NODE ? (target as Element) : target.parentElement;
  if (!el) return false;
  const name = localName(el);
  if (name === 'script' || name === 'style' || name === 'noscript' || name === 'head' || name === 'title') return true;
  const host = el.closest?.(EDITABLE_SELECTOR);
  return !!host && isInUse(host);
}

const EDITABLE_SELECTOR = '[contenteditable]:not([contenteditable="false" i])';

/**
 * An editing host the reader is typing in (it holds the focus): their own
 * words, not the page's, so it is not read. Any other editable region is
 * page text: an article can be `contenteditable`, and a page can put
 * doctored words in one.
 */
function isInUse(host: Element): boolean {
  const active = host.ownerDocument?.activeElement;
  return !!active && active !== host.ownerDocument.body && host.contains(active);
}

/**
 * What an element passes to its children: its block container and whether
 * its text renders. Kept on a stack during the walk, so a text node needs no
 * lookups up its ancestors.
 */
interface Context {
  node: Node;
  /** The nearest block-level element (or the root), crossing shadow boundaries. */
  block: Node;
  /** `hidden`: visibility:hidden, which descendants may override with visibility:visible. */
  visibility: 'visible' | 'hidden';
  /** Inside <svg>: `drawing` outside a text element (its text nodes are not drawn), `text` inside one. */
  svg?: 'drawing' | 'text';
  /** Text here is drawn in an order the walk cannot reproduce. */
  unjudged?: UnjudgedReason;
  /**
   * The only elements of this tree whose `::before`/`::after` can hold text (pseudoCandidates),
   * or null where the style sheets cannot be read and every element is checked.
   */
  pseudoOnly?: ReadonlySet<Element> | null;
  /** Inside a shadow tree or a slot: not kept in the cache. */
  shadowed?: boolean;
  /** This block's output is being recorded for the cache. */
  capture?: Capture;
}

class Collector {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly segments: Segment[] = [];
  private readonly generated: GeneratedSegment[] = [];
  private readonly unjudged: UnjudgedSpan[] = [];
  private readonly shadowRoots: ShadowRoot[] = [];
  /** Generated content (`::before`/`::after`), where the DOM has a CSS engine. */
  private readonly pseudoText: ((el: Element, which: 'before' | 'after') => string) | undefined;
  /** The block that an unclosed bidi override (U+202D/U+202E) in a text node runs to the end of. */
  private overrideBlock: Node | null = null;
  private truncated = false;
  private steps = 0;
  private nextYield = NODES_PER_STEP;
  /** The block-level container of the last text written; a change means a block edge. */
  private lastBlock: Node | null = null;
  private pending = '';
  /** Bumped by output a kept block must not hold (a textarea's value, a shadow tree). */
  private taint = 0;
  /** Blocks copied from the cache (CollectCache) in this collection. */
  reusedBlocks = 0;
  private readonly visibilityOf: VisibilityCheck;
  private readonly maxChars: number;
  /**
   * The elements holding a text node the strict judge did not find visible: walked node by
   * node, never read whole (plainText). Null: no block is read whole.
   */
  private judgedAncestors: Set<Node> | null;

  constructor(
    private readonly root: Document | ShadowRoot | Element,
    private readonly options: CollectOptions,
  ) {
    const doc = ownerDocument(root);
    this.visibilityOf = makeVisibilityCheck(doc, options.visibilityWithoutCss);
    this.pseudoText = options.generatedContent === false ? undefined : makePseudoText(doc, options.judgements);
    this.maxChars = options.maxChars ?? MAX_COLLECT_CHARS;
    options.cache?.refresh();
    this.judgedAncestors = options.wholeBlocks === false || (options.judgements !== undefined && options.judged === undefined) ? null : new Set();
    this.pageRan();
  }

  /**
   * Where the judged nodes are now: called at the start and after every yield to the page,
   * which may have moved a node the strict judge found hidden into a block not yet read
   * (read whole, the block would hold it again). The judged nodes are few.
   */
  pageRan(): void {
    const ancestors = this.judgedAncestors;
    if (ancestors === null) return;
    ancestors.clear();
    for (const node of this.options.judged ?? []) {
      for (let n = flatParentNode(node); n && !ancestors.has(n); n = flatParentNode(n)) ancestors.add(n);
    }
  }

  result(): CollectedText {
    return {
      text: this.parts.join(''),
      segments: this.segments,
      generated: this.generated,
      unjudged: this.unjudged,
      shadowRoots: this.shadowRoots,
      truncated: this.truncated,
    };
  }

  *run(): Generator<void, void, void> {
    const root = this.root;
    if (root.nodeType === 9) {
      const doc = root as Document;
      if (isZeroSizeFrame(doc)) return;
      const start = doc.body ?? doc.documentElement;
      if (start) yield* this.walkElement(start, { node: doc, block: doc, visibility: 'visible', pseudoOnly: this.candidates(doc) }, true);
    } else if (root.nodeType === DOCUMENT_FRAGMENT_NODE) {
      const shadow = root as ShadowRoot;
      yield* this.walkChildren(root, { node: root, block: root, visibility: 'visible', pseudoOnly: this.candidates(shadow) });
    } else {
      // Where the walk starts inside the page, the start's own visibility is unknown: check it.
      const tree = (root as Element).getRootNode?.() as Document | ShadowRoot | undefined;
      const pseudoOnly = tree && 'querySelectorAll' in tree ? this.candidates(tree) : null;
      yield* this.walkElement(root as Element, { node: root, block: root, visibility: 'visible', pseudoOnly }, true);
    }
  }

  /** pseudoCandidates, only where generated content is read at all. */
  private candidates(tree: Document | ShadowRoot): ReadonlySet<Element> | null {
    const fresh = this.pseudoText && this.options.generatedContent !== 'every-element' ? pseudoCandidates(tree) : null;
    return this.options.cache ? this.options.cache.stableCandidates(tree, fresh) : fresh;
  }

  /** Walks an element and its subtree, the element itself included. */
  private *walkElement(el: Element, parent: Context, checkVisibility = false): Generator<void, void, void> {
    const { action, context } = this.classify(el, parent, checkVisibility);
    if (action === 'skip' || action === 'break') {
      yield* this.enter(el, action, context);
      return;
    }
    this.pseudo(el, 'before', context!);
    if (action === 'descend') yield* this.walkChildren(el, context!);
    else yield* this.enter(el, action, context);
    this.pseudo(el, 'after', context!);
  }

  /** Writes an element's `::before` or `::after` text, where it renders. */
  private pseudo(el: Element, which: 'before' | 'after', context: Context): void {
    if (!this.pseudoText || context.visibility !== 'visible' || context.svg) return;
    if (context.pseudoOnly && !context.pseudoOnly.has(el)) return;
    const text = this.pseudoText(el, which);
    if (text) this.writeGenerated(text, el, which, context);
  }

  /** Handles an element the walker does not simply descend into. */
  private *enter(el: Element, action: Action, context: Context | undefined): Generator<void, void, void> {
    if (action === 'break') {
      this.pending = this.pending || LINE_SEPARATOR;
    } else if (action === 'value') {
      // A read-only or disabled textarea shows its value as page text.
      const value = (el as HTMLTextAreaElement).value;
      this.taint++;
      if (context!.visibility === 'visible' && value) this.writeGenerated(value, el, 'value', context!);
    } else if (action === 'shadow') {
      const shadow = (el.shadowRoot ?? this.options.shadowRootOf?.(el))!;
      this.shadowRoots.push(shadow);
      this.taint++;
      yield* this.walkChildren(shadow, { ...context!, node: shadow, pseudoOnly: this.candidates(shadow), shadowed: true });
    } else if (action === 'slot') {
      // Slotted nodes render in the slot's place: they take the slot's block and visibility.
      this.taint++;
      for (const node of (el as HTMLSlotElement).assignedNodes({ flatten: true })) {
        if (isTextData(node)) this.visitText(node, context!);
        else if (node.nodeType === ELEMENT_NODE) yield* this.walkElement(node as Element, context!);
      }
    } else if (action === 'summary-only') {
      for (const child of Array.from(el.children)) {
        if (localName(child) === 'summary') yield* this.walkElement(child, context!);
      }
    }
  }

  private *walkChildren(container: Node, base: Context): Generator<void, void, void> {
    const walker = ownerDocument(container).createTreeWalker(container, SHOW_ELEMENTS_AND_TEXT);
    const stack: Context[] = [base];
    let top = base;
    let node = walker.nextNode();
    while (node && !this.truncated) {
      // Plain blocks count their elements too (plainText).
      if (++this.steps >= this.nextYield) {
        this.nextYield = this.steps + NODES_PER_STEP;
        yield;
      }
      // Back up to this node's parent: the walk is in document order, so it is on the stack.
      const parent = node.parentNode;
      while (top.node !== parent && stack.length > 1) {
        stack.pop();
        this.close(top);
        top = stack[stack.length - 1]!;
      }
      if (isTextData(node)) {
        this.visitText(node, top);
        node = walker.nextNode();
        continue;
      }
      const el = node as Element;
      const cache = this.options.cache;
      // A kept block is copied without a look at it: what would change its classification
      // (attributes, style sheets) drops the cache (CollectCache.noteMutation).
      const entry = cache && !top.svg && !top.shadowed ? cache.entries.get(el) : undefined;
      if (entry && this.reusable(entry, top)) {
        this.replay(entry);
        node = skipSubtree(walker, el);
        continue;
      }
      const { action, context } = this.classify(el, top, false);
      if (action === 'descend') {
        context!.capture = cache && context!.block === el && !context!.svg && !context!.shadowed ? this.startCapture(cache, top) : undefined;
        // A plain block (prose with links and emphasis) is read in one call, its text nodes left for later.
        const whole = context!.block === el ? this.plainText(el, context!) : undefined;
        this.pseudo(el, 'before', context!);
        if (whole !== undefined && this.writeBlock(whole, el)) {
          this.close(context!);
          node = skipSubtree(walker, el);
          continue;
        }
        stack.push(context!);
        top = context!;
        node = walker.nextNode();
        continue;
      }
      if (action === 'skip' || action === 'break') {
        yield* this.enter(el, action, context);
      } else {
        this.pseudo(el, 'before', context!);
        yield* this.enter(el, action, context);
        this.pseudo(el, 'after', context!);
      }
      node = skipSubtree(walker, el);
    }
    while (stack.length > 1 && !this.truncated) {
      stack.pop();
      this.close(top);
      top = stack[stack.length - 1]!;
    }
  }

  /** At an element's end: its `::after` text, and its output kept when it was being recorded. */
  private close(context: Context): void {
    this.pseudo(context.node as Element, 'after', context);
    if (context.capture) this.finishCapture(context.node as Element, context.capture, context);
  }

  /**
   * A block's whole text from one `textContent` call, when that is exactly what walking it
   * node by node would write: every element under it is an inline one the walk would
   * descend into with nothing changed (same block, visible, no generated content, no
   * shadow tree, slot, footnote marker or reordering: classify says so), no text node under
   * it has a strict verdict, and its text starts with no whitespace (the walk drops
   * whitespace-only nodes at a block's start) and holds no bidi override. Undefined: walk it.
   * Costs one wrapper per element under the block and none per text node (issue 16).
   */
  private plainText(block: Element, context: Context): string | undefined {
    if (this.judgedAncestors === null || this.judgedAncestors.has(block)) return undefined;
    if (context.visibility !== 'visible' || context.svg || context.unjudged) return undefined;
    // Where no sheet can be read, every element's ::before/::after is looked at.
    const pseudoOnly = this.pseudoText ? context.pseudoOnly : undefined;
    if (pseudoOnly === null) return undefined;
    // The elements first: a block holding another block (the page's main, a list) is refused
    // before its whole text is read.
    let inPageLinks = false;
    let elements = 0;
    for (let el = block.firstElementChild; el; el = nextElementIn(el, block)) {
      this.steps++;
      if (++elements > MAX_PLAIN_ELEMENTS) return undefined;
      if (pseudoOnly?.has(el)) return undefined;
      const name = localName(el);
      if (INLINE_TAGS.has(name) && (!el.hasAttributes() || (name === 'a' && plainLink(el)))) {
        // What classify says of these, without making a context for each; a link to the page
        // itself is a footnote marker if its text is "[n]" (checked below).
        if (name === 'a' && el.getAttribute('href')?.[0] === '#') inPageLinks = true;
        if (this.options.skipElement?.(el)) return undefined;
        continue;
      }
      const { action, context: inner } = this.classify(el, context, false);
      if (action !== 'descend' || inner!.block !== block || inner!.visibility !== 'visible' || inner!.svg || inner!.unjudged) return undefined;
    }
    const text = block.textContent;
    if (!text || !STARTS_WITH_TEXT.test(text) || BIDI_OVERRIDE.test(text)) return undefined;
    // With no "[" in the block, no link in it prints a footnote marker ("[n]").
    if (inPageLinks && text.includes('[')) return undefined;
    return text;
  }

  /** Writes a plain block's text (see plainText); false when it would pass maxChars (then it is walked). */
  private writeBlock(text: string, block: Element): boolean {
    const start = this.writeIn(block, text, false);
    if (start < 0) return false;
    this.segments.push({ block, start, end: this.length, nodes: {} });
    // As after a text node of a new block (visitText): an override of an earlier block ends here.
    this.overrideBlock = null;
    return true;
  }

  private startCapture(cache: CollectCache, parent: Context): Capture {
    return {
      parts: this.parts.length,
      length: this.length,
      segments: this.segments.length,
      generated: this.generated.length,
      unjudged: this.unjudged.length,
      epoch: cache.epoch,
      taint: this.taint,
      parent,
    };
  }

  /** Keeps a block's output for the next collection, when it can stand for the block. */
  private finishCapture(el: Element, c: Capture, context: Context): void {
    const cache = this.options.cache!;
    const chars = this.length - c.length;
    if (this.truncated || cache.epoch !== c.epoch || this.taint !== c.taint || chars === 0 || chars > MAX_CACHED_BLOCK_CHARS) return;
    // One string for the block, here and in the cache: a rescan then joins one string per block.
    // Concatenated, not joined: a rope costs no copy, and the whole text is flattened once anyway.
    let block = this.parts[c.parts]!;
    for (let i = c.parts + 1; i < this.parts.length; i++) block += this.parts[i]!;
    this.parts.length = c.parts;
    this.parts.push(block);
    cache.entries.set(el, {
      base: c.length,
      chars,
      parts: [block],
      segments: this.segments.slice(c.segments),
      generated: this.generated.length > c.generated ? this.generated.slice(c.generated) : NONE,
      unjudged: this.unjudged.length > c.unjudged ? this.unjudged.slice(c.unjudged) : NONE,
      visibility: c.parent.visibility,
      unjudgedReason: c.parent.unjudged,
      pseudoOnly: context.pseudoOnly,
      judgements: this.options.judgements,
      atStart: c.length === 0,
      lastBlock: this.lastBlock,
      pending: this.pending,
      overrideBlock: this.overrideBlock,
    });
  }

  /** Whether a kept block was collected under what holds now. */
  private reusable(entry: BlockEntry, parent: Context): boolean {
    return (
      entry.visibility === parent.visibility &&
      entry.unjudgedReason === parent.unjudged &&
      entry.pseudoOnly === parent.pseudoOnly &&
      entry.judgements === this.options.judgements &&
      entry.atStart === (this.length === 0) &&
      this.length + entry.chars <= this.maxChars
    );
  }

  /** Writes a kept block's output as if it had been walked. */
  private replay(entry: BlockEntry): void {
    const shift = this.length - entry.base;
    this.reusedBlocks++;
    for (const part of entry.parts) this.parts.push(part);
    this.length += entry.chars;
    // Shared as they are where the block starts where it did; moved copies elsewhere (a plain block's copy shares its node list).
    const move = <T extends { start: number; end: number }>(x: T): T => (shift === 0 ? x : { ...x, start: x.start + shift, end: x.end + shift });
    for (const s of entry.segments) this.segments.push(move(s));
    for (const g of entry.generated) this.generated.push(move(g));
    for (const u of entry.unjudged) this.unjudged.push(move(u));
    this.lastBlock = entry.lastBlock;
    this.pending = entry.pending;
    if (entry.segments.length > 0) this.overrideBlock = entry.overrideBlock;
  }

  private classify(el: Element, parent: Context, checkVisibility: boolean): { action: Action; context?: Context } {
    const name = localName(el);
    if (SKIPPED_TAGS.has(name)) return SKIP;
    if (name === 'br') return BREAK;
    if (parent.svg && !SVG_RENDERED.has(name)) return SKIP;
    // Most prose elements (p, em, li) have no attributes: one call answers for all of these.
    const attributed = el.hasAttributes();
    if (attributed && (el.hasAttribute('hidden') || (isEditingHost(el) && isInUse(el)))) return SKIP;
    // A textarea the reader can type in holds their words; a read-only one is page text.
    if (name === 'textarea' && !(el.hasAttribute('readonly') || el.hasAttribute('disabled'))) return SKIP;
    if ((name === 'sup' || name === 'a') && isFootnoteMarker(el, name)) return SKIP;
    if (this.options.skipElement?.(el)) return SKIP;

    let visibility = parent.visibility;
    if (checkVisibility || visibility === 'hidden' || (attributed && mayHide(el, name))) {
      const own = this.visibilityOf(el, visibility);
      if (own === 'none') return SKIP;
      visibility = own;
    }
    // Every field set here, in one order: contexts of one shape keep the walk's property reads fast.
    const context: Context = {
      node: el,
      block: BLOCK_TAGS.has(name) ? el : parent.block,
      visibility,
      svg: undefined,
      unjudged: parent.unjudged,
      pseudoOnly: parent.pseudoOnly,
      shadowed: parent.shadowed,
      capture: undefined,
    };
    if (name === 'svg') context.svg = 'drawing';
    else if (parent.svg) context.svg = name === 'foreignobject' ? undefined : SVG_TEXT.has(name) ? 'text' : parent.svg;
    // Each SVG text element is placed on its own; positioned pieces inside one may be drawn in any order.
    if (name === 'text') context.block = el;
    else if (context.svg === 'text' && attributed && hasSvgPosition(el)) context.unjudged = 'order';
    if (name === 'bdo' && el.getAttribute('dir')?.toLowerCase() === 'rtl') context.unjudged = 'bidi';
    if (name === 'textarea') return { action: 'value', context };
    if (name === 'slot' && typeof (el as HTMLSlotElement).assignedNodes === 'function') {
      // Slotted nodes render in the slot's place; with none, its own children (the fallback) show.
      if ((el as HTMLSlotElement).assignedNodes({ flatten: true }).length > 0) return { action: 'slot', context };
    }
    // A shadow root renders instead of the light children, which show only through slots.
    if (el.shadowRoot || (this.options.shadowRootOf && asksForShadow(el, name, parent, this.options) ? this.options.shadowRootOf(el) : null)) {
      return { action: 'shadow', context };
    }
    // A closed <details> shows only its summary.
    if (name === 'details' && !el.hasAttribute('open')) return { action: 'summary-only', context };
    return { action: 'descend', context };
  }

  private visitText(node: Text, context: Context): void {
    if (context.visibility !== 'visible' || context.svg === 'drawing') return;
    const data = node.data;
    if (data.length === 0) return;
    const judged = this.options.judgements?.get(node);
    if (judged === 'hidden') return;
    if (context.block !== this.lastBlock) {
      this.lastBlock = context.block;
      this.pending = BLOCK_SEPARATOR;
    }
    // Indentation between blocks is layout, not text.
    if ((this.pending || this.length === 0) && !NOT_WHITESPACE.test(data)) return;
    const start = this.writeIn(context.block, data);
    if (start < 0) return;
    this.segments.push({ node, start, end: this.length });
    const reason = judged && judged !== 'visible' ? judged : context.unjudged;
    if (reason) this.unjudged.push({ start, end: this.length, reason });
    // An override runs to the end of its paragraph (or a U+202C the walk does not track): mark the rest of the block.
    if (this.overrideBlock !== null && this.overrideBlock !== context.block) this.overrideBlock = null;
    const override = data.search(BIDI_OVERRIDE);
    if (this.overrideBlock !== null) this.unjudged.push({ start, end: this.length, reason: 'bidi' });
    else if (override >= 0) {
      this.unjudged.push({ start: start + override, end: this.length, reason: 'bidi' });
      this.overrideBlock = context.block;
    }
  }

  /** Writes text that is drawn but in no text node (see GeneratedSegment). */
  private writeGenerated(text: string, element: Element, kind: GeneratedSegment['kind'], context: Context): void {
    if (!NOT_WHITESPACE.test(text)) return;
    const start = this.writeIn(kind === 'value' ? element : context.block, text);
    if (start < 0) return;
    this.generated.push({ element, kind, start, end: this.length });
    const judged = this.options.judgements?.get(element);
    const reason = judged && judged !== 'visible' && judged !== 'hidden' ? judged : context.unjudged;
    if (reason) this.unjudged.push({ start, end: this.length, reason });
    if (kind === 'value') this.lastBlock = null;
  }

  /**
   * Writes `data` as text of `block`, after the separator it needs there. Returns where it
   * starts, or -1 where it would pass maxChars: then nothing is written, and the collection
   * is cut short (`truncated`) unless `truncate` is false.
   */
  private writeIn(block: Node, data: string, truncate = true): number {
    if (block !== this.lastBlock) {
      this.lastBlock = block;
      this.pending = BLOCK_SEPARATOR;
    }
    const separator = this.length > 0 ? this.pending : '';
    if (this.length + separator.length + data.length > this.maxChars) {
      if (truncate) this.truncated = true;
      return -1;
    }
    this.pending = '';
    if (separator) this.write(separator);
    const start = this.length;
    this.write(data);
    return start;
  }

  private write(s: string): void {
    this.parts.push(s);
    this.length += s.length;
  }
}

/** An entry's empty lists, shared (replay only reads them). */
const NONE: never[] = [];

const SKIP = { action: 'skip' } as const;
const BREAK = { action: 'break' } as const;

/**
 * Whether an element's own styles could hide it, so it is worth a style
 * check. Styles hide elements through classes, ids, inline styles and other
 * attributes; a bare <em> or a plain link in prose is not hidden by anything
 * but its ancestors, which were checked already. (Stylesheets that hide bare
 * elements by tag or position, like `nav ul ul`, are not seen: what they hide
 * is menus, not quotations, and checking every element would double the cost
 * of a scan.)
 */
function mayHide(el: Element, name: string): boolean {
  // A link with `contenteditable` is checked too (plainLink reads it): rare, and only a check.
  return name !== 'a' || !plainLink(el);
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
  // A bare in-page link printed as "[3]". Prose is full of links: test the cheap parts first.
  const href = el.getAttribute('href');
  if (!href || href[0] !== '#') return false;
  const first = el.firstChild;
  if (!first || first.nodeType !== TEXT_NODE || (first as Text).data.trimStart()[0] !== '[') return false;
  return BRACKETED_MARKER.test(el.textContent ?? '');
}

/**
 * Inline elements that classify descends into, unchanged, when they have no attributes: not
 * block-level, no footnote marker, no shadow host, no bidi, no SVG (see plainText).
 */
const INLINE_TAGS = new Set(['a', 'abbr', 'b', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark', 's', 'samp', 'small', 'strong', 'sub', 'time', 'u', 'var']);

/**
 * A link classify descends into unchanged, unless it is a footnote marker (plainText
 * checks that): none of the attributes it reads (hidden, contenteditable; class, style
 * and id, which may hide it).
 */
function plainLink(el: Element): boolean {
  // One selector match rather than five attribute reads.
  return !el.matches(LINK_ATTRIBUTES_READ);
}
const LINK_ATTRIBUTES_READ = '[hidden],[contenteditable],[class],[style],[id]';

/** The element after `el` in document order inside `root` (its descendants first). */
function nextElementIn(el: Element, root: Element): Element | null {
  const child = el.firstElementChild;
  if (child) return child;
  for (let at: Element | null = el; at && at !== root; at = at.parentElement) {
    const sibling = at.nextElementSibling;
    if (sibling) return sibling;
  }
  return null;
}

/** Where an editable region starts. */
function isEditingHost(el: Element): boolean {
  const attr = el.getAttribute('contenteditable');
  return attr !== null && attr.toLowerCase() !== 'false';
}

/** Elements `attachShadow` accepts (custom elements and these): only they can hide a closed shadow root. */
const SHADOW_HOST_TAGS = new Set([
  'article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'main', 'nav', 'p', 'section', 'span',
]);

export function mayHostShadow(name: string): boolean {
  return name.includes('-') || SHADOW_HOST_TAGS.has(name);
}

/**
 * Whether the fast pass asks the closed-root API about `el` (issue 16: in Chrome each call
 * costs 2-5 µs of binding, and prose is made of divs, paragraphs and spans, every one a
 * possible host). It asks where a widget may draw text of its own: custom elements, hosts
 * with no light content (nothing or only whitespace and comments: a shadow root is the only
 * way such an element shows words), everything inside a shadow tree or a slot (rare, and the
 * strict look cannot climb there: `assignedSlot` is null for a closed root's slots), and the
 * hosts the strict look found (`shadowHosts`). Not a paragraph or container holding light
 * text or elements: a closed root there is found by the strict look when a finding's text
 * stands under it, between its words or next to them (rejudge.ts), and the page collected
 * again. Text drawn only inside such a root, with no finding near, is missed (a recall
 * loss, never a false *verified*). One code path for both browsers: Firefox's property is
 * cheap, and the strict look is needed there as much.
 */
function asksForShadow(el: Element, name: string, parent: Context, options: CollectOptions): boolean | undefined {
  if (!mayHostShadow(name)) return false;
  // Light content: an element child, or a text child that is not whitespace (comments draw
  // nothing). The first such child decides: a paragraph's own text is not read twice.
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === ELEMENT_NODE || (isTextData(n) && NOT_WHITESPACE.test(n.data))) return name.includes('-') || parent.shadowed || options.shadowHosts?.has(el);
  }
  return true;
}

/** An SVG text piece placed by its own coordinates or rotated: its drawn order is not the document's. */
function hasSvgPosition(el: Element): boolean {
  return el.hasAttribute('x') || el.hasAttribute('dx') || el.hasAttribute('y') || el.hasAttribute('rotate');
}

/** A frame (not the top window) too small to show text: nothing in it is read. */
function isZeroSizeFrame(doc: Document): boolean {
  const view = doc.defaultView;
  if (!view || view === view.top) return false;
  const width = view.innerWidth;
  const height = view.innerHeight;
  return typeof width === 'number' && typeof height === 'number' && (width < MIN_FRAME_PX || height < MIN_FRAME_PX);
}

/**
 * `::before`/`::after` text as drawn: the strings of the computed `content`
 * (and `open-quote`/`close-quote`, `attr()`), where the pseudo-element is
 * visible. Counters and images are left out. Null without a CSS engine
 * (linkedom), or where the DOM reports no generated content (happy-dom).
 */
function makePseudoText(
  doc: Document,
  judgements: TextJudgements | undefined,
): ((el: Element, which: 'before' | 'after') => string) | undefined {
  const view = doc.defaultView;
  if (!view || !hasCssEngine(doc)) return undefined;
  return (el, which) => {
    if (judgements?.get(el) === 'hidden') return '';
    const style = view.getComputedStyle(el, which === 'before' ? '::before' : '::after');
    const content = style.content;
    if (!content || content === 'none' || content === 'normal') return '';
    if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse') return '';
    if (parseFloat(style.fontSize) === 0 || parseFloat(style.opacity) === 0) return '';
    return generatedText(content, el).replace(PRIVATE_USE, '');
  };
}

const PSEUDO_ELEMENT = /::?(?:before|after)\b/i;
const PSEUDO_ELEMENTS = /::?(?:before|after)\b/gi;
/** `content` values that draw no text: the clearfix `""` and the defaults. */
const NO_TEXT_CONTENT = /^(?:none|normal|""|'')$/;

/**
 * The elements of a document or shadow tree whose `::before`/`::after` may
 * draw text: those matched by a style rule with a pseudo-element selector
 * that sets a non-empty `content`, and every `<q>` (its quotation marks come
 * from the browser's own sheet). Null when a sheet cannot be read (another
 * origin's), or a rule is beyond this reading (nested rules, `:host`): then
 * every element is checked. Reading `::before`/`::after` on every element
 * costs about as much again as the walk itself (docs/benchmarks.md).
 */
export function pseudoCandidates(tree: Document | ShadowRoot): ReadonlySet<Element> | null {
  const selectors = ['q'];
  const visit = (rules: CSSRuleList): boolean => {
    for (const rule of Array.from(rules)) {
      const selectorText = (rule as CSSStyleRule).selectorText;
      if (typeof selectorText === 'string') {
        if ((rule as CSSStyleRule).cssRules?.length) {
          // Nested rules ("&::before") are relative to this one: not read here.
          if (Array.from((rule as CSSStyleRule).cssRules).some((r) => PSEUDO_ELEMENT.test((r as CSSStyleRule).selectorText ?? ''))) return false;
        }
        if (!PSEUDO_ELEMENT.test(selectorText)) continue;
        const content = (rule as CSSStyleRule).style?.getPropertyValue('content').trim() ?? '';
        if (!content || NO_TEXT_CONTENT.test(content)) continue;
        for (const part of selectorText.split(',')) {
          if (!PSEUDO_ELEMENT.test(part)) continue;
          if (part.includes(':host')) return false;
          const host = part.replace(PSEUDO_ELEMENTS, '').trim();
          selectors.push(!host || /[>+~]$/.test(host) ? `${host} *` : host);
        }
        continue;
      }
      const imported = (rule as CSSImportRule).styleSheet;
      const nested = imported ? readRules(imported) : (rule as CSSGroupingRule).cssRules;
      if (nested === null) return false;
      if (nested && !visit(nested)) return false;
    }
    return true;
  };
  for (const sheet of sheetsOf(tree)) {
    const rules = readRules(sheet);
    if (rules === null || !visit(rules)) return null;
  }
  // No rule draws text before or after: only <q>, found by tag (a selector query matches every element; ~0.7 ms on a 1 MB page).
  if (selectors.length === 1 && 'getElementsByTagName' in tree) return new Set(Array.from(tree.getElementsByTagName('q')));
  try {
    return new Set(Array.from(tree.querySelectorAll(selectors.join(','))));
  } catch {
    // A selector this browser's querySelectorAll refuses (a vendor pseudo-class): check everything.
    return null;
  }
}

/** A document's or shadow root's sheets, adopted ones included. */
export function sheetsOf(tree: Node): CSSStyleSheet[] {
  return [...Array.from((tree as Document).styleSheets ?? []), ...((tree as { adoptedStyleSheets?: CSSStyleSheet[] }).adoptedStyleSheets ?? [])];
}

/** A sheet's rules, or null when another origin's sheet refuses to be read. */
export function readRules(sheet: CSSStyleSheet): CSSRuleList | null {
  try {
    return sheet.cssRules;
  } catch {
    return null;
  }
}

/** The text of a computed `content` value: quoted strings, quotes and attributes, in order. */
export function generatedText(content: string, el: Element): string {
  let out = '';
  const token = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(open-quote|close-quote)|attr\(\s*([\w-]+)\s*\)/g;
  for (let m = token.exec(content); m; m = token.exec(content)) {
    if (m[1] !== undefined || m[2] !== undefined) out += unescapeCss(m[1] ?? m[2]!);
    else if (m[3]) out += m[3] === 'open-quote' ? '“' : '”';
    else if (m[4]) out += el.getAttribute(m[4]) ?? '';
  }
  return out;
}

function unescapeCss(s: string): string {
  return s.replace(/\\([0-9a-fA-F]{1,6})\s?|\\(.)/g, (_, hex: string | undefined, ch: string | undefined) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : ch!,
  );
}

/** The parent in the flat tree's sense the walk uses: a shadow root's host. */
function flatParentNode(node: Node): Node | null {
  return node.parentNode ?? (node as ShadowRoot).host ?? null;
}

function localName(el: Element): string {
  return el.localName ?? el.tagName.toLowerCase();
}

function ownerDocument(node: Node): Document {
  return node.nodeType === 9 ? (node as Document) : node.ownerDocument!;
}

/**
 * An element's own visibility, given what it inherits: `none` (no box: it and
 * its subtree are skipped), `hidden` (visibility:hidden, which a descendant
 * may override) or `visible`. Browsers (and happy-dom) have
 * `checkVisibility()`: one check that covers display:none ancestors and, with
 * `visibilityProperty`, the element's own computed visibility. Without it
 * (linkedom, which has no CSS engine) `visibilityWithoutCss` is asked, or
 * nothing is hidden by style.
 */
function makeVisibilityCheck(doc: Document, withoutCss: VisibilityCheck = (_el, inherited) => inherited): VisibilityCheck {
  const view = doc.defaultView;
  const canCheck = typeof (doc.documentElement as Element | null)?.checkVisibility === 'function';
  const withVisibility = { visibilityProperty: true, checkVisibilityCSS: true } as CheckVisibilityOptions;
  if (!canCheck) return withoutCss;
  return (el, inherited) => {
    if (el.checkVisibility(withVisibility)) return 'visible';
    if (el.checkVisibility()) return 'hidden';
    // `display: contents` has no box of its own, yet its children render.
    return view?.getComputedStyle(el).display === 'contents' ? inherited : 'none';
  };
}
