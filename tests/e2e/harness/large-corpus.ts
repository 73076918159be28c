/**
 * A newsroom-sized extension built the way a newsroom builds one (docs/newsroom.md):
 * a generated quote database (scripts/bench-data.ts) imported as vetted next to the seed
 * documents by `quote-verifier corpus --config`, then `wxt build` with that config into
 * a folder of its own. The build packs the corpus, writes the shipped index and embeds
 * both hashes, so the extension accepts its corpus: nothing is swapped after the build.
 *
 * Used by `npm run bench:scan` and tests/e2e/large-corpus.test.ts.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import type { Corpus } from '../../../src/corpus/schema';
import { makeCorpus } from '../../../scripts/bench-data';
import { repoRoot } from './server.ts';

const CLI = path.join(repoRoot, 'bin/quote-verifier.mjs');
const WXT = path.join(repoRoot, 'node_modules/wxt/bin/wxt.mjs');
/** The generator's seed: the same quotations in every run. */
const GENERATOR_SEED = 7;

export interface LargeBuild {
  /** The built test extension (Chromium, `.output`-like layout under `work`). */
  extensionDir: string;
  /** The working corpus `quote-verifier corpus` wrote. */
  corpusFile: string;
  /** Quotations that shipped (generated + the seed corpus's). */
  quoteCount: number;
  /** The seed corpus's quotations (data/corpus.json): part of the large corpus, planted on pages. */
  seed: Corpus['quotes'];
  /** Seconds: generating the database, `quote-verifier corpus`, `wxt build`. */
  seconds: { generate: number; corpus: number; build: number };
  /** Bytes of the shipped corpus.json and corpus-index.bin. */
  bytes: { corpus: number; index: number };
}

function run(args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(args[0]!)} ${args.slice(1).join(' ')} exited ${code}:\n${output.slice(-3000)}`)),
    );
  });
}

const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Builds the extension with `generated` generated quotations plus the seed corpus, in `work`. */
export async function buildLargeExtension(work: string, generated: number): Promise<LargeBuild> {
  await mkdir(work, { recursive: true });
  let t = performance.now();
  const csv = path.join(work, 'generated.csv');
  const out = createWriteStream(csv);
  out.write('text,speaker,date,sourceTitle,sourceUrl\n');
  const { quotes } = makeCorpus(generated, GENERATOR_SEED);
  for (const [i, q] of quotes.entries()) {
    const row = [csvField(q.text), csvField(q.speaker.name), '2025-06-01', csvField(`Generated report ${i % 1000}`), `https://news.example.org/r/${i}`];
    if (!out.write(`${row.join(',')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const generate = (performance.now() - t) / 1000;

  // The seed config's branding and documents; a review file of its own (the corpus command rewrites it).
  const seedConfig = JSON.parse(await readFile(path.join(repoRoot, 'quote-verifier.config.json'), 'utf8')) as Record<string, unknown> & {
    icons: Record<string, string>;
  };
  await copyFile(path.join(repoRoot, 'data/review.json'), path.join(work, 'review.json'));
  const config = path.join(work, 'quote-verifier.config.json');
  await writeFile(
    config,
    JSON.stringify({
      ...seedConfig,
      icons: Object.fromEntries(Object.entries(seedConfig.icons).map(([size, file]) => [size, path.join(repoRoot, file)])),
      documents: path.join(repoRoot, 'data/documents'),
      imports: [{ file: 'generated.csv', approved: true }],
      review: 'review.json',
      corpus: 'corpus.json',
      corpusName: `Generated newsroom corpus (${generated} + seed)`,
      strict: true,
    }),
  );
  t = performance.now();
  await run([CLI, 'corpus', '--config', config]);
  const corpus = (performance.now() - t) / 1000;
  t = performance.now();
  const outDir = path.join(work, 'out');
  await run([WXT, 'build', '-b', 'chrome'], { QUOTE_VERIFIER_CONFIG: config, QV_OUT_DIR: outDir, QV_TEST_BUILD: '1' });
  const build = (performance.now() - t) / 1000;

  const extensionDir = path.join(outDir, 'chrome-mv3');
  const seed = (JSON.parse(await readFile(path.join(repoRoot, 'data/corpus.json'), 'utf8')) as Corpus).quotes;
  const shipped = JSON.parse(await readFile(path.join(extensionDir, 'corpus.json'), 'utf8')) as Corpus;
  const ids = new Set(shipped.quotes.map((q) => q.id));
  const missing = seed.filter((q) => !ids.has(q.id));
  if (missing.length) throw new Error(`The large build did not ship the seed quotation(s) ${missing.map((q) => q.id).join(', ')}`);
  return {
    extensionDir,
    corpusFile: path.join(work, 'corpus.json'),
    quoteCount: shipped.quotes.length,
    seed,
    seconds: { generate, corpus, build },
    bytes: { corpus: (await stat(path.join(extensionDir, 'corpus.json'))).size, index: (await stat(path.join(extensionDir, 'corpus-index.bin'))).size },
  };
}
