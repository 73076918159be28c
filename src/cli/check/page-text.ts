/**
 * Adapter to the content script's text collector (src/page/collect-text.ts):
 * the CLI must read an HTML page exactly as the extension reads it, so it
 * runs the same collector on a linkedom document instead of a walk of its own.
 * linkedom has no CSS engine: text hidden by a stylesheet (not by `hidden` or
 * an inline style) is read here while a browser would skip it.
 */
import type { UnjudgedSpan } from '../../match/unjudged';
import { collectText } from '../../page/collect-text';
import { inlineStyleVisibility } from '../../page/inline-visibility';

/**
 * The text the content script would send to the engine for this document, whether the
 * collector's cap cut it, and the spans it could not judge as drawn (bidi overrides,
 * SVG pieces placed by coordinates): a finding over them is never verified, as in the extension.
 */
export function collectPageText(document: unknown): { text: string; truncated: boolean; unjudged: UnjudgedSpan[] } {
  const { text, truncated, unjudged } = collectText(document as Document, { visibilityWithoutCss: inlineStyleVisibility });
  return { text, truncated, unjudged };
}
