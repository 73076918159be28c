/**
 * Expands the command's arguments into the files to check: `-` is standard
 * input, an existing path is taken literally (even with glob characters in
 * its name), a directory means the articles under it, and anything else with
 * glob syntax is a glob (tinyglobby: Node 20 has no fs.glob).
 */
import { stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

export type Input = { kind: 'stdin'; path: '-' } | { kind: 'file'; path: string } | { kind: 'error'; path: string; error: string };

/** What a directory argument expands to: the formats `check` reads. */
export const ARTICLE_GLOB = '**/*.{html,htm,xhtml,shtml,md,markdown,mdown,mkd,mdx,txt}';

export async function expandInputs(args: readonly string[], cwd: string): Promise<Input[]> {
  const out: Input[] = [];
  const seen = new Set<string>();
  const add = (input: Input) => {
    const key = `${input.kind}:${input.path}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(input);
  };
  for (const arg of args) {
    if (arg === '-') {
      add({ kind: 'stdin', path: '-' });
      continue;
    }
    const info = await stat(resolve(cwd, arg)).catch(() => undefined);
    if (info?.isDirectory()) {
      const files = await glob(ARTICLE_GLOB, { cwd: resolve(cwd, arg), onlyFiles: true, expandDirectories: false });
      if (files.length === 0) add({ kind: 'error', path: arg, error: 'no HTML, Markdown or text files in this directory' });
      for (const f of files.sort()) add({ kind: 'file', path: join(arg, f) });
      continue;
    }
    if (info === undefined && isDynamicPattern(arg)) {
      // An absolute pattern gives absolute paths, a relative one paths relative to cwd, as typed.
      const files = await glob(arg, { cwd, onlyFiles: true, expandDirectories: false, absolute: isAbsolute(arg) });
      if (files.length === 0) add({ kind: 'error', path: arg, error: 'no files match this pattern' });
      for (const f of files.sort()) add({ kind: 'file', path: f });
      continue;
    }
    // A plain path, existing or not: reading it reports what is wrong.
    add({ kind: 'file', path: arg });
  }
  return out;
}
