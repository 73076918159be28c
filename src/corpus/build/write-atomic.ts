/**
 * Writes files so that readers see either the old content or the new one,
 * never a half-written file: write a temporary file in the same directory,
 * flush it to disk, then rename it over the target (atomic on one file system).
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temporary files that exist right now: a SIGTERM or SIGINT removes them before the process ends. */
const live = new Set<string>();
const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

function onSignal(signal: NodeJS.Signals): void {
  for (const t of live) rmSync(t, { force: true });
  live.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  // Die of the same signal, as the default handler would have.
  process.kill(process.pid, signal);
}

function track(tmp: string): void {
  if (live.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  live.add(tmp);
}

function untrack(tmp: string): void {
  live.delete(tmp);
  if (live.size === 0) for (const s of SIGNALS) process.removeListener(s, onSignal);
}

/** Writes and flushes a temporary file beside `path`; returns its name. `data` may come in pieces (a corpus too big for one string). */
async function writeTemp(path: string, data: string | AsyncIterable<string>): Promise<string> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  track(tmp);
  try {
    const handle = await open(tmp, 'w');
    try {
      if (typeof data === 'string') await handle.writeFile(data, 'utf8');
      else for await (const piece of data) await handle.write(piece, null, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (e) {
    await rm(tmp, { force: true });
    untrack(tmp);
    throw e;
  }
  return tmp;
}

/**
 * Writes several files so that each is either old or new: every temporary file
 * is written and flushed first, then all are renamed, so a failed write changes
 * none of them (short of a crash between two renames).
 */
export async function writeFilesAtomic(files: { path: string; data: string | AsyncIterable<string> }[]): Promise<void> {
  const temps: string[] = [];
  try {
    for (const f of files) temps.push(await writeTemp(f.path, f.data));
  } catch (e) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    temps.forEach(untrack);
    throw e;
  }
  try {
    for (const [i, f] of files.entries()) {
      await rename(temps[i]!, f.path);
      untrack(temps[i]!);
    }
  } catch (e) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    temps.forEach(untrack);
    throw e;
  }
}

export async function writeFileAtomic(path: string, data: string): Promise<void> {
  await writeFilesAtomic([{ path, data }]);
}
