/**
 * Big scans travel in parts (issue 12: no task over 50 ms on the page). A content
 * script's message is serialized on the page's main thread in one go, and the answer
 * is deserialized there in one go: 2 MB of text cost 20-50 ms to send, and 20,000
 * findings 30-40 ms to receive (Chromium trace of tests/e2e/bounded-work.test.ts).
 * So text over SCAN_PART_CHARS goes as `qv:scan-part` messages the background puts
 * back together, and an answer over ANSWER_PAGE_FINDINGS comes back a page at a
 * time (`qv:scan-more`); each message is then a few milliseconds of work on either side.
 *
 * The background keeps what is in flight per frame (PartStore): bounded in count,
 * size and age, and only the frame that started an upload or got an answer can
 * continue it.
 *
 * A rescan sends only what changed (issue 16): the background keeps the whole text of
 * each frame's last scan (its *base*, one per frame) and the next scan sends the span
 * that differs from it (`textDelta`: common prefix and suffix) with `delta`. The
 * background rebuilds the whole text and matches it as before, so the verdicts are the
 * same; a frame whose base is gone (a restarted worker, an expired base) is refused and
 * sends the whole text again.
 */
import type { Finding } from '../match/types';

/** Characters of page text per message: about 2-4 ms to serialize on a busy 2-core machine. */
export const SCAN_PART_CHARS = 250_000;
/** Findings per answer message: ~0.4 MB of JSON, a few ms to deserialize. */
export const ANSWER_PAGE_FINDINGS = 1_000;
/**
 * The most text an upload may carry: the collector's cap (MAX_COLLECT_CHARS in
 * src/page/collect-text.ts, 5,000,000; a unit test keeps them equal).
 */
export const MAX_UPLOAD_CHARS = 5_000_000;
/** Uploads and answers in flight per frame: a scan and the rescan that replaces it. */
export const MAX_PENDING_PER_FRAME = 2;
/** An upload or answer not finished within this long is dropped (the frame died or lost interest). */
export const PENDING_TTL_MS = 60_000;

/** How long the background keeps a frame's last text for a rescan's delta: a reader's page changes for minutes. */
export const BASE_TTL_MS = 5 * 60_000;
/**
 * The most text kept as bases over all frames: 4 pages at the collector's cap. Beyond it
 * the oldest frames' bases go (their next scan sends the whole text).
 */
export const MAX_BASE_CHARS = 4 * MAX_UPLOAD_CHARS;
/** Below this many characters the whole text goes: a delta would save less than a millisecond. */
export const MIN_DELTA_TEXT_CHARS = 20_000;
/** Characters compared per step when looking for the changed span (string equality is native). */
const DELTA_CHUNK = 4_096;

/** The rescan's text as a change to the frame's last text: `base.slice(0, start) + text + base.slice(end)`. */
export interface TextDelta {
  base: string;
  start: number;
  end: number;
}

/**
 * The span of `next` that differs from `previous`: `previous.slice(0, start) + middle +
 * previous.slice(end) === next`. Compared in chunks (native string equality), then
 * character by character within the first unequal chunk; never splits a surrogate pair.
 */
export function textDelta(previous: string, next: string): { start: number; end: number; middle: string } {
  const max = Math.min(previous.length, next.length);
  let start = 0;
  while (start + DELTA_CHUNK <= max && previous.slice(start, start + DELTA_CHUNK) === next.slice(start, start + DELTA_CHUNK)) start += DELTA_CHUNK;
  while (start < max && previous.charCodeAt(start) === next.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(next.charCodeAt(start - 1))) start--;
  // The common suffix, not overlapping the prefix in either string.
  let suffix = 0;
  const room = max - start;
  while (suffix + DELTA_CHUNK <= room && previous.slice(previous.length - suffix - DELTA_CHUNK, previous.length - suffix) === next.slice(next.length - suffix - DELTA_CHUNK, next.length - suffix)) {
    suffix += DELTA_CHUNK;
  }
  while (suffix < room && previous.charCodeAt(previous.length - suffix - 1) === next.charCodeAt(next.length - suffix - 1)) suffix++;
  if (suffix > 0 && isLowSurrogate(next.charCodeAt(next.length - suffix))) suffix--;
  return { start, end: previous.length - suffix, middle: next.slice(start, next.length - suffix) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Content -> background: one part of a scan's text. */
export interface ScanPart {
  type: 'qv:scan-part';
  upload: string;
  index: number;
  text: string;
}

/** Content -> background: the next page of a long answer, from index `from`. */
export interface ScanMoreRequest {
  type: 'qv:scan-more';
  answer: string;
  from: number;
}

export interface ScanMoreResponse {
  type: 'qv:scan-more';
  findings: Finding[];
}

/** `text` in parts of at most `size` characters, never splitting a surrogate pair. */
export function splitText(text: string, size = SCAN_PART_CHARS): string[] {
  if (text.length <= size) return [text];
  const parts: string[] = [];
  for (let from = 0; from < text.length; ) {
    let to = Math.min(text.length, from + size);
    const code = text.charCodeAt(to - 1);
    if (to < text.length && code >= 0xd800 && code <= 0xdbff) to--;
    parts.push(text.slice(from, to));
    from = to;
  }
  return parts;
}

/** A random id for an upload or an answer (not guessable by another frame). */
export function partId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

interface Upload {
  parts: string[];
  chars: number;
  at: number;
}

interface Answer {
  findings: Finding[];
  at: number;
}

interface Base {
  id: string;
  text: string;
  at: number;
}

/** The background's uploads and long answers in flight, per frame (`key`: tab and frame). */
export class PartStore {
  private readonly uploads = new Map<string, Map<string, Upload>>();
  private readonly answers = new Map<string, Map<string, Answer>>();
  /** The last scan's whole text per frame, oldest first (Map order), for the next scan's delta. */
  private readonly bases = new Map<string, Base>();
  private baseChars = 0;

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Keeps one part; throws when it would break a bound. */
  addPart(key: string, part: ScanPart): void {
    const uploads = this.fresh(this.uploads, key);
    let upload = uploads.get(part.upload);
    if (!upload) {
      if (uploads.size >= MAX_PENDING_PER_FRAME) uploads.delete(uploads.keys().next().value!);
      upload = { parts: [], chars: 0, at: this.now() };
      uploads.set(part.upload, upload);
    }
    if (!Number.isInteger(part.index) || part.index < 0 || part.index * SCAN_PART_CHARS >= MAX_UPLOAD_CHARS) {
      throw new Error(`qv:scan-part refused: part ${part.index} is out of range`);
    }
    upload.chars += part.text.length - (upload.parts[part.index]?.length ?? 0);
    if (upload.chars > MAX_UPLOAD_CHARS) {
      uploads.delete(part.upload);
      throw new Error(`qv:scan-part refused: the upload is over ${MAX_UPLOAD_CHARS} characters`);
    }
    upload.parts[part.index] = part.text;
  }

  /** The whole text of an upload of `count` parts, which is then forgotten; throws when a part is missing. */
  take(key: string, id: string, count: number): string {
    const uploads = this.fresh(this.uploads, key);
    const upload = uploads.get(id);
    uploads.delete(id);
    if (uploads.size === 0) this.uploads.delete(key);
    if (!upload) throw new Error('qv:scan refused: no such upload from this frame (expired or never started)');
    if (upload.parts.length !== count || upload.parts.some((p) => p === undefined)) {
      throw new Error(`qv:scan refused: the upload has ${upload.parts.filter((p) => p !== undefined).length} of ${count} parts`);
    }
    return upload.parts.join('');
  }

  /** Keeps the findings after the first page of an answer; returns its id. */
  keepAnswer(key: string, findings: Finding[]): string {
    const answers = this.fresh(this.answers, key);
    if (answers.size >= MAX_PENDING_PER_FRAME) answers.delete(answers.keys().next().value!);
    const id = partId();
    answers.set(id, { findings, at: this.now() });
    return id;
  }

  /** The page of an answer starting at `from`; the answer is forgotten once its last page is out. */
  page(key: string, id: string, from: number): Finding[] {
    const answers = this.fresh(this.answers, key);
    const answer = answers.get(id);
    if (!answer) throw new Error('qv:scan-more refused: no such answer for this frame (expired or never given)');
    const page = answer.findings.slice(from, from + ANSWER_PAGE_FINDINGS);
    if (from + ANSWER_PAGE_FINDINGS >= answer.findings.length) {
      answers.delete(id);
      if (answers.size === 0) this.answers.delete(key);
    }
    return page;
  }

  /** Keeps `text` as the frame's base (replacing its last one); returns its id. */
  keepBase(key: string, text: string): string {
    this.dropBase(key);
    const id = partId();
    this.bases.set(key, { id, text, at: this.now() });
    this.baseChars += text.length;
    for (const [other, base] of this.bases) {
      if (this.baseChars <= MAX_BASE_CHARS || other === key) break;
      this.bases.delete(other);
      this.baseChars -= base.text.length;
    }
    return id;
  }

  /** The whole text a delta stands for; throws when the frame's base is not `delta.base` or the delta does not fit it. */
  applyDelta(key: string, delta: TextDelta, middle: string): string {
    const base = this.bases.get(key);
    if (base && this.now() - base.at > BASE_TTL_MS) this.dropBase(key);
    const kept = this.bases.get(key);
    if (!kept || kept.id !== delta.base) throw new Error('qv:scan refused: no such base text for this frame (expired or replaced); send the whole text');
    const { start, end } = delta;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > kept.text.length) {
      throw new Error(`qv:scan refused: the delta [${start}, ${end}) does not fit a base of ${kept.text.length} characters`);
    }
    const text = kept.text.slice(0, start) + middle + kept.text.slice(end);
    if (text.length > MAX_UPLOAD_CHARS) throw new Error(`qv:scan refused: the text is over ${MAX_UPLOAD_CHARS} characters`);
    return text;
  }

  private dropBase(key: string): void {
    const base = this.bases.get(key);
    if (!base) return;
    this.bases.delete(key);
    this.baseChars -= base.text.length;
  }

  /** The frame's entries, with expired ones dropped. */
  private fresh<T extends { at: number }>(all: Map<string, Map<string, T>>, key: string): Map<string, T> {
    let mine = all.get(key);
    if (!mine) {
      mine = new Map();
      all.set(key, mine);
    }
    const t = this.now();
    for (const [id, entry] of mine) if (t - entry.at > PENDING_TTL_MS) mine.delete(id);
    return mine;
  }
}
