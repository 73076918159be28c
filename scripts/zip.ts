/**
 * `npm run zip`: builds the Chrome and Firefox extensions, then writes three
 * reproducible archives next to the builds (docs/packaging.md):
 *   <name>-<version>-chrome.zip    for the Chrome Web Store
 *   <name>-<version>-firefox.zip   for addons.mozilla.org (AMO)
 *   <name>-<version>-sources.zip   the sources AMO's reviewers rebuild from
 *
 * Usage: node --import tsx scripts/zip.ts [--out-dir <dir>] [--no-build] [--quiet] [--allow-uncommitted]
 *   --out-dir            build and write there (default: $QV_OUT_DIR or .output)
 *   --no-build           package the builds already in the out dir
 *   --allow-uncommitted  package even when files the build reads are not committed
 *
 * The newsroom config ($QUOTE_VERIFIER_CONFIG, else quote-verifier.config.json)
 * names the zips (`zipName`) and must give every store field (`missingForStore`);
 * every file the build reads must be committed, since the sources archive holds
 * what git tracks. The sources archive also carries REBUILD.md: the exact
 * commands that rebuild these zips from it.
 *
 * `npm run zip` rebuilds the corpus first, like `npm run build`. Building is
 * part of zipping so that a package can never hold a stale build.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { archiveEpoch, createZip } from './zip/deterministic-zip.ts';
import { commitTime, listSources, listTree } from './zip/files.ts';
import { buildInputs, uncommittedInputs } from './zip/inputs.ts';
import { loadConfigSync, resolveConfigPath } from '../src/config/config.ts';

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
  allowUncommitted: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { outDir: resolve(ROOT, process.env.QV_OUT_DIR ?? '.output'), build: true, quiet: false, allowUncommitted: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out-dir') {
      const value = argv[++i];
      if (!value) throw new UsageError('--out-dir needs a directory');
      args.outDir = resolve(value);
    } else if (arg === '--no-build') args.build = false;
    else if (arg === '--quiet') args.quiet = true;
    else if (arg === '--allow-uncommitted') args.allowUncommitted = true;
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
      // A store package is a production build whatever the caller's NODE_ENV (a test runner sets "test"):
      // otherwise Preact's development JSX embeds each source file's absolute path, and the zip
      // would depend on the folder it was built in.
      env: { ...process.env, QV_OUT_DIR: outDir, QV_TEST_BUILD: '', NODE_ENV: 'production' },
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

/** The sources archive's own note for reviewers; generated, so it is the same in every run. */
const REBUILD_FILE = 'REBUILD.md';

function rebuildNote(configPath: string, epoch: number, zipBase: string, version: string): string {
  const env = `export SOURCE_DATE_EPOCH=${epoch} QUOTE_VERIFIER_CONFIG=${configPath}`;
  return [
    `# Rebuilding ${zipBase} ${version}`,
    '',
    'From this unpacked archive, with Node 20.19 or later and npm (Linux or macOS):',
    '',
    '```sh',
    env,
    'npm ci && npm run zip',
    '```',
    '',
    `\`.output/${zipBase}-${version}-chrome.zip\` and \`.output/${zipBase}-${version}-firefox.zip\` are then`,
    'byte-identical to the published ones (compare the SHA-256 `npm run zip` prints);',
    '`.output/firefox-mv2` holds the Firefox build unpacked.',
    '',
  ].join('\n');
}

function main(argv: string[]): number {
  const args = parseArgs(argv);
  const say = (line: string): void => {
    if (!args.quiet) process.stdout.write(`${line}\n`);
  };

  // The config the builds use (wxt.config.ts reads the same one).
  const config = loadConfigSync(resolveConfigPath());
  const configShown = relative(ROOT, config.file);
  if (config.missingForStore.length > 0) {
    throw new UsageError(
      `${configShown}: a store package needs ${config.missingForStore.join(', ')} in the config ` +
        '(npm run build works without them; see docs/newsroom.md, section 2)',
    );
  }
  const uncommitted = uncommittedInputs(ROOT, buildInputs(config));
  if (uncommitted && uncommitted.length > 0) {
    const lines = uncommitted.map((u) => `  ${u.path}: ${u.why}`).join('\n');
    if (!args.allowUncommitted) {
      throw new UsageError(
        `files the build reads are not committed, so the sources archive would not rebuild this package:\n${lines}\n` +
          'Commit them (git add … && git commit), or pass --allow-uncommitted for a package you will not publish.',
      );
    }
    process.stderr.write(`zip: warning: packaging uncommitted files (--allow-uncommitted):\n${lines}\n`);
  }

  const buildStart = performance.now();
  if (args.build) for (const { browser } of TARGETS) build(browser, args.outDir, args.quiet);
  const buildMs = performance.now() - buildStart;

  const zipStart = performance.now();
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
    const file = join(args.outDir, `${config.zipName}-${manifest.version}-${browser}.zip`);
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
  const sourcesFile = join(args.outDir, `${config.zipName}-${version}-sources.zip`);
  const note = { path: REBUILD_FILE, data: Buffer.from(rebuildNote(configShown.split(sep).join('/'), epoch, config.zipName, version!)), mode: 0o644 };
  writeAtomic(sourcesFile, createZip([...sources.entries.filter((e) => e.path !== REBUILD_FILE), note], epoch));
  archives.push({ file: sourcesFile, entries: sources.entries.length });
  const zipMs = performance.now() - zipStart;

  say(`Timestamps: ${new Date(epoch * 1000).toISOString()} (${process.env.SOURCE_DATE_EPOCH ? 'SOURCE_DATE_EPOCH' : headTime !== undefined ? 'HEAD commit time' : 'fixed'})`);
  for (const { file, entries } of archives) {
    const bytes = readFileSync(file);
    const sha = createHash('sha256').update(bytes).digest('hex');
    say(`  ${relative(process.cwd(), file)}  ${entries} files  ${(bytes.length / 1024).toFixed(1)} KiB  sha256 ${sha}`);
  }
  say(`${args.build ? `built in ${(buildMs / 1000).toFixed(1)} s, ` : ''}zipped in ${(zipMs / 1000).toFixed(1)} s`);
  say(`Rebuild from the sources archive (also in its ${REBUILD_FILE}): export SOURCE_DATE_EPOCH=${epoch} QUOTE_VERIFIER_CONFIG=${configShown}; npm ci && npm run zip`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`zip: ${(error as Error).message}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
