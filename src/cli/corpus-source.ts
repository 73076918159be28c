/**
 * Which corpus a command works on, decided in one place for `corpus`,
 * `check`, `review`, `import` and `export`:
 *
 *   1. `--corpus <file>`;
 *   2. else the corpus of the newsroom config named by `--config <file>`;
 *   3. else of the config named by $QUOTE_VERIFIER_CONFIG;
 *   4. else of `quote-verifier.config.json` in the current folder;
 *   5. else the bundled seed corpus (commands that only read: check, export),
 *      or `data/corpus.json` in the current folder (commands that write:
 *      review, import — they never write into the installed package).
 *
 * With `--corpus`, a config is still read when one is named (flag or
 * environment variable), for what else it gives (review file, quote pages),
 * but a default config file in the folder is not: `--corpus` alone never
 * fails because of a config the user did not ask for.
 *
 * Every command names the corpus it chose (`describeSource`), on stderr and in
 * its JSON output, so a newsroom never checks against the seed quotations
 * without being told.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { NewsroomConfig } from '../config/config';
import { CONFIG_ENV, DEFAULT_CONFIG_FILE } from '../config/config-names';
import { bundledCorpus } from '../config/package-root';

export { CONFIG_ENV, DEFAULT_CONFIG_FILE };
/** The working files of commands that write, when no config names them. */
export const WORKING_CORPUS_FILE = 'data/corpus.json';
export const WORKING_REVIEW_FILE = 'data/review.json';

export type CorpusOrigin = '--corpus' | '--config' | `$${typeof CONFIG_ENV}` | typeof DEFAULT_CONFIG_FILE | 'bundled' | 'working';

export interface CorpusSource {
  /** Absolute path of the corpus file. */
  file: string;
  /** The path as shown in messages: relative to the working folder when inside it. */
  shown: string;
  origin: CorpusOrigin;
  /** The newsroom config read, if any. */
  config?: NewsroomConfig;
  /** Absolute path of the review file: --review-file, else the config's, else data/review.json. */
  review: string;
}

export interface SourceFlags {
  corpus?: string;
  config?: string;
  review?: string;
}

/** Relative to `cwd` when inside it, else absolute (as src/corpus/build's displayPath). */
export function shownPath(p: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

/**
 * The corpus for a command. `fallback` says what to use when nothing names
 * one: the bundled seed corpus (read-only commands) or the working
 * data/corpus.json in the current folder (commands that write).
 * Throws ConfigError when a config is named (or present) but invalid.
 */
export async function resolveCorpusSource(
  flags: SourceFlags,
  fallback: 'bundled' | 'working',
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Promise<CorpusSource> {
  const fromEnv = env[CONFIG_ENV] !== undefined && env[CONFIG_ENV] !== '' ? env[CONFIG_ENV] : undefined;
  const named = flags.config ?? fromEnv;
  let configPath: string | undefined;
  let configOrigin: CorpusOrigin | undefined;
  if (named !== undefined) {
    configPath = path.resolve(cwd, named);
    configOrigin = flags.config !== undefined ? '--config' : `$${CONFIG_ENV}`;
  } else if (flags.corpus === undefined && existsSync(path.resolve(cwd, DEFAULT_CONFIG_FILE))) {
    configPath = path.resolve(cwd, DEFAULT_CONFIG_FILE);
    configOrigin = DEFAULT_CONFIG_FILE;
  }
  // The config module (and zod) only when a config is read.
  const config = configPath === undefined ? undefined : (await import('../config/config')).loadConfigSync(configPath);
  const review = path.resolve(cwd, flags.review ?? config?.reviewFile ?? WORKING_REVIEW_FILE);
  let file: string;
  let origin: CorpusOrigin;
  if (flags.corpus !== undefined) [file, origin] = [path.resolve(cwd, flags.corpus), '--corpus'];
  else if (config !== undefined) [file, origin] = [config.corpusOut, configOrigin!];
  else if (fallback === 'bundled') [file, origin] = [bundledCorpus(), 'bundled'];
  else [file, origin] = [path.resolve(cwd, WORKING_CORPUS_FILE), 'working'];
  return { file, shown: shownPath(file, cwd), origin, ...(config ? { config } : {}), review };
}

/** "data/corpus.json (from --config newsroom/qv.json)", for stderr and --json. */
export function describeSource(source: CorpusSource, cwd = process.cwd()): string {
  const configShown = source.config ? shownPath(source.config.file, cwd) : '';
  switch (source.origin) {
    case '--corpus':
      return `${source.shown} (from --corpus)`;
    case '--config':
      return `${source.shown} (from --config ${configShown})`;
    case `$${CONFIG_ENV}`:
      return `${source.shown} (from $${CONFIG_ENV}=${configShown})`;
    case DEFAULT_CONFIG_FILE:
      return `${source.shown} (from ${configShown})`;
    case 'bundled':
      return `${source.shown} (the bundled seed corpus: no --corpus, --config, $${CONFIG_ENV} or ${DEFAULT_CONFIG_FILE} here)`;
    case 'working':
      return `${source.shown} (no --corpus, --config, $${CONFIG_ENV} or ${DEFAULT_CONFIG_FILE} here)`;
  }
}
