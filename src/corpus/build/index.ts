/**
 * The corpus builder (Node-only): a documents directory and/or imported quote
 * databases in, the working `Corpus` (each quote with its review state from
 * the review file) plus a build report out. Deterministic: the same inputs
 * give the same bytes (stable order, no build timestamps), so the committed
 * corpus can be checked for staleness by rebuilding it.
 */
import path from 'node:path';
import { canonical } from '../../text';
import { Corpus, CORPUS_FORMAT_VERSION, Quote as QuoteRecord, type DocumentInfo, type Quote, type Review, type Source, type Speaker } from '../schema';
import { importDocBase, readImport, type ImportFormat, type LeftOutReview } from '../import';
import { readReviewFile } from '../review/io';
import { applyReviews, type AppliedReviews } from '../review/review-file';
import { formatDate, parseIsoPartial, precisionOf, type DayDate } from './dates';
import { BuildFailedError, DocumentError, UnreadableDocumentError } from './errors';
import { extractDocument, type ExtractedQuote, type Extraction, type SetAside, type Warning } from './extract';
import { textFragmentUrl } from './fragment-url';
import { byCodeUnits, mergeQuotes, type MergeItem } from './merge';
import { attachDeclaredWordings, type DeclaredWordings } from '../wordings';
import { quoteId } from './quote-id';
import { listDocuments, readDocument, type DocumentFormat, type ReadDocument } from './read-documents';
import type { ClassifiedParagraph } from './paragraphs';
import type { Entity } from './speakers';

export { BuildFailedError, DocumentError, UnreadableDocumentError } from './errors';
export { writeFileAtomic } from './write-atomic';
export { quoteId } from './quote-id';
export { mergeQuotes } from './merge';

export const DEFAULT_CORPUS_NAME = 'Quote Verifier corpus';

/** An import file a build includes beside (or instead of) the documents. */
export interface BuildImport {
  file: string;
  format?: ImportFormat;
  /** An already vetted database: its quotes are approved unless the review file says otherwise. */
  approved?: boolean;
  /** The file as the user wrote it, for messages (default: `file`). */
  display?: string;
}

export interface BuildOptions {
  /** Documents directory; may be left out when imports make the corpus. */
  dir?: string;
  /** Quote databases to import (docs/corpus-format.md, "Imports"). */
  imports?: BuildImport[];
  /**
   * The folder import source ids are relative to (`import:<path>#<row>`): the
   * newsroom config's folder for a config build (default: the working directory).
   */
  importBase?: string;
  /**
   * The review file (may not exist yet: then every quote is pending). When
   * given, every quote carries its `review`; when not, quotes have none (as
   * before review existed).
   */
  reviewFile?: string;
  /** Fail (PendingReviewError) while any quote is pending review. */
  strict?: boolean;
  /**
   * Fail on a document that cannot be read (no title, no text, binary)
   * instead of skipping it with a report line (`--strict-documents`).
   */
  strictDocuments?: boolean;
  /** The corpus's own version (newsroom config `corpusVersion`). */
  corpusVersion?: string;
  /** The directory as the user wrote it, for messages (default: `dir`). */
  displayDir?: string;
  name?: string;
  /** YYYY-MM-DD: reference for years when a document has no published/retrieved date. */
  referenceDate?: string;
  /** Today's date; only used, with a warning, when nothing else gives a reference. */
  today?: () => DayDate;
  /** Called as the build moves through its stages (see `BuildProgress`). */
  onProgress?: (progress: BuildProgress) => void;
}

/**
 * Where a build is: `documents` once per document read and attributed (with
 * its file), `imports` once per import file, `merge` when the quotations of
 * every source are merged into records (`done` = `total` = the quotations),
 * `review` when the review file is applied.
 */
export interface BuildProgress {
  stage: 'documents' | 'imports' | 'merge' | 'review';
  done: number;
  total: number;
  file?: string;
}

export interface DocumentReport {
  docId: string;
  file: string;
  format: DocumentFormat;
  paragraphs: number;
  leftovers: { line?: number; reason: string; text: string }[];
  quotes: number;
}

/** A document left out of the build, with where and why. */
export interface SkippedDocument {
  file: string;
  line?: number;
  reason: string;
}

export interface BuildReport {
  documents: DocumentReport[];
  /** Documents that could not be read or attributed; the rest of the build went on. */
  skipped: SkippedDocument[];
  perSpeaker: { name: string; direct: number; partial: number }[];
  terms: SetAside[];
  leftOut: SetAside[];
  warnings: Warning[];
  /** Records reported by more than one document. */
  merged: number;
  imports: { file: string; format: ImportFormat; quotes: number; leftOut: LeftOutReview[] }[];
  /** Present when the build applied a review file. */
  review?: Omit<AppliedReviews, 'corpus'> & { file: string };
}

/** A strict build found quotes still pending review. */
export class PendingReviewError extends Error {
  constructor(
    readonly pending: Quote[],
    /** The complete build: a caller may still write the working corpus so the quotes can be reviewed. */
    readonly result: BuildResult,
  ) {
    super(`${pending.length} quotation(s) are pending review; a strict build ships only reviewed quotes`);
    this.name = 'PendingReviewError';
  }
}

/** Imported quotes ready to merge: one entry per import file. */
export interface ImportedQuotes {
  file: string;
  format: ImportFormat;
  quotes: Quote[];
  leftOut: LeftOutReview[];
}

export interface BuildResult {
  corpus: Corpus;
  /** The file's exact content: pretty JSON with a final newline. */
  json: string;
  report: BuildReport;
}

function today(): DayDate {
  const d = new Date();
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function parseReferenceDate(s: string): DayDate | undefined {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? parseIsoPartial(s) : undefined;
  return d && d.month !== undefined && d.day !== undefined ? { year: d.year, month: d.month, day: d.day } : undefined;
}

/**
 * A quotation waiting to be merged: what its record needs from the document
 * (the source line), not the document itself, so a build holds no document
 * text once it is attributed and its memory does not grow with the archive's text.
 */
interface Candidate {
  quote: ExtractedQuote;
  source: Source;
  docId: string;
  file: string;
}

/**
 * The corpus, one document at a time: `add` attributes a document and keeps
 * only its quotations and report lines, `finish` merges them with the
 * imports. Documents must be added in docId order.
 */
class CorpusAssembler {
  private readonly warnings: Warning[] = [];
  private readonly terms: SetAside[] = [];
  private readonly leftOut: SetAside[] = [];
  private readonly documents: DocumentReport[] = [];
  private readonly infos: DocumentInfo[] = [];
  private readonly candidates: Candidate[] = [];
  private readonly speakers = new Map<string, { name: string; role?: string; declaredRole?: string; aliases: Set<string> }>();
  private readonly skipped: SkippedDocument[] = [];
  /** Other wordings the documents' metadata declares (originals, translations), attached after the merge. */
  private readonly declaredWordings: { docId: string; file: string; wordings: DeclaredWordings[] }[] = [];
  private readonly referenceDate: DayDate | undefined;

  constructor(private readonly options: Pick<BuildOptions, 'name' | 'referenceDate' | 'today' | 'corpusVersion' | 'strictDocuments' | 'onProgress'>) {
    this.referenceDate = options.referenceDate === undefined ? undefined : parseReferenceDate(options.referenceDate);
    if (options.referenceDate !== undefined && this.referenceDate === undefined) {
      throw new Error(`--reference-date must be a real date as YYYY-MM-DD (got "${options.referenceDate}")`);
    }
  }

  private noteSpeaker(e: Entity): void {
    const k = canonical(e.name);
    let s = this.speakers.get(k);
    if (!s) this.speakers.set(k, (s = { name: e.name, aliases: new Set() }));
    if (e.role !== undefined) {
      if (e.declared && s.declaredRole === undefined) s.declaredRole = e.role;
      if (s.role === undefined) s.role = e.role;
    }
    for (const a of e.aliases) if (canonical(a) !== k) s.aliases.add(a);
  }

  /** Attributes one document and keeps what the corpus and the report need of it. */
  add(doc: ReadDocument): void {
    if (doc.parsed.meta.wordings) this.declaredWordings.push({ docId: doc.parsed.docId, file: doc.parsed.file, wordings: doc.parsed.meta.wordings });
    let x: Extraction;
    try {
      x = extractDocument(doc.parsed, {
        ...(this.referenceDate ? { referenceDate: this.referenceDate } : {}),
        today: this.options.today ?? today,
      });
    } catch (e) {
      // A fault in the attribution rules on one document must not cost the archive: report it, build the rest.
      if (this.options.strictDocuments) throw new BuildFailedError([new DocumentError(doc.parsed.file, undefined, `cannot attribute the document: ${(e as Error).message}`)]);
      this.skipped.push({ file: doc.parsed.file, reason: `cannot attribute the document: ${(e as Error).message}` });
      return;
    }
    this.warnings.push(...doc.warnings, ...x.warnings);
    this.terms.push(...x.terms);
    this.leftOut.push(...x.leftOut);
    const m = doc.parsed.meta;
    for (const q of x.quotes) {
      const source: Source = { docId: doc.parsed.docId, title: m.title! };
      if (m.publisher !== undefined) source.publisher = m.publisher;
      if (m.url !== undefined) {
        source.url = m.url;
        source.fragmentUrl = textFragmentUrl(m.url, q.text);
      }
      if (m.published !== undefined) source.published = m.published;
      this.candidates.push({ quote: q, source, docId: doc.parsed.docId, file: doc.parsed.file });
      this.noteSpeaker(q.speaker);
    }
    const info: DocumentInfo = { docId: doc.parsed.docId, file: doc.rel, title: m.title!, sha256: doc.sha256 };
    if (m.publisher !== undefined) info.publisher = m.publisher;
    if (m.url !== undefined) info.url = m.url;
    if (m.published !== undefined) info.published = m.published;
    this.infos.push(info);
    this.documents.push({
      docId: doc.parsed.docId,
      file: doc.parsed.file,
      format: doc.format,
      paragraphs: x.paragraphs.length,
      leftovers: x.paragraphs
        .filter((p): p is ClassifiedParagraph & { leftover: string } => p.leftover !== undefined)
        .map((p) => ({ ...(p.line === undefined ? {} : { line: p.line }), reason: p.leftover, text: p.text })),
      quotes: x.quotes.length,
    });
  }

  /** Merges every document's quotations with the imports into the corpus and its report. */
  finish(imported: readonly ImportedQuotes[] = []): BuildResult {
    const { warnings, terms, leftOut, documents, infos, candidates, skipped } = this;
    // Imported speakers join the same registry: a role or alias from the documents applies to them too.
    for (const imp of imported) {
      for (const q of imp.quotes) {
        const role = q.speaker.role === undefined ? {} : { role: q.speaker.role };
        this.noteSpeaker({ name: q.speaker.name, kind: 'person', ...role, aliases: new Set(q.speaker.aliases ?? []), declared: false });
      }
    }
    const speakerOf = (e: Pick<Entity, 'name'>): Speaker => {
      const s = this.speakers.get(canonical(e.name))!;
      const out: Speaker = { name: s.name };
      const role = s.declaredRole ?? s.role;
      if (role !== undefined) out.role = role;
      if (s.aliases.size) out.aliases = [...s.aliases].sort(byCodeUnits);
      return out;
    };

    const items: MergeItem[] = [];
    for (const { quote: q, source, docId, file } of candidates) {
      const quote: Quote = {
        id: quoteId(q.speaker.name, q.text),
        text: q.text,
        kind: q.kind,
        speaker: speakerOf(q.speaker),
        date: formatDate(q.date),
        datePrecision: precisionOf(q.date),
        dateBasis: q.dateBasis,
        sources: [source],
        context: q.context,
      };
      // Every record is checked on its own: one the rules got wrong is set aside with the reason, never a failed build.
      const checked = QuoteRecord.safeParse(quote);
      if (checked.success) items.push({ quote, file });
      else {
        const issue = checked.error.issues[0]!;
        leftOut.push({
          docId,
          file,
          ...(q.line === undefined ? {} : { line: q.line }),
          quoted: `“${q.text}”`,
          reason: `not a valid record (${issue.path.join('.')}: ${issue.message})`,
        });
      }
    }
    for (const imp of imported) for (const q of imp.quotes) items.push({ quote: { ...q, speaker: speakerOf(q.speaker) }, file: imp.file });
    this.options.onProgress?.({ stage: 'merge', done: 0, total: items.length });
    const merged = mergeQuotes(items);
    warnings.push(...merged.warnings);
    // Wordings the documents' metadata declares (originals, translations) join their quotations.
    const declared = attachDeclaredWordings(merged.quotes, this.declaredWordings);
    if (declared.problems.length) throw new BuildFailedError(declared.problems.map((p) => new DocumentError(p.file, undefined, p.message)));
    const quotes = declared.quotes;
    const corpus = Corpus.parse({
      version: CORPUS_FORMAT_VERSION,
      name: this.options.name ?? DEFAULT_CORPUS_NAME,
      ...(this.options.corpusVersion === undefined ? {} : { corpusVersion: this.options.corpusVersion }),
      documents: infos,
      quotes,
    });
    this.options.onProgress?.({ stage: 'merge', done: items.length, total: items.length });

    const per = new Map<string, { name: string; direct: number; partial: number }>();
    for (const q of corpus.quotes) {
      const p = per.get(q.speaker.name) ?? { name: q.speaker.name, direct: 0, partial: 0 };
      p[q.kind]++;
      per.set(q.speaker.name, p);
    }
    const report: BuildReport = {
      documents,
      skipped,
      perSpeaker: [...per.values()].sort((a, b) => b.direct + b.partial - (a.direct + a.partial) || byCodeUnits(a.name, b.name)),
      terms,
      leftOut,
      warnings,
      merged: corpus.quotes.filter((q) => q.sources.length > 1).length,
      imports: imported.map((i) => ({ file: i.file, format: i.format, quotes: i.quotes.length, leftOut: i.leftOut })),
    };
    return { corpus, json: `${JSON.stringify(corpus, null, 2)}\n`, report };
  }
}

/** Builds the corpus from already-read documents (sorted by docId). */
export function assembleCorpus(
  docs: ReadDocument[],
  options: Pick<BuildOptions, 'name' | 'referenceDate' | 'today' | 'corpusVersion' | 'strictDocuments'>,
  imported: readonly ImportedQuotes[] = [],
): BuildResult {
  const assembler = new CorpusAssembler(options);
  for (const doc of docs) assembler.add(doc);
  return assembler.finish(imported);
}

/** Reads every document under `options.dir` and every import, builds the corpus, applies the review file. Throws BuildFailedError on bad input. */
export async function buildCorpus(options: BuildOptions): Promise<BuildResult> {
  if (options.dir === undefined && !options.imports?.length) {
    throw new BuildFailedError([new DocumentError('(build)', undefined, 'nothing to build: give a documents directory or an import file')]);
  }
  const errors: DocumentError[] = [];
  // Each document is attributed as soon as it is read and then let go: memory holds the quotations, not the archive.
  const assembler = new CorpusAssembler(options);
  const listWarnings: Warning[] = [];
  const skippedDocs: SkippedDocument[] = [];
  if (options.dir !== undefined) {
    const display = options.displayDir ?? options.dir;
    const listed = await listDocuments(options.dir, display).catch((e: NodeJS.ErrnoException) => {
      throw new BuildFailedError([new DocumentError(display, undefined, `cannot read the documents directory: ${e.code ?? e.message}`)]);
    });
    errors.push(...listed.errors);
    listWarnings.push(...listed.warnings);
    let done = 0;
    for (const file of listed.files) {
      try {
        const doc = await readDocument(file);
        // Once the build has failed, the rest is only read for its errors.
        if (errors.length === 0) assembler.add(doc);
      } catch (e) {
        if (e instanceof UnreadableDocumentError && !options.strictDocuments) skippedDocs.push({ file: e.file, ...(e.line === undefined ? {} : { line: e.line }), reason: e.detail });
        else if (e instanceof DocumentError) errors.push(e);
        else errors.push(new DocumentError(file.display, undefined, `cannot read the document: ${(e as Error).message}`));
      }
      options.onProgress?.({ stage: 'documents', done: ++done, total: listed.files.length, file: file.display });
    }
    if (listed.files.length === 0 && listed.errors.length === 0) {
      errors.push(new DocumentError(display, undefined, 'no .txt, .md or .html documents found'));
    }
  }
  const imported: ImportedQuotes[] = [];
  // Vetted status is decided per import entry: the exact source objects an
  // approved entry produced, never a name another entry could also carry.
  const vetted = new Map<string, string>(); // source docId -> the approved entry's path (as in its source ids)
  const entryByBase = new Map<string, string>();
  const importCount = options.imports?.length ?? 0;
  for (const [i, imp] of (options.imports ?? []).entries()) {
    const display = imp.display ?? imp.file;
    options.onProgress?.({ stage: 'imports', done: i, total: importCount, file: display });
    const base = importDocBase(imp.file, options.importBase);
    const other = entryByBase.get(base);
    if (other !== undefined) {
      errors.push(new DocumentError(display, undefined, `the same import file as ${other} (both would name their sources ${base}#<row>): list it once`));
      continue;
    }
    entryByBase.set(base, display);
    try {
      const r = await readImport(imp.file, { display, baseDir: options.importBase ?? process.cwd(), ...(imp.format ? { format: imp.format } : {}) });
      imported.push({ file: display, format: r.format, quotes: r.quotes, leftOut: r.leftOut });
      if (imp.approved) for (const q of r.quotes) for (const s of q.sources) vetted.set(s.docId, base.slice('import:'.length));
    } catch (e) {
      if (e instanceof BuildFailedError) errors.push(...e.errors);
      else throw e;
    }
  }
  if (errors.length) throw new BuildFailedError(errors);
  const result = assembler.finish(imported);
  result.report.warnings.unshift(...listWarnings);
  result.report.skipped.unshift(...skippedDocs);
  if (options.reviewFile === undefined) return result;

  options.onProgress?.({ stage: 'review', done: 0, total: result.corpus.quotes.length, file: displayPath(options.reviewFile) });
  const reviews = await readReviewFile(options.reviewFile);
  const fromApproved = (q: Quote): Review | undefined => {
    const entry = q.sources.map((s) => vetted.get(s.docId)).find((d) => d !== undefined);
    return entry === undefined ? undefined : { state: 'approved', reviewer: `${entry} (imported as vetted)` };
  };
  const applied = applyReviews(result.corpus, reviews, fromApproved);
  const corpus = Corpus.parse(applied.corpus);
  const { corpus: _, ...summary } = applied;
  result.report.review = { ...summary, file: displayPath(options.reviewFile) };
  const reviewed: BuildResult = { corpus, json: `${JSON.stringify(corpus, null, 2)}\n`, report: result.report };
  if (options.strict) {
    const pending = corpus.quotes.filter((q) => q.review?.state === 'pending');
    if (pending.length) throw new PendingReviewError(pending, reviewed);
  }
  return reviewed;
}

/** The documents directory's display name for a path (relative to the working directory when inside it). */
export function displayPath(p: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}
