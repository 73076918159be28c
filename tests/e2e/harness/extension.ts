/**
 * Finds the built extension. The e2e tests test what ships, so they never build it
 * themselves: a missing build is an error that says how to make one.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './server.ts';

export type BuildTarget = 'chrome-mv3' | 'firefox-mv2';

export interface BuiltExtension {
  target: BuildTarget;
  /** Absolute path of the unpacked extension (the folder holding manifest.json). */
  dir: string;
  /** The built manifest.json, parsed. */
  manifest: { version: string; name: string; manifest_version: number } & Record<string, unknown>;
}

const BUILD_SCRIPT: Record<BuildTarget, string> = {
  'chrome-mv3': 'build:chrome',
  'firefox-mv2': 'build:firefox',
};

/** The build in `.output/<target>`; `dir` overrides where to look (an unpacked extension). */
export function builtExtension(target: BuildTarget, dir?: string): BuiltExtension {
  const folder = path.resolve(repoRoot, dir ?? path.join('.output', target));
  const manifestPath = path.join(folder, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(
      `The built extension is missing: ${manifestPath} does not exist. ` +
        `Run \`npm run build\` (or \`npm run ${BUILD_SCRIPT[target]}\`) before the e2e tests.`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BuiltExtension['manifest'];
  return { target, dir: folder, manifest };
}
