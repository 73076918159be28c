/**
 * The installed package's own folder (where package.json, data/corpus.json and
 * assets/ are), found by walking up from this module: the same answer when the
 * CLI runs from source (src/cli/) and from the compiled bundle (dist/cli/).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'quote-verifier') return (root = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`quote-verifier: cannot find the package's package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** The package's version (package.json). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The bundled seed corpus: data/corpus.json of the package. */
export function bundledCorpus(): string {
  return path.join(packageRoot(), 'data', 'corpus.json');
}
