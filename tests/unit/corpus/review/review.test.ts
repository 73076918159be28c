/**
 * Review states (issue 6, section 2): the review file keyed by quote id, the
 * wording hash that sends a changed quote back to pending, stale entries kept,
 * decisions and id prefixes, strict builds, and what ships.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, PendingReviewError, type BuildResult } from '../../../../src/corpus/build';
import { mergeImport } from '../../../../src/corpus/import/merge-into-corpus';
import { readImport } from '../../../../src/corpus/import';
import {
  applyReviews,
  decide,
  emptyReviewFile,
  parseReviewFile,
  reapply,
  resolveIds,
  reviewQuotes,
  serializeReviewFile,
  textHash,
  type ReviewFile,
} from '../../../../src/corpus/review';
import type { Corpus } from '../../../../src/corpus/schema';
import { shippableCorpus } from '../../../../src/corpus/ship';
import { repoRoot, seedsDir } from '../helpers';

const today = () => ({ year: 2000, month: 1, day: 1 });
const AT = '2026-11-23T10:00:00.000Z';
let seeds: BuildResult;
let dir: string;

beforeAll(async () => {
  seeds = await buildCorpus({ dir: seedsDir, today });
  dir = await mkdtemp(join(tmpdir(), 'qv-review-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const states = (c: Corpus) => c.quotes.map((q) => q.review?.state);

describe('applying the review file', () => {
  it('makes every quote pending when nothing was decided', () => {
    const r = applyReviews(seeds.corpus, emptyReviewFile());
    expect(states(r.corpus).every((s) => s === 'pending')).toBe(true);
    expect(r.counts).toEqual({ pending: 8, approved: 0, rejected: 0 });
    expect(shippableCorpus(r.corpus).quotes).toEqual([]);
  });

  it('goes pending -> approved -> rejected -> approved, and only approved quotes ship', () => {
    const [a, b] = seeds.corpus.quotes;
    let file = decide(emptyReviewFile(), [a!, b!], { state: 'approved', reviewer: 'Ed', at: AT });
    let corpus = applyReviews(seeds.corpus, file).corpus;
    expect(corpus.quotes[0]!.review).toEqual({ state: 'approved', reviewer: 'Ed', at: AT });
    file = decide(file, [b!], { state: 'rejected', reviewer: 'Ed', note: 'paraphrase, not the wording', at: AT });
    corpus = applyReviews(seeds.corpus, file).corpus;
    expect(states(corpus).slice(0, 3)).toEqual(['approved', 'rejected', 'pending']);
    expect(corpus.quotes[1]!.review?.note).toBe('paraphrase, not the wording');
    expect(shippableCorpus(corpus).quotes.map((q) => q.id)).toEqual([a!.id]);
    file = decide(file, [b!], { state: 'approved', reviewer: 'Flo', at: AT });
    expect(applyReviews(seeds.corpus, file).corpus.quotes[1]!.review).toEqual({ state: 'approved', reviewer: 'Flo', at: AT });
  });

  it('sends a quote back to pending when its wording changed under the same id', () => {
    const q = seeds.corpus.quotes[0]!;
    const file = decide(emptyReviewFile(), [q], { state: 'approved', reviewer: 'Ed', at: AT });
    // Straight for curly quotes or a capital: canonical() folds them, so the id stays, the exact text does not.
    const changed = { ...q, text: q.text.toUpperCase() };
    const corpus = { ...seeds.corpus, quotes: [changed, ...seeds.corpus.quotes.slice(1)] };
    const r = applyReviews(corpus, file);
    expect(r.corpus.quotes[0]!.review).toEqual({ state: 'pending', note: 'the wording changed since it was approved by Ed' });
    expect(r.changed.map((c) => c.id)).toEqual([q.id]);
    expect(textHash(changed.speaker.name, changed.text)).not.toBe(file.reviews[q.id]!.hash);
  });

  it('keeps entries for quotes no longer in the corpus and reports them as stale', () => {
    const gone = { ...seeds.corpus.quotes[0]!, id: 'q_00000000000000aa', text: 'Words that left the documents' };
    let file = decide(emptyReviewFile(), [gone], { state: 'approved', reviewer: 'Ed', at: AT });
    file = decide(file, [seeds.corpus.quotes[1]!], { state: 'approved', reviewer: 'Ed', at: AT });
    const r = applyReviews(seeds.corpus, file);
    expect(r.stale).toEqual(['q_00000000000000aa']);
    const again = parseReviewFile(serializeReviewFile(file), 'review.json');
    expect(Object.keys(again.reviews)).toContain('q_00000000000000aa');
  });
});

describe('the review file', () => {
  it('serializes deterministically (ids sorted, fixed field order) and round-trips', () => {
    const quotes = [...seeds.corpus.quotes].reverse();
    const a = serializeReviewFile(decide(emptyReviewFile(), quotes, { state: 'approved', reviewer: 'Ed', note: 'ok', at: AT }));
    const b = serializeReviewFile(decide(emptyReviewFile(), seeds.corpus.quotes, { at: AT, note: 'ok', reviewer: 'Ed', state: 'approved' }));
    expect(a).toBe(b);
    const ids = Object.keys(JSON.parse(a).reviews as object);
    expect(ids).toEqual([...ids].sort());
    expect(serializeReviewFile(parseReviewFile(a, 'r.json'))).toBe(a);
    expect(a.endsWith('}\n')).toBe(true);
  });

  it('refuses a bad file, naming the line and field', () => {
    const text = '{\n  "version": 1,\n  "reviews": {\n    "q_0123456789abcdef": {\n      "state": "maybe",\n      "speaker": "A",\n      "text": "B",\n      "hash": "0123456789abcdef"\n    }\n  }\n}\n';
    expect(() => parseReviewFile(text, 'data/review.json')).toThrow(/^data\/review\.json: line 4: reviews\.q_0123456789abcdef\.state: /);
    expect(() => parseReviewFile('{"version": 1, "reviews": {}, "extra": 1}', 'r.json')).toThrow(/r\.json: .*Unrecognized key/);
  });

  it('data/review.json is valid, and approves every seed quote with its current wording', async () => {
    const { readReviewFile } = await import('../../../../src/corpus/review/io');
    const file = await readReviewFile(join(repoRoot, 'data/review.json'));
    const r = applyReviews(seeds.corpus, file);
    expect(r.counts).toEqual({ pending: 0, approved: 8, rejected: 0 });
    expect(r.stale).toEqual([]);
  });
});

describe('ids and decisions', () => {
  it('resolves unique prefixes (q_ optional) and names unknown or ambiguous ones', () => {
    const quotes = seeds.corpus.quotes;
    const id = quotes[0]!.id;
    expect(resolveIds([id.slice(0, 8), id.slice(2, 10)], quotes).quotes.map((q) => q.id)).toEqual([id]);
    expect(resolveIds(['q_ffffffffffff9999'], quotes).problems).toEqual(['q_ffffffffffff9999: no quote in the corpus has this id']);
    expect(resolveIds(['q_'], quotes).problems[0]).toMatch(/^q_: ambiguous, matches q_/);
  });

  it('reviewQuotes records the decision in both the file and the corpus', () => {
    const start = applyReviews(seeds.corpus, emptyReviewFile()).corpus;
    const change = reviewQuotes(start, emptyReviewFile(), [start.quotes[2]!.id.slice(0, 7)], { state: 'rejected', reviewer: 'Ed', at: AT });
    if ('problems' in change) throw new Error(change.problems.join());
    expect(change.file.reviews[start.quotes[2]!.id]).toMatchObject({ state: 'rejected', reviewer: 'Ed', text: start.quotes[2]!.text });
    expect(states(change.corpus)).toEqual(states(start).map((s, i) => (i === 2 ? 'rejected' : s)));
  });
});

describe('builds', () => {
  let reviewFile: string;
  beforeAll(async () => {
    reviewFile = join(dir, 'review.json');
    const file: ReviewFile = decide(emptyReviewFile(), seeds.corpus.quotes.slice(0, 7), { state: 'approved', reviewer: 'Ed', at: AT });
    await writeFile(reviewFile, serializeReviewFile(file));
  });

  it('copies states into the corpus; a non-strict build reports the pending count', async () => {
    const r = await buildCorpus({ dir: seedsDir, reviewFile, today });
    expect(r.report.review?.counts).toEqual({ pending: 1, approved: 7, rejected: 0 });
    expect(states(r.corpus).filter((s) => s === 'pending')).toHaveLength(1);
  });

  it('a strict build fails while any quote is pending, naming them, and still carries the full result', async () => {
    const error = await buildCorpus({ dir: seedsDir, reviewFile, strict: true, today }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PendingReviewError);
    const e = error as PendingReviewError;
    expect(e.pending.map((q) => q.id)).toEqual([seeds.corpus.quotes[7]!.id]);
    expect(e.result.corpus.quotes).toHaveLength(8);
  });

  it('a missing review file means everything is pending; builds without reviewFile carry no review (older corpora)', async () => {
    const r = await buildCorpus({ dir: seedsDir, reviewFile: join(dir, 'none.json'), today });
    expect(r.report.review?.counts.pending).toBe(8);
    expect(seeds.corpus.quotes.every((q) => q.review === undefined)).toBe(true);
    expect(shippableCorpus(seeds.corpus).quotes).toHaveLength(8);
  });

  it('an import marked approved is approved unless the review file decided otherwise', async () => {
    const file = join(repoRoot, 'tests/fixtures/import/quotes.json');
    const rejectLind = decide(emptyReviewFile(), (await readImport(file)).quotes.slice(1, 2), { state: 'rejected', reviewer: 'Ed', at: AT });
    const rf = join(dir, 'review-import.json');
    await writeFile(rf, serializeReviewFile(rejectLind));
    const r = await buildCorpus({ imports: [{ file, approved: true }], reviewFile: rf, strict: true });
    expect(r.corpus.quotes.map((q) => q.review)).toEqual([
      { state: 'approved', reviewer: 'tests/fixtures/import/quotes.json (imported as vetted)' },
      { state: 'rejected', reviewer: 'Ed', at: AT },
      { state: 'approved', reviewer: 'tests/fixtures/import/quotes.json (imported as vetted)' },
    ]);
  });
});

describe('import into a working corpus', () => {
  it('adds new quotes pending, merges known ones, keeps existing states, and is idempotent', async () => {
    const file = decide(emptyReviewFile(), seeds.corpus.quotes, { state: 'approved', reviewer: 'Ed', at: AT });
    const working = reapply(applyReviews(seeds.corpus, file).corpus, file);
    const { quotes } = await readImport(join(repoRoot, 'tests/fixtures/import/quotes.json'));
    const once = mergeImport(working, file, quotes, { corpusFile: 'corpus.json', importFile: 'quotes.json' });
    expect(once.added).toHaveLength(2);
    expect(once.merged).toHaveLength(1);
    expect(once.corpus.quotes).toHaveLength(10);
    // The approved seed quote gained a source nobody reviewed: pending again, saying why.
    const truce = once.corpus.quotes.find((q) => q.text.startsWith('A truce'))!;
    expect(once.reopened).toEqual([truce.id]);
    expect(truce.review).toEqual({ state: 'pending', note: 'new source from import:tests/fixtures/import/quotes.json#1; review again' });
    expect(states(once.corpus).filter((s) => s === 'approved')).toHaveLength(7);
    expect(states(once.corpus).filter((s) => s === 'pending')).toHaveLength(3);
    const twice = mergeImport(once.corpus, once.file, quotes, { corpusFile: 'corpus.json', importFile: 'quotes.json' });
    expect(twice.corpus).toEqual(once.corpus);
    expect(twice.unchanged).toHaveLength(3);
    const approved = mergeImport(working, file, quotes, { corpusFile: 'c', importFile: 'q', approved: { reviewer: 'Desk', at: AT } });
    expect(states(approved.corpus).every((s) => s === 'approved')).toBe(true);
    // The seed quote keeps its editor's decision; the database vouches only for what nobody decided.
    expect(approved.file.reviews[seeds.corpus.quotes.find((q) => q.text.startsWith('A truce'))!.id]!.reviewer).toBe('Ed');
  });
});
