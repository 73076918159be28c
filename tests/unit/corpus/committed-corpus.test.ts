/**
 * data/corpus.json is the vetted artifact a reviewer reads: it must be what
 * the builder makes today from what quote-verifier.config.json names (the seed
 * documents and data/review.json), as `npm run build:corpus` does. Rebuild in
 * memory and compare.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { configBuildOptions } from '../../../src/cli/corpus-command';
import { loadConfigSync } from '../../../src/config/config';
import { buildCorpus } from '../../../src/corpus/build';
import { parseCorpusJson } from '../../../src/corpus/load';
import { build, repoRoot, seedsDir } from './helpers';

it('data/corpus.json is not stale against data/documents and data/review.json (run `npm run build:corpus`)', async () => {
  const committed = parseCorpusJson(await readFile(join(repoRoot, 'data/corpus.json'), 'utf8'), 'data/corpus.json');
  const { out, ...options } = configBuildOptions(loadConfigSync(join(repoRoot, 'quote-verifier.config.json')), repoRoot);
  expect(out).toBe(join(repoRoot, 'data/corpus.json'));
  const fresh = await buildCorpus({ ...options, today: () => ({ year: 2000, month: 1, day: 1 }) });
  expect(committed).toEqual(fresh.corpus);
  // The seed corpus ships reviewed: every quote approved, none pending.
  expect(fresh.corpus.quotes.every((q) => q.review?.state === 'approved')).toBe(true);
});

it('builds byte-identical output twice (no timestamps, stable order)', async () => {
  const [a, b] = [await build(seedsDir), await build(seedsDir)];
  expect(a.json).toBe(b.json);
  expect(a.json.endsWith('\n')).toBe(true);
});
