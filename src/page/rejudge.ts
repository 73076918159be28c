/**
 * The strict second look (visibility.ts) where it matters: on the text of
 * findings that name a corpus quotation. The collector's fast pass reads
 * every node cheaply; a finding built on text the reader cannot see (or sees
 * in another order) is judged strictly, and the page is collected again with
 * those verdicts until the findings stand on judged text only.
 *
 * Verdicts are kept between scans for the nodes they were about (few: only
 * hidden or unjudged text found inside findings) and judged again at the start
 * of every scan, so text a page later shows is read again.
 */
import type { Finding } from '../match/types';
import { isTextData, mayHostShadow, type CollectedText, type TextJudgements } from './collect-text';
import { textSegmentsIn } from './ranges';
import { flatParent, type StrictJudge } from './visibility';

/**
 * Collect-and-match rounds a scan may add after judging its findings. One
 * round settles every page built by hand; a page that hides new text in each
 * new finding's span still ends, and what is left is never judged verified
 * without a look (the scanner marks it).
 */
export const MAX_REJUDGE_ROUNDS = 3;

export interface JudgementStore {
  /** What the collector reads (CollectOptions.judgements). */
  readonly judgements: TextJudgements;
  /** Nodes with a verdict other than `visible`, to judge again next scan. */
  readonly carried: Set<Node>;
  /**
   * Elements found hosting a shadow root the collection did not walk (CollectOptions.shadowHosts).
   * Kept for good: a shadow root, once attached, is never removed.
   */
  readonly shadowHosts: WeakSet<Element>;
  /** Opens closed shadow roots (src/platform/shadow-roots.ts); without it only open ones are found. */
  readonly shadowRootOf: ((el: Element) => ShadowRoot | null) | undefined;
  /**
   * Elements a scan's look asked for a shadow root: not asked again by later scans' looks, only
   * by the look between scans (RECHECK_MS), which asks afresh. A root attached with no mutation
   * is found there in any case; a mutation elsewhere then changes nothing to when it is found.
   */
  readonly asked: WeakSet<Element>;
}

export function createJudgementStore(shadowRootOf?: (el: Element) => ShadowRoot | null): JudgementStore {
  return { judgements: new WeakMap(), carried: new Set(), shadowHosts: new WeakSet(), shadowRootOf, asked: new WeakSet() };
}

/** Judges the carried nodes again with a fresh judge; drops those gone or now visible. Returns whether a verdict changed. */
export function refreshCarried(store: JudgementStore, judge: StrictJudge): boolean {
  let changed = false;
  for (const node of store.carried) {
    const verdict = node.isConnected ? judgeNode(node, judge) : 'visible';
    if (verdict !== store.judgements.get(node)) changed = true;
    if (verdict === 'visible') {
      store.carried.delete(node);
      store.judgements.delete(node);
    } else store.judgements.set(node, verdict);
  }
  return changed;
}

/** Nodes judged between two looks at the clock (see judgeFindingsSteps). */
const NODES_PER_STEP = 64;

/**
 * Judges the text under the findings that name a quotation. Returns whether
 * any verdict changed, i.e. whether the text must be collected again.
 * `seen` holds nodes judged already during this scan.
 */
export function judgeFindings(
  collected: CollectedText,
  findings: readonly Finding[],
  judge: StrictJudge,
  store: JudgementStore,
  seen: Set<Node>,
): boolean {
  const steps = judgeFindingsSteps(collected, findings, judge, store, seen);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * judgeFindings in steps of NODES_PER_STEP nodes, so the scanner can yield to
 * the page between them (a page with hundreds of findings would otherwise
 * make one long task of layout queries).
 *
 * Closed shadow roots (issue 16): the fast pass does not ask a paragraph or container that
 * holds light text or elements for one (collect-text.ts asksForShadow). So here every possible
 * host that decides what the reader sees of a finding's text, and of the characters around it
 * up to the nearest letter either side, is asked, once per element in `asked` (per look between
 * scans; once for all scans in store.asked: issue 16, a page of divs and spans rescanned 8 ms slower
 * when every rescan asked again):
 * - every ancestor of its text nodes and of the elements drawing its generated text (flat tree,
 *   up to the root): a closed root there draws its own tree instead of the light text, which
 *   shows only through its slots, between words of its own;
 * - every element between the first and the last text node in the document's own tree (or the
 *   outermost hosts holding them): e.g. a `<span>` holding an empty element whose root draws
 *   "not ", or one after the last word whose root draws "n't". Inside shadow trees and slots the
 *   fast pass asks every element, and what a shadow tree or a slot draws between two nodes (in
 *   an order that may not be the document's) lies there. Subtrees that draw nothing are asked
 *   too: rare between a quotation's words, and a closed root there only costs one collection.
 * A root the collection did not walk is remembered (store.shadowHosts) and counts as a change:
 * the page is collected again through the walk that asks those hosts too, and the verdict is
 * then the one on what the reader sees.
 */
export function* judgeFindingsSteps(
  collected: CollectedText,
  findings: readonly Finding[],
  judge: StrictJudge,
  store: JudgementStore,
  seen: Set<Node>,
  asked = new WeakSet<Element>(),
): Generator<void, boolean, void> {
  let changed = false;
  let looked = 0;
  const look = (node: Node) => {
    if (seen.has(node)) return;
    seen.add(node);
    looked++;
    const verdict = judgeNode(node, judge);
    if (verdict === 'visible') return;
    // Hidden text under a finding was read although the collector leaves it out: the page moved
    // it while the text was collected. Collected again, it is left out (same verdict or not).
    if (verdict === 'hidden' || store.judgements.get(node) !== verdict) changed = true;
    store.judgements.set(node, verdict);
    store.carried.add(node);
  };
  const { generated, text } = collected;
  /** `asked`: elements asked for a shadow root, each once (see the doc comment above); a scan passes store.asked. */
  const ask = (el: Element): void => {
    if (asked.has(el)) return;
    asked.add(el);
    const root = mayHostShadow(el.localName) && (el.shadowRoot ?? store.shadowRootOf?.(el));
    if (root && !store.shadowHosts.has(el) && !collected.shadowRoots.includes(root)) {
      store.shadowHosts.add(el);
      changed = true;
    }
  };
  /** Asks `node` (an element drawing generated text) or its parent, and every flat-tree ancestor. */
  const climb = (node: Node) => {
    for (let n = node.nodeType === ELEMENT_NODE ? (node as Element) : flatParent(node as Text); n; n = flatParent(n)) ask(n);
  };
  for (const f of findings) {
    if (f.quoteId === undefined) continue;
    // The text and the characters around it up to the nearest letter or digit either side: no
    // hidden text, and no shadow root, may join letters to its first or last word ("did" read
    // as "didn't").
    let from = f.start;
    while (from > 0 && !WORD_CHARACTER.test(text[from - 1]!)) from--;
    let to = f.end;
    while (to < text.length && !WORD_CHARACTER.test(text[to]!)) to++;
    const segments = textSegmentsIn(collected, from - 1, to + 1);
    // Null: a plain block no longer holds the text read there. Its nodes cannot be judged: the
    // page is collected again (a finding over it is not located meanwhile: ranges.ts).
    if (segments === null) changed = true;
    for (const segment of segments ?? []) {
      look(segment.node);
      climb(segment.node);
      if (looked >= NODES_PER_STEP) {
        looked = 0;
        yield;
      }
    }
    for (const g of generated) {
      if (g.start <= to && g.end >= from) {
        look(g.element);
        climb(g.element);
      }
    }
    if (segments && segments.length > 1) {
      // Between the first and the last text node, or the outermost hosts holding them.
      const end = outermost(segments[segments.length - 1]!.node);
      let n: Node | null = outermost(segments[0]!.node);
      if (n !== end && n.compareDocumentPosition(end) & DOCUMENT_POSITION_FOLLOWING) {
        for (n = following(n); n && n !== end; n = following(n)) if (n.nodeType === ELEMENT_NODE) ask(n as Element);
      }
    }
  }
  return changed;
}

/** A letter or a digit: where a word may be joined. */
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const ELEMENT_NODE = 1;
const DOCUMENT_POSITION_FOLLOWING = 4;

/** The node after `node` in document order (its descendants first). */
function following(node: Node): Node | null {
  if (node.firstChild) return node.firstChild;
  for (let at: Node | null = node; at; at = at.parentNode) if (at.nextSibling) return at.nextSibling;
  return null;
}

/** `node`, or the host of the outermost shadow tree holding it: a node of the document's own tree. */
function outermost(node: Node): Node {
  const host = (node.getRootNode() as ShadowRoot).host;
  return host ? outermost(host) : node;
}

function judgeNode(node: Node, judge: StrictJudge) {
  return isTextData(node) ? judge.text(node) : judge.generated(node as Element);
}
