/**
 * The corpus builder (Node-only): documents directory in, `Corpus` plus a
 * build report out. Deterministic: the same documents give the same bytes
 * (stable order, no build timestamps), so the committed corpus can be checked
 * for staleness by rebuilding it.
 */
import { createHash } from 'node:crypto';
import { canonical } from '../../text';
import {
  Corpus,
  CORPUS_FORMAT_VERSION,
  type DateBasis,
  type DocumentInfo,
  type Quote,
  type Source,
  type Speaker,
} from '../schema';
import { formatDate, parseIsoPartial, precisionOf, type DayDate } from './dates';
import { BuildFailedError, DocumentError } from './errors';
import { extractDocument, type ExtractedQuote, type SetAside, type Warning } from './extract';
import { textFragmentUrl } from './fragment-url';
import { listDocuments, readDocument, type DocumentFormat, type ReadDocument } from './read-documents';
import type { ClassifiedParagraph } from './paragraphs';
import type { Entity } from './speakers';

export { BuildFailedError, DocumentError } from './errors';
export { writeFileAtomic } from './write-atomic';

export const DEFAULT_CORPUS_NAME = 'Quote Verifier corpus';

export interface BuildOptions {
  /** Documents directory. */
  dir: string;
  /** The directory as the user wrote it, for messages (default: `dir`). */
  displayDir?: string;
  name?: string;
  /** YYYY-MM-DD: reference for years when a document has no published/retrieved date. */
  referenceDate?: string;
  /** Today's date; only used, with a warning, when nothing else gives a reference. */
  today?: () => DayDate;
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface DocumentReport {
  docId: string;
  file: string;
  format: DocumentFormat;
  paragraphs: number;
  leftovers: { line?: number; reason: string; text: string }[];
  quotes: number;
}

export interface BuildReport {
  documents: DocumentReport[];
  perSpeaker: { name: string; direct: number; partial: number }[];
  terms: SetAside[];
  leftOut: SetAside[];
  warnings: Warning[];
  /** Records reported by more than one document. */
  merged: number;
}

export interface BuildResult {
  corpus: Corpus;
  /** The file's exact content: pretty JSON with a final newline. */
  json: string;
  report: BuildReport;
}

/** `q_` + the first 16 hex digits of sha256(canonical(speaker) + "\n" + canonical(text)). */
export function quoteId(speaker: string, text: string): string {
  return `q_${createHash('sha256').update(`${canonical(speaker)}\n${canonical(text)}`).digest('hex').slice(0, 16)}`;
}

/** Strength of each date basis when two documents date one quotation differently. */
const BASIS_RANK: Record<DateBasis, number> = { metadata: 4, explicit: 3, weekday: 2, published: 1, imported: 0 };

function today(): DayDate {
  const d = new Date();
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function parseReferenceDate(s: string): DayDate | undefined {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? parseIsoPartial(s) : undefined;
  return d && d.month !== undefined && d.day !== undefined ? { year: d.year, month: d.month, day: d.day } : undefined;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Candidate {
  quote: ExtractedQuote;
  doc: ReadDocument;
}

/** Builds the corpus from already-read documents (sorted by docId). */
export function assembleCorpus(
  docs: ReadDocument[],
  options: Pick<BuildOptions, 'name' | 'referenceDate' | 'today'>,
): BuildResult {
  const referenceDate = options.referenceDate === undefined ? undefined : parseReferenceDate(options.referenceDate);
  if (options.referenceDate !== undefined && referenceDate === undefined) {
    throw new Error(`--reference-date must be a real date as YYYY-MM-DD (got "${options.referenceDate}")`);
  }
  const warnings: Warning[] = [];
  const terms: SetAside[] = [];
  const leftOut: SetAside[] = [];
  const documents: DocumentReport[] = [];
  const infos: DocumentInfo[] = [];
  const candidates: Candidate[] = [];
  const speakers = new Map<string, { name: string; role?: string; declaredRole?: string; aliases: Set<string> }>();

  const noteSpeaker = (e: Entity) => {
    const k = canonical(e.name);
    let s = speakers.get(k);
    if (!s) speakers.set(k, (s = { name: e.name, aliases: new Set() }));
    if (e.role !== undefined) {
      if (e.declared && s.declaredRole === undefined) s.declaredRole = e.role;
      if (s.role === undefined) s.role = e.role;
    }
    for (const a of e.aliases) if (canonical(a) !== k) s.aliases.add(a);
  };

  for (const doc of docs) {
    warnings.push(...doc.warnings);
    const x = extractDocument(doc.parsed, {
      ...(referenceDate ? { referenceDate } : {}),
      today: options.today ?? today,
    });
    warnings.push(...x.warnings);
    terms.push(...x.terms);
    leftOut.push(...x.leftOut);
    for (const q of x.quotes) {
      candidates.push({ quote: q, doc });
      noteSpeaker(q.speaker);
    }
    const m = doc.parsed.meta;
    const info: DocumentInfo = { docId: doc.parsed.docId, file: doc.rel, title: m.title!, sha256: doc.sha256 };
    if (m.publisher !== undefined) info.publisher = m.publisher;
    if (m.url !== undefined) info.url = m.url;
    if (m.published !== undefined) info.published = m.published;
    infos.push(info);
    documents.push({
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

  const speakerOf = (e: Entity): Speaker => {
    const s = speakers.get(canonical(e.name))!;
    const out: Speaker = { name: s.name };
    const role = s.declaredRole ?? s.role;
    if (role !== undefined) out.role = role;
    if (s.aliases.size) out.aliases = [...s.aliases].sort(byCodeUnits);
    return out;
  };

  const records = new Map<string, { quote: Quote; rank: number; order: number }>();
  candidates.forEach(({ quote: q, doc }, order) => {
    const id = quoteId(q.speaker.name, q.text);
    const m = doc.parsed.meta;
    const source: Source = { docId: doc.parsed.docId, title: m.title! };
    if (m.publisher !== undefined) source.publisher = m.publisher;
    if (m.url !== undefined) {
      source.url = m.url;
      source.fragmentUrl = textFragmentUrl(m.url, q.text);
    }
    if (m.published !== undefined) source.published = m.published;
    const record: Quote = {
      id,
      text: q.text,
      kind: q.kind,
      speaker: speakerOf(q.speaker),
      date: formatDate(q.date),
      datePrecision: precisionOf(q.date),
      dateBasis: q.dateBasis,
      sources: [source],
      context: q.context,
    };
    const seen = records.get(id);
    if (!seen) {
      records.set(id, { quote: record, rank: BASIS_RANK[q.dateBasis], order });
      return;
    }
    if (seen.quote.sources.some((s) => s.docId === source.docId)) return; // quoted twice in one document
    const sources = [...seen.quote.sources, source].sort((a, b) => byCodeUnits(a.docId, b.docId));
    if (seen.quote.date !== record.date) {
      warnings.push({
        file: doc.parsed.file,
        message: `${id} is dated ${record.date} here and ${seen.quote.date} in ${seen.quote.sources[0]!.docId}; kept the date with the stronger basis`,
      });
    }
    const rank = BASIS_RANK[q.dateBasis];
    const keep = rank > seen.rank ? record : seen.quote;
    records.set(id, { quote: { ...keep, sources }, rank: Math.max(rank, seen.rank), order: seen.order });
  });

  const quotes = [...records.values()].sort((a, b) => a.order - b.order).map((r) => r.quote);
  const corpus = Corpus.parse({
    version: CORPUS_FORMAT_VERSION,
    name: options.name ?? DEFAULT_CORPUS_NAME,
    documents: infos,
    quotes,
  });

  const per = new Map<string, { name: string; direct: number; partial: number }>();
  for (const q of corpus.quotes) {
    const p = per.get(q.speaker.name) ?? { name: q.speaker.name, direct: 0, partial: 0 };
    p[q.kind]++;
    per.set(q.speaker.name, p);
  }
  const report: BuildReport = {
    documents,
    perSpeaker: [...per.values()].sort((a, b) => b.direct + b.partial - (a.direct + a.partial) || byCodeUnits(a.name, b.name)),
    terms,
    leftOut,
    warnings,
    merged: corpus.quotes.filter((q) => q.sources.length > 1).length,
  };
  return { corpus, json: `${JSON.stringify(corpus, null, 2)}\n`, report };
}

/** Reads every document under `options.dir` and builds the corpus. Throws BuildFailedError on bad input. */
export async function buildCorpus(options: BuildOptions): Promise<BuildResult> {
  const display = options.displayDir ?? options.dir;
  const listed = await listDocuments(options.dir, display).catch((e: NodeJS.ErrnoException) => {
    throw new BuildFailedError([new DocumentError(display, undefined, `cannot read the documents directory: ${e.code ?? e.message}`)]);
  });
  const errors = [...listed.errors];
  const docs: ReadDocument[] = [];
  let done = 0;
  for (const file of listed.files) {
    try {
      docs.push(await readDocument(file));
    } catch (e) {
      if (e instanceof DocumentError) errors.push(e);
      else errors.push(new DocumentError(file.display, undefined, `cannot read the document: ${(e as Error).message}`));
    }
    options.onProgress?.(++done, listed.files.length, file.display);
  }
  if (errors.length) throw new BuildFailedError(errors);
  if (docs.length === 0) {
    throw new BuildFailedError([new DocumentError(display, undefined, 'no .txt, .md or .html documents found')]);
  }
  const result = assembleCorpus(docs, options);
  result.report.warnings.unshift(...listed.warnings);
  return result;
}
