/**
 * Issue 6 §4: building twice from the same tree gives byte-identical packages.
 * Freezes the working tree (a worktree of HEAD plus uncommitted changes, so
 * others' edits and commits during the run cannot get in), runs its
 * `scripts/zip.ts` (build + zip) twice into two fresh directories, then
 * compares the three archives byte for byte and reads their central directories
 * with an independent reader: sorted names, one fixed timestamp, fixed modes.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotWorkingTree, type Snapshot } from './packaging/snapshot.ts';
import { readCentralDirectory, type CentralEntry } from './packaging/zip-central-directory.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const ARCHIVES = ['chrome', 'firefox', 'sources'].map((kind) => `quote-verifier-${VERSION}-${kind}.zip`);
const UNIX = 3;

function runZip(tree: string, outDir: string): void {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.SOURCE_DATE_EPOCH; // the default path: the HEAD commit's time
  delete env.QV_OUT_DIR;
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/zip.ts', '--out-dir', outDir, '--quiet', '--allow-uncommitted'], { cwd: tree, env, stdio: 'pipe' });
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split('\\').join('/'));
}

const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe('npm run zip is reproducible', () => {
  let first: string;
  let second: string;
  const central = new Map<string, CentralEntry[]>();

  let snapshot: Snapshot | undefined;
  // What the archives must say about the frozen tree.
  let commitTime: number;
  let tracked: string[];

  beforeAll(() => {
    snapshot = snapshotWorkingTree(ROOT);
    const tree = snapshot.dir;
    commitTime = Number(execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: tree, encoding: 'utf8' }).trim());
    tracked = execFileSync('git', ['ls-files', '-z'], { cwd: tree, encoding: 'utf8' })
      .split('\0')
      .filter((p) => p !== '' && existsSync(join(tree, p)));
    first = mkdtempSync(join(tmpdir(), 'qv-zip-a-'));
    second = mkdtempSync(join(tmpdir(), 'qv-zip-b-'));
    runZip(tree, first);
    runZip(tree, second);
    for (const name of ARCHIVES) central.set(name, readCentralDirectory(readFileSync(join(first, name))));
  });
  afterAll(() => {
    for (const dir of [first, second]) if (dir) rmSync(dir, { recursive: true, force: true });
    snapshot?.remove();
  });

  it('writes the Chrome, Firefox and sources archives', () => {
    for (const name of ARCHIVES) expect(existsSync(join(first, name)), name).toBe(true);
  });

  it('gives byte-identical archives on two builds of the same tree', () => {
    const hashes = (dir: string) => Object.fromEntries(ARCHIVES.map((name) => [name, sha256(join(dir, name))]));
    expect(hashes(second)).toEqual(hashes(first));
  });

  it('stores entries sorted by name, files only, no duplicates', () => {
    for (const [name, entries] of central) {
      const names = entries.map((e) => e.name);
      expect(names.length, name).toBeGreaterThan(0);
      expect(names, name).toEqual([...names].sort(byBytes));
      expect(new Set(names).size, name).toBe(names.length);
      expect(names.filter((n) => n.endsWith('/')), name).toEqual([]);
    }
  });

  it('stamps every entry with the HEAD commit time (UTC, to the 2 s a zip can say)', () => {
    const expected = commitTime - (commitTime % 2);
    for (const [name, entries] of central) {
      expect(new Set(entries.map((e) => e.seconds)), name).toEqual(new Set([expected]));
      for (const e of entries) expect(e.local, `${name}: ${e.name}`).toEqual({ dosTime: e.dosTime, dosDate: e.dosDate });
    }
  });

  it('records Unix regular files 0644 (0755 only where git says executable), deflated', () => {
    for (const [name, entries] of central) {
      for (const e of entries) {
        expect(e.madeBy, `${name}: ${e.name}`).toBe(UNIX);
        expect([0o100644, 0o100755], `${name}: ${e.name} mode ${e.unixMode.toString(8)}`).toContain(e.unixMode);
        expect(e.method, `${name}: ${e.name}`).toBe(8);
      }
    }
    const builds = [...central].filter(([name]) => !name.endsWith('-sources.zip')).flatMap(([, entries]) => entries);
    expect(builds.every((e) => e.unixMode === 0o100644)).toBe(true);
  });

  it('packs exactly the build directories', () => {
    for (const [kind, dir] of [['chrome', 'chrome-mv3'], ['firefox', 'firefox-mv2']] as const) {
      const names = central.get(`quote-verifier-${VERSION}-${kind}.zip`)?.map((e) => e.name);
      expect(names).toContain('manifest.json');
      expect(names).toEqual(filesUnder(join(first, dir)).sort(byBytes));
    }
  });

  it('puts the tracked sources a reviewer rebuilds from in the sources archive, and no build output', () => {
    const names = central.get(`quote-verifier-${VERSION}-sources.zip`)?.map((e) => e.name) ?? [];
    // The tracked files, plus the generated note with the exact rebuild commands.
    expect(names).toEqual([...tracked, 'REBUILD.md'].sort(byBytes));
    for (const needed of ['package.json', 'package-lock.json', 'README.md', 'docs/packaging.md', 'wxt.config.ts']) expect(names).toContain(needed);
    expect(names.filter((n) => /^(node_modules|\.output|\.wxt|dist|tests\/e2e\/artifacts)\//.test(n))).toEqual([]);
  });
});
