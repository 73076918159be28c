/**
 * What goes into each archive: a built extension directory, or the sources a
 * reviewer needs to rebuild it (what git tracks, as it is in the working tree).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ZipEntry } from './deterministic-zip.ts';

/**
 * Never part of the sources archive, even if tracked by mistake: build output,
 * installed packages, generated types and test artifacts, all rebuilt by
 * `npm ci && npm run build`.
 */
export const SOURCES_EXCLUDED = ['.git/', '.output/', '.wxt/', 'dist/', 'node_modules/', 'tests/e2e/artifacts/'];

/** Git's mode for an executable file; everything else is stored 0644. */
const GIT_EXECUTABLE = '100755';

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** Every file under `dir`, recursively, with paths relative to it; `skip` leaves out a path (a folder's ends with "/") unread. */
export function listTree(dir: string, skip: (path: string) => boolean = () => false): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const walk = (current: string): void => {
    for (const item of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, item.name);
      const rel = toPosix(relative(dir, full));
      if (skip(item.isDirectory() || item.isSymbolicLink() ? `${rel}/` : rel)) continue;
      if (item.isDirectory()) walk(full);
      else if (item.isFile()) entries.push({ path: toPosix(relative(dir, full)), data: readFileSync(full) });
      else throw new Error(`${full}: not a regular file or directory; a package holds files only`);
    }
  };
  walk(dir);
  return entries;
}

function excluded(path: string): boolean {
  return SOURCES_EXCLUDED.some((prefix) => path.startsWith(prefix));
}

export interface Sources {
  entries: ZipEntry[];
  /** Where the list came from: git's index, or a walk of the directory outside git. */
  origin: 'git' | 'directory';
  /** Tracked files that differ from the commit (the archive holds their working-tree content). */
  modified: string[];
}

/**
 * The sources archive's files. In a git checkout: the tracked files (`git ls-files`),
 * with git's executable bit; tracked files deleted from the working tree are left
 * out. Outside git (e.g. an unpacked sources archive): every file but SOURCES_EXCLUDED.
 */
export function listSources(root: string): Sources {
  let listing: string;
  try {
    listing = execFileSync('git', ['ls-files', '--stage', '-z'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    // Not walked at all: node_modules is large (and may be a link to a shared one).
    const entries = listTree(root, excluded);
    return { entries, origin: 'directory', modified: [] };
  }
  const entries: ZipEntry[] = [];
  for (const record of listing.split('\0')) {
    if (record === '') continue;
    // "<mode> <object> <stage>\t<path>"
    const tab = record.indexOf('\t');
    const mode = record.slice(0, record.indexOf(' '));
    const path = record.slice(tab + 1);
    if (excluded(path)) continue;
    const full = join(root, path);
    let isFile: boolean;
    try {
      isFile = statSync(full).isFile();
    } catch {
      continue; // deleted in the working tree: not part of what was built
    }
    if (!isFile) continue;
    entries.push({ path, data: readFileSync(full), mode: mode === GIT_EXECUTABLE ? 0o755 : 0o644 });
  }
  const status = execFileSync('git', ['status', '--porcelain', '-z', '--untracked-files=no'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const modified = status
    .split('\0')
    .filter((r) => r.length > 3)
    .map((r) => r.slice(3));
  return { entries, origin: 'git', modified };
}

/** Seconds since 1970 of the HEAD commit, or undefined outside git. */
export function commitTime(root: string): number | undefined {
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return /^\d+$/.test(out) ? Number(out) : undefined;
  } catch {
    return undefined;
  }
}
