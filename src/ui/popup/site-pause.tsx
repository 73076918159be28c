/**
 * The popup's "Pause on this site" switch for the tab's site, and why a site is not
 * being checked when the options page's lists or auto-scan say so. Props only:
 * entrypoints/popup/main.tsx finds the site and stores the change; the open tab applies
 * it at once (it watches the settings).
 */
import './site-pause.css';
import { t } from '../i18n';

export type SitePauseState =
  | { status: 'loading' }
  /** No content script in the tab (a browser page, the web store) or a page without a host. */
  | { status: 'unavailable' }
  | {
      status: 'ready';
      host: string;
      paused: boolean;
      autoScan: boolean;
      /** Not checked because of the options page's site lists (pausing changes nothing then). */
      blocked?: { reason: 'never'; pattern: string } | { reason: 'only' };
    };

export interface SitePauseProps {
  state: SitePauseState;
  onToggle: (paused: boolean) => void;
  /** The extension's (newsroom's) name, for "… does not run on this page". */
  name?: string;
}

export function SitePause({ state, onToggle, name = 'Quote Verifier' }: SitePauseProps) {
  if (state.status === 'loading') return null;
  if (state.status === 'unavailable') {
    return <p class="qv-site qv-site__note">{t('siteUnavailable', name)}</p>;
  }
  const { host, paused, autoScan, blocked } = state;
  return (
    <div class="qv-site">
      <div class="qv-site__row">
        <input type="checkbox" role="switch" id="qv-pause" class="qv-site__switch" checked={paused} onChange={(e) => onToggle(e.currentTarget.checked)} />
        <label for="qv-pause">
          {t('sitePause')} <span class="qv-site__host">{host}</span>
        </label>
      </div>
      {paused && <p class="qv-site__note">{t('sitePausedNote')}</p>}
      {!paused && blocked?.reason === 'never' && (
        <p class="qv-site__note">{t('siteNeverNote', blocked.pattern)}</p>
      )}
      {!paused && blocked?.reason === 'only' && <p class="qv-site__note">{t('siteOnlyNote')}</p>}
      {!paused && !blocked && !autoScan && <p class="qv-site__note">{t('siteAutoOffNote')}</p>}
    </div>
  );
}

/** The popup's way to the options page. */
/** `contact`: where readers report a problem (the build's mailto: or https: address). */
export function SettingsButton({ onOpen, contact }: { onOpen: () => void; contact?: string }) {
  const safe = contact !== undefined && /^(mailto:|https:\/\/)/.test(contact) ? contact : undefined;
  return (
    <footer class="qv-popup__footer">
      <button type="button" class="qv-popup__settings" onClick={onOpen}>
        {t('settingsButton')}
      </button>
      {safe && (
        <a class="qv-popup__contact" href={safe} target="_blank" rel="noopener noreferrer">
          {t('reportProblem')}
        </a>
      )}
    </footer>
  );
}
