/**
 * The background's side of the content <-> background messages
 * (src/platform/messages.ts). Checks each message's shape, tells the handler
 * which tab and frame sent it, and returns the handler's answer.
 */
import { browser, type Browser } from 'wxt/browser';
import { isUnjudgedSpan } from '../match/unjudged';
import {
  MAX_FINDINGS_PER_PAGE,
  type FindingsReport,
  type LookupRequest,
  type LookupResponse,
  type ScanRequest,
  type ScanResponse,
  type SearchRequest,
  type SearchResponse,
  type TabFindingsRequest,
  type TabFindingsResponse,
} from './messages';
import type { Settings } from '../settings/settings';
import { ANSWER_PAGE_FINDINGS, PartStore, type ScanMoreRequest, type ScanMoreResponse, type ScanPart } from './scan-parts';

export interface Sender {
  tabId?: number;
  frameId?: number;
  /**
   * The message came from one of the extension's own pages (popup, side panel, options),
   * not from a content script: its URL is under the extension's origin, as the browser
   * (not the sender) reports it.
   */
  extensionPage: boolean;
}

export interface HelloAnswer {
  type: 'qv:hello';
  ok: true;
  extensionVersion: string;
}

export interface BackgroundHandlers {
  scan(request: ScanRequest, sender: Sender): Promise<ScanResponse> | ScanResponse;
  lookup(request: LookupRequest, sender: Sender): Promise<LookupResponse> | LookupResponse;
  /** Returns false when the report was refused (it names no recent scan of that frame). */
  findings(report: FindingsReport, sender: Sender): boolean | void;
  hello(sender: Sender): HelloAnswer;
  /** The popup asks for a tab's findings (optional: a background without a popup need not answer). */
  tabFindings?(request: TabFindingsRequest, sender: Sender): Promise<TabFindingsResponse> | TabFindingsResponse;
  /** The popup or side panel searches the corpus (optional, like tabFindings). */
  search?(request: SearchRequest): Promise<SearchResponse> | SearchResponse;
  /** A content script asks for the reader's settings: it cannot read storage (src/platform/settings-store.ts). */
  settings?(): Promise<Settings>;
  /** An extension page stores settings (the background is the item's only writer); content scripts are refused. */
  setSettings?(settings: unknown): Promise<Settings>;
}

/** Content -> background: the reader's settings, please. */
export interface SettingsRequest {
  type: 'qv:settings';
}

export interface SettingsResponse {
  type: 'qv:settings';
  settings: Settings;
}

type Incoming =
  | TabFindingsRequest
  | SearchRequest
  | ScanRequest
  | LookupRequest
  | FindingsReport
  | ScanPart
  | ScanMoreRequest
  | SettingsRequest
  | { type: 'qv:settings-set'; settings: unknown }
  | { type: 'qv:hello'; url: string };

/**
 * Registers the one runtime.onMessage listener; returns a function that removes it.
 *
 * Answers are delivered both ways the platforms know: `sendResponse` plus
 * `return true` (every Chrome version, and Firefox), and the returned promise
 * where no `sendResponse` is given (Firefox's documented form, and WXT's
 * fakeBrowser in tests). Messages that are not ours get no answer, so other
 * listeners can still reply.
 */
export function listenToContent(handlers: BackgroundHandlers): () => void {
  // Big scans in parts, long answers in pages (src/platform/scan-parts.ts).
  const parts = new PartStore();
  const listener = (
    message: unknown,
    rawSender: Browser.runtime.MessageSender | undefined,
    sendResponse?: (answer: unknown) => void,
  ): true | Promise<unknown> | undefined => {
    if (!isIncoming(message)) return undefined;
    const sender: Sender = { tabId: rawSender?.tab?.id, frameId: rawSender?.frameId, extensionPage: isExtensionPage(rawSender) };
    let answer: Promise<unknown>;
    try {
      answer = Promise.resolve(dispatch(handlers, message, sender, parts));
    } catch (error) {
      answer = Promise.reject(error);
    }
    if (typeof sendResponse === 'function') {
      answer.then(sendResponse, (error: unknown) => {
        // The content script sees a failure as an answer it can report, not a hang.
        sendResponse({ type: 'qv:error', error: error instanceof Error ? error.message : String(error) });
      });
      return true;
    }
    return answer;
  };
  browser.runtime.onMessage.addListener(listener as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
  return () => browser.runtime.onMessage.removeListener(listener as Parameters<typeof browser.runtime.onMessage.removeListener>[0]);
}

function dispatch(handlers: BackgroundHandlers, message: Incoming, sender: Sender, parts: PartStore): unknown {
  const frame = `${String(sender.tabId)}:${String(sender.frameId)}`;
  switch (message.type) {
    case 'qv:scan':
      return scanInPages(handlers, message, sender, parts, frame);
    case 'qv:scan-part':
      parts.addPart(frame, message);
      return { type: 'qv:scan-part', ok: true };
    case 'qv:scan-more':
      return { type: 'qv:scan-more', findings: parts.page(frame, message.answer, message.from) } satisfies ScanMoreResponse;
    case 'qv:lookup':
      return handlers.lookup(message, sender);
    case 'qv:findings':
      return { type: 'qv:findings', ok: handlers.findings(message, sender) !== false };
    case 'qv:hello':
      return handlers.hello(sender);
    case 'qv:settings':
      if (!handlers.settings) throw new Error('this background serves no settings');
      return handlers.settings().then((settings): SettingsResponse => ({ type: 'qv:settings', settings }));
    case 'qv:settings-set':
      if (!handlers.setSettings) throw new Error('this background stores no settings');
      // The reader's settings are changed by the reader, in the extension's own pages.
      if (!sender.extensionPage) throw new Error('qv:settings-set refused: only the extension’s own pages may change the settings');
      return handlers.setSettings(message.settings).then((settings): SettingsResponse => ({ type: 'qv:settings', settings }));
    case 'qv:tab-findings':
      if (!handlers.tabFindings) throw new Error('this background keeps no per-tab findings');
      // A content script learns about its own tab only; the extension's pages about any.
      if (!sender.extensionPage && message.tabId !== sender.tabId) {
        throw new Error(`qv:tab-findings refused: a content script may ask only about its own tab (${String(sender.tabId)}), not ${message.tabId}`);
      }
      return handlers.tabFindings(message, sender);
    case 'qv:search':
      if (!handlers.search) throw new Error('this background does not search the corpus');
      return handlers.search(message);
  }
}

/** A scan whose text came in parts is joined first; an answer over one page is sent a page at a time. */
async function scanInPages(handlers: BackgroundHandlers, message: ScanRequest, sender: Sender, parts: PartStore, frame: string): Promise<ScanResponse> {
  const { upload, delta, ...rest } = message;
  let text = upload ? parts.take(frame, upload.id, upload.parts) : rest.text;
  if (delta) text = parts.applyDelta(frame, delta, text);
  const answer = await handlers.scan({ ...rest, text }, sender);
  // The whole text, kept for this frame's next scan to send only what changed.
  const base = parts.keepBase(frame, text);
  if (answer.findings.length <= ANSWER_PAGE_FINDINGS) return { ...answer, base };
  const id = parts.keepAnswer(frame, answer.findings);
  return { ...answer, base, findings: answer.findings.slice(0, ANSWER_PAGE_FINDINGS), rest: { answer: id, total: answer.findings.length } };
}

/**
 * The extension's own pages. Content scripts always run in a tab's frame, so a sender
 * without a tab is one of our pages (popup, side panel); one in a tab is ours only when
 * its URL, as the browser (not the sender) reports it, is under our origin.
 */
function isExtensionPage(sender: Browser.runtime.MessageSender | undefined): boolean {
  if (!sender || (sender.id !== undefined && sender.id !== browser.runtime.id)) return false;
  if (sender.tab === undefined) return true;
  let origin = '';
  try {
    origin = browser.runtime.getURL('/');
  } catch {
    return false;
  }
  return origin !== '' && (sender.url ?? '').startsWith(origin);
}

function isIncoming(message: unknown): message is Incoming {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'qv:scan':
      return (
        typeof m.text === 'string' &&
        (m.pagePublished === undefined || typeof m.pagePublished === 'string') &&
        (m.unjudged === undefined || isListOf(m.unjudged, isUnjudgedSpan)) &&
        (m.truncatedAt === undefined || (typeof m.truncatedAt === 'number' && Number.isFinite(m.truncatedAt))) &&
        (m.upload === undefined || isUpload(m.upload)) &&
        (m.delta === undefined || isDelta(m.delta))
      );
    case 'qv:scan-part':
      return typeof m.upload === 'string' && typeof m.text === 'string' && Number.isInteger(m.index);
    case 'qv:scan-more':
      return typeof m.answer === 'string' && Number.isInteger(m.from) && (m.from as number) >= 0;
    case 'qv:lookup':
      return typeof m.text === 'string' && (m.context === undefined || isLookupContext(m.context));
    case 'qv:findings':
      return (
        (m.scanId === undefined || typeof m.scanId === 'string') &&
        // The length first: a list over the cap is refused before its items are read.
        Array.isArray(m.located) &&
        m.located.length <= MAX_FINDINGS_PER_PAGE &&
        isListOf(m.located, Number.isInteger)
      );
    case 'qv:hello':
    case 'qv:settings':
      return true;
    case 'qv:settings-set':
      return typeof m.settings === 'object' && m.settings !== null;
    case 'qv:tab-findings':
      return typeof m.tabId === 'number' && Number.isInteger(m.tabId) && (m.first === undefined || (Number.isInteger(m.first) && (m.first as number) > 0));
    case 'qv:search':
      return typeof m.query === 'string' && (m.limit === undefined || (typeof m.limit === 'number' && Number.isFinite(m.limit)));
    default:
      return false;
  }
}

/**
 * An array whose every item passes `test`, holes included: Chrome's structured-clone messaging
 * (the manifest's `message_serialization`, as Firefox's messaging always is) keeps an array's
 * holes, which every() would skip.
 */
function isListOf<T>(value: unknown, test: (item: unknown) => boolean): value is T[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!test(value[i])) return false;
  return true;
}

function isUpload(u: unknown): boolean {
  if (typeof u !== 'object' || u === null) return false;
  const { id, parts } = u as Record<string, unknown>;
  return typeof id === 'string' && Number.isInteger(parts) && (parts as number) > 0;
}

function isDelta(d: unknown): boolean {
  if (typeof d !== 'object' || d === null) return false;
  const { base, start, end } = d as Record<string, unknown>;
  return typeof base === 'string' && Number.isInteger(start) && Number.isInteger(end) && (start as number) >= 0 && (end as number) >= (start as number);
}

function isLookupContext(c: unknown): boolean {
  if (typeof c !== 'object' || c === null) return false;
  const { before, after } = c as Record<string, unknown>;
  return typeof before === 'string' && typeof after === 'string';
}
