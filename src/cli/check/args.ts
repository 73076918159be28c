/**
 * Command-line options of `quote-verifier check`, parsed strictly with
 * node:util parseArgs: an unknown option is a usage error (exit 2), never
 * silently ignored, because a CI pipeline that misspells `--json` must not
 * get a human report it cannot parse.
 */
import { parseArgs } from 'node:util';
import { argumentError, didYouMean } from '../suggest';
import type { InputFormat } from './extract';

export interface CheckOptions {
  /** Files, directories, globs, or `-` for standard input, as given. */
  inputs: string[];
  /** human (default), json (same as --json), github (workflow annotations) or sarif. */
  output: OutputFormat;
  /** Corpus file as given on the command line (see ../corpus-source.ts for the rest). */
  corpus?: string;
  /** Newsroom config as given on the command line. */
  config?: string;
  /** Forces the input format (otherwise from the file extension, or sniffed for stdin). */
  inputFormat?: InputFormat;
  help: boolean;
}

export const CHECK_USAGE = `Usage: quote-verifier check <files, directories or globs...> [options]
       quote-verifier check - < article.html

Checks the quotations in articles (HTML, Markdown or plain text) against the
verified-quote corpus, with the engine the browser extension uses.

Options:
  --json                  print a JSON report on stdout (same as --format json)
  --format <format>       human (default), json, github (GitHub Actions
                          annotations) or sarif (SARIF 2.1.0, for code scanning)
  --input-format <fmt>    html, markdown or text (default: from the file name;
                          stdin is sniffed)
  --corpus <file>         corpus to check against
  --config <file>         newsroom config: its corpus. Without either: the config in
                          $QUOTE_VERIFIER_CONFIG, else ./quote-verifier.config.json,
                          else the bundled seed corpus (the corpus used is printed)
  -h, --help              show this help

Files of any size are read in bounded memory. Every finding gives its line and
column in the file.

Exit codes:
  0  nothing altered or misattributed
  1  at least one altered or misattributed quotation
  2  bad input: an unreadable file, an invalid corpus or config, a bad option
`;

export class UsageError extends Error {}

const INPUT_FORMATS: readonly InputFormat[] = ['html', 'markdown', 'text'];
export const OUTPUT_FORMATS = ['human', 'json', 'github', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const CHECK_OPTIONS = {
  json: { type: 'boolean', default: false },
  corpus: { type: 'string' },
  config: { type: 'string' },
  format: { type: 'string' },
  'input-format': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export function parseCheckArgs(argv: string[]): CheckOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, strict: true, allowPositionals: true, options: CHECK_OPTIONS });
  } catch (error) {
    throw new UsageError(argumentError(error, Object.keys(CHECK_OPTIONS)));
  }
  const { values, positionals } = parsed;
  let input = values['input-format'];
  let output: OutputFormat = values.json ? 'json' : 'human';
  const format = values.format;
  if (format !== undefined) {
    if ((OUTPUT_FORMATS as readonly string[]).includes(format)) {
      if (values.json && format !== 'json') throw new UsageError(`--json and --format ${format} disagree: give one`);
      output = format as OutputFormat;
    } else if ((INPUT_FORMATS as readonly string[]).includes(format) && input === undefined) {
      // Before --input-format existed, --format named the input's format; still accepted.
      input = format;
    } else {
      throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, not "${format}"${didYouMean(format, [...OUTPUT_FORMATS, ...INPUT_FORMATS])}`);
    }
  }
  if (input !== undefined && !(INPUT_FORMATS as readonly string[]).includes(input)) {
    throw new UsageError(`--input-format must be one of ${INPUT_FORMATS.join(', ')}, not "${input}"${didYouMean(input, INPUT_FORMATS)}`);
  }
  if (values.corpus === '') throw new UsageError('--corpus needs a file name');
  if (values.config === '') throw new UsageError('--config needs a file name');
  if (!values.help && positionals.length === 0) throw new UsageError('no input: give files, globs, or - for stdin');
  return {
    inputs: positionals,
    output,
    corpus: values.corpus,
    config: values.config,
    inputFormat: input as InputFormat | undefined,
    help: values.help,
  };
}
