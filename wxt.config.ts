import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ACTION_DEFAULT_TITLE, manifestCommands } from './src/platform/manifest-commands';

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
  hooks: {
    // The corpus ships as a packaged file the background reads once per start
    // (see src/platform/corpus-asset.ts for why not a JSON import). It is not
    // web-accessible. Without it the build still succeeds and the extension
    // refuses to mark anything verified, saying why.
    'build:publicAssets': (wxt, files) => {
      const corpus = resolve(wxt.config.root, 'data/corpus.json');
      if (existsSync(corpus)) files.push({ absoluteSrc: corpus, relativeDest: 'corpus.json' });
      else wxt.logger.warn('data/corpus.json not found: run `npm run build:corpus`; this build will refuse to verify anything.');
    },
  },
  manifest: ({ browser }) => ({
    name: 'Quote Verifier',
    short_name: 'QuoteVerifier',
    description: 'Tells you whether a quotation on a web page is what the person really said.',
    // Only what is used. contextMenus: "Verify quotation" on a selection. The
    // badge, commands and messaging to our own content scripts need none.
    // (No storage: nothing is stored yet; add it with the feature that stores.)
    permissions: ['contextMenus'],
    action: { default_title: ACTION_DEFAULT_TITLE },
    commands: manifestCommands(),
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'quote-verifier@quote-verifier.org', strict_min_version: '115.0' } } }
      : {}),
  }),
});
