/**
 * data/corpus.json is the vetted artifact a reviewer reads: it must be what
 * the builder makes from data/documents today. Rebuild in memory and compare.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseCorpusJson } from '../../../src/corpus/load';
import { build, repoRoot, seedsDir } from './helpers';

it('data/corpus.json is not stale against data/documents (run `npm run build:corpus`)', async () => {
  const committed = parseCorpusJson(await readFile(join(repoRoot, 'data/corpus.json'), 'utf8'), 'data/corpus.json');
  const fresh = await build(seedsDir);
  expect(committed).toEqual(fresh.corpus);
});

it('builds byte-identical output twice (no timestamps, stable order)', async () => {
  const [a, b] = [await build(seedsDir), await build(seedsDir)];
  expect(a.json).toBe(b.json);
  expect(a.json.endsWith('\n')).toBe(true);
});
