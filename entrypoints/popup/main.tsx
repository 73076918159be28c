// Composes the popup: finds the tab (`?tab=<id>` or the active tab), asks the
// background for its findings and renders src/ui/popup. A click on a row asks
// the frame holding that finding to scroll to it and open its card.
import { render } from 'preact';
import { PopupView, type PopupFinding, type PopupState } from '../../src/ui/popup/popup-view';
import { openFindingInTab, popupTabId, requestTabFindings } from '../../src/platform/popup-messaging';
import { settingsFooter, startSitePause } from './site-pause';
import type { VNode } from 'preact';

const root = document.getElementById('app');

async function main(container: HTMLElement): Promise<void> {
  // The pause switch arrives on its own schedule; `redraw` repeats the last show with it.
  let site: VNode | undefined;
  let redraw = () => {};
  const show = (state: PopupState, onOpen?: (f: PopupFinding) => void) => {
    redraw = () => render(<PopupView state={state} onOpen={onOpen} site={site} footer={settingsFooter} />, container);
    redraw();
  };
  show({ status: 'loading' });
  try {
    const tabId = await popupTabId(location.search);
    if (tabId === undefined) {
      show({ status: 'error', message: 'No tab to describe.' });
      return;
    }
    void startSitePause(tabId, (node) => {
      site = node;
      redraw();
    });
    const data = await requestTabFindings(tabId);
    show({ status: 'ready', data }, (finding) => {
      void openFindingInTab(tabId, finding.frameId ?? 0, finding.index ?? 0, finding.quoteId);
    });
  } catch (error) {
    show({ status: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

if (root) void main(root);
