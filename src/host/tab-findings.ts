/**
 * Per-tab finding counts. Every frame of a tab (the content script runs in
 * all frames) reports its own counts; the tab's badge shows their sum.
 * Pure bookkeeping: the platform layer calls it from tab and message events.
 */
import type { Verdict } from '../match/types';
import { emptyCounts, type Counts } from './badge';

const VERDICTS: readonly Verdict[] = ['verified', 'altered', 'misattributed', 'unverified'];

export class TabFindings {
  private readonly tabs = new Map<number, Map<number, Counts>>();

  /** Replaces one frame's counts and returns the tab's new total. */
  report(tabId: number, frameId: number, counts: Partial<Record<string, unknown>>): Counts {
    let frames = this.tabs.get(tabId);
    if (!frames) {
      frames = new Map();
      this.tabs.set(tabId, frames);
    }
    frames.set(frameId, sanitize(counts));
    return this.total(tabId);
  }

  /** The tab navigated or closed: its old frames' counts no longer describe it. */
  forgetTab(tabId: number): void {
    this.tabs.delete(tabId);
  }

  total(tabId: number): Counts {
    const sum = emptyCounts();
    for (const counts of this.tabs.get(tabId)?.values() ?? []) {
      for (const v of VERDICTS) sum[v] += counts[v];
    }
    return sum;
  }
}

/** Counts arrive by message from a frame: keep only non-negative whole numbers. */
function sanitize(counts: Partial<Record<string, unknown>>): Counts {
  const out = emptyCounts();
  for (const v of VERDICTS) {
    const n = counts[v];
    out[v] = typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
  }
  return out;
}
