/**
 * `quote-verifier review list --all | head -1`: the reader closing the pipe
 * early is not an error (review finding: it crashed with an EPIPE stack trace).
 * The real CLI in a child process whose stdout is closed after the first chunk.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../../../src/corpus/schema';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin/quote-verifier.mjs');
/** Starting Node and compiling TypeScript takes a few seconds on this machine. */
const CLI_TEST_TIMEOUT_MS = 90_000;
/** Enough quotes that the listing is far larger than a pipe's buffer (64 KiB), so writes outlive the reader. */
const QUOTES = 3000;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qv-review-epipe-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('review list into a closed pipe', () => {
  it('exits 0 quietly when stdout is closed early', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    const seed = JSON.parse(await readFile(join(ROOT, 'data/corpus.json'), 'utf8')) as Corpus;
    const q = seed.quotes[0]!;
    const quotes = Array.from({ length: QUOTES }, (_, i) => ({ ...q, id: `q_${i.toString(16).padStart(12, '0')}`, text: `${q.text} ${i}` }));
    const corpus = join(dir, 'big.json');
    await writeFile(corpus, JSON.stringify({ ...seed, quotes }));
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.QUOTE_VERIFIER_CONFIG;
    const child = spawn(process.execPath, [BIN, 'review', 'list', '--all', '--corpus', corpus, '--review-file', join(ROOT, 'data/review.json')], {
      cwd: ROOT,
      env,
    });
    let stderr = '';
    let first = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').once('data', (d: string) => {
      first = d;
      child.stdout.destroy(); // what `head -1` does after its line
    });
    child.stdin.end('');
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    expect(first).toContain('q_000000000000');
    expect(stderr, 'only the line naming the corpus').toMatch(/^quote-verifier \w+: corpus [^\n]+\n$/);
    expect(code).toBe(0);
  });
});
