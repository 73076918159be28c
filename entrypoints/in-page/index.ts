/**
 * The content script (in-page.js): composes the page controller (src/page/page-controller.ts) with the
 * browser's services: messages to the background (src/platform), the card (src/ui in a
 * closed shadow root, card-host.tsx), closed shadow roots, and the reader's settings,
 * which the background serves (content scripts never touch extension storage).
 * One copy runs in every frame; each frame scans itself. Everything is tied to the
 * script's lifetime (src/platform/script-lifetime.ts), so an extension update or reload
 * leaves nothing behind.
 *
 * An unlisted script that wxt.config.ts adds to the manifest's content scripts (all URLs,
 * all frames, about:blank and srcdoc frames, document_idle), not a WXT content script:
 * WXT's content-script context dispatches page-visible events named after the extension's
 * id, and stops the script when the page dispatches one (issue 12, "Nothing for the page").
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { sendToBackground } from '../../src/platform/runtime';
import { onContentCommand, onSettingsChanged, reportFindings, requestSettings, sendLookup, scanSender } from '../../src/platform/content-messaging';
import { earlyHighlightRules, randomHighlightSuffix } from '../../src/page/highlights';
import { frameUrls, startPageController } from '../../src/page/page-controller';
import { watchLocation } from '../../src/page/lifetime';
import { scriptLifetime } from '../../src/platform/script-lifetime';
import { closedShadowRootReader } from '../../src/platform/shadow-roots';
import { buildSites, TEST_BUILD } from '../../src/platform/build-info';
import { READY_EVENT, TEST_EVENTS } from '../../src/page/test-events';
import { answerSiteQueries } from '../../src/platform/site-messaging';
import { coerceSettings, defaultSettings } from '../../src/settings/settings';
import highlightCss from '../../src/page/highlights.css?inline';
import { createCardHost } from './card-host';

export default defineUnlistedScript({
  // The card's stylesheet is inline in its closed shadow root (card-host.tsx), the
  // highlight rules are adopted by the document as a constructed sheet
  // (src/page/highlights.ts): no stylesheet file for a page to probe. (The card's UI
  // module is imported at the first card: card-host.tsx, docs/architecture.md.)
  main() {
    void start();
  },
});

async function start(): Promise<void> {
  const lifetime = scriptLifetime();
  const defaults = defaultSettings(buildSites());
  // The background serves the settings; unreadable ones must not switch the extension off: the defaults apply then.
  const [answer, stored] = await Promise.all([
    sendToBackground({ type: 'qv:hello', url: location.href }),
    requestSettings().catch((error: unknown) => {
      console.debug('Quote Verifier: settings unreadable, using defaults', error);
      return defaults;
    }),
  ]);
  if (lifetime.isInvalid) return;
  // Test builds announce readiness with an event, not a DOM change: the page's DOM is never edited.
  if (TEST_BUILD) document.dispatchEvent(new CustomEvent(READY_EVENT, { detail: answer.extensionVersion }));
  const { signal } = lifetime;
  // The card closes only after it opened, which the controller does: `controller` is set by then.
  const card = createCardHost(lifetime, { onClose: () => controller.cardClosed() });
  // Chromium builds adopt the highlight rules at document_start (entrypoints/highlight-rules.ts):
  // its suffix and sheet, or a suffix of our own and a sheet adopted when marks are painted.
  const early = earlyHighlightRules(globalThis);
  const controller = startPageController(
    {
      doc: document,
      view: window,
      signal,
      card,
      highlightCss,
      highlightSuffix: early?.suffix ?? randomHighlightSuffix(),
      highlightSheet: early?.sheet,
      scan: scanSender(),
      report: reportFindings,
      lookup: sendLookup,
      onCommand: (handler, s) => void onContentCommand(handler, s),
      shadowRootOf: closedShadowRootReader(),
      frameUrls: () => frameUrls(location),
      testEvents: TEST_BUILD ? TEST_EVENTS : false,
    },
    coerceSettings(stored, defaults),
  );
  // The reader's settings apply to open tabs at once: no reload.
  onSettingsChanged((raw) => controller.apply(coerceSettings(raw, defaults)), signal);
  // Single-page apps: the URL is watched (pushState is invisible from an isolated world).
  watchLocation(window, signal, () => controller.locationChanged());
  // The popup's "Pause on this site" asks the top frame which site it is.
  if (window === window.top) answerSiteQueries(() => location.href, signal);
}
