/**
 * Per-tab finding counts. Every frame of a tab (the content script runs in
 * all frames) reports its own counts; the tab's badge shows their sum.
 * Pure bookkeeping: the platform layer calls it from tab and message events.
 */
import type { Verdict } from '../match/types';
import type { ReportedFinding } from '../platform/messages';
import { emptyCounts, type Counts } from './badge';

const VERDICTS: readonly Verdict[] = ['verified', 'altered', 'misattributed', 'unverified'];

export class TabFindings {
  private readonly tabs = new Map<number, Map<number, Counts>>();
  /** Each frame's findings list, for the popup; frames that sent counts only have none. */
  private readonly lists = new Map<number, Map<number, ReportedFinding[]>>();

  /** Replaces one frame's counts (and its findings list, if given) and returns the tab's new total. */
  report(tabId: number, frameId: number, counts: Partial<Record<string, unknown>>, findings?: unknown): Counts {
    let frames = this.tabs.get(tabId);
    if (!frames) {
      frames = new Map();
      this.tabs.set(tabId, frames);
    }
    frames.set(frameId, sanitize(counts));
    let lists = this.lists.get(tabId);
    if (!lists) {
      lists = new Map();
      this.lists.set(tabId, lists);
    }
    lists.set(frameId, sanitizeList(findings));
    return this.total(tabId);
  }

  /** The tab's findings, top frame first, each frame's in page order, with the frame that holds each. */
  findings(tabId: number): (ReportedFinding & { frameId: number; index: number })[] {
    const frames = [...(this.lists.get(tabId)?.entries() ?? [])].sort(([a], [b]) => a - b);
    return frames.flatMap(([frameId, list]) => list.map((f, index) => ({ ...f, frameId, index })));
  }

  /** The tab navigated or closed: its old frames' counts no longer describe it. */
  forgetTab(tabId: number): void {
    this.tabs.delete(tabId);
    this.lists.delete(tabId);
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

/** A page-controlled list arrives by message: keep well-formed entries with known verdicts only. */
function sanitizeList(findings: unknown): ReportedFinding[] {
  if (!Array.isArray(findings)) return [];
  const out: ReportedFinding[] = [];
  for (const raw of findings as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const f = raw as Record<string, unknown>;
    if (typeof f.text !== 'string' || !VERDICTS.includes(f.verdict as Verdict)) continue;
    out.push({
      verdict: f.verdict as Verdict,
      text: f.text,
      ...(typeof f.quoteId === 'string' ? { quoteId: f.quoteId } : {}),
      ...(typeof f.speaker === 'string' ? { speaker: f.speaker } : {}),
      ...(typeof f.date === 'string' ? { date: f.date } : {}),
    });
  }
  return out;
}
