/**
 * Where the newsroom config is looked for, and its error, without the schema
 * (and zod): the CLI resolves its corpus with these before deciding whether to
 * read a config.
 */

/** The config the default build uses: the seed documents. */
export const DEFAULT_CONFIG_FILE = 'quote-verifier.config.json';
/** Environment variable naming another config file (flag: `--config`). */
export const CONFIG_ENV = 'QUOTE_VERIFIER_CONFIG';

/** A config that cannot be used: names the file and each problem (with its line where known). */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid newsroom config\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
