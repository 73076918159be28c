/**
 * `quote-verifier` command line. Subcommands live in their own modules and
 * share one contract: take argv, write to stdout/stderr, return an exit code.
 * Each is imported only when run: `--help` and `--version` load nothing else
 * (no zod, no linkedom), which keeps them near a bare `node -e 0` (docs/benchmarks.md).
 */
export type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  corpus: {
    summary: 'corpus [--config <file>] | <documents-dir> [--import <file>] --out <file>   build the working corpus',
    load: async () => (await import('./corpus-command.ts')).corpusCommand,
  },
  review: {
    summary: 'review [list|approve|reject] ...   review candidate quotes before they ship',
    load: async () => (await import('./review-command.ts')).reviewCommand,
  },
  import: {
    summary: 'import <file> [--format json|csv|claimreview] [--out <corpus.json>]   import a quote database',
    load: async () => (await import('./import-command.ts')).importCommand,
  },
  export: {
    summary: 'export --format claimreview [--out <file>]   export approved quotes',
    load: async () => (await import('./export-command.ts')).exportCommand,
  },
  check: {
    summary: "check <files|globs|-> [--json | --format github|sarif]   check an article's quotations",
    load: async () => (await import('./check-command.ts')).checkCommand,
  },
};

export function usage(): string {
  const lines = Object.values(commands).map((c) => `  quote-verifier ${c.summary}`);
  return [
    'Usage:',
    ...lines,
    '  quote-verifier --version',
    '',
    'Every command takes --help. Each finds its corpus the same way: --corpus <file>,',
    'else the corpus of --config <file>, else of $QUOTE_VERIFIER_CONFIG, else of',
    './quote-verifier.config.json, else the bundled seed corpus; and prints which.',
    '',
    'Exit codes:',
    '  0  success (check: nothing altered or misattributed)',
    '  1  check: an altered or misattributed quotation; corpus --check: the corpus is stale',
    '  2  bad input or usage: unreadable file, invalid corpus or config, unknown option;',
    '     corpus --strict: quotations pending review',
    '',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    const { packageVersion } = await import('../config/package-root');
    process.stdout.write(`quote-verifier ${packageVersion()}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    const { didYouMean } = await import('./suggest');
    const hint = didYouMean(name, [...Object.keys(commands), '--help', '--version']);
    process.stderr.write(`quote-verifier: unknown command "${name}"${hint}\n\n${usage()}`);
    return 2;
  }
  return (await command.load())(rest);
}
