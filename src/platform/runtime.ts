/**
 * The one place that touches `browser.*`. Everything else receives what it
 * needs from here, so the pure layers stay testable in Node.
 */
import { browser } from 'wxt/browser';

/** Messages between the content script and the background. */
export type Request = { type: 'qv:hello'; url: string };
export type Response = { type: 'qv:hello'; ok: true; extensionVersion: string };

export function sendToBackground(request: Request): Promise<Response> {
  return browser.runtime.sendMessage(request) as Promise<Response>;
}

/** Registers the background's message handler; returns a function that removes it. */
export function onRequest(handler: (request: Request) => Promise<Response> | Response | undefined): () => void {
  const listener = (message: unknown): Promise<Response> | undefined => {
    if (!isRequest(message)) return undefined;
    const answer = handler(message);
    return answer === undefined ? undefined : Promise.resolve(answer);
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

export function extensionVersion(): string {
  return browser.runtime.getManifest().version;
}

function isRequest(message: unknown): message is Request {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'qv:hello';
}
