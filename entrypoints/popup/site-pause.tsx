// The popup's "Pause on this site" switch, composed: asks the tab's top frame for its
// site, reads and watches the settings, and stores a toggle. The open tab watches the
// same settings and stops (or resumes) checking at once.
import { buildInfo } from '../../src/platform/build-info';
import type { VNode } from 'preact';
import { SettingsButton, SitePause, type SitePauseState } from '../../src/ui/popup/site-pause';
import { settingsStore } from '../../src/platform/settings-store';
import { askTabSite, openOptionsPage } from '../../src/platform/site-messaging';
import { scanDecision, setPaused, type Settings } from '../../src/settings/settings';
import { hostOf } from '../../src/settings/sites';

export const settingsFooter: VNode = <SettingsButton onOpen={() => void openOptionsPage()} contact={buildInfo().contact} />;

/**
 * Calls `update` with the switch to show now and whenever the settings change. Returns
 * a function that stops watching (the side panel moves to another tab's site).
 */
export async function startSitePause(tabId: number, update: (node: VNode) => void): Promise<() => void> {
  const store = settingsStore();
  const name = buildInfo().name;
  const url = await askTabSite(tabId);
  const host = url === undefined ? '' : hostOf(url);
  const onToggle = (paused: boolean) => void store.patch((s) => setPaused(s, host, paused));
  const draw = (settings: Settings) => update(<SitePause state={stateFor(settings, host)} onToggle={onToggle} name={name} />);
  if (host === '') {
    update(<SitePause state={{ status: 'unavailable' }} onToggle={onToggle} name={name} />);
    return () => {};
  }
  const unwatch = store.watch(draw);
  draw(await store.get());
  return unwatch;
}

function stateFor(settings: Settings, host: string): SitePauseState {
  const paused = settings.pausedSites.includes(host);
  // Judged as if not paused, to say whether the lists would stop checking here anyway.
  const decision = scanDecision({ ...settings, pausedSites: [] }, `https://${host}/`);
  const blocked = decision.scan
    ? undefined
    : decision.reason === 'never'
      ? { reason: 'never' as const, pattern: decision.pattern ?? host }
      : decision.reason === 'only'
        ? { reason: 'only' as const }
        : undefined;
  return { status: 'ready', host, paused, autoScan: settings.autoScan, ...(blocked ? { blocked } : {}) };
}
