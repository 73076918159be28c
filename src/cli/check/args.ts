/**
 * Command-line options of `quote-verifier check`, parsed strictly with
 * node:util parseArgs: an unknown option is a usage error (exit 2), never
 * silently ignored, because a CI pipeline that misspells `--json` must not
 * get a human report it cannot parse.
 */
import { parseArgs } from 'node:util';
import type { InputFormat } from './extract';

export interface CheckOptions {
  /** Files, directories, globs, or `-` for standard input, as given. */
  inputs: string[];
  json: boolean;
  /** Corpus file as given on the command line (see ../corpus-source.ts for the rest). */
  corpus?: string;
  /** Newsroom config as given on the command line. */
  config?: string;
  /** Forces the input format (otherwise from the file extension, or sniffed for stdin). */
  format?: InputFormat;
  help: boolean;
}

export const CHECK_USAGE = `Usage: quote-verifier check <files, directories or globs...> [options]
       quote-verifier check - < article.html

Checks the quotations in articles (HTML, Markdown or plain text) against the
verified-quote corpus, with the engine the browser extension uses.

Options:
  --json              print a JSON report on stdout
  --corpus <file>     corpus to check against
  --config <file>     newsroom config: its corpus. Without either: the config in
                      $QUOTE_VERIFIER_CONFIG, else ./quote-verifier.config.json,
                      else the bundled seed corpus (the corpus used is printed)
  --format <format>   html, markdown or text (default: from the extension; stdin is sniffed)
  -h, --help          show this help

Exit codes: 0 nothing altered or misattributed, 1 at least one altered or
misattributed quotation, 2 bad input (unreadable file, invalid corpus, bad option).
`;

export class UsageError extends Error {}

const FORMATS: readonly InputFormat[] = ['html', 'markdown', 'text'];

export function parseCheckArgs(argv: string[]): CheckOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        corpus: { type: 'string' },
        config: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // parseArgs' messages name the option ("Unknown option '--jsn'").
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const format = values.format;
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
  }
  if (values.corpus === '') throw new UsageError('--corpus needs a file name');
  if (values.config === '') throw new UsageError('--config needs a file name');
  if (!values.help && positionals.length === 0) throw new UsageError('no input: give files, globs, or - for stdin');
  return {
    inputs: positionals,
    json: values.json,
    corpus: values.corpus,
    config: values.config,
    format: format as InputFormat | undefined,
    help: values.help,
  };
}
