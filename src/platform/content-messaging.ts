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

export function sendScan(request: Omit<ScanRequest, 'type'>): Promise<ScanResponse> {
  const message: ScanRequest = { type: 'qv:scan', ...request };
  return browser.runtime.sendMessage(message).then((answer: unknown) => expectType<ScanResponse>(answer, 'qv:scan'));
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
