/**
 * The one place that touches `browser.*`. Everything else receives what it
 * needs from here, so the pure layers stay testable in Node.
 */
import { browser } from 'wxt/browser';

/** The content script's hello; the background answers it in background-messaging.ts. */
export type Request = { type: 'qv:hello'; url: string };
export type Response = { type: 'qv:hello'; ok: true; extensionVersion: string };

export function sendToBackground(request: Request): Promise<Response> {
  return browser.runtime.sendMessage(request) as Promise<Response>;
}

export function extensionVersion(): string {
  return browser.runtime.getManifest().version;
}

