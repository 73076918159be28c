/**
 * Where `review` and `import` find the working corpus and the review file:
 * explicit flags, else the newsroom config (--config, $QUOTE_VERIFIER_CONFIG,
 * or quote-verifier.config.json in the working directory), else
 * data/corpus.json and data/review.json.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { displayPath } from '../corpus/build';
import { parseCorpusJson } from '../corpus/load';
import type { Corpus } from '../corpus/schema';
import { CONFIG_ENV, loadConfigSync, resolveConfigPath } from '../config/config';

export const DEFAULT_CORPUS_FILE = 'data/corpus.json';
export const DEFAULT_REVIEW_FILE = 'data/review.json';

export interface WorkingFiles {
  corpus: string;
  review: string;
}

/** Throws ConfigError for a named config that is invalid. */
export function workingFiles(flags: { config?: string; corpus?: string; review?: string }, env = process.env): WorkingFiles {
  const named = flags.config !== undefined || env[CONFIG_ENV] !== undefined;
  const configPath = resolveConfigPath(flags.config, env);
  const config = named || existsSync(configPath) ? loadConfigSync(configPath) : undefined;
  return {
    corpus: flags.corpus ?? (config ? displayPath(config.corpusOut) : DEFAULT_CORPUS_FILE),
    review: flags.review ?? (config ? displayPath(config.reviewFile) : DEFAULT_REVIEW_FILE),
  };
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
