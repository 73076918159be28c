/**
 * `quote-verifier export --format claimreview [--corpus <file> | --config <file>] [--out <file>]`:
 * the corpus's approved quotations as schema.org ClaimReview JSON-LD (a JSON
 * array, one ClaimReview per quote; see src/corpus/export/claimreview.ts).
 * The corpus is found as every command finds it (./corpus-source.ts); a
 * newsroom config's `quotePage` gives each review's url.
 * Writes to stdout, or atomically to --out. Exit 0 on success, 2 on bad input.
 */
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../corpus/build/write-atomic';
import { corpusToClaimReviews } from '../corpus/export/claimreview';
import { escapeControlChars as safe } from '../corpus/import/control-chars';
import { CorpusLoadError, parseCorpus } from '../corpus/load';
import { ConfigError } from '../config/config-names';
import { CorpusError, readCorpusJson, reason } from './check/corpus';
import { describeSource, resolveCorpusSource } from './corpus-source';
import { argumentError } from './suggest';

const FORMATS = ['claimreview'] as const;

export const exportUsage = `Usage: quote-verifier export --format claimreview [--corpus <file> | --config <file>] [--out <file>]

Writes the corpus's approved quotations (review state "approved", or no review
yet) as schema.org ClaimReview JSON-LD: a JSON array with one ClaimReview per
quotation. Pending and rejected quotations are left out and counted. A review's
url is the newsroom's page for the quotation (the config's "quotePage"), never
the source article's address (that is each appearance's url).

Options:
  -f, --format <name>   claimreview (the only format so far)
  -c, --corpus <file>   the corpus to export
      --config <file>   newsroom config: its corpus and quotePage. Without either:
                        $QUOTE_VERIFIER_CONFIG, else ./quote-verifier.config.json,
                        else the bundled seed corpus (the corpus used is printed)
  -o, --out <file>      write there (atomically) instead of to stdout
  -q, --quiet           no summary on stderr
  -h, --help            show this help
`;

export async function exportCommand(argv: string[]): Promise<number> {
  const fail = (message: string): number => {
    process.stderr.write(`quote-verifier export: ${message}\n`);
    return 2;
  };
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        format: { type: 'string', short: 'f' },
        corpus: { type: 'string', short: 'c' },
        config: { type: 'string' },
        out: { type: 'string', short: 'o' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    return fail(`${argumentError(e, ['format', 'corpus', 'config', 'out', 'quiet', 'help'])}\n\n${exportUsage}`);
  }
  if (values.help) {
    process.stdout.write(exportUsage);
    return 0;
  }
  if (values.format === undefined) return fail(`missing --format (one of: ${FORMATS.join(', ')})\n\n${exportUsage}`);
  if (!(FORMATS as readonly string[]).includes(values.format)) return fail(`unknown format "${values.format}" (one of: ${FORMATS.join(', ')})`);

  let result;
  try {
    const source = await resolveCorpusSource({ corpus: values.corpus, config: values.config }, 'bundled');
    if (!values.quiet) process.stderr.write(`quote-verifier export: corpus ${safe(describeSource(source))}\n`);
    const corpus = parseCorpus(await readCorpusJson(source.file, source.shown), source.shown);
    const quotePage = source.config?.quotePage;
    result = corpusToClaimReviews(corpus, quotePage === undefined ? {} : { quotePage });
  } catch (e) {
    if (e instanceof CorpusError || e instanceof CorpusLoadError || e instanceof ConfigError) return fail(e.message);
    throw e;
  }

  const json = `${JSON.stringify(result.reviews, null, 2)}\n`;
  if (values.out === undefined) process.stdout.write(json);
  else {
    try {
      await writeFileAtomic(values.out, json);
    } catch (e) {
      return fail(`cannot write ${values.out}: ${reason(e)}`);
    }
  }
  if (!values.quiet) {
    const { pending, rejected } = result.withheld;
    const left = pending + rejected ? ` (left out: ${pending} pending, ${rejected} rejected)` : '';
    const where = values.out === undefined ? '' : ` to ${values.out}`;
    process.stderr.write(`quote-verifier export: ${result.reviews.length} approved quotation(s) as ClaimReview${where}${left}\n`);
    if (result.reviews.length === 0) process.stderr.write('quote-verifier export: nothing approved yet: review the corpus first (quote-verifier review)\n');
  }
  return 0;
}
