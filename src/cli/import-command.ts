/**
 * `quote-verifier import <file>`: merges a quote database (JSON, CSV or
 * ClaimReview) into the working corpus. Every row is validated first; a bad
 * row imports nothing and writes nothing (exit 2, the message names the file,
 * the row and line, and the field). New quotes enter review pending;
 * `--approved` records them approved, for a database that is already vetted.
 * The corpus and the review file are written together, atomically.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BuildFailedError, DEFAULT_CORPUS_NAME } from '../corpus/build';
import { IMPORT_FORMATS, readImport, type ImportFormat } from '../corpus/import';
import { escapeControlChars } from '../corpus/import/control-chars';
import { mergeImport } from '../corpus/import/merge-into-corpus';
import { CorpusLoadError } from '../corpus/load';
import { readReviewFile, writeFilesAtomic } from '../corpus/review/io';
import { ReviewFileError, serializeReviewFile } from '../corpus/review/review-file';
import { CORPUS_FORMAT_VERSION, type Corpus } from '../corpus/schema';
import { CONFIG_ENV, ConfigError, resolveConfigPath } from '../config/config';
import { corpusJson, defaultReviewer, readWorkingCorpus, workingFiles } from './working-files';
import { parseCommandArgs } from './command-args';

export const importUsage = `Usage: quote-verifier import <file> [--format json|csv|claimreview] [--out <corpus.json>] [options]

Imports a quote database into the working corpus (see docs/corpus-format.md,
"Imports"): a JSON array, a CSV file with a header row, or schema.org
ClaimReview JSON-LD (only reviews rating the wording accurate). A quotation
already in the corpus becomes one record with several sources. New quotes are
pending review unless --approved.

Options:
      --format <fmt>         json, csv or claimreview (default: from the extension;
                             a .json holding ClaimReview objects is claimreview)
  -o, --out <file>           the working corpus to merge into (created if missing;
                             default: the config's, else data/corpus.json)
      --review-file <file>   the review file (default: the config's, else data/review.json)
      --config <file>        newsroom config naming both (default: $QUOTE_VERIFIER_CONFIG,
                             else ./quote-verifier.config.json); the corpus used is printed
      --approved             the database is already vetted: record its quotes approved
      --reviewer <name>      who vouches for it with --approved (default: git user.name, else $USER)
      --note <text>          a note for the review file with --approved
  -h, --help                 show this help

Imported quotes stay in the corpus until the next \`quote-verifier corpus\`
build; to keep them in every build, list the file under "imports" in the
newsroom config.
`;

export async function importCommand(argv: string[], io: { now?: () => Date } = {}): Promise<number> {
  const args = parseCommandArgs('import', importUsage, argv, {
      format: { type: 'string' },
      out: { type: 'string', short: 'o' },
      'review-file': { type: 'string' },
      config: { type: 'string' },
      approved: { type: 'boolean' },
      reviewer: { type: 'string' },
      note: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
  if (typeof args === 'number') return args;
  const { values, positionals, usageError } = args;
  const [file, extra] = positionals;
  if (file === undefined) return usageError('missing <file>');
  if (extra !== undefined) return usageError(`unexpected argument "${extra}"`);
  const format = values.format;
  if (format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(format)) {
    return usageError(`--format must be json, csv or claimreview (got "${format}")`);
  }
  if (!values.approved && (values.reviewer !== undefined || values.note !== undefined)) {
    return usageError('--reviewer and --note go with --approved (use `quote-verifier review` to decide pending quotes)');
  }

  let out: string | undefined;
  try {
    const files = await workingFiles({
      ...(values.config === undefined ? {} : { config: values.config }),
      ...(values.out === undefined ? {} : { corpus: values.out }),
      ...(values['review-file'] === undefined ? {} : { review: values['review-file'] }),
    });
    process.stderr.write(`quote-verifier import: corpus ${escapeControlChars(files.from)}\n`);
    out = files.corpus;
    const imported = await readImport(file, { baseDir: importBaseDir(values.config), ...(format === undefined ? {} : { format: format as ImportFormat }) });
    const corpus: Corpus = (await readWorkingCorpus(files.corpus)) ?? { version: CORPUS_FORMAT_VERSION, name: DEFAULT_CORPUS_NAME, documents: [], quotes: [] };
    const reviewFile = await readReviewFile(files.review);
    let approved;
    if (values.approved) {
      const reviewer = values.reviewer ?? (await defaultReviewer());
      if (!reviewer) return usageError('--approved needs a reviewer: pass --reviewer <name> (or set git config user.name)');
      approved = {
        reviewer,
        note: values.note ?? `imported from ${path.basename(file)} as an already vetted database`,
        at: (io.now ?? (() => new Date()))().toISOString(),
      };
    }
    const result = mergeImport(corpus, reviewFile, imported.quotes, {
      corpusFile: files.corpus,
      importFile: file,
      ...(approved ? { approved } : {}),
    });
    await writeFilesAtomic([
      { path: files.review, data: serializeReviewFile(result.file) },
      { path: files.corpus, data: corpusJson(result.corpus) },
    ]);
    const lines = [
      `Imported ${file} (${imported.format}): ${imported.quotes.length} row${imported.quotes.length === 1 ? '' : 's'} -> ` +
        `${result.added.length} new quotation${result.added.length === 1 ? '' : 's'}, ${result.merged.length} merged with quotations already in the corpus` +
        `${result.unchanged.length ? `, ${result.unchanged.length} already imported` : ''}`,
    ];
    if (imported.leftOut.length) {
      lines.push(`Not imported (${imported.leftOut.length}):`);
      for (const l of imported.leftOut) {
        lines.push(`  ${l.where}${l.line === undefined ? '' : ` (line ${l.line})`}  ${l.text ? `“${l.text}”  — ` : ''}${l.reason}`);
      }
    }
    if (result.reopened.length) {
      lines.push(`Pending again: ${result.reopened.length} approved quotation${result.reopened.length === 1 ? '' : 's'} gained a source nobody reviewed:`);
      for (const id of result.reopened) lines.push(`  ${id}  ${result.corpus.quotes.find((q) => q.id === id)?.review?.note ?? ''}`);
    }
    if (result.warnings.length) {
      lines.push(`Warnings (${result.warnings.length}):`, ...result.warnings.map((w) => `  ${w.file}: ${w.message}`));
    }
    const state = approved ? `approved by ${approved.reviewer}` : 'pending review (quote-verifier review)';
    lines.push(`New quotations are ${state}.`, `Wrote ${files.corpus} and ${files.review}.`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (e) {
    if (e instanceof BuildFailedError || e instanceof ConfigError || e instanceof CorpusLoadError || e instanceof ReviewFileError) {
      process.stderr.write(`${e.message}\nquote-verifier import: nothing imported${out ? `; ${out} left unchanged` : ''}\n`);
      return 2;
    }
    throw e;
  }
}

/**
 * The folder import source ids are relative to: the newsroom config's (found
 * as working-files.ts finds it), else the working directory; the same folder
 * a config build names them from, so both give a row the same source id.
 */
function importBaseDir(config: string | undefined, env = process.env): string {
  const configPath = resolveConfigPath(config, env);
  return config !== undefined || env[CONFIG_ENV] !== undefined || existsSync(configPath) ? path.dirname(path.resolve(configPath)) : process.cwd();
}
