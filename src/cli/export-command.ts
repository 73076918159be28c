/**
 * `quote-verifier export --format claimreview [--corpus <file>] [--out <file>]`:
 * the corpus's approved quotations as schema.org ClaimReview JSON-LD (a JSON
 * array, one ClaimReview per quote; see src/corpus/export/claimreview.ts).
 * Writes to stdout, or atomically to --out. Exit 0 on success, 2 on bad input.
 */
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../corpus/build/write-atomic';
import { corpusToClaimReviews } from '../corpus/export/claimreview';
import { CorpusLoadError, parseCorpus } from '../corpus/load';
import { CorpusError, DEFAULT_CORPUS, readCorpusJson } from './check/corpus';

const FORMATS = ['claimreview'] as const;

export const exportUsage = `Usage: quote-verifier export --format claimreview [--corpus <file>] [--out <file>]

Writes the corpus's approved quotations (review state "approved", or no review
yet) as schema.org ClaimReview JSON-LD: a JSON array with one ClaimReview per
quotation. Pending and rejected quotations are left out and counted.

Options:
  -f, --format <name>   claimreview (the only format so far)
  -c, --corpus <file>   the corpus to export (default data/corpus.json)
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
        out: { type: 'string', short: 'o' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    return fail(`${(e as Error).message}\n\n${exportUsage}`);
  }
  if (values.help) {
    process.stdout.write(exportUsage);
    return 0;
  }
  if (values.format === undefined) return fail(`missing --format (one of: ${FORMATS.join(', ')})\n\n${exportUsage}`);
  if (!(FORMATS as readonly string[]).includes(values.format)) return fail(`unknown format "${values.format}" (one of: ${FORMATS.join(', ')})`);

  const corpusPath = values.corpus ?? DEFAULT_CORPUS;
  const shown = values.corpus ?? relative(process.cwd(), DEFAULT_CORPUS);
  let result;
  try {
    result = corpusToClaimReviews(parseCorpus(await readCorpusJson(corpusPath, shown), shown));
  } catch (e) {
    if (e instanceof CorpusError || e instanceof CorpusLoadError) return fail(e.message);
    throw e;
  }

  const json = `${JSON.stringify(result.reviews, null, 2)}\n`;
  if (values.out === undefined) process.stdout.write(json);
  else {
    try {
      await writeFileAtomic(values.out, json);
    } catch (e) {
      return fail(`cannot write ${values.out}: ${(e as Error).message}`);
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
