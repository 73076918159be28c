/**
 * `quote-verifier corpus`: builds the working corpus from a documents folder
 * and/or import files, applies the review file, prints the build report,
 * writes the file atomically. Either explicit (`corpus <dir> --out <file>`)
 * or from a newsroom config (`corpus --config <file>`, or the default
 * quote-verifier.config.json when no folder or import is named).
 * Exit 0 on success, 1 when --check finds the file stale, 2 on bad input or
 * when a strict build finds quotes pending review.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BuildFailedError,
  buildCorpus,
  DEFAULT_CORPUS_NAME,
  displayPath,
  parseReferenceDate,
  PendingReviewError,
  writeFileAtomic,
  type BuildOptions,
  type BuildResult,
} from '../corpus/build';
import { formatReport } from '../corpus/build/report';
import { IMPORT_FORMATS, type ImportFormat } from '../corpus/import';
import { escapeControlChars as safe } from '../corpus/import/control-chars';
import { formatQuoteLine } from '../corpus/review/format';
import { ReviewFileError } from '../corpus/review/review-file';
import { CONFIG_ENV, ConfigError, loadConfigSync, resolveConfigPath, type NewsroomConfig } from '../config/config';
import { parseCommandArgs } from './command-args';
import { CorpusProgress } from './corpus-progress';
import { reason } from './check/corpus';


export const corpusUsage = `Usage: quote-verifier corpus [<documents-dir>] [--import <file>]... --out <file> [options]
       quote-verifier corpus [--config <file>] [options]

Builds the working corpus from .txt, .md and .html documents (with their
<name>.meta.yaml metadata) and/or quote databases (JSON, CSV, ClaimReview),
and copies each quote's review state from the review file
(see docs/corpus-format.md). With no folder and no --import, the newsroom
config gives everything: --config <file>, else $${CONFIG_ENV}, else
quote-verifier.config.json (with --config, --out and --strict override it).

Options:
  -o, --out <file>              where to write the corpus (JSON)
      --config <file>           newsroom config: documents, imports, review file,
                                output, name, version and strictness
      --import <file>           import a quote database (repeatable); format from
                                the extension (.csv, .json, .jsonld)
      --import-format <fmt>     json|csv|claimreview for every --import
      --approved-imports        the --import files are already vetted: approved
      --review <file>           the review file (quotes get review states)
      --strict                  exit 2 while any quote is pending review (the
                                corpus is still written, so it can be reviewed)
      --strict-documents        fail on a document that cannot be read (no title,
                                no text, binary) instead of skipping it
      --reference-date <date>   YYYY-MM-DD: resolves years for documents with no
                                published or retrieved date
      --name <text>             corpus name (default "${DEFAULT_CORPUS_NAME}")
      --corpus-version <text>   the corpus's own version, e.g. 2026.11
      --check                   write nothing; exit 1 if <file> differs from a fresh build
  -v, --verbose                 also list the paragraphs dropped as page leftovers
  -q, --quiet                   print errors only
  -h, --help                    show this help
`;

/** The build a newsroom config describes (paths are absolute; messages show them relative to `cwd`). */
export function configBuildOptions(config: NewsroomConfig, cwd = process.cwd()): BuildOptions & { out: string } {
  return {
    ...(config.documents === undefined ? {} : { dir: config.documents, displayDir: displayPath(config.documents, cwd) }),
    imports: config.imports.map((i) => ({ ...i, display: displayPath(i.file, cwd) })),
    // Import sources are named by their path from the config's folder, wherever the build runs.
    importBase: path.dirname(config.file),
    reviewFile: config.reviewFile,
    strict: config.strict,
    name: config.corpusName,
    ...(config.corpusVersion === undefined ? {} : { corpusVersion: config.corpusVersion }),
    out: config.corpusOut,
  };
}

export async function corpusCommand(argv: string[]): Promise<number> {
  const args = parseCommandArgs('corpus', corpusUsage, argv, {
      out: { type: 'string', short: 'o' },
      config: { type: 'string' },
      import: { type: 'string', multiple: true },
      'import-format': { type: 'string' },
      'approved-imports': { type: 'boolean' },
      review: { type: 'string' },
      strict: { type: 'boolean' },
      'strict-documents': { type: 'boolean' },
      'reference-date': { type: 'string' },
      name: { type: 'string' },
      'corpus-version': { type: 'string' },
      check: { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    });
  if (typeof args === 'number') return args;
  const { values, positionals, usageError } = args;
  const dir = positionals[0];
  if (positionals.length > 1) return usageError(`unexpected argument "${positionals[1]}"`);
  const ref = values['reference-date'];
  if (ref !== undefined && parseReferenceDate(ref) === undefined) {
    return usageError(`--reference-date must be a real date as YYYY-MM-DD (got "${ref}")`);
  }
  const importFormat = values['import-format'];
  if (importFormat !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(importFormat)) {
    return usageError(`--import-format must be json, csv or claimreview (got "${importFormat}")`);
  }

  let options: BuildOptions;
  let out: string;
  // Config mode: --config, or a bare `corpus` (no folder, import or output named).
  const fromConfig = values.config !== undefined || (dir === undefined && values.import === undefined && values.out === undefined);
  if (!fromConfig && dir === undefined && values.import === undefined) return usageError('missing <documents-dir> (or --import <file>, or --config <file>)');
  if (fromConfig) {
    if (dir !== undefined || values.import !== undefined) return usageError('give either --config or a documents folder/--import, not both');
    let config: NewsroomConfig;
    try {
      config = loadConfigSync(resolveConfigPath(values.config));
    } catch (e) {
      if (e instanceof ConfigError) {
        process.stderr.write(`${e.message}\n`);
        return 2;
      }
      throw e;
    }
    const { out: configOut, ...fromFile } = configBuildOptions(config);
    options = { ...fromFile, ...(values.strict ? { strict: true } : {}) };
    out = values.out ?? displayPath(configOut);
  } else {
    if (values.out === undefined) return usageError('missing --out <file>');
    out = values.out;
    options = {
      ...(dir === undefined ? {} : { dir }),
      imports: (values.import ?? []).map((file) => ({
        file,
        ...(importFormat === undefined ? {} : { format: importFormat as ImportFormat }),
        ...(values['approved-imports'] ? { approved: true } : {}),
      })),
      ...(values.review === undefined ? {} : { reviewFile: values.review }),
      ...(values.strict ? { strict: true } : {}),
    };
  }
  if (values.strict && options.reviewFile === undefined) return usageError('--strict needs a review file (--review <file> or a config)');
  const progress = new CorpusProgress(process.stderr, values.quiet ?? false);
  options = {
    ...options,
    ...(ref === undefined ? {} : { referenceDate: ref }),
    ...(values['strict-documents'] ? { strictDocuments: true } : {}),
    ...(values.name === undefined ? {} : { name: values.name }),
    ...(values['corpus-version'] === undefined ? {} : { corpusVersion: values['corpus-version'] }),
    onProgress: (p) => progress.update(p),
  };

  let result: BuildResult;
  let pending: PendingReviewError | undefined;
  try {
    result = await buildCorpus(options);
    progress.done();
  } catch (e) {
    progress.done();
    if (e instanceof BuildFailedError || e instanceof ReviewFileError) {
      process.stderr.write(`${safe(e.message)}\nquote-verifier corpus: build failed; ${out} left unchanged\n`);
      return 2;
    }
    if (!(e instanceof PendingReviewError)) throw e;
    pending = e;
    result = e.result;
  }
  // File names and page text in the report are shown escaped: a file name must not drive the terminal.
  if (!values.quiet) process.stdout.write(safe(formatReport(result.report, { verbose: values.verbose ?? false })));

  if (values.check) {
    const current = await readFile(out, 'utf8').catch(() => undefined);
    if (current !== result.json) {
      process.stderr.write(`${out} is stale: run npm run build:corpus and commit it\n`);
      return 1;
    }
    if (!values.quiet) process.stdout.write(`${out} is up to date\n`);
  } else {
    try {
      await writeFileAtomic(out, result.json);
    } catch (e) {
      // --out naming a folder, a read-only place: say so, not a stack trace (issue 12).
      if ((e as NodeJS.ErrnoException).code === undefined) throw e;
      process.stderr.write(`quote-verifier corpus: cannot write ${safe(out)}: ${reason(e)}\n`);
      return 2;
    }
    if (!values.quiet) {
      const imported = result.report.imports.reduce((n, i) => n + i.quotes, 0);
      process.stdout.write(
        `Wrote ${out}: ${result.corpus.quotes.length} quotations from ${result.corpus.documents.length} documents` +
          `${imported ? ` and ${imported} imported rows` : ''}\n`,
      );
    }
  }
  if (pending) {
    const n = pending.pending.length;
    process.stderr.write(
      `quote-verifier corpus: strict build: ${n} quotation${n === 1 ? ' is' : 's are'} pending review:\n` +
        `${pending.pending.map(formatQuoteLine).join('\n')}\n` +
        `Review them with \`quote-verifier review\` (review file: ${displayPath(options.reviewFile ?? '')}); only approved quotes ship.\n`,
    );
    return 2;
  }
  return 0;
}
