/**
 * Imports one of the extension's own ES modules into the calling content script's
 * isolated world (docs/architecture.md, "The card's UI is loaded when a card opens").
 * Chrome (MV3) lets a content script import only a web-accessible file: the build lists
 * the module with `use_dynamic_url`, so it is served only at a per-session random URL
 * that this call alone knows (the static extension id answers nothing to a page's probe).
 * Firefox (MV2) lets content scripts import the extension's files without listing them.
 * A relative specifier would resolve against the page's URL, so the URL is absolute.
 */

/**
 * The browser's own `chrome` global (Chrome, and Firefox's content scripts), not WXT's
 * `browser` wrapper: Mozilla's add-on linter accepts `import()` only of
 * `chrome.runtime.getURL(…)` or `browser.runtime.getURL(…)` as written, and a bundled
 * wrapper is renamed by the minifier (tests/e2e/firefox-lint.test.ts).
 */
declare const chrome: { runtime: { getURL(path: string): string } };

/** The module's default export; the promise rejects when the file cannot be loaded. */
export async function importExtensionModule<T>(file: string): Promise<T> {
  const module = (await import(/* @vite-ignore */ chrome.runtime.getURL(`/${file}`))) as { default: T };
  return module.default;
}
