/**
 * Import source ids (`import:<path>#<row>`) and vetted imports: two files with
 * the same name in different folders are two sources, and only the entry
 * marked approved is vetted (review finding: both were named `import:q.json`,
 * so the unvetted file's quotes shipped as approved and a source was lost).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildFailedError, buildCorpus, mergeQuotes, PendingReviewError } from '../../../../src/corpus/build';
import { importDocBase } from '../../../../src/corpus/import';
import type { Quote } from '../../../../src/corpus/schema';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qv-import-names-'));
  await mkdir(join(dir, 'a'));
  await mkdir(join(dir, 'b'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const row = (text: string, title: string) => ({ text, speaker: 'Greta Lind', date: '1975', source: { title } });
const SHARED = 'The harbour belongs to the people who work in it';

describe('import source names', () => {
  it('are the path relative to the base folder, with / separators', () => {
    expect(importDocBase(join(dir, 'a', 'q.json'), dir)).toBe('import:a/q.json');
    expect(importDocBase(join(dir, 'q.json'), dir)).toBe('import:q.json');
  });

  it('two q.json in different folders: only the approved entry is vetted, and both sources are kept', async () => {
    const a = join(dir, 'a', 'q.json');
    const b = join(dir, 'b', 'q.json');
    await writeFile(a, JSON.stringify([row(SHARED, 'Vetted book')]));
    await writeFile(b, JSON.stringify([row('Nobody checked this one', 'Unvetted blog'), row(SHARED, 'Unvetted blog')]));
    const options = { imports: [{ file: a, approved: true }, { file: b }], importBase: dir, reviewFile: join(dir, 'no-review.json'), strict: true };
    const error = await buildCorpus(options).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PendingReviewError);
    const pending = (error as PendingReviewError).pending;
    expect(pending.map((q) => q.text)).toEqual(['Nobody checked this one']);
    expect(pending[0]!.sources.map((s) => s.docId)).toEqual(['import:b/q.json#1']);
    const shared = (error as PendingReviewError).result.corpus.quotes.find((q) => q.text === SHARED)!;
    expect(shared.sources.map((s) => [s.docId, s.title])).toEqual([
      ['import:a/q.json#1', 'Vetted book'],
      ['import:b/q.json#2', 'Unvetted blog'],
    ]);
    expect(shared.review).toEqual({ state: 'approved', reviewer: 'a/q.json (imported as vetted)' });
  });

  it('refuses one file listed twice (its rows would share source ids)', async () => {
    const a = join(dir, 'a', 'twice.json');
    await writeFile(a, JSON.stringify([row(SHARED, 'Vetted book')]));
    await expect(buildCorpus({ imports: [{ file: a, approved: true }, { file: a, display: 'again.json' }], importBase: dir })).rejects.toThrow(
      'again.json: the same import file as',
    );
  });
});

describe('mergeQuotes and source ids', () => {
  const quote = (title: string, url?: string): Quote => ({
    id: 'q_0123456789ab',
    text: SHARED,
    kind: 'direct',
    speaker: { name: 'Greta Lind' },
    date: '1975',
    datePrecision: 'year',
    dateBasis: 'imported',
    sources: [{ docId: 'import:q.json#1', title, ...(url ? { url } : {}) }],
    context: '',
  });

  it('merges the same source reported twice', () => {
    const { quotes } = mergeQuotes([
      { quote: quote('Book'), file: 'x' },
      { quote: quote('Book'), file: 'y' },
    ]);
    expect(quotes[0]!.sources).toHaveLength(1);
  });

  it('never silently drops a different source that has the same id: it fails naming both', () => {
    let error: unknown;
    try {
      mergeQuotes([
        { quote: quote('Book'), file: 'x' },
        { quote: quote('Blog', 'https://blog.example.org/'), file: 'y' },
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BuildFailedError);
    expect((error as Error).message).toContain('y: q_0123456789ab: source import:q.json#1 is "Blog" <https://blog.example.org/> here but "Book" already');
  });
});
