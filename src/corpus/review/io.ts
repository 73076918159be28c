/**
 * Reading and writing the review file and the working corpus (Node-only).
 * Both are written atomically; when a command changes both, both temporary
 * files are written and flushed first, then renamed one after the other, so a
 * failure leaves both files as they were, short of a crash between two renames.
 */
import { readFile } from 'node:fs/promises';
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

/** The one atomic writer (src/corpus/build/write-atomic.ts): the review file and the corpus change together. */
export { writeFilesAtomic } from '../build/write-atomic';
