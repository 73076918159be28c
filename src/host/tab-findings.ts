/**
 * Per-tab findings, owned by the background (issue 12, "The background owns the
 * verdicts"). Every frame of a tab (the content script runs in all frames) sends its
 * text to be matched; the background keeps the findings it computed for each of that
 * frame's recent scans (recordScan), and the frame then says only which of them it
 * drew on the page (drawn: a scan id and indices). What the popup lists and the badge
 * counts is the background's own findings, never verdicts a content script sent.
 * Pure bookkeeping: the platform layer calls it from tab and message events.
 */
import type { Quote } from '../corpus/schema';
import { MEANING_KINDS, type Callout } from '../match/meaning';
import type { DiffOp, Finding, Verdict } from '../match/types';
import type { FindingsLimit, ReportedFinding } from '../platform/messages';
import { emptyCounts, type Counts } from './badge';

/**
 * Scans kept per frame until the frame says which findings it drew: a frame reports
 * its latest scan at once, and re-anchors (same text in new nodes) reuse the last one;
 * 4 leaves room for a scan answered while the previous report is still in flight.
 */
export const RECENT_SCANS_PER_FRAME = 4;

/** A scan's findings as the background computed them, kept until the frame reports where they are drawn. */
interface KeptScan {
  scanId: string;
  findings: ReportedFinding[];
  /** What the scan left unchecked ("checked the first N"). */
  limit?: FindingsLimit;
}

/** The popup's row for a computed finding: the page's wording plus who said it and when, per the corpus. */
export function reportedFinding(finding: Finding, quote: Quote | undefined): ReportedFinding {
  return {
    verdict: finding.verdict,
    text: finding.text,
    ...(finding.quoteId ? { quoteId: finding.quoteId } : {}),
    ...(quote ? { speaker: quote.speaker.name, date: quote.date, datePrecision: quote.datePrecision } : {}),
    // The popup row says what was really said and whom the page credits (src/ui/popup/popup-view.tsx).
    ...(finding.verdict === 'altered' ? { diff: finding.diff } : {}),
    ...(finding.verdict === 'altered' && finding.callouts?.length ? { callouts: finding.callouts } : {}),
    ...(finding.attributedTo ? { attributedTo: finding.attributedTo } : {}),
    ...(finding.flags.includes('rendering') ? { rendering: true as const } : {}),
  };
}

const VERDICTS: readonly Verdict[] = ['verified', 'altered', 'misattributed', 'variant', 'unverified'];

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
  /** Frames whose shown scan was cut at MAX_FINDINGS_PER_PAGE (key `tabId:frameId`). */
  private readonly limits = new Map<string, FindingsLimit>();
  /** Each frame's recent scans, newest last (key `tabId:frameId`). */
  private readonly scans = new Map<string, KeptScan[]>();
  /** Scan ids: unique within this background's life, and unguessable across restarts. */
  private readonly idPrefix: string;
  private nextScan = 0;

  constructor(idPrefix: string = Math.random().toString(36).slice(2, 10)) {
    this.idPrefix = idPrefix;
  }

  /** Keeps the findings the background computed for a frame's scan; returns the scan's id. */
  recordScan(tabId: number, frameId: number, findings: readonly Finding[], quotes: Readonly<Record<string, Quote>>, limit?: FindingsLimit): string {
    const scanId = `${this.idPrefix}-${++this.nextScan}`;
    const key = `${tabId}:${frameId}`;
    const kept = this.scans.get(key) ?? [];
    kept.push({
      scanId,
      findings: findings.map((f) => reportedFinding(f, f.quoteId ? quotes[f.quoteId] : undefined)),
      ...(limit === undefined ? {} : { limit }),
    });
    if (kept.length > RECENT_SCANS_PER_FRAME) kept.splice(0, kept.length - RECENT_SCANS_PER_FRAME);
    this.scans.set(key, kept);
    return scanId;
  }

  /**
   * The frame drew these findings of its scan `scanId` (indices into that scan's
   * findings, in page order): they become the frame's list and counts. Without a scan
   * id the frame shows nothing. Returns false, changing nothing, when `scanId` is not a
   * recent scan of this very frame (a forged or stale report).
   */
  drawn(tabId: number, frameId: number, scanId: string | undefined, located: readonly number[]): boolean {
    if (scanId === undefined) {
      this.limits.delete(`${tabId}:${frameId}`);
      this.report(tabId, frameId, {}, []);
      return true;
    }
    const scan = this.scans.get(`${tabId}:${frameId}`)?.find((s) => s.scanId === scanId);
    if (!scan) return false;
    const seen = new Set<number>();
    const list: ReportedFinding[] = [];
    for (const i of located) {
      if (!Number.isInteger(i) || i < 0 || i >= scan.findings.length || seen.has(i)) continue;
      seen.add(i);
      list.push(scan.findings[i]!);
    }
    if (scan.limit === undefined) this.limits.delete(`${tabId}:${frameId}`);
    else this.limits.set(`${tabId}:${frameId}`, scan.limit);
    this.setFrame(tabId, frameId, countOf(list), list);
    return true;
  }

  /** The largest "checked the first N" of each kind among the tab's frames, if any frame was cut. */
  limit(tabId: number): FindingsLimit | undefined {
    let most: FindingsLimit | undefined;
    for (const [key, l] of this.limits) {
      if (!key.startsWith(`${tabId}:`)) continue;
      most ??= {};
      if (l.findings !== undefined) most.findings = Math.max(most.findings ?? 0, l.findings);
      if (l.characters !== undefined) most.characters = Math.max(most.characters ?? 0, l.characters);
    }
    return most;
  }

  /** Replaces one frame's counts (and its findings list, if given) and returns the tab's new total. */
  report(tabId: number, frameId: number, counts: Partial<Record<string, unknown>>, findings?: unknown): Counts {
    return this.setFrame(tabId, frameId, sanitize(counts), sanitizeList(findings));
  }

  private setFrame(tabId: number, frameId: number, counts: Counts, list: ReportedFinding[]): Counts {
    this.touched.add(tabId);
    let frames = this.tabs.get(tabId);
    if (!frames) {
      frames = new Map();
      this.tabs.set(tabId, frames);
    }
    frames.set(frameId, counts);
    let lists = this.lists.get(tabId);
    if (!lists) {
      lists = new Map();
      this.lists.set(tabId, lists);
    }
    lists.set(frameId, list);
    return this.total(tabId);
  }

  /** The tab's findings, top frame first, each frame's in page order, with the frame that holds each. */
  findings(tabId: number, first = Infinity): (ReportedFinding & { frameId: number; index: number })[] {
    const frames = [...(this.lists.get(tabId)?.entries() ?? [])].sort(([a], [b]) => a - b);
    const out: (ReportedFinding & { frameId: number; index: number })[] = [];
    for (const [frameId, list] of frames) {
      for (let index = 0; index < list.length && out.length < first; index++) out.push({ ...list[index]!, frameId, index });
    }
    return out;
  }

  /** How many findings the tab lists, over all its frames. */
  size(tabId: number): number {
    let n = 0;
    for (const list of this.lists.get(tabId)?.values() ?? []) n += list.length;
    return n;
  }

  /** The tab navigated or closed: its old frames' counts no longer describe it. */
  forgetTab(tabId: number): void {
    this.touched.add(tabId);
    this.tabs.delete(tabId);
    this.lists.delete(tabId);
    for (const key of this.scans.keys()) if (key.startsWith(`${tabId}:`)) this.scans.delete(key);
    for (const key of this.limits.keys()) if (key.startsWith(`${tabId}:`)) this.limits.delete(key);
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

function countOf(list: readonly ReportedFinding[]): Counts {
  const counts = emptyCounts();
  for (const f of list) counts[f.verdict]++;
  return counts;
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
      ...(isCallouts(f.callouts) ? { callouts: f.callouts } : {}),
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

/** Well-formed meaning call-outs: known kinds, words on each side, no more than a diff's worth. */
function isCallouts(callouts: unknown): callouts is Callout[] {
  const words = (w: unknown) => Array.isArray(w) && w.length <= MAX_REPORTED_DIFF_OPS && w.every((x) => typeof x === 'string');
  return (
    Array.isArray(callouts) &&
    callouts.length <= MAX_REPORTED_DIFF_OPS &&
    callouts.every((c) => typeof c === 'object' && c !== null && MEANING_KINDS.includes(c.kind) && words(c.dropped) && words(c.added))
  );
}

/** A diff longer than this is no quotation's: the row shows the page's wording alone. */
const MAX_REPORTED_DIFF_OPS = 400;
