/**
 * `npm run zip`: builds the Chrome and Firefox extensions, then writes three
 * reproducible archives next to the builds (docs/packaging.md):
 *   <name>-<version>-chrome.zip    for the Chrome Web Store
 *   <name>-<version>-firefox.zip   for addons.mozilla.org (AMO)
 *   <name>-<version>-sources.zip   the sources AMO's reviewers rebuild from
 *
 * Usage: node --import tsx scripts/zip.ts [--out-dir <dir>] [--no-build] [--quiet]
 *   --out-dir   build and write there (default: $QV_OUT_DIR or .output)
 *   --no-build  package the builds already in the out dir
 *
 * `npm run zip` rebuilds the corpus first, like `npm run build`. Building is
 * part of zipping so that a package can never hold a stale build.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { archiveEpoch, createZip } from './zip/deterministic-zip.ts';
import { commitTime, listSources, listTree } from './zip/files.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The builds, as WXT names their directories. */
const TARGETS = [
  { browser: 'chrome', dir: 'chrome-mv3' },
  { browser: 'firefox', dir: 'firefox-mv2' },
] as const;

interface Args {
  outDir: string;
  build: boolean;
  quiet: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { outDir: resolve(ROOT, process.env.QV_OUT_DIR ?? '.output'), build: true, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out-dir') {
      const value = argv[++i];
      if (!value) throw new UsageError('--out-dir needs a directory');
      args.outDir = resolve(value);
    } else if (arg === '--no-build') args.build = false;
    else if (arg === '--quiet') args.quiet = true;
    else throw new UsageError(`unknown argument "${arg}"`);
  }
  return args;
}

class UsageError extends Error {}

function wxtBin(): string {
  // wxt's package exports do not expose package.json: find it above its entry.
  let dir = dirname(createRequire(import.meta.url).resolve('wxt'));
  while (!existsSync(join(dir, 'package.json'))) {
    if (dirname(dir) === dir) throw new Error('cannot find the wxt package');
    dir = dirname(dir);
  }
  const bin = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { bin?: Record<string, string> }).bin?.wxt;
  if (!bin) throw new Error('wxt has no "wxt" binary');
  return join(dir, bin);
}

function build(browser: string, outDir: string, quiet: boolean): void {
  const wxt = wxtBin();
  try {
    execFileSync(process.execPath, [wxt, 'build', '-b', browser], {
      cwd: ROOT,
      // What ships is a store build, never a test build (wxt.config.ts QV_TEST_BUILD).
      env: { ...process.env, QV_OUT_DIR: outDir, QV_TEST_BUILD: '' },
      stdio: quiet ? 'pipe' : 'inherit',
      encoding: 'utf8',
    });
  } catch (error) {
    const e = error as Error & { stdout?: string; stderr?: string };
    throw new Error(`wxt build -b ${browser} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** Readers see the old archive or the new one, never half of one. */
function writeAtomic(path: string, data: Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, data, { flush: true });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

function safeName(name: string): string {
  return name.replace(/^@/, '').replace(/[^A-Za-z0-9._-]+/g, '-');
}

function main(argv: string[]): number {
  const args = parseArgs(argv);
  const say = (line: string): void => {
    if (!args.quiet) process.stdout.write(`${line}\n`);
  };

  const buildStart = performance.now();
  if (args.build) for (const { browser } of TARGETS) build(browser, args.outDir, args.quiet);
  const buildMs = performance.now() - buildStart;

  const zipStart = performance.now();
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string };
  const headTime = commitTime(ROOT);
  const epoch = archiveEpoch(process.env, headTime);
  const archives: { file: string; entries: number }[] = [];
  let version: string | undefined;
  for (const { browser, dir } of TARGETS) {
    const buildDir = join(args.outDir, dir);
    const manifestPath = join(buildDir, 'manifest.json');
    if (!existsSync(manifestPath)) throw new Error(`${manifestPath} not found: build first (or drop --no-build)`);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
    if (version !== undefined && manifest.version !== version) throw new Error(`the builds disagree on the version (${version}, ${manifest.version})`);
    version = manifest.version;
    const entries = listTree(buildDir);
    const file = join(args.outDir, `${safeName(pkg.name)}-${manifest.version}-${browser}.zip`);
    writeAtomic(file, createZip(entries, epoch));
    archives.push({ file, entries: entries.length });
  }

  const sources = listSources(ROOT);
  if (sources.modified.length > 0) {
    process.stderr.write(
      `zip: warning: ${sources.modified.length} tracked file(s) differ from the commit (${sources.modified.slice(0, 5).join(', ')}${sources.modified.length > 5 ? ', …' : ''}); ` +
        'the sources archive holds them as they are now. Commit before packaging a release.\n',
    );
  }
  const sourcesFile = join(args.outDir, `${safeName(pkg.name)}-${version}-sources.zip`);
  writeAtomic(sourcesFile, createZip(sources.entries, epoch));
  archives.push({ file: sourcesFile, entries: sources.entries.length });
  const zipMs = performance.now() - zipStart;

  say(`Timestamps: ${new Date(epoch * 1000).toISOString()} (${process.env.SOURCE_DATE_EPOCH ? 'SOURCE_DATE_EPOCH' : headTime !== undefined ? 'HEAD commit time' : 'fixed'})`);
  for (const { file, entries } of archives) {
    const bytes = readFileSync(file);
    const sha = createHash('sha256').update(bytes).digest('hex');
    say(`  ${relative(process.cwd(), file)}  ${entries} files  ${(bytes.length / 1024).toFixed(1)} KiB  sha256 ${sha}`);
  }
  say(`${args.build ? `built in ${(buildMs / 1000).toFixed(1)} s, ` : ''}zipped in ${(zipMs / 1000).toFixed(1)} s`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`zip: ${(error as Error).message}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
