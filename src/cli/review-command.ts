/**
 * `quote-verifier review`: editors decide which candidate quotes ship.
 * The logic is in src/corpus/review; this module reads and writes the review
 * file and the working corpus (both atomically, both or neither) and talks to
 * the person. Exit 0 on success, 2 on bad input or usage.
 */
import { emitKeypressEvents } from 'node:readline';
import { CorpusLoadError } from '../corpus/load';
import { readReviewFile, writeFilesAtomic } from '../corpus/review/io';
import {
  formatQuoteForReview,
  quotesInState,
  reviewQuotes,
  ReviewFileError,
  serializeReviewFile,
  type Decision,
  type ReviewFile,
} from '../corpus/review';
import { ReviewState, type Corpus, type Quote } from '../corpus/schema';
import { formatDate } from './check/human';
import { escapeControlChars } from '../corpus/import/control-chars';
import { ConfigError } from '../config/config';
import { corpusJson, defaultReviewer, readWorkingCorpus, workingFiles, type WorkingFiles } from './working-files';
import { parseCommandArgs } from './command-args';
import { reason } from './check/corpus';

export const reviewUsage = `Usage: quote-verifier review [list] [--all | --state pending|approved|rejected]
       quote-verifier review approve <id>... [--reviewer <name>] [--note <text>]
       quote-verifier review reject <id>...  [--reviewer <name>] [--note <text>]
       quote-verifier review approve|reject --all-pending [--reviewer <name>] [--note <text>]
       quote-verifier review            (on a terminal: walk the pending quotes one by one)

Shows each quote with its id, speaker, date, wording, context and sources, and
records decisions in the review file (keyed by quote id) and the working
corpus. Ids may be shortened to a unique prefix. Only approved quotes ship.

Options:
      --corpus <file>        the working corpus (default: the config's, else data/corpus.json)
      --review-file <file>   the review file (default: the config's, else data/review.json)
      --config <file>        newsroom config naming both (default: $QUOTE_VERIFIER_CONFIG,
                             else ./quote-verifier.config.json); the corpus used is printed
      --reviewer <name>      who decides (default: git config user.name, else $USER)
      --note <text>          why, for the record
      --all                  list every quote, whatever its state
      --state <state>        list the quotes in this state (default pending)
      --all-pending          approve or reject every pending quote
  -h, --help                 show this help
`;

interface Loaded {
  files: WorkingFiles;
  corpus: Corpus;
  review: ReviewFile;
}

async function save(l: Loaded, corpus: Corpus, review: ReviewFile): Promise<void> {
  await writeFilesAtomic([
    { path: l.files.review, data: serializeReviewFile(review) },
    { path: l.files.corpus, data: corpusJson(corpus) },
  ]);
}

/** Test seams: the terminal (stdin with raw mode, whether stdout is a terminal) and the clock. */
export interface ReviewIo {
  stdin?: NodeJS.ReadStream;
  stdoutIsTTY?: boolean;
  now?: () => Date;
}

let epipeHandled = false;

/** `review list --all | head`: a reader that stops reading is not an error (as in check-command.ts). Once per process. */
function ignoreEpipe(): void {
  if (epipeHandled) return;
  epipeHandled = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

/** Quotes as an editor reads them; dates as `check` prints them ("March 2025", not "2025-03"). */
const show = (q: Quote, options: { fullContext?: boolean } = {}) => formatQuoteForReview(q, { ...options, formatDate });

export async function reviewCommand(argv: string[], io: ReviewIo = {}): Promise<number> {
  ignoreEpipe();
  const args = parseCommandArgs('review', reviewUsage, argv, {
      corpus: { type: 'string' },
      'review-file': { type: 'string' },
      config: { type: 'string' },
      reviewer: { type: 'string' },
      note: { type: 'string' },
      all: { type: 'boolean' },
      state: { type: 'string' },
      'all-pending': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
  if (typeof args === 'number') return args;
  const { values, positionals, usageError } = args;
  const fail = (msg: string) => {
    process.stderr.write(`quote-verifier review: ${msg}\n`);
    return 2;
  };
  const [sub, ...ids] = positionals;
  if (sub !== undefined && !['list', 'approve', 'reject'].includes(sub)) return usageError(`unknown subcommand "${sub}"`);
  if (values.state !== undefined && !ReviewState.safeParse(values.state).success) {
    return usageError(`--state must be pending, approved or rejected (got "${values.state}")`);
  }

  let loaded: Loaded;
  try {
    const files = await workingFiles({
      ...(values.config === undefined ? {} : { config: values.config }),
      ...(values.corpus === undefined ? {} : { corpus: values.corpus }),
      ...(values['review-file'] === undefined ? {} : { review: values['review-file'] }),
    });
    process.stderr.write(`quote-verifier review: corpus ${escapeControlChars(files.from)}\n`);
    const corpus = await readWorkingCorpus(files.corpus);
    if (!corpus) return fail(`${files.corpus} not found: build the working corpus first (npm run build:corpus)`);
    loaded = { files, corpus, review: await readReviewFile(files.review) };
  } catch (e) {
    if (e instanceof ConfigError || e instanceof CorpusLoadError || e instanceof ReviewFileError) return fail(e.message);
    throw e;
  }

  if (sub === 'approve' || sub === 'reject') {
    const targets = values['all-pending'] ? quotesInState(loaded.corpus, 'pending').map((q) => q.id) : ids;
    if (values['all-pending'] && ids.length) return usageError('give ids or --all-pending, not both');
    if (!values['all-pending'] && ids.length === 0) return usageError(`${sub}: give one or more quote ids, or --all-pending`);
    if (targets.length === 0) {
      process.stdout.write('No pending quotes.\n');
      return 0;
    }
    const reviewer = values.reviewer ?? (await defaultReviewer());
    if (!reviewer) return usageError('no reviewer: pass --reviewer <name> (or set git config user.name)');
    const decision: Decision = {
      state: sub === 'approve' ? 'approved' : 'rejected',
      reviewer,
      ...(values.note === undefined ? {} : { note: values.note }),
      at: (io.now ?? (() => new Date()))().toISOString(),
    };
    const change = reviewQuotes(loaded.corpus, loaded.review, targets, decision);
    if ('problems' in change) return fail(`nothing changed:\n${change.problems.map((p) => `  ${p}`).join('\n')}`);
    try {
      await save(loaded, change.corpus, change.file);
    } catch (e) {
      const errno = e as NodeJS.ErrnoException;
      if (errno.code === undefined) throw e;
      return fail(`cannot write ${(errno as { dest?: string }).dest ?? errno.path ?? loaded.files.corpus}: ${reason(e)}; nothing changed`);
    }
    for (const q of change.decided) process.stdout.write(`${decision.state}: ${q.id}  ${q.speaker.name}: “${q.text}”\n`);
    process.stdout.write(`${summary(change.corpus)} (wrote ${loaded.files.review} and ${loaded.files.corpus})\n`);
    return 0;
  }

  const stdin = io.stdin ?? process.stdin;
  if (sub === undefined && stdin.isTTY && (io.stdoutIsTTY ?? process.stdout.isTTY)) return interactive(loaded, stdin, values, io.now);

  if (ids.length) return usageError(`list takes no ids (got "${ids[0]}")`);
  const shown = values.all ? loaded.corpus.quotes : quotesInState(loaded.corpus, (values.state ?? 'pending') as ReviewState);
  const what = values.all ? 'quotes' : `${values.state ?? 'pending'} quotes`;
  process.stdout.write(shown.length ? `${shown.map((q) => show(q)).join('\n\n')}\n\n` : `No ${what}.\n`);
  process.stdout.write(`${summary(loaded.corpus)}\n`);
  return 0;
}

function summary(corpus: Corpus): string {
  const n = (s: ReviewState) => quotesInState(corpus, s).length;
  return `${corpus.quotes.length} quotes: ${n('approved')} approved, ${n('rejected')} rejected, ${n('pending')} pending`;
}

/** Reads one key press (raw mode); resolves with the key's name or character. */
function readKey(stdin: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve) => {
    const onKey = (str: string | undefined, key: { name?: string; ctrl?: boolean } | undefined) => {
      stdin.off('keypress', onKey);
      resolve(key?.ctrl && key.name === 'c' ? 'q' : (str ?? key?.name ?? '').toLowerCase());
    };
    stdin.on('keypress', onKey);
  });
}

async function interactive(
  l: Loaded,
  stdin: NodeJS.ReadStream,
  values: { reviewer?: string; note?: string },
  now: (() => Date) | undefined,
): Promise<number> {
  const pending = quotesInState(l.corpus, 'pending');
  if (pending.length === 0) {
    process.stdout.write(`No pending quotes. ${summary(l.corpus)}\n`);
    return 0;
  }
  const reviewer = values.reviewer ?? (await defaultReviewer());
  if (!reviewer) {
    process.stderr.write('quote-verifier review: no reviewer: pass --reviewer <name> (or set git config user.name)\n');
    return 2;
  }
  emitKeypressEvents(stdin);
  stdin.setRawMode(true);
  stdin.resume();
  let corpus = l.corpus;
  let review = l.review;
  try {
    for (const [i, q] of pending.entries()) {
      process.stdout.write(`\n[${i + 1}/${pending.length}]\n${show(q, { fullContext: true })}\n`);
      let key = '';
      while (!['a', 'r', 's', 'q'].includes(key)) {
        process.stdout.write(`(a)pprove  (r)eject  (s)kip  (q)uit as ${reviewer}: `);
        key = await readKey(stdin);
        process.stdout.write(`${key}\n`);
      }
      if (key === 'q') break;
      if (key === 's') continue;
      const decision: Decision = {
        state: key === 'a' ? 'approved' : 'rejected',
        reviewer,
        ...(values.note === undefined ? {} : { note: values.note }),
        at: (now ?? (() => new Date()))().toISOString(),
      };
      const change = reviewQuotes(corpus, review, [q.id], decision);
      if ('problems' in change) throw new Error(change.problems.join('; '));
      // Saved after every decision: quitting or a crash loses nothing decided.
      await save(l, change.corpus, change.file);
      ({ corpus, file: review } = change);
      process.stdout.write(`  ${decision.state}\n`);
    }
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
  }
  process.stdout.write(`${summary(corpus)}\n`);
  return 0;
}
