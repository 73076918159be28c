/**
 * The one definition of the verified-quote corpus format (`data/corpus.json`).
 * Types are derived from it; the builder validates its output with it; the
 * background validates the corpus it loads with it. Documented in
 * docs/corpus-format.md. Keep the field names: other tools read this file.
 */
import { z } from 'zod';

/** ISO date of the statement: YYYY, YYYY-MM or YYYY-MM-DD (precision says which). */
export const IsoPartialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');

export const DatePrecision = z.enum(['day', 'month', 'year']);

/** A source address: http or https only. A corpus is data; a `javascript:` or `data:` link is not a source. */
export const WebUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// address' });

/**
 * How the statement date was found:
 * - `metadata`: given by the document's sidecar metadata (`statementDate`);
 * - `explicit`: a full date written in the text ("16 December 2025");
 * - `weekday`: day and month in the text, year resolved from the weekday;
 * - `statement`: the text says when, at month or year precision ("in March 2009", "in a 2013 speech", "in May");
 * - `relative`: the text dates it against the publication ("last month", "earlier this year", "eight years ago");
 * - `published`: no date in the text; the document's publication date;
 * - `imported`: given by an imported quote database.
 */
export const DateBasis = z.enum(['metadata', 'explicit', 'weekday', 'statement', 'relative', 'published', 'imported']);

export const QuoteKind = z.enum(['direct', 'partial']);

export const Speaker = z.object({
  /** Full canonical name, e.g. "Dmitry Peskov", even where the text says "Peskov" or "he". */
  name: z.string().min(1),
  /** Role or title as the source gives it, e.g. "Kremlin spokesman". */
  role: z.string().min(1).optional(),
  /** Other ways the sources refer to the speaker (surname, other scripts, title). */
  aliases: z.array(z.string().min(1)).optional(),
});

export const Source = z.object({
  /** Id of the source document (its file name without extension). */
  docId: z.string().min(1),
  title: z.string().min(1),
  publisher: z.string().min(1).optional(),
  url: WebUrl.optional(),
  /** `url` with a Text Fragment (`#:~:text=`) that scrolls to the quote. */
  fragmentUrl: WebUrl.optional(),
  /** Publication date of the source document, where known. */
  published: IsoPartialDate.optional(),
});

/**
 * Editorial review of a candidate quote (see docs/newsroom.md). Only `approved`
 * quotes ship in an extension build; the states live in the committed review
 * file, keyed by quote id, and the builder copies them here.
 */
export const ReviewState = z.enum(['pending', 'approved', 'rejected']);

export const Review = z.object({
  state: ReviewState,
  /** Who decided (name or handle); absent while pending. */
  reviewer: z.string().min(1).optional(),
  note: z.string().optional(),
  /** When the decision was made (ISO date-time). */
  at: z.string().optional(),
});

/** A BCP 47 language tag as written in `lang` attributes: `ru`, `uk`, `en-GB`. */
export const LanguageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a language tag such as ru, uk or en-GB');

/** Where a wording of the statement was published (an original, a translation, a transcript). */
export const WordingSource = z.object({
  title: z.string().min(1),
  publisher: z.string().min(1).optional(),
  url: WebUrl.optional(),
  published: IsoPartialDate.optional(),
});

/** The statement as said, in the speaker's language (docs/corpus-format.md, "Other wordings"). */
export const OriginalWording = z.object({
  lang: LanguageTag,
  text: z.string().min(1),
  source: WordingSource,
});

/**
 * What another vetted wording is: `translation` (an outlet's or an official translation),
 * `transcript` (an official transcript's wording in the same language), `outlet` (another
 * outlet's wording of the same remark, vetted against the recording or the original).
 */
export const WordingKind = z.enum(['translation', 'transcript', 'outlet']);

export const VariantWording = OriginalWording.extend({ kind: WordingKind });

export const Quote = z.object({
  /** Stable id: derived from the speaker and the normalized wording. */
  id: z.string().regex(/^q_[0-9a-f]{12,}$/),
  /** Wording as printed, without the enclosing quotation marks. */
  text: z.string().min(1),
  kind: QuoteKind,
  speaker: Speaker,
  date: IsoPartialDate,
  datePrecision: DatePrecision,
  dateBasis: DateBasis,
  sources: z.array(Source).min(1),
  /** The clean paragraph holding the quote, plus the one before it. */
  context: z.string(),
  /** The wording in the language it was said in, when `text` is a translation. */
  original: OriginalWording.optional(),
  /** Other vetted wordings of the same statement, each with its own source; the matcher checks pages against every one. */
  variants: z.array(VariantWording).optional(),
  /** Review state; absent means the corpus predates review (treated as approved by older builds). */
  review: Review.optional(),
});

export const DocumentInfo = z.object({
  docId: z.string().min(1),
  /** Path relative to the documents directory. */
  file: z.string().min(1),
  title: z.string().min(1),
  publisher: z.string().min(1).optional(),
  url: WebUrl.optional(),
  published: IsoPartialDate.optional(),
  /** SHA-256 of the document's bytes: the corpus names exactly what it was built from. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const CORPUS_FORMAT_VERSION = 1;

export const Corpus = z.object({
  /** Format version of this file. */
  version: z.literal(CORPUS_FORMAT_VERSION),
  /** Human name of the corpus, e.g. the newsroom's. */
  name: z.string().min(1),
  /** The corpus's own version, e.g. "2026.11" (newsroom config `corpusVersion`). */
  corpusVersion: z.string().min(1).optional(),
  documents: z.array(DocumentInfo),
  quotes: z.array(Quote),
});

export type IsoPartialDate = z.infer<typeof IsoPartialDate>;
export type DatePrecision = z.infer<typeof DatePrecision>;
export type DateBasis = z.infer<typeof DateBasis>;
export type QuoteKind = z.infer<typeof QuoteKind>;
export type Speaker = z.infer<typeof Speaker>;
export type Source = z.infer<typeof Source>;
export type Quote = z.infer<typeof Quote>;
export type LanguageTag = z.infer<typeof LanguageTag>;
export type WordingSource = z.infer<typeof WordingSource>;
export type OriginalWording = z.infer<typeof OriginalWording>;
export type WordingKind = z.infer<typeof WordingKind>;
export type VariantWording = z.infer<typeof VariantWording>;
export type ReviewState = z.infer<typeof ReviewState>;
export type Review = z.infer<typeof Review>;
export type DocumentInfo = z.infer<typeof DocumentInfo>;
export type Corpus = z.infer<typeof Corpus>;
