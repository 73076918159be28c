import { defineContentScript } from 'wxt/utils/define-content-script';
import { sendToBackground } from '../../src/platform/runtime';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  async main(ctx) {
    const answer = await sendToBackground({ type: 'qv:hello', url: location.href });
    if (ctx.isInvalid) return;
    // Announce readiness with an event, not a DOM change: the page's DOM is never edited.
    document.dispatchEvent(new CustomEvent('quote-verifier:ready', { detail: answer.extensionVersion }));
  },
});
