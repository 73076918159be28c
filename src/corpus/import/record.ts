/**
 * One imported quotation, whatever the file format: the fields every format
 * maps to, validated with zod, then turned into a corpus `Quote` (validated
 * again with the corpus schema, like an extracted quote).
 */
import { z } from 'zod';
import { parsePartialDate } from '../../text/partial-date';
import { textFragmentUrl } from '../build/fragment-url';
import { quoteId } from '../build/quote-id';
import { LanguageTag, Quote, WordingKind, type DatePrecision, type Source } from '../schema';
import { firstControlChar } from './control-chars';
import { ImportError } from './errors';

/** The fields an import row maps to (JSON names them with a `source.` object, CSV as columns). */
export const IMPORT_FIELDS = ['text', 'speaker', 'speakerRole', 'date', 'sourceTitle', 'sourcePublisher', 'sourceUrl', 'context'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const describe = (input: unknown) => (input === undefined ? 'is missing' : `expected text, got ${input === null ? 'null' : typeof input}`);

/** Control and bidi characters are refused, not stripped: the file should be fixed where it is kept. */
const noControls = (s: string) => firstControlChar(s) === undefined;
const controlMessage = (iss: { input: unknown }) =>
  `contains a control character (${firstControlChar(String(iss.input))}) that could hide or reorder the text on screen`;

const requiredText = z
  .string({ error: (iss) => describe(iss.input) })
  .trim()
  .min(1, 'is empty')
  .refine(noControls, { error: controlMessage });
const optionalText = z
  .string({ error: (iss) => describe(iss.input) })
  .trim()
  .refine(noControls, { error: controlMessage })
  .optional()
  .transform((s) => (s === '' ? undefined : s));

/**
 * A database may keep the quotation marks around the wording; the corpus
 * stores it without them. Only a matching pair enclosing the whole text is
 * removed, so an apostrophe at either end ("’Tis", "waitin’") stays.
 */
const ENCLOSING_PAIRS = ['""', '“”', '„“', '«»', '»«', '‹›', '‘’', "''", '「」'];

export function stripEnclosingMarks(s: string): string {
  const t = s.trim();
  if (t.length < 2) return t;
  const pair = ENCLOSING_PAIRS.find((p) => t.startsWith(p[0]!) && t.endsWith(p[1]!));
  if (!pair) return t;
  const inner = t.slice(1, -1);
  // "A" said "B": marks at both ends that do not enclose one quotation stay.
  return inner.includes(pair[1]!) || inner.includes(pair[0]!) ? t : inner.trim();
}

export const ImportRecord = z.object({
  text: requiredText.transform((s) => stripEnclosingMarks(s.replace(/\s+/g, ' '))).pipe(z.string().min(1, 'is only quotation marks')),
  speaker: requiredText,
  speakerRole: optionalText,
  date: requiredText.refine((s) => parsePartialDate(s) !== undefined, {
    error: (iss) =>
      /^\d{4}(-\d{2}(-\d{2})?)?$/.test(String(iss.input))
        ? `"${String(iss.input)}" is not a real date`
        : `"${String(iss.input)}" is not YYYY, YYYY-MM or YYYY-MM-DD`,
  }),
  sourceTitle: requiredText,
  sourcePublisher: optionalText,
  sourceUrl: optionalText.pipe(
    z.url({ protocol: /^https?$/, error: (iss) => `"${String(iss.input)}" is not a valid http(s) URL` }).optional(),
  ),
  context: optionalText,
});
export type ImportRecord = z.infer<typeof ImportRecord>;

const httpUrl = optionalText.pipe(z.url({ protocol: /^https?$/, error: (iss) => `"${String(iss.input)}" is not a valid http(s) URL` }).optional());
const WordingSourceIn = z.strictObject({ title: requiredText, publisher: optionalText, url: httpUrl });
const OriginalIn = z.strictObject({
  lang: requiredText.pipe(LanguageTag),
  text: requiredText.transform((s) => stripEnclosingMarks(s.replace(/\s+/g, ' '))),
  source: WordingSourceIn,
});
const VariantIn = OriginalIn.extend({ kind: WordingKind });

/** A row's other vetted wordings (docs/corpus-format.md, "Other wordings"). */
export const ImportWordings = z.strictObject({ original: OriginalIn.optional(), variants: z.array(VariantIn).optional() });

/** Drops absent values (an empty CSV cell, a missing JSON key) so the corpus holds no `undefined` fields. */
function compact<T extends object>(o: T): T {
  return JSON.parse(JSON.stringify(o)) as T;
}

/** A row as a format read it, before validation. */
export interface RawRow {
  /** "row 4" or "item 2". */
  where: string;
  line?: number;
  /** Source doc id for this row, e.g. `import:quotes.csv#4`. */
  docId: string;
  fields: Partial<Record<ImportField, unknown>>;
  /** How the file names each field, for messages (`source.url`, `sourceUrl`, `itemReviewed.author.name`). */
  names: Record<ImportField, string>;
  /** More sources for the same row (ClaimReview lists several appearances). */
  extraSources?: { docId: string; title: unknown; publisher?: unknown; url?: unknown }[];
  /** The row's other wordings, before validation: `{ original?, variants? }` (ImportWordings). */
  wordings?: { original?: unknown; variants?: unknown };
  /** How the file names a wordings field, from its path (`original.text`, `originalText`). */
  wordingName?: (path: readonly PropertyKey[]) => string;
}

const precision = (date: string): DatePrecision => (date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day');

/** Validates a row and builds its Quote; throws the row's ImportErrors (all of its bad fields). */
export function rowToQuote(file: string, row: RawRow): Quote {
  const parsed = ImportRecord.safeParse(row.fields);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => {
      const field = i.path[0] as ImportField | undefined;
      return new ImportError(file, row.where, row.line, field === undefined ? undefined : row.names[field], i.message);
    });
    throw new RowErrors(errors);
  }
  const r = parsed.data;
  let wordings: z.infer<typeof ImportWordings> = {};
  if (row.wordings && (row.wordings.original !== undefined || row.wordings.variants !== undefined)) {
    const w = ImportWordings.safeParse(row.wordings);
    if (!w.success) {
      const name = row.wordingName ?? ((path: readonly PropertyKey[]) => path.map(String).join('.'));
      throw new RowErrors(w.error.issues.map((i) => new ImportError(file, row.where, row.line, name(i.path), i.message)));
    }
    wordings = compact(w.data);
  }
  const sources: Source[] = [makeSource(row.docId, r.sourceTitle, r.sourcePublisher, r.sourceUrl, r.text)];
  for (const extra of row.extraSources ?? []) {
    const more = ImportRecord.pick({ sourceTitle: true, sourcePublisher: true, sourceUrl: true }).safeParse({
      sourceTitle: extra.title,
      sourcePublisher: extra.publisher,
      sourceUrl: extra.url,
    });
    if (!more.success) {
      throw new RowErrors(
        more.error.issues.map((i) => new ImportError(file, row.where, row.line, `${extra.docId.split('#')[1] ?? ''} ${String(i.path[0])}`.trim(), i.message)),
      );
    }
    sources.push(makeSource(extra.docId, more.data.sourceTitle, more.data.sourcePublisher, more.data.sourceUrl, r.text));
  }
  const speaker = r.speakerRole === undefined ? { name: r.speaker } : { name: r.speaker, role: r.speakerRole };
  const quote = Quote.safeParse({
    id: quoteId(r.speaker, r.text),
    text: r.text,
    kind: 'direct',
    speaker,
    date: r.date,
    datePrecision: precision(r.date),
    dateBasis: 'imported',
    sources,
    context: r.context ?? '',
    ...wordings,
  });
  if (!quote.success) {
    throw new RowErrors(quote.error.issues.map((i) => new ImportError(file, row.where, row.line, i.path.join('.'), i.message)));
  }
  return quote.data;
}

function makeSource(docId: string, title: string, publisher: string | undefined, url: string | undefined, text: string): Source {
  const source: Source = { docId, title };
  if (publisher !== undefined) source.publisher = publisher;
  if (url !== undefined) {
    source.url = url;
    source.fragmentUrl = textFragmentUrl(url, text);
  }
  return source;
}

/** The errors of one row (a row can have several bad fields). */
export class RowErrors extends Error {
  constructor(readonly errors: ImportError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'RowErrors';
  }
}
