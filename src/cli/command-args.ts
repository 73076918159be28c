/**
 * The argument handling every `quote-verifier` subcommand shares: parse argv
 * with node:util parseArgs, answer --help with the usage (exit 0), and report a
 * bad flag (with "did you mean") or a usage error with the usage after it (exit 2).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { argumentError } from './suggest';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: O }>>;

export type CommandArgs<O extends Options> = Parsed<O> & {
  /** Writes "quote-verifier <command>: <message>" and the usage to stderr; returns exit code 2. */
  usageError: (message: string) => number;
};

/** The parsed arguments, or the exit code when there is nothing more to do (--help, a bad flag). */
export function parseCommandArgs<const O extends Options>(command: string, usage: string, argv: string[], options: O): CommandArgs<O> | number {
  const usageError = (message: string): number => {
    process.stderr.write(`quote-verifier ${command}: ${message}\n\n${usage}`);
    return 2;
  };
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options });
  } catch (e) {
    return usageError(argumentError(e, Object.keys(options)));
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(usage);
    return 0;
  }
  return { ...parsed, usageError };
}
