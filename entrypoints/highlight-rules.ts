/**
 * Chromium builds: adopts the page's highlight rules at document_start, before the page
 * has any element (docs/architecture.md, "Big pages on the page's thread"). Adopted
 * later, when the first mark is painted, any `::highlight()` rule makes Chromium restyle
 * the whole document: one task of ~100 ms on a page of 20,500 paragraphs (issue 12). The
 * rules are on the root element (Chromium's highlight styles inherit), so their presence
 * costs the page's own styling nothing. The content script (entrypoints/in-page) takes the
 * sheet and its random name suffix from the isolated world both share.
 *
 * An unlisted script, added to the manifest's content scripts by wxt.config.ts with the
 * content script's own matches: WXT's content-script wrapper would announce itself to
 * the page with an event; this one dispatches nothing and adds no element.
 * Firefox 153 does not inherit highlight styles: its build keeps adopting rules on every
 * element when it paints (src/page/highlights.ts).
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { adoptHighlightRulesEarly } from '../src/page/highlights';
import highlightCss from '../src/page/highlights.css?inline';

export default defineUnlistedScript({
  include: ['chrome'],
  main() {
    adoptHighlightRulesEarly(globalThis, document, highlightCss);
  },
});
