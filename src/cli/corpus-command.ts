/**
 * `quote-verifier corpus <documents-dir> --out <file>`: builds the verified
 * quote corpus, prints the build report, writes the file atomically.
 * Exit 0 on success, 1 when --check finds the file stale, 2 on bad input.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { BuildFailedError, buildCorpus, DEFAULT_CORPUS_NAME, parseReferenceDate, writeFileAtomic } from '../corpus/build';
import { formatReport } from '../corpus/build/report';

/** Above this many documents the build shows progress on stderr. */
const PROGRESS_MIN_DOCUMENTS = 20;

export const corpusUsage = `Usage: quote-verifier corpus <documents-dir> --out <file> [options]

Builds the verified-quote corpus from .txt, .md and .html documents and their
<name>.meta.yaml metadata (see docs/corpus-format.md).

Options:
  -o, --out <file>              where to write the corpus (JSON)
      --reference-date <date>   YYYY-MM-DD: resolves years for documents with no
                                published or retrieved date
      --name <text>             corpus name (default "${DEFAULT_CORPUS_NAME}")
      --check                   write nothing; exit 1 if <file> differs from a fresh build
  -v, --verbose                 also list the paragraphs dropped as page leftovers
  -q, --quiet                   print errors only
  -h, --help                    show this help
`;

export async function corpusCommand(argv: string[]): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        'reference-date': { type: 'string' },
        name: { type: 'string' },
        check: { type: 'boolean' },
        verbose: { type: 'boolean', short: 'v' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    process.stderr.write(`quote-verifier corpus: ${(e as Error).message}\n\n${corpusUsage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(corpusUsage);
    return 0;
  }
  const dir = positionals[0];
  const usageError = (msg: string) => {
    process.stderr.write(`quote-verifier corpus: ${msg}\n\n${corpusUsage}`);
    return 2;
  };
  if (dir === undefined) return usageError('missing <documents-dir>');
  if (positionals.length > 1) return usageError(`unexpected argument "${positionals[1]}"`);
  if (values.out === undefined) return usageError('missing --out <file>');
  const ref = values['reference-date'];
  if (ref !== undefined && parseReferenceDate(ref) === undefined) {
    return usageError(`--reference-date must be a real date as YYYY-MM-DD (got "${ref}")`);
  }

  let result;
  try {
    result = await buildCorpus({
      dir,
      ...(ref === undefined ? {} : { referenceDate: ref }),
      ...(values.name === undefined ? {} : { name: values.name }),
      onProgress: (done, total, file) => {
        if (total > PROGRESS_MIN_DOCUMENTS && !values.quiet) process.stderr.write(`[${done}/${total}] ${file}\n`);
      },
    });
  } catch (e) {
    if (e instanceof BuildFailedError) {
      process.stderr.write(`${e.message}\nquote-verifier corpus: build failed; ${values.out} left unchanged\n`);
      return 2;
    }
    throw e;
  }
  if (!values.quiet) process.stdout.write(formatReport(result.report, { verbose: values.verbose ?? false }));

  if (values.check) {
    const current = await readFile(values.out, 'utf8').catch(() => undefined);
    if (current === result.json) {
      if (!values.quiet) process.stdout.write(`${values.out} is up to date\n`);
      return 0;
    }
    process.stderr.write(`${values.out} is stale: run npm run build:corpus and commit it\n`);
    return 1;
  }
  await writeFileAtomic(values.out, result.json);
  if (!values.quiet) {
    process.stdout.write(`Wrote ${values.out}: ${result.corpus.quotes.length} quotations from ${result.corpus.documents.length} documents\n`);
  }
  return 0;
}
