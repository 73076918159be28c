/**
 * The files a newsroom build reads (the config, its documents, imports, review
 * file and icons) must be committed before `npm run zip`: the sources archive
 * holds what git tracks, and AMO's reviewers rebuild from it. Lists the ones
 * that are not: untracked (or ignored), changed since the commit, or outside
 * the repository.
 */
import { execFileSync } from 'node:child_process';
import { isAbsolute, relative } from 'node:path';
import type { NewsroomConfig } from '../../src/config/config.ts';

export interface Uncommitted {
  path: string;
  why: 'not committed' | 'changed since the last commit' | 'outside the repository';
}

/** Paths (absolute) the build reads: directories stand for every file under them. */
export function buildInputs(config: NewsroomConfig): string[] {
  return [
    config.file,
    ...(config.documents === undefined ? [] : [config.documents]),
    ...config.imports.map((i) => i.file),
    config.reviewFile,
    ...Object.values(config.icons),
  ];
}

const list = (out: string) => out.split('\0').filter((p) => p !== '');

/** The inputs that are not committed; undefined outside a git checkout (an unpacked sources archive). */
export function uncommittedInputs(root: string, inputs: readonly string[]): Uncommitted[] | undefined {
  const git = (args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  try {
    git(['rev-parse', '--is-inside-work-tree']);
  } catch {
    return undefined;
  }
  const found: Uncommitted[] = [];
  const inside: string[] = [];
  for (const p of inputs) {
    const rel = relative(root, p);
    if (rel.startsWith('..') || isAbsolute(rel)) found.push({ path: p, why: 'outside the repository' });
    else inside.push(rel);
  }
  if (inside.length) {
    // --others without --exclude-standard: an ignored article is missing from the sources too.
    for (const path of list(git(['ls-files', '--others', '-z', '--', ...inside]))) {
      // Hidden files (an editor's swap file, .DS_Store) are not read by the build.
      if (!path.split('/').some((part) => part.startsWith('.'))) found.push({ path, why: 'not committed' });
    }
    for (const path of list(git(['diff', '--name-only', '-z', 'HEAD', '--', ...inside]))) found.push({ path, why: 'changed since the last commit' });
  }
  return found;
}
