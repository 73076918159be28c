/**
 * `quote-verifier` command line. Subcommands live in their own modules and
 * share one contract: take argv, write to stdout/stderr, return an exit code.
 * Exit codes: 0 success, 1 findings that need attention, 2 bad input or usage.
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
    summary: 'export --format claimreview [--corpus <file>] [--out <file>]   export approved quotes',
    load: async () => (await import('./export-command.ts')).exportCommand,
  },
  check: {
    summary: 'check <files|globs|-> [--json] [--corpus <file>]   check an article\'s quotations',
    load: async () => (await import('./check-command.ts')).checkCommand,
  },
};

export function usage(): string {
  const lines = Object.values(commands).map((c) => `  quote-verifier ${c.summary}`);
  return ['Usage:', ...lines, ''].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`quote-verifier: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  return (await command.load())(rest);
}
