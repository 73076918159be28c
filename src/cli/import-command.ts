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
import { IMPORT_FORMATS, importDocBase, readImport, type ImportFormat } from '../corpus/import';
import { escapeControlChars } from '../corpus/import/control-chars';
import { mergeImport } from '../corpus/import/merge-into-corpus';
import { CorpusLoadError } from '../corpus/load';
import { readReviewFile, writeFilesAtomic } from '../corpus/review/io';
import { ReviewFileError, serializeReviewFile } from '../corpus/review/review-file';
import { CORPUS_FORMAT_VERSION, type Corpus } from '../corpus/schema';
import { CONFIG_ENV, ConfigError, resolveConfigPath } from '../config/config';
import { corpusJson, defaultReviewer, readWorkingCorpus, workingFiles } from './working-files';
import { importCsvStreaming } from './import-csv';
import { reason } from './check/corpus';
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
    const baseDir = importBaseDir(values.config);
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
    const csv = format === 'csv' || (format === undefined && path.extname(file).toLowerCase() === '.csv');
    let summary: { format: string; rows: number; added: number; merged: string[]; unchanged: string[]; reopened: string[]; warnings: { file: string; message: string }[]; leftOut: { where: string; line?: number; text?: string; reason: string }[]; noteOf: (id: string) => string };
    if (csv) {
      // Streamed in bounded memory, whatever the file's size (./import-csv.ts).
      const r = await importCsvStreaming({
        file,
        display: file,
        docBase: importDocBase(file, baseDir),
        corpus,
        reviewFile,
        corpusFile: files.corpus,
        reviewPath: files.review,
        ...(approved ? { approved } : {}),
      });
      summary = { format: 'csv', ...r, leftOut: [], noteOf: (id) => r.existing.find((q) => q.id === id)?.review?.note ?? '' };
    } else {
      const imported = await readImport(file, { baseDir, ...(format === undefined ? {} : { format: format as ImportFormat }) });
      const result = mergeImport(corpus, reviewFile, imported.quotes, {
        corpusFile: files.corpus,
        importFile: file,
        ...(approved ? { approved } : {}),
      });
      await writeFilesAtomic([
        { path: files.review, data: serializeReviewFile(result.file) },
        { path: files.corpus, data: corpusJson(result.corpus) },
      ]);
      summary = {
        format: imported.format,
        rows: imported.quotes.length,
        added: result.added.length,
        merged: result.merged,
        unchanged: result.unchanged,
        reopened: result.reopened,
        warnings: result.warnings,
        leftOut: imported.leftOut,
        noteOf: (id) => result.corpus.quotes.find((q) => q.id === id)?.review?.note ?? '',
      };
    }
    const lines = [
      `Imported ${file} (${summary.format}): ${summary.rows} row${summary.rows === 1 ? '' : 's'} -> ` +
        `${summary.added} new quotation${summary.added === 1 ? '' : 's'}, ${summary.merged.length} merged with quotations already in the corpus` +
        `${summary.unchanged.length ? `, ${summary.unchanged.length} already imported` : ''}`,
    ];
    if (summary.leftOut.length) {
      lines.push(`Not imported (${summary.leftOut.length}):`);
      for (const l of summary.leftOut) {
        lines.push(`  ${l.where}${l.line === undefined ? '' : ` (line ${l.line})`}  ${l.text ? `“${l.text}”  — ` : ''}${l.reason}`);
      }
    }
    if (summary.reopened.length) {
      lines.push(`Pending again: ${summary.reopened.length} approved quotation${summary.reopened.length === 1 ? '' : 's'} gained a source nobody reviewed:`);
      for (const id of summary.reopened) lines.push(`  ${id}  ${summary.noteOf(id)}`);
    }
    if (summary.warnings.length) {
      lines.push(`Warnings (${summary.warnings.length}):`, ...summary.warnings.map((w) => `  ${w.file}: ${w.message}`));
    }
    const state = approved ? `approved by ${approved.reviewer}` : 'pending review (quote-verifier review)';
    lines.push(`New quotations are ${state}.`, `Wrote ${files.corpus} and ${files.review}.`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (e) {
    if (e instanceof BuildFailedError || e instanceof ConfigError || e instanceof CorpusLoadError || e instanceof ReviewFileError) {
      process.stderr.write(`${escapeControlChars(e.message)}\nquote-verifier import: nothing imported${out ? `; ${out} left unchanged` : ''}\n`);
      return 2;
    }
    const errno = e as NodeJS.ErrnoException;
    if (errno.code !== undefined) {
      // --out naming a folder, an unreadable corpus, a read-only place: say so, not a stack trace (issue 12).
      process.stderr.write(`quote-verifier import: ${(errno as { dest?: string }).dest ?? errno.path ?? ''}: ${reason(e)}\nquote-verifier import: nothing imported${out ? `; ${out} left unchanged` : ''}\n`);
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
