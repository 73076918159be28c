/**
 * In a source checkout, the compiled CLI (dist/cli) must not run code older than src/:
 * a bundle left from an earlier build silently scored an old builder (the development
 * set's scorer runs the package's bin). scripts/build-cli.mjs lists the project files it
 * bundled in dist/cli/sources.json; when one of them changed after that build, the CLI
 * rebuilds itself and runs the new bundle. An installed package has no src/ beside it:
 * nothing is checked there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The source file named by `sources.json` that is newer than the build, if any. */
export function staleSource(root: string, manifest: { builtAt: number; sources: string[] }): string | undefined {
  for (const file of manifest.sources) {
    let mtime: number;
    try {
      mtime = statSync(join(root, file)).mtimeMs;
    } catch {
      return file; // removed or renamed since the build
    }
    if (mtime > manifest.builtAt) return file;
  }
  return undefined;
}

/**
 * Runs before main: returns an exit code when the CLI was stale and the fresh bundle ran
 * in its place (or could not be built), undefined when this bundle is current.
 */
export function runFreshIfStale(bundle: string, args: readonly string[]): number | undefined {
  const outDir = dirname(bundle);
  const root = resolve(outDir, '..', '..');
  const builder = join(root, 'scripts', 'build-cli.mjs');
  const manifestFile = join(outDir, 'sources.json');
  if (!existsSync(join(root, 'src', 'cli', 'main.ts')) || !existsSync(builder) || !existsSync(manifestFile)) return undefined;
  let changed: string | undefined;
  try {
    changed = staleSource(root, JSON.parse(readFileSync(manifestFile, 'utf8')) as { builtAt: number; sources: string[] });
  } catch {
    return undefined; // an unreadable manifest: run as built
  }
  if (changed === undefined) return undefined;
  process.stderr.write(`quote-verifier: ${changed} changed after dist/cli was built; rebuilding it (npm run build:cli)\n`);
  // Built beside and swapped in, so another CLI running from dist/cli meanwhile keeps its files.
  const fresh = `${outDir}.rebuild-${process.pid}`;
  const built = spawnSync(process.execPath, [builder, '--out-dir', fresh, '--quiet'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) {
    rmSync(fresh, { recursive: true, force: true });
    process.stderr.write('quote-verifier: dist/cli is out of date and could not be rebuilt: run `npm run build:cli`\n');
    return 2;
  }
  const stale = `${outDir}.stale-${process.pid}`;
  renameSync(outDir, stale);
  renameSync(fresh, outDir);
  rmSync(stale, { recursive: true, force: true });
  const run = spawnSync(process.execPath, [bundle, ...args], { stdio: 'inherit' });
  return run.status ?? 1;
}
