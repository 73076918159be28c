/**
 * Packs the working corpus for an extension build (Node-only, build time):
 * validates it, keeps only approved quotes (src/corpus/ship.ts), serializes it
 * compactly and hashes the exact bytes that ship. The build embeds the hash; the
 * background recomputes it before using the file (src/host/integrity.ts), so a
 * corpus changed or corrupted after the build is refused, not half-trusted.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Corpus } from '../corpus/schema';
import { shippableCorpus } from '../corpus/ship';

export interface PackedCorpus {
  /** The file that ships, exactly. */
  json: string;
  sha256: string;
  quoteCount: number;
  documentCount: number;
  /** Quotes left out because they are pending or rejected. */
  withheld: { pending: number; rejected: number };
  corpusVersion?: string;
}

export class CorpusPackError extends Error {}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Undefined when the file does not exist; throws CorpusPackError when it is not a valid corpus. */
export function packCorpus(file: string): PackedCorpus | undefined {
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CorpusPackError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = Corpus.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CorpusPackError(`${file}: not a valid corpus: ${first ? `${first.path.join('.')}: ${first.message}` : 'unknown problem'}`);
  }
  const shipped = shippableCorpus(parsed.data);
  const json = `${JSON.stringify(shipped)}\n`;
  const states = parsed.data.quotes.map((q) => q.review?.state);
  return {
    json,
    sha256: sha256Hex(json),
    quoteCount: shipped.quotes.length,
    documentCount: shipped.documents.length,
    withheld: { pending: states.filter((s) => s === 'pending').length, rejected: states.filter((s) => s === 'rejected').length },
    ...(shipped.corpusVersion === undefined ? {} : { corpusVersion: shipped.corpusVersion }),
  };
}

/**
 * The build's date, reproducibly: SOURCE_DATE_EPOCH if set (the reproducible-builds
 * convention), else the last commit's date, else none. Never the clock: two builds of
 * one commit must be byte-identical.
 */
export function buildDate(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%ct'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return /^\d+$/.test(out) ? new Date(Number(out) * 1000).toISOString() : undefined;
  } catch {
    return undefined;
  }
}
