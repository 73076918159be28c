/**
 * A frozen copy of the working tree, for tests that build twice and compare:
 * a git worktree of HEAD, with the working tree's uncommitted changes (edited,
 * deleted and new unignored files) laid over it in one pass. Edits and commits
 * made in the real tree while the test runs cannot reach it, and it sits at a
 * different path from the real tree, as a fresh clone would.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Snapshot {
  dir: string;
  remove(): void;
}

const git = (cwd: string, args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
const paths = (out: string): string[] => out.split('\0').filter((p) => p !== '');

export function snapshotWorkingTree(root: string): Snapshot {
  const base = mkdtempSync(join(tmpdir(), 'qv-snapshot-'));
  const dir = join(base, 'tree');
  // Pin the commit first: everything below is relative to it, even if HEAD moves meanwhile.
  const commit = git(root, ['rev-parse', 'HEAD']).trim();
  git(root, ['worktree', 'add', '--detach', '--quiet', dir, commit]);
  const remove = (): void => {
    try {
      git(root, ['worktree', 'remove', '--force', dir]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  };
  try {
    const changed = paths(git(root, ['diff', '--name-only', '-z', commit]));
    const untracked = paths(git(root, ['ls-files', '--others', '--exclude-standard', '-z']));
    for (const path of [...changed, ...untracked]) {
      const from = join(root, path);
      const to = join(dir, path);
      if (existsSync(from)) {
        mkdirSync(dirname(to), { recursive: true });
        copyFileSync(from, to);
      } else rmSync(to, { force: true });
    }
    // Installed packages are not part of the tree: share the real tree's.
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  } catch (error) {
    remove();
    throw error;
  }
  return { dir, remove };
}
