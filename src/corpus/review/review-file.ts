/**
 * The review file (`data/review.json`, committed): the editors' decisions,
 * keyed by stable quote id, so they survive rebuilds. Each entry records the
 * exact wording and speaker it was decided on and their hash: when the
 * builder finds other wording under the same id (a quote mark, a capital, a
 * dash changed), the decision no longer applies and the quote is pending
 * again. Entries whose quote left the corpus are kept and reported as stale.
 *
 * Pure: parsing, serializing (deterministic: ids sorted, fixed field order,
 * two-space JSON, final newline) and applying. Reading and writing files is
 * in ./io.ts.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Review, ReviewState, type Corpus, type Quote } from '../schema';
import { wordingsForReview } from '../wordings';

export const REVIEW_FILE_VERSION = 1;

export const ReviewEntry = z.strictObject({
  state: ReviewState,
  reviewer: z.string().min(1).optional(),
  note: z.string().optional(),
  /** ISO date-time of the decision. */
  at: z.string().optional(),
  /** The speaker and wording decided on, for the people reading the file. */
  speaker: z.string().min(1),
  text: z.string().min(1),
  /** The other wordings decided on (original, translations: one line each with its source), for readers; the hash covers them. */
  wordings: z.array(z.string().min(1)).optional(),
  /** `reviewHash(quote)`: what the builder compares. */
  hash: z.string().regex(/^[0-9a-f]{16}$/),
});
export type ReviewEntry = z.infer<typeof ReviewEntry>;

export const ReviewFile = z.strictObject({
  version: z.literal(REVIEW_FILE_VERSION),
  reviews: z.record(z.string().regex(/^q_[0-9a-f]{12,}$/, 'expected a quote id (q_ and hex digits)'), ReviewEntry),
});
export type ReviewFile = z.infer<typeof ReviewFile>;

export const emptyReviewFile = (): ReviewFile => ({ version: REVIEW_FILE_VERSION, reviews: {} });

/** First 16 hex digits of sha256(speaker + "\n" + text), exact (not canonical): any change in wording shows. */
export function textHash(speaker: string, text: string): string {
  return createHash('sha256').update(`${speaker}\n${text}`, 'utf8').digest('hex').slice(0, 16);
}

/**
 * What a decision covers: the speaker, the wording and each other vetted wording with its
 * source (src/corpus/wordings.ts). A quote without other wordings hashes as `textHash`
 * always did, so earlier decisions stand.
 */
export function reviewHash(quote: Pick<Quote, 'speaker' | 'text' | 'original' | 'variants'>): string {
  const more = wordingsForReview(quote);
  return textHash(quote.speaker.name, more.length ? `${quote.text}\n${more.join('\n')}` : quote.text);
}

export class ReviewFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.map((p) => `${file}: ${p}`).join('\n'));
    this.name = 'ReviewFileError';
  }
}

function lineOf(text: string, key: string | number | undefined): number | undefined {
  if (typeof key !== 'string') return undefined;
  const at = text.indexOf(`"${key}"`);
  return at < 0 ? undefined : text.slice(0, at).split('\n').length;
}

/** Parses and validates a review file's text; errors name the file, line and field. */
export function parseReviewFile(text: string, file: string): ReviewFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ReviewFileError(file, [`not valid JSON: ${(e as Error).message}`]);
  }
  const parsed = ReviewFile.safeParse(raw);
  if (!parsed.success) {
    throw new ReviewFileError(
      file,
      parsed.error.issues.map((i) => {
        // The entry's id locates it; fall back to the field name.
        const id = i.path.find((p) => typeof p === 'string' && p.startsWith('q_'));
        const line = lineOf(text, (id ?? [...i.path].reverse().find((p) => typeof p === 'string')) as string | undefined);
        return `${line === undefined ? '' : `line ${line}: `}${i.path.map(String).join('.') || '(top level)'}: ${i.message}`;
      }),
    );
  }
  return parsed.data;
}

/** The file's exact bytes: ids sorted, fields in schema order, final newline. */
export function serializeReviewFile(file: ReviewFile): string {
  const reviews: Record<string, ReviewEntry> = {};
  for (const id of Object.keys(file.reviews).sort()) {
    const e = file.reviews[id]!;
    reviews[id] = {
      state: e.state,
      ...(e.reviewer === undefined ? {} : { reviewer: e.reviewer }),
      ...(e.note === undefined ? {} : { note: e.note }),
      ...(e.at === undefined ? {} : { at: e.at }),
      speaker: e.speaker,
      text: e.text,
      ...(e.wordings === undefined ? {} : { wordings: e.wordings }),
      hash: e.hash,
    };
  }
  return `${JSON.stringify({ version: REVIEW_FILE_VERSION, reviews }, null, 2)}\n`;
}

/** A default decision for quotes the file does not mention (an import marked approved). */
export type DefaultReview = (quote: Quote) => Review | undefined;

export interface AppliedReviews {
  corpus: Corpus;
  /** Ids in the review file that name no quote in the corpus (kept in the file). */
  stale: string[];
  /** Quotes whose wording changed since their decision: pending again. */
  changed: { id: string; was: ReviewEntry; /** Only the other wordings changed, not the main one. */ wordingsOnly?: boolean }[];
  counts: Record<ReviewState, number>;
}

/** The review a quote gets from its entry (or the default): pending when none or when the wording changed. */
export function reviewOf(quote: Quote, entry: ReviewEntry | undefined, fallback?: DefaultReview): { review: Review; changed: boolean } {
  if (entry === undefined) return { review: fallback?.(quote) ?? { state: 'pending' }, changed: false };
  if (entry.hash !== reviewHash(quote)) {
    const by = entry.reviewer === undefined ? '' : ` by ${entry.reviewer}`;
    const what = entry.text === quote.text ? 'its other wordings (original, translations) changed' : 'the wording changed';
    return { review: { state: 'pending', note: `${what} since it was ${entry.state}${by}` }, changed: true };
  }
  const review: Review = { state: entry.state };
  if (entry.reviewer !== undefined) review.reviewer = entry.reviewer;
  if (entry.note !== undefined) review.note = entry.note;
  if (entry.at !== undefined) review.at = entry.at;
  return { review, changed: false };
}

/** Copies each quote's review state into the corpus (every quote gets a `review`). */
export function applyReviews(corpus: Corpus, file: ReviewFile, fallback?: DefaultReview): AppliedReviews {
  const counts: Record<ReviewState, number> = { pending: 0, approved: 0, rejected: 0 };
  const changed: AppliedReviews['changed'] = [];
  const quotes = corpus.quotes.map((q) => {
    const entry = file.reviews[q.id];
    const r = reviewOf(q, entry, fallback);
    if (r.changed) changed.push({ id: q.id, was: entry!, ...(entry!.text === q.text ? { wordingsOnly: true } : {}) });
    counts[r.review.state]++;
    return { ...q, review: r.review };
  });
  const ids = new Set(corpus.quotes.map((q) => q.id));
  const stale = Object.keys(file.reviews).filter((id) => !ids.has(id)).sort();
  return { corpus: { ...corpus, quotes }, stale, changed, counts };
}

export interface Decision {
  state: ReviewState;
  reviewer?: string;
  note?: string;
  /** ISO date-time; the caller passes the clock. */
  at?: string;
}

/** The review file with `decision` recorded for each quote (keyed by id, hashing its current wording). */
export function decide(file: ReviewFile, quotes: readonly Quote[], decision: Decision): ReviewFile {
  const reviews = { ...file.reviews };
  for (const q of quotes) {
    reviews[q.id] = {
      state: decision.state,
      ...(decision.reviewer === undefined ? {} : { reviewer: decision.reviewer }),
      ...(decision.note === undefined || decision.note === '' ? {} : { note: decision.note }),
      ...(decision.at === undefined ? {} : { at: decision.at }),
      speaker: q.speaker.name,
      text: q.text,
      ...(wordingsForReview(q).length ? { wordings: wordingsForReview(q) } : {}),
      hash: reviewHash(q),
    };
  }
  return { version: REVIEW_FILE_VERSION, reviews };
}

/** Which quotes the ids (or unique id prefixes, `q_` optional) name; problems for unknown or ambiguous ones. */
export function resolveIds(wanted: readonly string[], quotes: readonly Quote[]): { quotes: Quote[]; problems: string[] } {
  const found: Quote[] = [];
  const problems: string[] = [];
  for (const raw of wanted) {
    const prefix = raw.startsWith('q_') ? raw : `q_${raw}`;
    const exact = quotes.find((q) => q.id === prefix);
    const matches = exact ? [exact] : quotes.filter((q) => q.id.startsWith(prefix));
    if (matches.length === 1) {
      if (!found.includes(matches[0]!)) found.push(matches[0]!);
    } else if (matches.length === 0) problems.push(`${raw}: no quote in the corpus has this id`);
    else problems.push(`${raw}: ambiguous, matches ${matches.map((q) => q.id).join(', ')}`);
  }
  return { quotes: found, problems };
}
