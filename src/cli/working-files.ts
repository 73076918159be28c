/**
 * Where `review` and `import` find the working corpus and the review file:
 * as every command finds its corpus (./corpus-source.ts), falling back to
 * data/corpus.json and data/review.json in the working folder.
 */
import { readFile } from 'node:fs/promises';
import { parseCorpusJson } from '../corpus/load';
import type { Corpus } from '../corpus/schema';
import { describeSource, resolveCorpusSource, shownPath, type SourceFlags } from './corpus-source';

export interface WorkingFiles {
  /** The files as shown in messages (relative to the working folder when inside it). */
  corpus: string;
  review: string;
  /** How the corpus was chosen, for the line naming it on stderr. */
  from: string;
}

/** Throws ConfigError for a named config that is invalid. */
export async function workingFiles(flags: SourceFlags, env = process.env): Promise<WorkingFiles> {
  const source = await resolveCorpusSource(flags, 'working', env);
  return { corpus: source.shown, review: shownPath(source.review), from: describeSource(source) };
}

/** The working corpus; undefined when the file does not exist. Throws CorpusLoadError when it is not a valid corpus. */
export async function readWorkingCorpus(file: string): Promise<Corpus | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return parseCorpusJson(text, file);
}

/** The reviewer's name: --reviewer, else `git config user.name`, else $USER. */
export async function defaultReviewer(env = process.env): Promise<string | undefined> {
  const { execFile } = await import('node:child_process');
  const fromGit = await new Promise<string>((resolve) => {
    execFile('git', ['config', 'user.name'], { encoding: 'utf8' }, (error, stdout) => resolve(error ? '' : stdout.trim()));
  });
  return fromGit || env.USER || env.USERNAME || undefined;
}

export const corpusJson = (corpus: Corpus) => `${JSON.stringify(corpus, null, 2)}\n`;
