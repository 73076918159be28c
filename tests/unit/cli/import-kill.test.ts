/**
 * Issue 12: killing an import leaves nothing behind: no spill folder in the
 * temporary directory, no temporary file beside the corpus, and the corpus as
 * it was (here: still absent). A real process, killed with SIGTERM mid-import.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './run-cli';

/** Rows enough that the import runs for seconds, so the kill lands in the middle. */
const ROWS = 200_000;
const TEST_TIMEOUT_MS = 120_000;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qv-kill-'));
  await mkdir(join(dir, 'tmp'));
  await mkdir(join(dir, 'out'));
  const out = createWriteStream(join(dir, 'rows.csv'));
  out.write('text,speaker,date,sourceTitle\n');
  for (let i = 0; i < ROWS; i++) if (!out.write(`"We will open harbor number ${i} before winter",Tomas Berg,2023-03,Minutes\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('import killed half-way', () => {
  it('removes its spill folder and temporary files; the corpus is not written', { timeout: TEST_TIMEOUT_MS }, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: join(dir, 'tmp') };
    delete env.QUOTE_VERIFIER_CONFIG;
    const child = spawn(process.execPath, [BIN, 'import', join(dir, 'rows.csv'), '--out', join(dir, 'out', 'corpus.json'), '--review-file', join(dir, 'out', 'review.json')], { cwd: dir, env, stdio: 'ignore' });
    const exited = once(child, 'exit');
    // (tsx, running the sources, keeps its cache there too.)
    const spills = async () => (await readdir(join(dir, 'tmp'))).filter((f) => f.startsWith('qv-import-'));
    // Wait until the import is streaming (its spill folder exists), then kill it.
    for (let i = 0; i < 600 && (await spills()).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await spills()).toHaveLength(1);
    child.kill('SIGTERM');
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
    expect(await spills()).toEqual([]);
    expect(await readdir(join(dir, 'out'))).toEqual([]);
  });
});
