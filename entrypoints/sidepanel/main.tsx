// Composes the side panel (Chrome side_panel, Firefox sidebar_action): the same
// findings list as the popup, for fact-checkers who keep it open while they read.
// It follows the active tab of its window, or stays on `?tab=<id>` (automation
// contract, docs/architecture.md), and redraws when the background says that tab's
// findings changed (a frame rescanned, the tab navigated).
import { render } from 'preact';
import { POPUP_ROWS_PAGE, PopupView, type PopupFinding, type PopupState } from '../../src/ui/popup/popup-view';
import { openFindingInTab, requestTabFindings } from '../../src/platform/popup-messaging';
import { followActiveTab, onTabFindingsChanged, requestSearch } from '../../src/platform/panel-messaging';
import { buildInfo } from '../../src/platform/build-info';
import { setMessageSource } from '../../src/ui/i18n';
import { browserMessage, uiLanguage } from '../../src/platform/i18n';

// The UI's words in the browser's language (public/_locales/<lang>/messages.json).
setMessageSource(browserMessage);
document.documentElement.lang = uiLanguage();

const root = document.getElementById('app');
const search = (query: string) => requestSearch(query);
// The newsroom's name, as the build was branded.
const name = buildInfo().name;
document.title = `${name} side panel`;

function main(container: HTMLElement): void {
  let tabId: number | undefined;
  // Answers can arrive out of order when the reader switches tabs quickly: show the latest only.
  let ticket = 0;
  const show = (state: PopupState) => {
    const open = (f: PopupFinding) => {
      if (tabId !== undefined) void openFindingInTab(tabId, f.frameId ?? 0, f.index ?? 0, f.quoteId);
    };
    render(<PopupView state={state} onOpen={open} search={search} title={name} variant="panel" brandColor={buildInfo().brandColor} />, container);
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
  const showTab = (id: number) => {
    if (id !== tabId) show({ status: 'loading' });
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
