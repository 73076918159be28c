/**
 * Unit tests read the UI in English: the English catalogue is the fallback of `t`
 * (src/ui/i18n.ts), as the browser's default locale is in the extension. The
 * extension's bundles do not carry the catalogue (issue 16); only tests set it.
 * Every unit test file runs this first (vitest.config.ts, `setupFiles`).
 */
import en from '../../../public/_locales/en/messages.json';
import { catalogueSource, setFallbackMessages } from '../../../src/ui/i18n';

setFallbackMessages(catalogueSource(en));
