// Composes the popup: finds the tab (`?tab=<id>` or the active tab), asks the
// background for its findings and renders src/ui/popup. A click on a row asks
// the frame holding that finding to scroll to it and open its card.
import { render } from 'preact';
import { PopupView, type PopupFinding, type PopupState } from '../../src/ui/popup/popup-view';
import { openFindingInTab, popupTabId, requestTabFindings } from '../../src/platform/popup-messaging';

const root = document.getElementById('app');

async function main(container: HTMLElement): Promise<void> {
  const show = (state: PopupState, onOpen?: (f: PopupFinding) => void) => render(<PopupView state={state} onOpen={onOpen} />, container);
  show({ status: 'loading' });
  try {
    const tabId = await popupTabId(location.search);
    if (tabId === undefined) {
      show({ status: 'error', message: 'No tab to describe.' });
      return;
    }
    const data = await requestTabFindings(tabId);
    show({ status: 'ready', data }, (finding) => {
      void openFindingInTab(tabId, finding.frameId ?? 0, finding.index ?? 0, finding.quoteId);
    });
  } catch (error) {
    show({ status: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

if (root) void main(root);
