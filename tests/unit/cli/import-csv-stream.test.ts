/**
 * `import` streams CSV files (src/cli/import-csv.ts). Its output must be
 * exactly what the whole-file merge gives (parseImport + mergeImport): the same
 * corpus bytes and review file, with a row repeating an earlier one, a row
 * adding a source to an approved seed quotation (which reopens it), and new
 * quotations in file order. Run for real, against copies of the seed files.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocBase, parseImport } from '../../../src/corpus/import';
import { mergeImport } from '../../../src/corpus/import/merge-into-corpus';
import { parseCorpusJson } from '../../../src/corpus/load';
import { parseReviewFile, serializeReviewFile } from '../../../src/corpus/review/review-file';
import { ROOT, runCli } from './run-cli';

const CLI_TEST_TIMEOUT_MS = 60_000;
const CSV = [
  'text,speaker,date,sourceTitle,sourceUrl',
  '"The harbor will open to ships before winter",Tomas Berg,2023-03,Council minutes,https://nb.example/minutes',
  '"We have only seen newspaper articles so far, and we will not respond to them. We have not seen any texts yet",Dmitry Peskov,2025-12-16,Briefing transcript,https://nb.example/briefing',
  '"The harbor will open to ships before winter",Tomas Berg,2023-03,Harbor newsletter,',
  '"The budget has no room for surprises",Ana Lopes,2023-03,Council minutes,',
  '',
].join('\n');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qv-import-stream-'));
  await copyFile(join(ROOT, 'data/corpus.json'), join(dir, 'corpus.json'));
  await copyFile(join(ROOT, 'data/review.json'), join(dir, 'review.json'));
  await writeFile(join(dir, 'rows.csv'), CSV);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('import of a CSV file, streamed', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('writes exactly what the whole-file merge writes', async () => {
    const corpusBefore = await readFile(join(dir, 'corpus.json'), 'utf8');
    const reviewBefore = await readFile(join(dir, 'review.json'), 'utf8');
    const r = await runCli(['import', 'rows.csv', '--out', 'corpus.json', '--review-file', 'review.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('4 rows -> 2 new quotations, 1 merged with quotations already in the corpus');
    expect(r.stdout).toMatch(/Pending again: 1 approved quotation/);

    const imported = parseImport(new TextEncoder().encode(CSV), { display: 'rows.csv', docBase: importDocBase(join(dir, 'rows.csv'), dir) });
    const expected = mergeImport(parseCorpusJson(corpusBefore, 'corpus.json'), parseReviewFile(reviewBefore, 'review.json'), imported.quotes, {
      corpusFile: 'corpus.json',
      importFile: 'rows.csv',
    });
    expect(await readFile(join(dir, 'corpus.json'), 'utf8')).toBe(`${JSON.stringify(expected.corpus, null, 2)}\n`);
    expect(await readFile(join(dir, 'review.json'), 'utf8')).toBe(serializeReviewFile(expected.file));
  });

  it('a bad row imports nothing, naming the row, its line and field', async () => {
    await writeFile(join(dir, 'bad.csv'), 'text,speaker,date,sourceTitle\n"Fine words",Ana Lopes,2023-03,Minutes\n"More words",,2023-03,Minutes\n');
    const before = await readFile(join(dir, 'corpus.json'), 'utf8');
    const r = await runCli(['import', 'bad.csv', '--out', 'corpus.json', '--review-file', 'review.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv.*row 2.*line 3.*speaker/);
    expect(await readFile(join(dir, 'corpus.json'), 'utf8')).toBe(before);
  });
});

describe('QuoteIdSet', () => {
  it('holds exactly the ids added, through growth', async () => {
    const { QuoteIdSet } = await import('../../../src/cli/import-csv');
    const set = new QuoteIdSet();
    const id = (n: number) => `q_${n.toString(16).padStart(8, '0')}${((n * 2654435761) >>> 0).toString(16).padStart(8, '0')}`;
    for (let n = 0; n < 200_000; n += 2) set.add(id(n));
    set.add(id(0));
    expect(set.size).toBe(100_000);
    for (let n = 0; n < 1000; n++) expect(set.has(id(n)), id(n)).toBe(n % 2 === 0);
    expect(() => set.add('q_nothex')).toThrow(/not a quote id/);
  });
});
