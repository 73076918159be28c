/**
 * Keeps a page's findings current: scans once the page is idle, then again
 * when its text changes (mutations, batched) or a single-page app navigates.
 * The text is collected in slices that yield to the page, matched elsewhere
 * (the `match` function: the background holds the one corpus index), and the
 * findings' offsets are turned back into live ranges.
 *
 * A rescan only asks for matching when the text changed. When the same text
 * now sits in new nodes (a framework re-rendered it), the last findings are
 * re-anchored without matching again.
 */
import type { Finding } from '../match/types';
import type { UnjudgedSpan } from '../match/unjudged';
import { CollectCache, SLICE_MS, blockTextNodes, collectTextAsync, defaultYield, isBlockSegment, isIgnorableMutationTarget, type CollectedText } from './collect-text';
import { childController, isAbortError } from './lifetime';
import { rangeForGenerated, rangeForOffsets } from './ranges';
import { MAX_REJUDGE_ROUNDS, createJudgementStore, judgeFindingsSteps, refreshCarried } from './rejudge';
import { createStrictJudge, type StrictJudge } from './visibility';

/**
 * Quiet time after the last mutation before rescanning: long enough to
 * coalesce a framework's burst of DOM updates into one scan, short enough
 * that text inserted after load is marked before the reader gets to it.
 */
export const MUTATION_DEBOUNCE_MS = 300;
/**
 * A page that never stops changing (tickers, live blogs, animations driven by
 * class changes) still gets a rescan this often.
 */
export const MUTATION_MAX_WAIT_MS = 2_000;
/** Start the first scan at idle time, but no later than this after load. */
export const INITIAL_IDLE_TIMEOUT_MS = 1_000;

/**
 * How often the strict look judges again the text under the located findings that name a
 * quotation, when no scan is due. What hides text without a mutation the scanner acts on
 * (a <style> or <link> added to <head>, a CSSOM edit, adoptedStyleSheets, a media query)
 * leaves the text as it was: without this, a quotation a page doctors that way stays
 * verified. The 1 MB page's ~60 such findings cost a few ms, in slices (docs/benchmarks.md).
 */
export const RECHECK_MS = 1_000;
/**
 * Findings judged per RECHECK_MS at most, in turn: all of them on an article (the 1 MB
 * page has ~60), and a page of 20,000 quotations costs no more per second than that.
 */
export const RECHECK_MAX_FINDINGS = 100;

/** Attributes that can show or hide text. */
const WATCHED_ATTRIBUTES = ['hidden', 'open', 'style', 'class', 'contenteditable'];

export interface MatchAnswer {
  findings: Finding[];
}

export interface LocatedFinding {
  finding: Finding;
  range: Range;
  /** Its index in the answer's findings: what the frame reports to the background (scan id + indices). */
  index: number;
}

export interface ScanOutcome<A extends MatchAnswer> {
  collected: CollectedText;
  answer: A;
  /** The findings still on the page, with their ranges, in page order. */
  located: LocatedFinding[];
  /** `matched`: the text changed and was matched; `reanchored`: same text in new nodes. */
  kind: 'matched' | 'reanchored';
  cost: ScanCost;
}

/**
 * What a scan cost this frame's main thread, in ms, for the scan-cost
 * benchmark: collecting (busy time, yields excluded, and the longest slice),
 * sending the text (serialization), and turning findings into ranges.
 * `waitMs` is wall time until the background answered (its work is not ours).
 */
export interface ScanCost {
  collectMs: number;
  slices: number;
  longestSliceMs: number;
  sendMs: number;
  waitMs: number;
  locateMs: number;
  /** The strict look at findings' text (src/page/rejudge.ts), this thread; the extra collections count in collectMs. */
  judgeMs: number;
  /** Collections this scan made: 1, plus one per round in which the strict look hid or flagged text. */
  collections: number;
  /** Blocks the collections copied from the last ones rather than walked (CollectCache). */
  reusedBlocks: number;
}

/** What the matcher hears besides the text (see matchExtra). */
export interface MatchExtra {
  unjudged: UnjudgedSpan[];
  truncatedAt?: number;
  /**
   * Told the main-thread time of each message sent after the first (a big scan goes in
   * parts: src/platform/scan-parts.ts), so the scan's `sendMs` counts every part.
   */
  busy?: (ms: number) => void;
}

export interface ScannerOptions<A extends MatchAnswer> {
  root: Document;
  signal: AbortSignal;
  /**
   * Matches collected text (in the extension: a message to the background),
   * never verifying a finding over the `unjudged` spans (src/match/unjudged.ts).
   */
  match: (text: string, extra: MatchExtra) => Promise<A>;
  /** Opens closed shadow roots (src/platform/shadow-roots.ts); without it only open ones are read. */
  shadowRootOf?: (el: Element) => ShadowRoot | null;
  /** Judge findings' text strictly (src/page/rejudge.ts); default true. */
  strict?: boolean;
  onScan: (outcome: ScanOutcome<A>) => void;
  onError?: (error: unknown) => void;
  /** Subtrees never scanned and whose mutations are ignored, e.g. the extension's card. */
  skipElement?: (el: Element) => boolean;
  debounceMs?: number;
  maxWaitMs?: number;
  /** Passed to collectTextAsync (tests use them to drive slicing). */
  yieldToPage?: () => Promise<void>;
  sliceMs?: number;
  now?: () => number;
  /** Runs the first scan; defaults to requestIdleCallback with a timeout. */
  whenIdle?: (callback: () => void, signal: AbortSignal) => void;
  /** See RECHECK_MS; 0: never between scans. */
  recheckMs?: number;
}

export interface Scanner<A extends MatchAnswer> {
  /** Asks for a rescan, after the debounce unless `immediate`. */
  requestScan(options?: { immediate?: boolean }): void;
  /** The latest outcome. */
  readonly last: ScanOutcome<A> | undefined;
  /** How many times text was collected (for tests and diagnostics). */
  readonly collections: number;
  destroy(): void;
}

export function startScanner<A extends MatchAnswer>(options: ScannerOptions<A>): Scanner<A> {
  const { root, match, onScan, skipElement } = options;
  const debounceMs = options.debounceMs ?? MUTATION_DEBOUNCE_MS;
  const maxWaitMs = options.maxWaitMs ?? MUTATION_MAX_WAIT_MS;
  const now = options.now ?? (() => performance.now());
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const yieldToPage = options.yieldToPage ?? defaultYield;
  const onError = options.onError ?? (() => {});
  const controller = childController(options.signal);
  const signal = controller.signal;

  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstRequestAt: number | undefined;
  let running = false;
  let rerun = false;
  let last: ScanOutcome<A> | undefined;
  let collections = 0;
  const store = createJudgementStore(options.shadowRootOf);
  // Blocks no mutation touched since the last collection are copied, not walked (issue 16).
  const cache = new CollectCache(now);

  const requestScan = ({ immediate = false }: { immediate?: boolean } = {}) => {
    if (signal.aborted) return;
    if (running) {
      // Scan again once this one is done: the text may have changed after it was read.
      rerun = true;
      return;
    }
    const t = now();
    firstRequestAt ??= t;
    if (timer !== undefined) clearTimeout(timer);
    const wait = immediate ? 0 : Math.max(0, Math.min(debounceMs, firstRequestAt + maxWaitMs - t));
    timer = setTimeout(run, wait);
  };

  const run = async () => {
    timer = undefined;
    firstRequestAt = undefined;
    running = true;
    try {
      await scanOnce();
    } catch (error) {
      if (!signal.aborted && !isAbortError(error)) onError(error);
    } finally {
      running = false;
      if (rerun && !signal.aborted) {
        rerun = false;
        requestScan();
      }
    }
  };

  const collect = async (cost?: ScanCost) => {
    const collected = await collectTextAsync(root, {
      signal,
      skipElement,
      shadowRootOf: options.shadowRootOf,
      shadowHosts: store.shadowHosts,
      judgements: store.judgements,
      judged: store.carried,
      cache,
      yieldToPage: options.yieldToPage,
      sliceMs: options.sliceMs,
      now: options.now,
    });
    collections++;
    observeShadowRoots(collected.shadowRoots);
    if (cost) {
      cost.collectMs += collected.cost?.busyMs ?? 0;
      cost.slices += collected.cost?.slices ?? 1;
      cost.longestSliceMs = Math.max(cost.longestSliceMs, collected.cost?.longestSliceMs ?? 0);
      cost.reusedBlocks += collected.cost?.reusedBlocks ?? 0;
    }
    return collected;
  };

  /**
   * locate() in slices of `sliceMs`, yielding to the page between them: 20,000 findings
   * are 20,000 range lookups, which must not make one long task. `busyMs` excludes yields.
   */
  const locateInSlices = async (collected: CollectedText, findings: readonly Finding[]) => {
    const located: LocatedFinding[] = [];
    let busyMs = 0;
    let t = now();
    for (let index = 0; index < findings.length; index++) {
      const entry = locateOne(collected, findings[index]!, index);
      if (entry) located.push(entry);
      if (now() - t < sliceMs) continue;
      busyMs += now() - t;
      await yieldToPage();
      signal.throwIfAborted();
      t = now();
    }
    busyMs += now() - t;
    return { located: located.sort(byStart), busyMs };
  };

  /**
   * The strict look at the text under `findings` (those naming a quotation), in slices of
   * `sliceMs`. Returns whether it must be collected again, and the busy time.
   */
  const judgeInSlices = async (collected: CollectedText, findings: readonly Finding[], judge: StrictJudge, seen: Set<Node>, asked?: WeakSet<Element>) => {
    const steps = judgeFindingsSteps(collected, findings, judge, store, seen, asked);
    let busyMs = 0;
    let t = now();
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return { changed: step.value, busyMs: busyMs + now() - t };
      if (now() - t < sliceMs) continue;
      busyMs += now() - t;
      await yieldToPage();
      signal.throwIfAborted();
      t = now();
    }
  };

  const scanOnce = async () => {
    // A fresh judge per scan: styles may have changed since the last one (its making counts as judging).
    const judged = now();
    const judge = options.strict === false ? undefined : createStrictJudge(root);
    // A verdict that changed changes what the kept blocks would read.
    if (judge && refreshCarried(store, judge)) cache.clear();
    let judgeMs = now() - judged;
    let collected = await collect();
    const cost: ScanCost = {
      collectMs: collected.cost?.busyMs ?? 0,
      slices: collected.cost?.slices ?? 1,
      longestSliceMs: collected.cost?.longestSliceMs ?? 0,
      sendMs: 0,
      waitMs: 0,
      locateMs: 0,
      judgeMs,
      collections: 1,
      reusedBlocks: collected.cost?.reusedBlocks ?? 0,
    };
    let outcome: ScanOutcome<A> | undefined;
    if (last && collected.text === last.collected.text && sameUnjudged(collected, last.collected)) {
      // The same text; a style sheet added or edited since may hide some of it all the same
      // (the fast pass reads no sheet): the strict look at the findings' text again.
      const stale = judge ? await judgeInSlices(collected, last.answer.findings, judge, new Set(), store.asked) : undefined;
      if (stale) cost.judgeMs = judgeMs += stale.busyMs;
      if (stale?.changed) {
        cache.clear();
        collected = await collect(cost);
        cost.collections++;
      } else {
        if (sameNodes(collected, last.collected)) return;
        const { located, busyMs } = await locateInSlices(collected, last.answer.findings);
        outcome = { collected, answer: last.answer, located, kind: 'reanchored', cost };
        cost.locateMs = busyMs;
      }
    }
    if (!outcome) {
      const sent = now();
      let later = false;
      const busy = (ms: number) => {
        if (later) cost.sendMs += ms;
      };
      const pending = match(collected.text, { ...matchExtra(collected), busy });
      // The synchronous part is the message's serialization, on this thread; parts sent later report theirs.
      cost.sendMs = now() - sent;
      later = true;
      let answer = await pending;
      signal.throwIfAborted();
      // The strict look at the findings' text; collect and match again while it hides or flags some.
      const seen = new Set<Node>();
      for (let round = 0; judge && round < MAX_REJUDGE_ROUNDS; round++) {
        // In slices, like the collection: hundreds of findings mean hundreds of layout queries.
        const { changed, busyMs } = await judgeInSlices(collected, answer.findings, judge, seen, store.asked);
        judgeMs += busyMs;
        cost.judgeMs = judgeMs;
        if (!changed) break;
        cache.clear();
        collected = await collect(cost);
        cost.collections++;
        answer = await match(collected.text, { ...matchExtra(collected), busy });
        signal.throwIfAborted();
      }
      cost.waitMs = now() - sent;
      // The page may have changed while the background matched: locate() drops any
      // finding whose text nodes changed, and the mutation has queued a rescan.
      const { located, busyMs } = await locateInSlices(collected, answer.findings);
      outcome = { collected, answer, located, kind: 'matched', cost };
      cost.locateMs = busyMs;
    }
    last = outcome;
    // The last locate slice ran in this task: the page gets its turn before onScan paints.
    await yieldToPage();
    signal.throwIfAborted();
    onScan(outcome);
  };

  /**
   * Between scans (RECHECK_MS): the strict look again at the located findings that name a
   * quotation; a verdict that hides or flags their text asks for a scan at once.
   */
  let rechecked: { of: ScanOutcome<A>; findings: Finding[]; at: number } | undefined;
  const recheck = async () => {
    if (running || timer !== undefined || !last || signal.aborted) return;
    if (rechecked?.of !== last) rechecked = { of: last, findings: last.located.map((l) => l.finding).filter((f) => f.quoteId !== undefined), at: 0 };
    const all = rechecked.findings;
    if (all.length === 0) return;
    // The next RECHECK_MAX_FINDINGS, in turn.
    const from = rechecked.at % all.length;
    const findings = all.slice(from, from + RECHECK_MAX_FINDINGS);
    rechecked.at = from + findings.length;
    // Between scans the judge may keep the page's rules read before (src/page/visited.ts KEEP_FACTOR).
    const judge = createStrictJudge(root, true);
    if (!judge) return;
    running = true;
    let stale = false;
    try {
      stale = (await judgeInSlices(last.collected, findings, judge, new Set())).changed;
      if (stale) cache.clear();
    } catch (error) {
      if (!signal.aborted && !isAbortError(error)) onError(error);
    } finally {
      running = false;
      if ((stale || rerun) && !signal.aborted) {
        rerun = false;
        requestScan({ immediate: stale });
      }
    }
  };
  const recheckMs = options.recheckMs ?? RECHECK_MS;
  if (recheckMs > 0 && options.strict !== false) {
    const handle = setInterval(() => void recheck(), recheckMs);
    signal.addEventListener('abort', () => clearInterval(handle), { once: true });
  }

  // Mutations: one observer for the document and every open shadow root met while scanning.
  const isOwn = (node: Node | null): boolean => {
    for (let n = node; n && skipElement; n = n.parentNode ?? (n as ShadowRoot).host ?? null) {
      if (n.nodeType === 1 && skipElement(n as Element)) return true;
    }
    return false;
  };
  const relevant = (record: MutationRecord): boolean => {
    if (isIgnorableMutationTarget(record.target) || isOwn(record.target)) return false;
    if (record.type === 'childList') {
      const changed = [...Array.from(record.addedNodes), ...Array.from(record.removedNodes)];
      // Comments and our own card coming and going change no text.
      if (changed.every((n) => n.nodeType === 8 || (n.nodeType === 1 && !!skipElement?.(n as Element)))) return false;
    }
    return true;
  };
  const MutationObserverCtor = root.defaultView?.MutationObserver ?? globalThis.MutationObserver;
  const observer = new MutationObserverCtor((records) => {
    // Every change, relevant or not, drops the kept blocks it may alter (a style sheet's text changes them all).
    for (const record of records) cache.noteMutation(record);
    if (records.some(relevant)) requestScan();
  });
  const observeOptions: MutationObserverInit = {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: WATCHED_ATTRIBUTES,
  };
  observer.observe(root, observeOptions);
  const observed = new WeakSet<ShadowRoot>();
  const observeShadowRoots = (roots: readonly ShadowRoot[]) => {
    for (const shadow of roots) {
      if (observed.has(shadow)) continue;
      observed.add(shadow);
      observer.observe(shadow, observeOptions);
    }
  };

  // Single-page apps: back/forward. (pushState cannot be seen from an isolated world;
  // the entrypoint also forwards WXT's `wxt:locationchange`.)
  root.defaultView?.addEventListener('popstate', () => requestScan(), { signal });

  const whenIdle = options.whenIdle ?? defaultWhenIdle;
  whenIdle(() => requestScan({ immediate: true }), signal);

  const destroy = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    observer.disconnect();
    controller.abort();
  };
  signal.addEventListener('abort', destroy, { once: true });

  return {
    requestScan,
    get last() {
      return last;
    },
    get collections() {
      return collections;
    },
    destroy,
  };
}

/** The findings whose text is still where it was collected, as live ranges, in page order. */
export function locate(collected: CollectedText, findings: readonly Finding[]): LocatedFinding[] {
  const located: LocatedFinding[] = [];
  for (const [index, finding] of findings.entries()) {
    const entry = locateOne(collected, finding, index);
    if (entry) located.push(entry);
  }
  return located.sort(byStart);
}

function locateOne(collected: CollectedText, finding: Finding, index: number): LocatedFinding | undefined {
  const range = rangeForOffsets(collected, finding.start, finding.end) ?? rangeForGenerated(collected, finding.start, finding.end);
  return range ? { finding, range, index } : undefined;
}

const byStart = (a: LocatedFinding, b: LocatedFinding) => a.finding.start - b.finding.start;

function sameUnjudged(a: CollectedText, b: CollectedText): boolean {
  return (
    a.unjudged.length === b.unjudged.length &&
    a.unjudged.every((s, i) => s.start === b.unjudged[i]!.start && s.end === b.unjudged[i]!.end && s.reason === b.unjudged[i]!.reason)
  );
}

function sameNodes(a: CollectedText, b: CollectedText): boolean {
  if (a.generated.length !== b.generated.length || a.generated.some((g, i) => g.element !== b.generated[i]!.element)) return false;
  if (a.segments.length !== b.segments.length) return false;
  for (let i = 0; i < a.segments.length; i++) {
    const x = a.segments[i]!;
    const y = b.segments[i]!;
    if (isBlockSegment(x) || isBlockSegment(y)) {
      if (!isBlockSegment(x) || !isBlockSegment(y) || x.block !== y.block) return false;
      // A copy of itself (CollectCache: nothing touched it), or a block whose text nodes no range of `b` stands on (never listed).
      if (x.nodes === y.nodes || !y.nodes.list) continue;
      // The nodes `b`'s ranges stand on: those listed so far. `y`'s listing is not extended here
      // (it would list the live nodes of a re-rendered block and compare them with themselves).
      const then = y.nodes.list;
      if (y.nodes.changed) return false;
      const now = blockTextNodes(x, a.text, x.start + (then.length > 0 ? then[then.length - 1]!.end : 0));
      if (now.changed || now.list.length < then.length || then.some((s, j) => s.node !== now.list[j]!.node)) return false;
    } else if (x.node !== y.node) return false;
  }
  return true;
}

function defaultWhenIdle(callback: () => void, signal: AbortSignal): void {
  const ric = globalThis.requestIdleCallback;
  if (typeof ric === 'function') {
    const handle = ric(callback, { timeout: INITIAL_IDLE_TIMEOUT_MS });
    signal.addEventListener('abort', () => globalThis.cancelIdleCallback(handle), { once: true });
  } else {
    const handle = setTimeout(callback, 0);
    signal.addEventListener('abort', () => clearTimeout(handle), { once: true });
  }
}

/** What the matcher hears besides the text: spans it must not verify, and where the collector stopped. */
export function matchExtra(collected: { text: string; unjudged: UnjudgedSpan[]; truncated: boolean }): MatchExtra {
  return { unjudged: collected.unjudged, ...(collected.truncated ? { truncatedAt: collected.text.length } : {}) };
}
