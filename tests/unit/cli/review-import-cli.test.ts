/**
 * `quote-verifier import`, `review` and `corpus --config/--strict` as users run
 * them: the real CLI in a child process, on temporary copies, so the committed
 * data/ files never change.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../../../src/corpus/schema';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin/quote-verifier.mjs');
const FIXTURES = join(ROOT, 'tests/fixtures/import');
/** Each run starts Node and compiles TypeScript: a few seconds on this machine. */
const CLI_TEST_TIMEOUT_MS = 90_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (!options.env?.QUOTE_VERIFIER_CONFIG) delete env.QUOTE_VERIFIER_CONFIG;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end('');
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qv-cli-review-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const readCorpus = async (f: string) => JSON.parse(await readFile(f, 'utf8')) as Corpus;

describe('quote-verifier import', () => {
  it('merges a JSON database into a copy of the seed corpus; review list shows the new quotes with context and source', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    const corpus = join(dir, 'import-corpus.json');
    const review = join(dir, 'import-review.json');
    await copyFile(join(ROOT, 'data/corpus.json'), corpus);
    await copyFile(join(ROOT, 'data/review.json'), review);
    const r = await run(['import', join(FIXTURES, 'quotes.json'), '--out', corpus, '--review-file', review]);
    expect(r.stderr, 'only the line naming the corpus').toMatch(/^quote-verifier \w+: corpus [^\n]+\n$/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 rows -> 2 new quotations, 1 merged with quotations already in the corpus/);
    const c = await readCorpus(corpus);
    expect(c.quotes).toHaveLength(10);
    const truce = c.quotes.find((q) => q.text.startsWith('A truce'))!;
    expect(truce.sources.map((s) => s.docId)).toEqual(['001_6fe8beb8b73725d2', 'import:tests/fixtures/import/quotes.json#1']);
    // An unvetted import gave an approved quote a new source: pending again (review finding).
    expect(truce.review).toEqual({ state: 'pending', note: 'new source from import:tests/fixtures/import/quotes.json#1; review again' });
    expect(r.stdout).toContain(`Pending again: 1 approved quotation gained a source nobody reviewed:\n  ${truce.id}  new source from import:tests/fixtures/import/quotes.json#1; review again`);

    const list = await run(['review', 'list', '--corpus', corpus, '--review-file', review]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('[pending]  Greta Lind (dockworkers\' union leader), 1975');
    expect(list.stdout).toContain('“The harbour belongs to the people who work in it, not to the people who own it”');
    expect(list.stdout).toContain('    Lind addressed the strike rally at the east gate.');
    expect(list.stdout).toContain('source: Voices of the Strike (1976) — Northbridge Press [import:tests/fixtures/import/quotes.json#2]');
    expect(list.stdout).toContain('A truce in itself');
    expect(list.stdout).toMatch(/10 quotes: 7 approved, 0 rejected, 3 pending\n$/);
  });

  it('a bad row imports nothing: the corpus and the review file stay byte-identical', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    const corpus = join(dir, 'bad-corpus.json');
    const review = join(dir, 'bad-review.json');
    await copyFile(join(ROOT, 'data/corpus.json'), corpus);
    await copyFile(join(ROOT, 'data/review.json'), review);
    const [c0, r0] = [await readFile(corpus), await readFile(review)];
    const r = await run(['import', 'tests/fixtures/import/bad.csv', '--out', corpus, '--review-file', review, '--approved', '--reviewer', 'Ed']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tests/fixtures/import/bad.csv: row 2 (line 3): date: "03/2025" is not YYYY, YYYY-MM or YYYY-MM-DD');
    expect(r.stderr).toContain('nothing imported');
    expect(await readFile(corpus)).toEqual(c0);
    expect(await readFile(review)).toEqual(r0);
  });
});

describe('quote-verifier import warnings', () => {
  it('prints the merge warnings, as corpus does: a date that disagrees with the corpus is named', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    const corpus = join(dir, 'warn-corpus.json');
    const review = join(dir, 'warn-review.json');
    await copyFile(join(ROOT, 'data/corpus.json'), corpus);
    await copyFile(join(ROOT, 'data/review.json'), review);
    const truce = (await readCorpus(corpus)).quotes.find((q) => q.text.startsWith('A truce'))!;
    const file = join(dir, 'late.json');
    await writeFile(file, JSON.stringify([{ text: truce.text, speaker: truce.speaker.name, date: '2020', source: { title: 'A later digest' } }]));
    const r = await run(['import', file, '--out', corpus, '--review-file', review]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Warnings (1):\n  ${file}: ${truce.id} is dated 2020 here and ${truce.date} in ${truce.sources[0]!.docId}; kept the date with the stronger basis`);
  });
});

describe('review and strict builds from a newsroom config', () => {
  it('strict build fails listing pending quotes; approve/reject by prefix; then the build passes', { timeout: CLI_TEST_TIMEOUT_MS * 2 }, async () => {
    const config = join(dir, 'newsroom.config.json');
    await writeFile(
      config,
      JSON.stringify({
        name: 'Test Newsroom',
        shortName: 'Test',
        description: 'A test newsroom.',
        brandColor: '#123456',
        documents: join(ROOT, 'data/documents'),
        imports: [{ file: join(FIXTURES, 'awkward.csv') }],
        review: 'review.json',
        corpus: 'corpus.json',
        corpusName: 'Test corpus',
        corpusVersion: '1.0',
        contact: 'desk@example.org',
        firefoxId: 'test@example.org',
      }),
    );
    const corpus = join(dir, 'corpus.json');
    const review = join(dir, 'review.json');
    await copyFile(join(ROOT, 'data/review.json'), review);

    const strict = await run(['corpus', '--config', config, '-q']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/strict build: 3 quotations are pending review:/);
    expect(strict.stderr).toMatch(/q_[0-9a-f]{16}  Jane Roe, 1975: “We said "no", and we meant it”\n {6}source: Archive, box 4/);
    // Written anyway, so the pending quotes can be reviewed.
    const built = await readCorpus(corpus);
    expect(built).toMatchObject({ name: 'Test corpus', corpusVersion: '1.0' });
    expect(built.quotes.filter((q) => q.review?.state === 'pending')).toHaveLength(3);
    const [roe, commas, poe] = built.quotes.filter((q) => q.review?.state === 'pending');

    const approve = await run(['review', 'approve', roe!.id.slice(0, 9), commas!.id, '--reviewer', 'Ed', '--note', 'checked the archive', '--config', config]);
    expect(approve.stderr, 'only the line naming the corpus').toMatch(/^quote-verifier \w+: corpus [^\n]+\n$/);
    expect(approve.code).toBe(0);
    expect(approve.stdout).toMatch(/11 quotes: 10 approved, 0 rejected, 1 pending/);
    const reject = await run(['review', 'reject', poe!.id, '--reviewer', 'Ed'], { env: { QUOTE_VERIFIER_CONFIG: config } });
    expect(reject.code).toBe(0);
    const file = JSON.parse(await readFile(review, 'utf8')) as { reviews: Record<string, { state: string; reviewer: string; note?: string }> };
    expect(file.reviews[roe!.id]).toMatchObject({ state: 'approved', reviewer: 'Ed', note: 'checked the archive' });
    expect(file.reviews[poe!.id]).toMatchObject({ state: 'rejected', reviewer: 'Ed' });

    // The config from the environment; --check compares with the reviewed corpus just written.
    const again = await run(['corpus', '--check'], { env: { QUOTE_VERIFIER_CONFIG: config } });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Review \(.*review\.json\): 10 approved, 1 rejected, 0 pending/);

    const unknown = await run(['review', 'approve', 'q_ffff', '--reviewer', 'Ed', '--config', config]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('q_ffff: no quote in the corpus has this id');
    // Off a terminal, a bare `review` lists instead of asking.
    const bare = await run(['review', '--config', config]);
    expect(bare.code).toBe(0);
    expect(bare.stdout).toBe('No pending quotes.\n11 quotes: 10 approved, 1 rejected, 0 pending\n');
  });
});

describe('a config with only an import file', () => {
  it('builds strictly with no documents folder: a vetted import ships approved, a ClaimReview left-out is reported', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    const config = join(dir, 'imports-only.config.json');
    await writeFile(
      config,
      JSON.stringify({
        name: 'Imports only',
        shortName: 'Imports',
        description: 'Built from quote databases alone.',
        brandColor: '#123456',
        imports: [{ file: join(FIXTURES, 'claimreview.json'), approved: true }],
        review: 'imports-only-review.json',
        corpus: 'imports-only-corpus.json',
        corpusName: 'Imports only',
        contact: 'desk@example.org',
        firefoxId: 'imports-only@example.org',
      }),
    );
    const r = await run(['corpus', '--config', config]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Documents read: 0');
    expect(r.stdout).toMatch(/Imported .*claimreview\.json \(claimreview\): 2 quotations/);
    expect(r.stdout).toMatch(/item 2 \(line 19\) {2}Taxes have never been lower in Northbridge {2}— rated "False", not accurate/);
    expect(r.stdout).toMatch(/Review \(.*\): 2 approved, 0 rejected, 0 pending/);
    const c = await readCorpus(join(dir, 'imports-only-corpus.json'));
    expect(c.documents).toEqual([]);
    expect(c.quotes.map((q) => [q.speaker.name, q.review?.state])).toEqual([
      ['Tomas Berg', 'approved'],
      ['Greta Lind', 'approved'],
    ]);
    // Sources are named from the config's folder (the build ran from the repository root).
    const fromConfig = relative(dir, join(FIXTURES, 'claimreview.json')).split(sep).join('/');
    expect(new Set(c.quotes.flatMap((q) => q.sources.map((s) => s.docId.replace(/#.*$/, ''))))).toEqual(new Set([`import:${fromConfig}`]));
  });
});
