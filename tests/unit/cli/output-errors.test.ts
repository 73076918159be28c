/**
 * Issue 12: an output that cannot be written (a folder given as --out) is a
 * one-line message naming it and exit 2, not a Node stack trace; nothing is
 * left behind (no temporary files beside it).
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli';

const CLI_TEST_TIMEOUT_MS = 60_000;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qv-out-'));
  await mkdir(join(dir, 'taken'));
  await writeFile(join(dir, 'rows.csv'), 'text,speaker,date,sourceTitle\n"We will open the harbor before winter",Tomas Berg,2023-03,Council minutes\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('an --out that is a folder', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('corpus: names it, exits 2, no stack trace, no temporary file', async () => {
    const r = await runCli(['corpus', join(ROOT, 'tests/fixtures/documents/newsroom'), '--out', join(dir, 'taken'), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`quote-verifier corpus: cannot write ${join(dir, 'taken')}: is a directory`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('import: names it, exits 2, no stack trace, nothing written', async () => {
    const r = await runCli(['import', join(dir, 'rows.csv'), '--out', join(dir, 'taken'), '--review-file', join(dir, 'review.json')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a directory');
    expect(r.stderr).toContain('nothing imported');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect((await readdir(dir)).sort()).toEqual(['rows.csv', 'taken']);
  });
});
