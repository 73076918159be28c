// Lint: TypeScript rules plus the layer rules that keep each room its own.
// Layers (a folder may import only from the ones listed for it):
//   src/text      -> nothing of ours
//   src/corpus    -> src/text               (src/corpus/build is Node-only)
//   src/match     -> src/text, src/corpus   (pure: no DOM, no browser API)
//   src/page      -> src/text, src/match, src/corpus (types)
//   src/ui        -> src/text, src/match, src/corpus, src/platform/messages.ts (types); props only
//   src/host      -> src/text, src/corpus, src/match, src/platform/messages.ts (types);
//                    pure background logic: no browser API, no DOM
//   src/platform  -> the only place that imports wxt/browser
//   src/cli       -> anything in src but ui and platform (it reuses src/page's
//                    collectText on a linkedom DOM, for parity with the extension)
//   src/config    -> src/text, src/corpus   (newsroom config; Node-only, build time)
//   src/settings  -> src/text               (the reader's settings model; pure)
//   entrypoints   -> compose; nothing imports them
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const zone = (target, from, message, except) => (except ? { target, from, message, except } : { target, from, message });

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'coverage/**', 'dist/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            zone('./src', './entrypoints', 'Nothing imports entrypoints: they only compose.'),
            zone('./src/text', './src/corpus', 'src/text is the bottom layer.'),
            zone('./src/text', './src/match', 'src/text is the bottom layer.'),
            zone('./src/text', './src/page', 'src/text is the bottom layer.'),
            zone('./src/text', './src/ui', 'src/text is the bottom layer.'),
            zone('./src/text', './src/platform', 'src/text is the bottom layer.'),
            zone('./src/text', './src/cli', 'src/text is the bottom layer.'),
            zone('./src/corpus', './src/match', 'The corpus does not depend on the matcher.'),
            zone('./src/corpus', './src/page', 'The corpus is pure data code.'),
            zone('./src/corpus', './src/ui', 'The corpus is pure data code.'),
            zone('./src/corpus', './src/platform', 'The corpus is pure data code.'),
            zone('./src/corpus', './src/cli', 'The CLI uses the corpus, not the reverse.'),
            zone('./src/match', './src/page', 'src/match is pure: no DOM.'),
            zone('./src/match', './src/ui', 'src/match is pure: no UI.'),
            zone('./src/match', './src/platform', 'src/match is pure: no browser API.'),
            zone('./src/match', './src/corpus/build', 'src/match runs in the browser: no Node-only code.'),
            zone('./src/match', './src/cli', 'src/match is pure.'),
            zone('./src/page', './src/ui', 'In-page scanning never imports the UI (Hypothesis rule).'),
            zone('./src/page', './src/platform', 'src/page takes platform services as arguments (message types are plain data).', ['./messages.ts']),
            zone('./src/page', './src/corpus/build', 'Node-only code stays out of the page.'),
            zone('./src/page', './src/cli', 'The page does not use the CLI.'),
            zone('./src/ui', './src/page', 'UI components take props only.'),
            zone('./src/ui', './src/platform', 'UI components take props only (message types are plain data).', ['./messages.ts']),
            zone('./src/ui', './src/corpus/build', 'Node-only code stays out of the UI.'),
            zone('./src/ui', './src/cli', 'The UI does not use the CLI.'),
            zone('./src/platform', './src/ui', 'Platform code does not render UI.'),
            zone('./src/text', './src/host', 'src/text is the bottom layer.'),
            zone('./src/corpus', './src/host', 'The corpus is pure data code.'),
            zone('./src/match', './src/host', 'The engine does not know who hosts it.'),
            zone('./src/page', './src/host', 'The page talks to the host by message only.'),
            zone('./src/ui', './src/host', 'UI components take props only.'),
            zone('./src/platform', './src/host', 'Platform wrappers take handlers; entrypoints wire the host in.'),
            zone('./src/host', './src/page', 'src/host is background logic: no DOM.'),
            zone('./src/host', './src/ui', 'src/host does not render UI.'),
            zone('./src/host', './src/corpus/build', 'Node-only code stays out of the extension.'),
            zone('./src/host', './src/cli', 'The host does not use the CLI.'),
            zone('./src/host', './src/platform', 'src/host is pure: only the message types.', ['./messages.ts']),
            zone('./src/platform', './src/corpus/build', 'Node-only code stays out of the extension.'),
            zone('./src/platform', './src/cli', 'The extension does not use the CLI.'),
            zone('./entrypoints', './src/corpus/build', 'Node-only code stays out of the extension.'),
            zone('./entrypoints', './src/cli', 'The extension does not use the CLI.'),
            zone('./src/cli', './src/ui', 'The CLI renders text, not Preact components.'),
            zone('./src/cli', './src/platform', 'The CLI runs in Node: no browser API.'),
            // src/config: the newsroom config (Node-only, build time): zod + node:fs.
            zone('./src/config', './src/ui', 'The config is read at build time.'),
            zone('./src/config', './src/platform', 'The config is read at build time.'),
            zone('./src/config', './src/page', 'The config is read at build time.'),
            zone('./src/config', './src/host', 'The config is read at build time.'),
            zone('./src/config', './src/cli', 'The CLI uses the config, not the reverse.'),
            zone('./src/match', './src/config', 'Node-only code stays out of the extension.'),
            zone('./src/page', './src/config', 'Node-only code stays out of the extension.'),
            zone('./src/ui', './src/config', 'Node-only code stays out of the extension.'),
            zone('./src/host', './src/config', 'Node-only code stays out of the extension.'),
            zone('./src/platform', './src/config', 'Node-only code stays out of the extension.'),
            zone('./entrypoints', './src/config', 'Node-only code stays out of the extension.'),
            // src/settings: the reader's settings model, pure (no browser API): platform stores it.
            zone('./src/settings', './src/platform', 'Settings are plain data; src/platform stores them.'),
            zone('./src/settings', './src/ui', 'Settings are plain data.'),
            zone('./src/settings', './src/page', 'Settings are plain data.'),
            zone('./src/settings', './src/host', 'Settings are plain data.'),
            zone('./src/settings', './src/cli', 'Settings are plain data.'),
            zone('./src/settings', './src/config', 'Settings are plain data.'),
          ],
        },
      ],
      // Only src/platform may touch browser APIs.
      'no-restricted-imports': ['error', { paths: [{ name: 'wxt/browser', message: 'Use src/platform.' }] }],
    },
  },
  {
    files: ['src/platform/**', 'tests/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The card ships in the content script (budget: 30 kB gzip): zod, and the schema
    // module that pulls it in, may appear only as type imports.
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'wxt/browser', message: 'Use src/platform.' },
            { name: 'zod', message: 'zod stays out of the content bundle: the corpus is validated at build time and in the background.' },
          ],
          patterns: [
            {
              group: ['**/corpus/schema', '**/corpus/schema.ts'],
              allowTypeImports: true,
              message: 'Type imports only: the schema module pulls zod into the content bundle.',
            },
          ],
        },
      ],
    },
  },
  {
    // Pure layers: no DOM or extension globals.
    files: ['src/text/**', 'src/match/**', 'src/corpus/**', 'src/host/**', 'src/settings/**'],
    rules: {
      'no-restricted-globals': ['error', 'document', 'window', 'browser', 'chrome', 'navigator', 'location'],
    },
  },
);
