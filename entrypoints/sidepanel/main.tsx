// Composes the side panel (Chrome side_panel, Firefox sidebar_action): the same
// findings list as the popup, for fact-checkers who keep it open while they read,
// with the popup's "Pause on this site" switch for the tab it shows and the Settings
// link. It follows the active tab of its window, or stays on `?tab=<id>` (automation
// contract, docs/architecture.md), and redraws when the background says that tab's
// findings changed (a frame rescanned, the tab navigated). Firefox calls it the sidebar.
import { render, type VNode } from 'preact';
import { POPUP_ROWS_PAGE, PopupView, type PopupFinding, type PopupState } from '../../src/ui/popup/popup-view';
import { openFindingInTab, requestTabFindings } from '../../src/platform/popup-messaging';
import { followActiveTab, onTabFindingsChanged, requestSearch } from '../../src/platform/panel-messaging';
import { buildInfo } from '../../src/platform/build-info';
import { setMessageSource, t } from '../../src/ui/i18n';
import { browserMessage, uiLanguage } from '../../src/platform/i18n';
import { settingsFooter, startSitePause } from '../popup/site-pause';

// The UI's words in the browser's language (public/_locales/<lang>/messages.json).
setMessageSource(browserMessage, uiLanguage());
document.documentElement.lang = uiLanguage();

const root = document.getElementById('app');
const search = (query: string) => requestSearch(query);
// The newsroom's name, as the build was branded.
const name = buildInfo().name;
const SIDEBAR = import.meta.env.FIREFOX === true;
const title = t(SIDEBAR ? 'sidebarTitle' : 'panelTitle', name);
document.title = title;

function main(container: HTMLElement): void {
  let tabId: number | undefined;
  // Answers can arrive out of order when the reader switches tabs quickly: show the latest only.
  let ticket = 0;
  let last: PopupState = { status: 'loading' };
  // The pause switch for the shown tab's site, and how to stop watching it when the tab changes.
  let site: VNode | undefined;
  let stopSite = () => {};
  const show = (state: PopupState) => {
    last = state;
    const open = (f: PopupFinding) => {
      if (tabId !== undefined) void openFindingInTab(tabId, f.frameId ?? 0, f.index ?? 0, f.quoteId);
    };
    render(
      <PopupView
        state={state}
        onOpen={open}
        site={site}
        footer={settingsFooter}
        search={search}
        title={title}
        variant="panel"
        brandColor={buildInfo().brandColor}
      />,
      container,
    );
  };
  const refresh = async (id: number) => {
    const mine = ++ticket;
    try {
      // The first screen first (a page of 20,000 findings is megabytes of rows), then the rest.
      const head = await requestTabFindings(id, POPUP_ROWS_PAGE);
      if (mine === ticket) show({ status: 'ready', data: head });
      if (head.total === undefined) return;
      const data = await requestTabFindings(id);
      if (mine === ticket) show({ status: 'ready', data });
    } catch (error) {
      if (mine === ticket) show({ status: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };
  const followSite = (id: number, sameTab: boolean) => {
    stopSite();
    // Another tab: its switch is not known yet. The same tab (a new page loading): keep it until the answer.
    if (!sameTab) site = undefined;
    let current = true;
    stopSite = () => {
      current = false;
    };
    void startSitePause(id, (node) => {
      if (!current) return;
      site = node;
      show(last);
    }).then(
      (unwatch) => {
        if (current) stopSite = () => ((current = false), unwatch());
        else unwatch();
      },
      () => {},
    );
  };
  const showTab = (id: number) => {
    if (id !== tabId) show({ status: 'loading' });
    // Again on the same tab too: it may have moved to another site.
    followSite(id, id === tabId);
    tabId = id;
    void refresh(id);
  };

  show({ status: 'loading' });
  onTabFindingsChanged((changed) => {
    if (changed === tabId) void refresh(changed);
  });
  const pinned = new URLSearchParams(location.search).get('tab');
  if (pinned !== null && /^\d+$/.test(pinned)) showTab(Number(pinned));
  else
    followActiveTab(showTab).catch((error: unknown) =>
      show({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
}

if (root) main(root);
