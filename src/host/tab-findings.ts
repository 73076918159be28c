/**
 * Per-tab finding counts. Every frame of a tab (the content script runs in
 * all frames) reports its own counts; the tab's badge shows their sum.
 * Pure bookkeeping: the platform layer calls it from tab and message events.
 */
import type { DiffOp, Verdict } from '../match/types';
import type { ReportedFinding } from '../platform/messages';
import { emptyCounts, type Counts } from './badge';

const VERDICTS: readonly Verdict[] = ['verified', 'altered', 'misattributed', 'unverified'];

/**
 * Plain data for storage (src/platform/tab-findings-store.ts): an MV3 service worker
 * is stopped when idle, and the popup opened after that must still list the tab.
 * Keys are tab and frame ids as strings (JSON object keys).
 */
export interface TabFindingsSnapshot {
  tabs: Record<string, Record<string, { counts: Counts; findings: ReportedFinding[] }>>;
}

export class TabFindings {
  private readonly tabs = new Map<number, Map<number, Counts>>();
  /** Each frame's findings list, for the popup; frames that sent counts only have none. */
  private readonly lists = new Map<number, Map<number, ReportedFinding[]>>();
  /** Tabs reported or forgotten since this object was made: what they say now beats any snapshot. */
  private readonly touched = new Set<number>();

  /** Replaces one frame's counts (and its findings list, if given) and returns the tab's new total. */
  report(tabId: number, frameId: number, counts: Partial<Record<string, unknown>>, findings?: unknown): Counts {
    this.touched.add(tabId);
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
    this.touched.add(tabId);
    this.tabs.delete(tabId);
    this.lists.delete(tabId);
  }

  /** Everything kept, as plain data. */
  snapshot(): TabFindingsSnapshot {
    const tabs: TabFindingsSnapshot['tabs'] = {};
    for (const [tabId, frames] of this.tabs) {
      const out: TabFindingsSnapshot['tabs'][string] = {};
      for (const [frameId, counts] of frames) out[frameId] = { counts: { ...counts }, findings: this.lists.get(tabId)?.get(frameId) ?? [] };
      tabs[tabId] = out;
    }
    return { tabs };
  }

  /**
   * Takes back a snapshot saved by an earlier run of the background. Tabs that
   * reported or were forgotten since this run began keep what they said: the
   * snapshot is older. The snapshot is read as untrusted data (storage can hold
   * anything an older version wrote), through the same checks as a report.
   * Returns the ids of the tabs taken back.
   */
  restore(snapshot: unknown): number[] {
    const tabs = (snapshot as { tabs?: unknown } | null)?.tabs;
    if (typeof tabs !== 'object' || tabs === null) return [];
    const restored: number[] = [];
    for (const [tabKey, frames] of Object.entries(tabs as Record<string, unknown>)) {
      const tabId = Number(tabKey);
      if (!Number.isInteger(tabId) || tabId < 0 || this.touched.has(tabId)) continue;
      if (typeof frames !== 'object' || frames === null) continue;
      let any = false;
      for (const [frameKey, frame] of Object.entries(frames as Record<string, unknown>)) {
        const frameId = Number(frameKey);
        if (!Number.isInteger(frameId) || frameId < 0 || typeof frame !== 'object' || frame === null) continue;
        const { counts, findings } = frame as { counts?: unknown; findings?: unknown };
        this.report(tabId, frameId, typeof counts === 'object' && counts !== null ? (counts as Record<string, unknown>) : {}, findings);
        any = true;
      }
      // report() marks the tab touched; a restored tab is not news, so a later snapshot may still refresh it.
      this.touched.delete(tabId);
      if (any) restored.push(tabId);
    }
    return restored;
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
      ...(f.datePrecision === 'year' || f.datePrecision === 'month' || f.datePrecision === 'day' ? { datePrecision: f.datePrecision } : {}),
      ...(isDiff(f.diff) ? { diff: f.diff } : {}),
      ...(typeof f.attributedTo === 'string' ? { attributedTo: f.attributedTo } : {}),
    });
  }
  return out;
}

/** A well-formed word diff: equal, insert and delete steps of text, no more than a quotation's worth. */
function isDiff(diff: unknown): diff is DiffOp[] {
  return (
    Array.isArray(diff) &&
    diff.length <= MAX_REPORTED_DIFF_OPS &&
    diff.every((d) => typeof d === 'object' && d !== null && (d.op === 'equal' || d.op === 'insert' || d.op === 'delete') && typeof d.text === 'string')
  );
}

/** A diff longer than this is no quotation's: the row shows the page's wording alone. */
const MAX_REPORTED_DIFF_OPS = 400;
