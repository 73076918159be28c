/**
 * Packs the working corpus for an extension build (Node-only, build time):
 * validates it, keeps only approved quotes (src/corpus/ship.ts), serializes it
 * compactly, builds the shipped index beside it (`corpus-index.bin`: the match
 * index, the quote table and where each record sits in corpus.json, with the
 * SHA-256 of every piece of corpus.json) and hashes the exact bytes of both.
 * The build embeds both hashes; the background checks the index's before
 * opening it and a piece's before using it (src/host/integrity.ts,
 * src/host/shipped-host.ts), so a corpus or index changed or corrupted after
 * the build is refused, not half-trusted. All validation happens here: the
 * background never runs the schema.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Corpus, type Quote } from '../corpus/schema';
import { shippableCorpus } from '../corpus/ship';
import { RECORD_SHARD_QUOTES, type CorpusPiece, type ShippedCorpusMeta } from '../corpus/shipped';
import { corpusScope } from '../corpus/scope';
import { buildIndex, isoDateKey, serializeShippedIndex, type ShippedQuote, type ShippedWording } from '../match';
import { SHIPPED_HEADER_BYTES, shippedIndexParts } from '../match/match-index';
import { wordingsOf } from '../match/wordings';

export interface PackedCorpus {
  /** The file that ships, exactly. */
  json: string;
  sha256: string;
  /** The shipped index (`corpus-index.bin`), exactly, and its SHA-256. */
  index: Uint8Array;
  indexSha256: string;
  /** Its length and where its two parts meet (`shippedIndexParts`), embedded in the build. */
  indexLayout: { byteLength: number; splitAt: number };
  quoteCount: number;
  documentCount: number;
  /** Quotes left out because they are pending or rejected. */
  withheld: { pending: number; rejected: number };
  corpusVersion?: string;
}

export class CorpusPackError extends Error {}

export function sha256Hex(text: string | Uint8Array): string {
  return typeof text === 'string' ? createHash('sha256').update(text, 'utf8').digest('hex') : createHash('sha256').update(text).digest('hex');
}

/** Undefined when the file does not exist; throws CorpusPackError when it is not a valid corpus. */
export function packCorpus(file: string): PackedCorpus | undefined {
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CorpusPackError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = Corpus.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CorpusPackError(`${file}: not a valid corpus: ${first ? `${first.path.join('.')}: ${first.message}` : 'unknown problem'}`);
  }
  return packValidCorpus(parsed.data, file);
}

/** Packs a corpus that passed the schema (`file` names it in errors). */
export function packValidCorpus(corpus: Corpus, file: string): PackedCorpus {
  const shipped = shippableCorpus(corpus);
  const json = `${JSON.stringify(shipped)}\n`;
  const sha256 = sha256Hex(json);
  const index = shippedIndex(file, shipped, json, sha256);
  const states = corpus.quotes.map((q) => q.review?.state);
  return {
    json,
    sha256,
    index,
    indexSha256: sha256Hex(index),
    indexLayout: shippedIndexParts(index.subarray(0, SHIPPED_HEADER_BYTES)),
    quoteCount: shipped.quotes.length,
    documentCount: shipped.documents.length,
    withheld: { pending: states.filter((s) => s === 'pending').length, rejected: states.filter((s) => s === 'rejected').length },
    ...(shipped.corpusVersion === undefined ? {} : { corpusVersion: shipped.corpusVersion }),
  };
}

/**
 * The shipped index of a packed corpus: where each quote's record sits in `json` (byte
 * offsets), the pieces of `json` with their hashes, the match index and the quote table.
 */
export function shippedIndex(file: string, corpus: Corpus, json: string, sha256: string): Uint8Array {
  const bytes = Buffer.from(json, 'utf8');
  const records = recordRanges(file, corpus.quotes, json);
  const speakerNumbers = new Map<string, number>();
  const quotes: ShippedQuote[] = corpus.quotes.map((q, i) => {
    const speaker = JSON.stringify(q.speaker);
    let number = speakerNumbers.get(speaker);
    if (number === undefined) speakerNumbers.set(speaker, (number = speakerNumbers.size));
    const [recordStart, recordEnd] = records[i]!;
    return { id: q.id, text: q.text, speaker: number, dateKey: isoDateKey(q.date), recordStart, recordEnd };
  });
  const n = quotes.length;
  const pieces: CorpusPiece[] = [];
  const piece = (start: number, end: number) => pieces.push([start, end, sha256Hex(bytes.subarray(start, end))]);
  const firstRecord = n ? quotes[0]!.recordStart : bytes.length;
  piece(0, firstRecord);
  for (let q = 0; q < n; q += RECORD_SHARD_QUOTES) {
    const last = Math.min(n, q + RECORD_SHARD_QUOTES);
    // A shard runs to the next shard's first record, so the comma between them is covered too.
    piece(quotes[q]!.recordStart, last < n ? quotes[last]!.recordStart : quotes[n - 1]!.recordEnd);
  }
  if (n) piece(quotes[n - 1]!.recordEnd, bytes.length);
  const meta: ShippedCorpusMeta = {
    name: corpus.name,
    ...(corpus.corpusVersion === undefined ? {} : { corpusVersion: corpus.corpusVersion }),
    documentCount: corpus.documents.length,
    corpusSha256: sha256,
    corpusBytes: bytes.length,
    pieces,
    shardQuotes: RECORD_SHARD_QUOTES,
    scope: corpusScope(corpus.quotes),
  };
  // Other wordings (an original, translations: src/match/wordings.ts) follow the main texts, as the index numbers them.
  const all = wordingsOf(corpus.quotes);
  const wordings: ShippedWording[] = [];
  for (let w = n; w < all.list.length; w++) {
    wordings.push({ quote: all.quoteOf[w]!, key: all.list[w]!.key, text: all.list[w]!.text, ref: JSON.stringify(all.refs[w]) });
  }
  try {
    return serializeShippedIndex({ index: buildIndex(corpus.quotes), quotes, wordings, speakers: [...speakerNumbers.keys()], meta: JSON.stringify(meta) });
  } catch (error) {
    throw new CorpusPackError(`${file}: cannot index the corpus: ${(error as Error).message}`);
  }
}

/** Byte range [start, end) of each quote's JSON object in `json`; checked record by record. */
function recordRanges(file: string, quotes: readonly Quote[], json: string): [number, number][] {
  const out: [number, number][] = [];
  if (quotes.length === 0) return out;
  // The quotes array is the only place a quote object starts with its id key; each is
  // serialized as JSON.stringify serialized it inside the corpus, one comma apart.
  const texts = quotes.map((q) => JSON.stringify(q));
  let char = json.indexOf(`"quotes":[${texts[0]!}`);
  if (char < 0) throw new CorpusPackError(`${file}: cannot find the quotes in the packed corpus`);
  char += '"quotes":['.length;
  let byte = Buffer.byteLength(json.slice(0, char), 'utf8');
  for (const [i, text] of texts.entries()) {
    if (!json.startsWith(text, char)) throw new CorpusPackError(`${file}: quote ${i} is not where the packed corpus should hold it`);
    const length = Buffer.byteLength(text, 'utf8');
    out.push([byte, byte + length]);
    char += text.length + 1;
    byte += length + 1;
  }
  return out;
}

/**
 * The build's date, reproducibly: SOURCE_DATE_EPOCH if set (the reproducible-builds
 * convention), else the last commit's date, else none. Never the clock: two builds of
 * one commit must be byte-identical.
 */
export function buildDate(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%ct'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return /^\d+$/.test(out) ? new Date(Number(out) * 1000).toISOString() : undefined;
  } catch {
    return undefined;
  }
}
