// Composes the first-run page (src/platform/first-run.ts opens it on install): the
// corpus status from the background (an empty search answers with it), the
// "Verify quotation" shortcut as the browser has it bound, and the Settings button.
import { render } from 'preact';
import { WelcomeView } from '../../src/ui/welcome/welcome-view';
import { requestSearch } from '../../src/platform/panel-messaging';
import { verifyShortcut } from '../../src/platform/commands';
import { openOptionsPage } from '../../src/platform/site-messaging';
import { buildInfo } from '../../src/platform/build-info';
import type { CorpusStatus } from '../../src/platform/messages';
import { setMessageSource, t } from '../../src/ui/i18n';
import { browserMessage, uiLanguage } from '../../src/platform/i18n';

setMessageSource(browserMessage, uiLanguage());
document.documentElement.lang = uiLanguage();

const root = document.getElementById('app');
const name = buildInfo().name;
document.title = t('welcomeTitle', name);

async function main(container: HTMLElement): Promise<void> {
  let corpus: CorpusStatus | undefined;
  let shortcut = await verifyShortcut();
  const show = () =>
    render(<WelcomeView name={name} corpus={corpus} shortcut={shortcut} onOpenSettings={() => void openOptionsPage()} />, container);
  show();
  try {
    corpus = (await requestSearch('', 1)).corpus;
  } catch (error) {
    corpus = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  shortcut = await verifyShortcut();
  show();
}

if (root) void main(root);
