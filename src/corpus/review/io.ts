/**
 * Reading and writing the review file and the working corpus (Node-only).
 * Both are written atomically; when a command changes both, both temporary
 * files are written and flushed first, then renamed one after the other, so a
 * failure leaves both files as they were, short of a crash between two renames.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { emptyReviewFile, parseReviewFile, type ReviewFile } from './review-file';

/** The review file, or an empty one when it does not exist yet. */
export async function readReviewFile(file: string): Promise<ReviewFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return emptyReviewFile();
    throw e;
  }
  return parseReviewFile(text, file);
}

async function writeTemp(path: string, data: string): Promise<string> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return tmp;
}

/** Writes several files so that each is either old or new: all temporaries first, then the renames. */
export async function writeFilesAtomic(files: { path: string; data: string }[]): Promise<void> {
  const temps: string[] = [];
  try {
    for (const f of files) temps.push(await writeTemp(f.path, f.data));
  } catch (e) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw e;
  }
  for (const [i, f] of files.entries()) await rename(temps[i]!, f.path);
}
