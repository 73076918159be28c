import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadConfigSync, resolveConfigPath, type NewsroomConfig } from './src/config/config';
import { buildDate, packCorpus, type PackedCorpus } from './src/config/package-corpus';
import type { BuildInfo } from './src/platform/messages';
import { manifestCommands } from './src/platform/manifest-commands';
import { noDynamicCode } from './scripts/build/no-dynamic-code';

// The newsroom config decides the corpus, the branding and the add-on id: the
// default quote-verifier.config.json (the seed documents), or the file named by
// QUOTE_VERIFIER_CONFIG. Nothing in src/ changes between newsroom builds
// (docs/newsroom.md).
const config: NewsroomConfig = loadConfigSync(resolveConfigPath());
const corpus: PackedCorpus | undefined = packCorpus(config.corpusOut);
if (corpus && config.strict && corpus.withheld.pending > 0) {
  throw new Error(
    `${config.corpusOut}: ${corpus.withheld.pending} quotation(s) are still pending review and this config is strict; ` +
      'review them (npx quote-verifier review) before building the extension',
  );
}
const info: BuildInfo = {
  name: config.name,
  shortName: config.shortName,
  brandColor: config.brandColor,
  contact: config.contact,
  sites: config.sites,
  ...(corpus ? { corpusSha256: corpus.sha256, corpusIndexSha256: corpus.indexSha256 } : {}),
  ...(corpus?.corpusVersion === undefined ? {} : { corpusVersion: corpus.corpusVersion }),
  ...((d) => (d === undefined ? {} : { builtAt: d }))(buildDate()),
};
/**
 * A test build (QV_TEST_BUILD=1, `npm run build:test`) adds what only automation may see:
 * the page-visible `quote-verifier:*` events (docs/architecture.md, "Contract for
 * automation"). It goes to .output/test/<target>, so the store builds in .output/<target>
 * never carry them. Tests load the test build; the store-silence test loads the store one.
 */
const TEST_BUILD = process.env.QV_TEST_BUILD === '1';
/**
 * The quote card's UI (entrypoints/card-ui.tsx), which the content script imports when a
 * card first opens (issue 16; docs/architecture.md, "The card's UI is loaded when a card
 * opens"). WXT builds an unlisted script as an IIFE; this one is built as an ES module so
 * `import()` hands its default export to the content script.
 */
const CARD_UI_ENTRYPOINT = 'card-ui';
/** The content script's file (entrypoints/in-page), listed in the manifest by the hook below. */
const CONTENT_SCRIPT_FILE = 'in-page.js';
const ICONS = Object.fromEntries(Object.keys(config.icons).map((size) => [size, `icons/icon-${size}.png`]));

// The extension never touches the network: no host permissions beyond the
// content script's matches, no remote code, no analytics.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  // QV_OUT_DIR: build somewhere else (the reproducible-zip test builds twice side by side).
  outDir: process.env.QV_OUT_DIR ?? (TEST_BUILD ? '.output/test' : '.output'),
  // Explicit imports keep the layer rules visible to lint.
  imports: false,
  vite: () => ({
    // noDynamicCode: no innerHTML/Function in bundled libraries (AMO lint, see the file).
    plugins: [preact(), noDynamicCode()],
    // The build's facts for src/platform/build-info.ts. (WxtVitest does not apply this
    // vite config: unit tests provide their own, never the committed corpus's hash.)
    // QV_TEST_BUILD: a literal, so a store build's bundler drops the test-only code.
    // __QV_INDEX_LAYOUT__: the shipped index's layout, for the background only (not in the
    // content script's bundle, which has a size budget). __QV_SITES__: BuildInfo's sites alone,
    // what the content script reads of it (build-info.ts, buildSites).
    define: {
      __QV_BUILD__: JSON.stringify(info),
      __QV_INDEX_LAYOUT__: JSON.stringify(corpus?.indexLayout ?? null),
      __QV_SITES__: JSON.stringify(info.sites),
      'import.meta.env.QV_TEST_BUILD': JSON.stringify(TEST_BUILD),
    },
  }),
  hooks: {
    'vite:build:extendConfig': (entrypoints, viteConfig) => {
      if (entrypoints.length !== 1 || entrypoints[0]!.name !== CARD_UI_ENTRYPOINT) return;
      const lib = viteConfig.build?.lib;
      if (!lib) throw new Error(`wxt.config.ts: ${CARD_UI_ENTRYPOINT} is no longer built in library mode; it must be built as an ES module`);
      lib.formats = ['es'];
      // Vite minifies an ES library's names but keeps its whitespace (for its consumers' bundlers); this one ships as is.
      const output = viteConfig.build?.rollupOptions?.output;
      if (!output || Array.isArray(output)) throw new Error(`wxt.config.ts: ${CARD_UI_ENTRYPOINT}: expected one rollup output`);
      output.minify = true;
    },
    // WXT titles the toolbar button (action / browser_action) and Firefox's sidebar from
    // the popup's and side panel's <title>; a newsroom build shows its own name there.
    'build:manifestGenerated': (wxt, manifest) => {
      if (manifest.sidebar_action) manifest.sidebar_action.default_title = config.name;
      if (manifest.action) manifest.action.default_title = config.name;
      if (manifest.browser_action) manifest.browser_action.default_title = config.name;
      // The content script (entrypoints/in-page) is an unlisted script listed here, not a WXT
      // content script: WXT's content-script context dispatches events the page hears and
      // stops when the page dispatches one (src/platform/script-lifetime.ts).
      const content = {
        matches: ['<all_urls>'],
        all_frames: true,
        // srcdoc, about:blank and script-written frames show page text too (issue 12).
        match_about_blank: true,
        ...(wxt.config.browser === 'chrome' ? { match_origin_as_fallback: true } : {}),
        run_at: 'document_idle' as const,
        js: [CONTENT_SCRIPT_FILE],
      };
      // Chromium: the highlight rules are adopted at document_start by an unlisted script
      // (entrypoints/highlight-rules.ts, built for chrome only), in the same frames as the
      // content script. Not a WXT content script either, for the same reason.
      const early = wxt.config.browser === 'chrome' ? [{ ...content, js: ['highlight-rules.js'], run_at: 'document_start' as const }] : [];
      manifest.content_scripts = [...early, content, ...(manifest.content_scripts ?? [])];
    },
    // The corpus ships as a packaged file the background reads once per start
    // (see src/platform/corpus-asset.ts for why not a JSON import). It is not
    // web-accessible. Without it the build still succeeds and the extension
    // refuses to mark anything verified, saying why.
    // What ships is the packed corpus (approved quotes only, compact JSON) and its
    // index (corpus-index.bin, src/config/package-corpus.ts), whose SHA-256s the background
    // checks before using them (src/host/integrity.ts, src/host/shipped-host.ts).
    'build:publicAssets': (wxt, files) => {
      const where = relative(wxt.config.root, config.corpusOut);
      if (corpus) {
        files.push({ contents: corpus.json, relativeDest: 'corpus.json' });
        // WXT writes `contents` as text; the binary index goes through a file of its own.
        const cache = join(wxt.config.wxtDir, 'qv');
        mkdirSync(cache, { recursive: true });
        const indexFile = join(cache, `corpus-index-${corpus.indexSha256.slice(0, 16)}.bin`);
        writeFileSync(indexFile, corpus.index);
        files.push({ absoluteSrc: indexFile, relativeDest: 'corpus-index.bin' });
        const { pending, rejected } = corpus.withheld;
        wxt.logger.info(
          `corpus: ${where} → ${corpus.quoteCount} approved quotations from ${corpus.documentCount} documents` +
            `${pending + rejected ? ` (${pending} pending and ${rejected} rejected left out)` : ''}, sha256 ${corpus.sha256.slice(0, 12)}…; ` +
            `index ${(corpus.index.byteLength / 1e6).toFixed(1)} MB, sha256 ${corpus.indexSha256.slice(0, 12)}…`,
        );
      } else wxt.logger.warn(`${where} not found: run \`npm run build:corpus\`; this build will refuse to verify anything.`);
      for (const [size, file] of Object.entries(config.icons)) files.push({ absoluteSrc: file, relativeDest: `icons/icon-${size}.png` });
    },
  },
  manifest: ({ browser }) => ({
    name: config.name,
    // The newsroom's own release number when its config sets one (else package.json's).
    ...(config.version === undefined ? {} : { version: config.version }),
    short_name: config.shortName,
    // The UI's catalogues: public/_locales/en and uk (src/ui/i18n.ts). The name stays the newsroom config's.
    default_locale: 'en',
    description: config.description,
    ...(Object.keys(ICONS).length ? { icons: ICONS } : {}),
    // Only what is used. contextMenus: "Verify quotation" on a selection. storage: the
    // reader's settings (src/platform/settings-store.ts, local only, never synced), and
    // each tab's findings in session storage so they outlive a stopped service worker
    // (src/platform/tab-findings-store.ts). sidePanel (Chrome only): WXT adds it with
    // side_panel.default_path for entrypoints/sidepanel; Firefox's sidebar_action needs
    // no permission. No "tabs": tab ids and activation events come without it, and we
    // never read a tab's URL or title. The badge, commands and messaging to our own
    // content scripts need none.
    permissions: ['contextMenus', 'storage'],
    action: { default_title: config.name, ...(Object.keys(ICONS).length ? { default_icon: ICONS } : {}) },
    commands: manifestCommands(),
    // Chrome lets a content script import() only a web-accessible file. use_dynamic_url:
    // served only at a random per-session URL the content script gets from
    // runtime.getURL, so no page can probe for it at the extension's id. Firefox's
    // content scripts import the extension's files without this (and MV2 has no
    // dynamic URLs), so its build lists nothing.
    // Chrome 148+: messages are structured clones, as Firefox's always are, not JSON. The
    // page's text (up to MAX_COLLECT_CHARS) goes to the background in one message; a clone
    // copies the string where JSON first builds a second one (issue 16, docs/benchmarks.md).
    // Older Chrome ignores the key and keeps JSON: every message is plain data either way.
    ...(browser === 'firefox' ? {} : { message_serialization: 'structured_clone' }),
    ...(browser === 'firefox'
      ? {}
      : { web_accessible_resources: [{ resources: [`${CARD_UI_ENTRYPOINT}.js`], matches: ['<all_urls>'], use_dynamic_url: true }] }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: config.firefoxId,
              // 140 (the current ESR) is the first to read data_collection_permissions,
              // which AMO requires: the extension collects nothing.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
