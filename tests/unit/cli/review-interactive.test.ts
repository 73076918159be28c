/**
 * `quote-verifier review` on a terminal: walks the pending quotes one key at a
 * time (a approve, r reject, s skip, q quit; anything else asks again) and
 * saves after every decision. Driven in-process with a fake raw-mode stdin.
 */
import { PassThrough } from 'node:stream';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { reviewCommand } from '../../../src/cli/review-command';
import { buildCorpus } from '../../../src/corpus/build';
import type { Corpus } from '../../../src/corpus/schema';
import { seedsDir } from '../corpus/helpers';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qv-review-tty-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

it('approves, re-asks on an unknown key, rejects, skips and quits, saving each decision', async () => {
  const corpusFile = join(dir, 'corpus.json');
  const reviewFile = join(dir, 'review.json');
  const built = await buildCorpus({ dir: seedsDir, reviewFile, today: () => ({ year: 2000, month: 1, day: 1 }) });
  await writeFile(corpusFile, built.json);
  const [first, second, third] = built.corpus.quotes;

  const keys = ['a', 'x', 'r', 's', 'q'];
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: vi.fn() }) as unknown as NodeJS.ReadStream;
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    // Answer each prompt with the next key, as a person would.
    if (String(chunk).includes('(a)pprove')) setImmediate(() => (stdin as unknown as PassThrough).write(keys.shift() ?? 'q'));
    return true;
  });
  const code = await reviewCommand(['--corpus', corpusFile, '--review-file', reviewFile, '--reviewer', 'Ed'], {
    stdin,
    stdoutIsTTY: true,
    now: () => new Date('2026-11-23T10:00:00Z'),
  });
  expect(code).toBe(0);
  expect(keys).toEqual([]);
  expect(out).toContain('[1/8]');
  expect(out).toContain(`“${first!.text}”`);
  expect(out).toContain('context:');
  expect(out).toMatch(/8 quotes: 1 approved, 1 rejected, 6 pending\n$/);

  const file = JSON.parse(await readFile(reviewFile, 'utf8')) as { reviews: Record<string, { state: string; reviewer: string; at: string }> };
  expect(Object.keys(file.reviews).sort()).toEqual([first!.id, second!.id].sort());
  expect(file.reviews[first!.id]).toMatchObject({ state: 'approved', reviewer: 'Ed', at: '2026-11-23T10:00:00.000Z' });
  expect(file.reviews[second!.id]).toMatchObject({ state: 'rejected', reviewer: 'Ed' });
  const corpus = JSON.parse(await readFile(corpusFile, 'utf8')) as Corpus;
  expect(corpus.quotes.find((q) => q.id === third!.id)?.review?.state).toBe('pending');
  expect(corpus.quotes.find((q) => q.id === second!.id)?.review?.state).toBe('rejected');
  expect(stdin.setRawMode).toHaveBeenLastCalledWith(false);
});
