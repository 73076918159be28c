/**
 * The content script's side of messaging with the background (contract in
 * messages.ts). The content script keeps no corpus: it sends text and
 * receives findings plus the quote records they refer to.
 */
import { browser } from 'wxt/browser';
import type {
  FindingsReport,
  LookupRequest,
  LookupResponse,
  ScanRequest,
  ScanResponse,
  ToContent,
} from './messages';
import { MIN_DELTA_TEXT_CHARS, partId, splitText, textDelta, type ScanMoreRequest, type ScanMoreResponse, type ScanPart, type TextDelta } from './scan-parts';

export interface SendOptions {
  /** Told the main-thread time each message's serialization took (ms), for the scan's cost. */
  busy?: (ms: number) => void;
}

/**
 * A frame's scan sender: sends the text to be matched and returns the whole answer. Text over SCAN_PART_CHARS
 * goes in parts and a long answer comes back in pages (src/platform/scan-parts.ts):
 * one message each, so neither side of the page's thread does one long serialization.
 * A rescan sends only the span that changed since the last scan (`textDelta`).
 */
export function scanSender(): (request: Omit<ScanRequest, 'type' | 'upload' | 'delta'>, options?: SendOptions) => Promise<ScanResponse> {
  /**
   * This frame's last scanned text and the id the background keeps it under (one scan at
   * a time): the next scan sends only what changed.
   */
  let lastBase: { id: string; text: string } | undefined;
  return async (request, options = {}) => {
    const previous = lastBase;
    lastBase = undefined;
    let answer: ScanResponse | undefined;
    if (previous && request.text.length >= MIN_DELTA_TEXT_CHARS && previous.text.length >= MIN_DELTA_TEXT_CHARS) {
      const { start, end, middle } = textDelta(previous.text, request.text);
      // The background may have lost the base (a restarted worker, an expired one): then the whole text goes.
      answer = await sendScanText({ ...request, text: middle }, { base: previous.id, start, end }, options).catch(() => undefined);
    }
    answer ??= await sendScanText(request, undefined, options);
    if (answer.base !== undefined) lastBase = { id: answer.base, text: request.text };
    return answer;
  };
}

async function sendScanText(request: Omit<ScanRequest, 'type' | 'upload' | 'delta'>, delta: TextDelta | undefined, options: SendOptions): Promise<ScanResponse> {
  const send = (message: ScanRequest | ScanPart | ScanMoreRequest): Promise<unknown> => {
    const started = performance.now();
    const pending = browser.runtime.sendMessage(message);
    options.busy?.(performance.now() - started);
    return pending;
  };
  const parts = splitText(request.text);
  let message: ScanRequest = { type: 'qv:scan', ...request, ...(delta ? { delta } : {}) };
  if (parts.length > 1) {
    const id = partId();
    for (const [index, text] of parts.entries()) expectAnswer(await send({ type: 'qv:scan-part', upload: id, index, text }), 'qv:scan-part');
    message = { ...message, text: '', upload: { id, parts: parts.length } };
  }
  const answer = expectType<ScanResponse>(await send(message), 'qv:scan');
  if (!answer.rest) return answer;
  const findings = [...answer.findings];
  while (findings.length < answer.rest.total) {
    const more = expectType<ScanMoreResponse>(await send({ type: 'qv:scan-more', answer: answer.rest.answer, from: findings.length }), 'qv:scan-more');
    if (more.findings.length === 0) throw new Error(`Quote Verifier: the background's answer stopped at ${findings.length} of ${answer.rest.total} findings`);
    findings.push(...more.findings);
  }
  const { rest: _rest, ...whole } = answer;
  return { ...whole, findings };
}

function expectAnswer(answer: unknown, type: string): void {
  expectType<{ type: string }>(answer, type);
}

export function sendLookup(text: string, context?: LookupRequest['context']): Promise<LookupResponse> {
  const message: LookupRequest = context ? { type: 'qv:lookup', text, context } : { type: 'qv:lookup', text };
  return browser.runtime.sendMessage(message).then((answer: unknown) => expectType<LookupResponse>(answer, 'qv:lookup'));
}

/**
 * Tells the background which findings of its scan `scanId` this frame drew (indices
 * into that scan's findings, in page order); no scan id: this frame shows nothing.
 * The background keeps the verdicts; this says only where they are. Never rejects:
 * the badge is not worth an error.
 */
export async function reportFindings(scanId: string | undefined, located: number[]): Promise<void> {
  const message: FindingsReport = scanId === undefined ? { type: 'qv:findings', located: [] } : { type: 'qv:findings', scanId, located };
  try {
    await browser.runtime.sendMessage(message);
  } catch {
    // No listener (background restarting) or the extension was reloaded: the next scan reports again.
  }
}

/** The reader's settings as the background serves them (unrepaired: the caller repairs with coerceSettings). */
export async function requestSettings(): Promise<unknown> {
  const answer = (await browser.runtime.sendMessage({ type: 'qv:settings' })) as { type?: unknown; settings?: unknown } | undefined;
  if (answer?.type !== 'qv:settings') throw new Error(`Quote Verifier: the background gave no qv:settings answer (got ${describe(answer)})`);
  return answer.settings;
}

/** Calls `handler` with the settings (unrepaired) each time the background says they changed; returns stop. */
export function onSettingsChanged(handler: (settings: unknown) => void, signal?: AbortSignal): () => void {
  const listener = (message: unknown): undefined => {
    const m = message as { type?: unknown; settings?: unknown } | null;
    if (m?.type === 'qv:settings-changed') handler(m.settings);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  const stop = () => browser.runtime.onMessage.removeListener(listener);
  signal?.addEventListener('abort', stop, { once: true });
  return stop;
}

/** Listens for the background's commands to this frame; returns a function that stops listening. */
export function onContentCommand(handler: (command: ToContent) => void, signal?: AbortSignal): () => void {
  const listener = (message: unknown): undefined => {
    if (isContentCommand(message)) handler(message);
    // No reply: the background does not wait on the content script.
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  const stop = () => browser.runtime.onMessage.removeListener(listener);
  signal?.addEventListener('abort', stop, { once: true });
  return stop;
}

function isContentCommand(message: unknown): message is ToContent {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as { type?: unknown; direction?: unknown; text?: unknown; index?: unknown };
  if (m.type === 'qv:open-finding') return typeof m.index === 'number' && Number.isInteger(m.index) && m.index >= 0;
  if (m.type === 'qv:navigate') return m.direction === 1 || m.direction === -1;
  if (m.type === 'qv:verify-selection') {
    const shortcut = (message as { shortcut?: unknown }).shortcut;
    return (m.text === undefined || typeof m.text === 'string') && (shortcut === undefined || typeof shortcut === 'string');
  }
  return false;
}

function expectType<T extends { type: string }>(answer: unknown, type: T['type']): T {
  const failed = answer as { type?: unknown; error?: unknown } | null;
  if (failed?.type === 'qv:error') throw new Error(`Quote Verifier: the background failed: ${String(failed.error)}`);
  if (typeof answer !== 'object' || answer === null || (answer as { type?: unknown }).type !== type) {
    throw new Error(`Quote Verifier: the background gave no ${type} answer (got ${describe(answer)})`);
  }
  return answer as T;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'object' && value !== null && 'type' in value) return String((value as { type: unknown }).type);
  return typeof value;
}
