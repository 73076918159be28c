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
import { isTextData, type CollectedText, type TextJudgements } from './collect-text';
import { textSegmentsIn } from './ranges';
import type { StrictJudge } from './visibility';

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
}

export function createJudgementStore(): JudgementStore {
  return { judgements: new WeakMap(), carried: new Set() };
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
 */
export function* judgeFindingsSteps(
  collected: CollectedText,
  findings: readonly Finding[],
  judge: StrictJudge,
  store: JudgementStore,
  seen: Set<Node>,
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
  const { generated } = collected;
  for (const f of findings) {
    if (f.quoteId === undefined) continue;
    const segments = textSegmentsIn(collected, f.start, f.end);
    // Null: a plain block no longer holds the text read there. Its nodes cannot be judged: the
    // page is collected again (a finding over it is not located meanwhile: ranges.ts).
    if (segments === null) changed = true;
    for (const segment of segments ?? []) {
      look(segment.node);
      if (looked >= NODES_PER_STEP) {
        looked = 0;
        yield;
      }
    }
    for (const g of generated) {
      if (g.start < f.end && g.end > f.start) look(g.element);
    }
  }
  return changed;
}

function judgeNode(node: Node, judge: StrictJudge) {
  return isTextData(node) ? judge.text(node) : judge.generated(node as Element);
}
