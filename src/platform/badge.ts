/**
 * Paints a tab's toolbar badge. MV3 has `browser.action`; Firefox MV2 has
 * `browser.browserAction` with the same methods. WXT's `browser` is the
 * browser's own object, not a polyfill, so the right one is chosen here.
 */
import { browser } from 'wxt/browser';

export interface BadgePaint {
  text: string;
  color: string;
  title: string;
}

/** Badge text colour: white on the badge colours chosen in src/host/badge.ts (both pass WCAG AA). */
const BADGE_TEXT_COLOR = '#ffffff';

type ActionApi = typeof browser.action;

function actionApi(): ActionApi | undefined {
  const b = browser as unknown as { action?: ActionApi; browserAction?: ActionApi };
  return b.action ?? b.browserAction;
}

/**
 * Sets text, colour and tooltip for one tab only; other tabs keep theirs.
 * Resolves false if the tab is gone (closed between a report and the paint).
 */
export async function paintBadge(tabId: number, badge: BadgePaint): Promise<boolean> {
  const action = actionApi();
  if (!action) return false;
  try {
    await Promise.all([
      action.setBadgeText({ tabId, text: badge.text }),
      action.setBadgeBackgroundColor({ tabId, color: badge.color }),
      action.setTitle({ tabId, title: badge.title }),
    ]);
    // Chrome 110+ and Firefox 63+; older browsers pick a contrasting colour themselves.
    if (typeof action.setBadgeTextColor === 'function') {
      await action.setBadgeTextColor({ tabId, color: BADGE_TEXT_COLOR });
    }
    return true;
  } catch {
    return false;
  }
}

/** Sets the badge every tab shows unless it has its own (the corpus error state). */
export async function paintDefaultBadge(badge: BadgePaint): Promise<boolean> {
  const action = actionApi();
  if (!action) return false;
  try {
    await Promise.all([
      action.setBadgeText({ text: badge.text }),
      action.setBadgeBackgroundColor({ color: badge.color }),
      action.setTitle({ title: badge.title }),
    ]);
    if (typeof action.setBadgeTextColor === 'function') await action.setBadgeTextColor({ color: BADGE_TEXT_COLOR });
    return true;
  } catch {
    return false;
  }
}
