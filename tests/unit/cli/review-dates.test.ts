/**
 * `review` prints dates as `check` does ("March 2025", "Tuesday, 16 December
 * 2025"), never the stored "2025-03" (review finding). In-process, stdout captured.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { formatDate } from '../../../src/cli/check/human';
import { reviewCommand } from '../../../src/cli/review-command';
import { buildCorpus } from '../../../src/corpus/build';
import { repoRoot, seedsDir } from '../corpus/helpers';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qv-review-dates-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

it('review list shows each date at its precision, in the check command\'s words', async () => {
  const corpusFile = join(dir, 'corpus.json');
  const reviewFile = join(dir, 'review.json');
  const built = await buildCorpus({
    dir: seedsDir,
    imports: [{ file: join(repoRoot, 'tests/fixtures/import/quotes.json') }],
    reviewFile,
    today: () => ({ year: 2000, month: 1, day: 1 }),
  });
  await writeFile(corpusFile, built.json);
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  expect(await reviewCommand(['list', '--all', '--corpus', corpusFile, '--review-file', reviewFile])).toBe(0);
  expect(out).toContain('Tomas Berg, March 2025\n');
  expect(out).toContain("Greta Lind (dockworkers' union leader), 1975\n");
  expect(out).not.toMatch(/, \d{4}-\d{2}/); // no stored form after a speaker (a URL may still hold one)
  const day = built.corpus.quotes.find((q) => q.datePrecision === 'day')!;
  expect(out).toContain(`, ${formatDate(day.date, 'day')}\n`);
  expect(formatDate(day.date, 'day')).toMatch(/^[A-Z][a-z]+day, \d{1,2} [A-Z][a-z]+ \d{4}$/);
});
