// Composes the popup: finds the tab (`?tab=<id>` or the active tab), asks the
// background for its findings and renders src/ui/popup. A click on a row asks
// the frame holding that finding to scroll to it and open its card. The list
// follows the tab's rescans while the popup is open; the search box asks the
// background to search the whole corpus.
import { render } from 'preact';
import { POPUP_ROWS_PAGE, PopupView, type PopupFinding, type PopupState } from '../../src/ui/popup/popup-view';
import { openFindingInTab, popupTabId, requestTabFindings } from '../../src/platform/popup-messaging';
import { canOpenSidePanel, onTabFindingsChanged, openSidePanel, requestSearch } from '../../src/platform/panel-messaging';
import { buildInfo } from '../../src/platform/build-info';
import { settingsFooter, startSitePause } from './site-pause';
import type { VNode } from 'preact';
import { setMessageSource, t } from '../../src/ui/i18n';
import { browserMessage, uiLanguage } from '../../src/platform/i18n';

// The UI's words in the browser's language (public/_locales/<lang>/messages.json).
setMessageSource(browserMessage, uiLanguage());
document.documentElement.lang = uiLanguage();

const root = document.getElementById('app');
const search = (query: string) => requestSearch(query);
// The newsroom's name, as the build was branded.
const name = buildInfo().name;
document.title = name;

async function main(container: HTMLElement): Promise<void> {
  // The pause switch arrives on its own schedule; `redraw` repeats the last show with it.
  let site: VNode | undefined;
  let redraw = () => {};
  let onOpenPanel: (() => void) | undefined;
  const show = (state: PopupState, onOpen?: (f: PopupFinding) => void) => {
    redraw = () =>
      render(
        <PopupView state={state} onOpen={onOpen} site={site} footer={settingsFooter} search={search} title={name} onOpenPanel={onOpenPanel} panelWord={import.meta.env.FIREFOX ? 'sidebar' : 'side panel'} brandColor={buildInfo().brandColor} />,
        container,
      );
    redraw();
  };
  show({ status: 'loading' });
  try {
    const tabId = await popupTabId(location.search);
    if (tabId === undefined) {
      show({ status: 'error', message: t('popupNoTab') });
      return;
    }
    // Straight from the click (the browsers require a user action); the popup then closes.
    if (canOpenSidePanel()) onOpenPanel = () => void openSidePanel(tabId).then((opened) => opened && window.close());
    void startSitePause(tabId, (node) => {
      site = node;
      redraw();
    });
    const open = (finding: PopupFinding) => {
      void openFindingInTab(tabId, finding.frameId ?? 0, finding.index ?? 0, finding.quoteId);
    };
    // The first screen first (a page of 20,000 findings is megabytes of rows), then the rest.
    const refresh = async () => {
      const head = await requestTabFindings(tabId, POPUP_ROWS_PAGE);
      show({ status: 'ready', data: head }, open);
      if (head.total !== undefined) show({ status: 'ready', data: await requestTabFindings(tabId) }, open);
    };
    onTabFindingsChanged((changed) => {
      if (changed === tabId) void refresh().catch(() => {});
    });
    await refresh();
  } catch (error) {
    show({ status: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

if (root) void main(root);
