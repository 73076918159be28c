// Composes the options page: reads the settings, renders src/ui/options, stores every
// change at once and follows changes made elsewhere (the popup's pause switch, another
// options tab). Open tabs watch the same storage item and apply changes without a reload.
import { render } from 'preact';
import { OptionsView, type SaveState } from '../../src/ui/options/options-view';
import { settingsStore } from '../../src/platform/settings-store';
import { buildInfo } from '../../src/platform/build-info';
import type { Settings } from '../../src/settings/settings';
import { setMessageSource, t } from '../../src/ui/i18n';
import { browserMessage, uiLanguage } from '../../src/platform/i18n';

// The UI's words in the browser's language (public/_locales/<lang>/messages.json).
setMessageSource(browserMessage, uiLanguage());
document.documentElement.lang = uiLanguage();

const root = document.getElementById('app');

async function main(container: HTMLElement): Promise<void> {
  const store = settingsStore();
  const name = buildInfo().name;
  document.title = t('optionsTitle', name);
  let settings: Settings | undefined;
  let save: SaveState = { status: 'idle' };
  // Stores are queued so a quick run of changes lands in order.
  let queue: Promise<unknown> = Promise.resolve();
  let pending = 0;

  const show = () => render(<OptionsView settings={settings} save={save} onChange={change} name={name} />, container);
  const change = (next: Settings) => {
    settings = next;
    save = { status: 'saving' };
    show();
    pending++;
    queue = queue.then(async () => {
      try {
        const stored = await store.set(next);
        if (pending === 1) settings = stored;
        save = { status: 'saved' };
      } catch (error) {
        save = { status: 'error', message: error instanceof Error ? error.message : String(error) };
      } finally {
        pending--;
      }
      show();
    });
  };

  show();
  store.watch((stored) => {
    // Our own writes echo back here; while some are still queued, the page is ahead of storage.
    if (pending > 0) return;
    settings = stored;
    show();
  });
  settings = await store.get();
  show();
}

if (root) void main(root);
