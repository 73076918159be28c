/**
 * Finds the built extension. The e2e tests never build it themselves: a missing build
 * is an error that says how to make one.
 *
 * By default they load the test build (`npm run build:test`, .output/test/<target>):
 * the store build with the automation contract's page events added (wxt.config.ts
 * QV_TEST_BUILD). `build: 'store'` loads what ships (.output/<target>), for the tests
 * that check the store build says nothing to the page.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './server.ts';

export type BuildTarget = 'chrome-mv3' | 'firefox-mv2';
/** `test`: .output/test/<target> (the default); `store`: .output/<target>, what ships. */
export type BuildKind = 'test' | 'store';

export interface BuiltExtension {
  target: BuildTarget;
  /** Which build was loaded; `undefined` for an explicit folder. */
  kind?: BuildKind;
  /** Absolute path of the unpacked extension (the folder holding manifest.json). */
  dir: string;
  /** The built manifest.json, parsed. */
  manifest: { version: string; name: string; manifest_version: number } & Record<string, unknown>;
}

const BROWSER: Record<BuildTarget, string> = { 'chrome-mv3': 'chrome', 'firefox-mv2': 'firefox' };

/** Where a build of `kind` for `target` lives, relative to the repository. */
export function buildFolder(target: BuildTarget, kind: BuildKind = 'test'): string {
  return kind === 'test' ? path.join('.output', 'test', target) : path.join('.output', target);
}

/**
 * The test build in `.output/test/<target>` (or the store build with `kind: 'store'`);
 * `dir` overrides where to look (an unpacked extension).
 */
export function builtExtension(target: BuildTarget, dir?: string, kind: BuildKind = 'test'): BuiltExtension {
  const folder = path.resolve(repoRoot, dir ?? buildFolder(target, kind));
  const manifestPath = path.join(folder, 'manifest.json');
  if (!existsSync(manifestPath)) {
    const script = kind === 'test' ? `build:test -- ${BROWSER[target]}` : `build:${BROWSER[target]}`;
    throw new Error(
      `The built extension is missing: ${manifestPath} does not exist. ` +
        `Run \`npm run build\` (or \`npm run ${script}\`) before the e2e tests.`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BuiltExtension['manifest'];
  return { target, dir: folder, manifest, ...(dir === undefined ? { kind } : {}) };
}
