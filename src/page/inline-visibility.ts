/**
 * An element's own visibility read from its inline `style` attribute only: for DOMs with no
 * CSS engine and no `checkVisibility()` (linkedom, in the `check` CLI and unit tests). Passed
 * to the collector as CollectOptions.visibilityWithoutCss, so the content script, whose
 * browsers all have `checkVisibility()`, does not carry it (its size budget, issue 16).
 */
import type { VisibilityCheck } from './collect-text';

const DISPLAY_NONE = /(^|;)\s*display\s*:\s*none/i;
const VISIBILITY_HIDDEN = /(^|;)\s*visibility\s*:\s*(hidden|collapse)/i;
const VISIBILITY_VISIBLE = /(^|;)\s*visibility\s*:\s*visible/i;

export const inlineStyleVisibility: VisibilityCheck = (el, inherited) => {
  const inline = el.getAttribute('style');
  if (!inline) return inherited;
  if (DISPLAY_NONE.test(inline)) return 'none';
  if (VISIBILITY_HIDDEN.test(inline)) return 'hidden';
  return VISIBILITY_VISIBLE.test(inline) ? 'visible' : inherited;
};
