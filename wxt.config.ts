import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The extension never touches the network: no host permissions beyond the
// content script's matches, no remote code, no analytics.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  outDir: '.output',
  // Explicit imports keep the layer rules visible to lint.
  imports: false,
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: 'Quote Verifier',
    short_name: 'QuoteVerifier',
    description: 'Tells you whether a quotation on a web page is what the person really said.',
    permissions: ['storage'],
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'quote-verifier@quote-verifier.org', strict_min_version: '115.0' } } }
      : {}),
  }),
});
