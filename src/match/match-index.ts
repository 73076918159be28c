/**
 * The word-trigram index: an inverted index from hashed word trigrams to the
 * quotes holding them, packed in typed arrays (a bucket table in CSR form),
 * plus every quote's word hashes for the aligner.
 *
 * Two serialized forms, both read by creating views on one byte array (no
 * parsing, no per-quote objects):
 * - `serializeIndex` / `loadIndex`: the index alone, for a corpus the caller
 *   holds (the CLI and the tests build the index from the corpus instead);
 * - `serializeShippedIndex` / `openShippedIndex`: what an extension build
 *   ships beside corpus.json (`corpus-index.bin`, written by
 *   src/config/package-corpus.ts): the index plus the quote table the
 *   background needs without the corpus (ids, wording, speakers, dates,
 *   where each record sits in corpus.json) and the host's metadata.
 *   The background hashes the file and opens it; nothing is validated or
 *   parsed per quote at wake-up (src/host/shipped-host.ts).
 *
 * Layout of the index (little-endian 32-bit words):
 *   header[16] | bucketStarts[2^bits + 1] | postings[P packed, ./postings.ts] |
 *   wordOffsets[N + 1] | wordHashes[W]
 */
import type { Quote } from '../corpus/schema';
import { fnv1a, trigramKey } from './hash';
import {
  COMMON_TRIGRAM_FRACTION,
  COMMON_TRIGRAM_MIN_POSTINGS,
  MIN_QUOTE_WORDS,
  TABLE_BITS_MAX,
  TABLE_BITS_MIN,
} from './thresholds';
import { MAX_QUOTE_BITS, PackedPostings, postingBits, postingWords } from './postings';
import { wordHashesInto } from './tokenize';
import { encodeTexts, TextCodecError, textsDecoder, type EncodedTexts } from './text-codec';
import { wordingsOf, type WordedQuote } from './wordings';

/**
 * What the index needs of a quote: its id and text, and its other vetted
 * wordings when it has any. The index numbers wordings, not quotes
 * (src/match/wordings.ts): wording q is quote q's main text, the others follow.
 */
export type IndexedQuote = WordedQuote;

export interface MatchIndex {
  /** Wordings indexed: the quotes' main texts, then their other vetted wordings (src/match/wordings.ts). */
  quoteCount: number;
  /** log2 of the bucket count. */
  tableBits: number;
  /** Bucket b holds postings[buckets.start(b), buckets.start(b) + buckets.size(b)). */
  buckets: BucketTable;
  /**
   * Each posting: its quote number (position in the quotes array; ascending within a
   * bucket) and, in the low 8 bits, a tag: the low 8 bits of the trigram's key. The bucket
   * is chosen by the high bits, so different trigrams share buckets; the tag filters out
   * all but 1 in 256 of those collisions, which would otherwise add a vote for an
   * unrelated quote on most trigrams of a page. Packed (./postings.ts).
   */
  postings: PackedPostings;
  /** Quote q's words are wordHashes[wordOffsets[q], wordOffsets[q + 1]). */
  wordOffsets: Uint32Array;
  /**
   * Every wording's word hashes, in order. Absent from the index an extension ships
   * (`serializeShippedIndex`): there the engine hashes a candidate's words from its text
   * when it needs them (src/match/engine.ts `quoteHashes`), and the worker reads and keeps
   * 9.6 MB less at 100k quotations.
   */
  wordHashes?: Uint32Array;
  /** Hash of the quote ids in order: an index only serves the corpus it was built from. */
  fingerprint: number;
  /** Buckets with more postings than this were emptied as too common. */
  bucketCap: number;
}

/** Where each bucket's postings are: a start per bucket (built and plain indexes) or counts summed per block (compact). */
export interface BucketTable {
  /** Buckets (2^tableBits). */
  readonly count: number;
  /** Index in `postings` of bucket b's first posting. */
  start(b: number): number;
  /** Postings in bucket b. */
  size(b: number): number;
}

/** A bucket table as one start per bucket plus the end: starts[b + 1] - starts[b] postings. */
export function startsTable(starts: Uint32Array): BucketTable {
  return { count: starts.length - 1, start: (b) => starts[b]!, size: (b) => starts[b + 1]! - starts[b]! };
}

/** Every bucket's start (and the end), from any table. */
function startsOf(table: BucketTable): Uint32Array {
  const starts = new Uint32Array(table.count + 1);
  for (let b = 0; b < table.count; b++) starts[b + 1] = starts[b]! + table.size(b);
  return starts;
}

const MAGIC = 0x58495651; // "QVIX"
/** Bump when the serialized layout changes. (2: postings and word offsets number wordings, each quote's other vetted wordings after all main texts.) */
export const INDEX_FORMAT_VERSION = 3;
// (3: postings packed with their tags, ./postings.ts.)
/**
 * Bump when tokenization or hashing changes: old indexes would silently miss. (2: variation
 * selectors, tag characters and Hangul fillers are invisible. 3: ё folds to е, final ς to σ,
 * Greek accents are dropped; Cyrillic and Greek look-alike words are judged by their neighbours.)
 */
export const TOKENIZER_VERSION = 3;
const HEADER_WORDS = 16;

/** Hash of the wording ids, in order (a corpus without other wordings: its quote ids). */
export function corpusFingerprint(quotes: readonly (Pick<Quote, 'id'> & Partial<Pick<Quote, 'original' | 'variants'>> & { key?: string })[]): number {
  let h = 0x811c9dc5;
  const ids = quotes.some((q) => q.original || q.variants?.length) ? wordingsOf(quotes.map((q) => ({ ...q, text: '' }))).list : quotes;
  for (const q of ids) {
    h = Math.imul(h ^ fnv1a(q.key ?? q.id), 0x01000193);
  }
  return (h ^ ids.length) >>> 0;
}

export class IndexError extends Error {
  override name = 'IndexError';
}

/** The most wordings one index numbers (the postings' quote bits, ./postings.ts). */
export const MAX_WORDINGS = 2 ** MAX_QUOTE_BITS;

/** Builds the index of a corpus. Quotes keep their positions: posting q is quotes[q]. */
export function buildIndex(corpusQuotes: readonly IndexedQuote[]): MatchIndex {
  const quotes = wordingsOf(corpusQuotes).list;
  const n = quotes.length;
  if (n > MAX_WORDINGS) throw new IndexError(`${n} wordings (quotations and their other vetted wordings): an index holds at most ${MAX_WORDINGS}`);
  const wordOffsets = new Uint32Array(n + 1);
  let hashes = new Uint32Array(Math.max(1024, n * 24));
  let total = 0;
  let trigrams = 0;
  for (let q = 0; q < n; q++) {
    const text = quotes[q]!.text;
    const room = (text.length >> 1) + 2;
    if (total + room > hashes.length) {
      const grown = new Uint32Array(Math.max(hashes.length * 2, total + room));
      grown.set(hashes.subarray(0, total));
      hashes = grown;
    }
    const words = wordHashesInto(text, hashes, total);
    total += words;
    wordOffsets[q + 1] = total;
    if (words >= MIN_QUOTE_WORDS) trigrams += words - 2;
  }
  const wordHashArr = hashes.slice(0, total);

  let bits = Math.floor(Math.log2(Math.max(trigrams, 1)));
  bits = Math.min(TABLE_BITS_MAX, Math.max(TABLE_BITS_MIN, bits));
  const buckets = 2 ** bits;
  const shift = 32 - bits;
  // The bucket of every trigram occurrence, a repeat within its quote marked
  // NONE (a quote counts once per bucket), then counts per bucket.
  const NONE = 0xffffffff;
  const occ = new Uint32Array(trigrams);
  const occQuote = new Uint32Array(trigrams);
  const occTag = new Uint8Array(trigrams);
  const counts = new Uint32Array(buckets);
  let o = 0;
  for (let q = 0; q < n; q++) {
    const from = wordOffsets[q]!;
    const to = wordOffsets[q + 1]!;
    if (to - from < MIN_QUOTE_WORDS) continue;
    const first = o;
    for (let p = from; p + 2 < to; p++) {
      const key = trigramKey(wordHashArr[p]!, wordHashArr[p + 1]!, wordHashArr[p + 2]!);
      const bucket = key >>> shift;
      const tag = key & 0xff;
      let repeat = false;
      for (let k = first; k < o; k++) {
        if (occ[k] === bucket && occTag[k] === tag) {
          repeat = true;
          break;
        }
      }
      occTag[o] = tag;
      occQuote[o] = q;
      occ[o++] = repeat ? NONE : bucket;
      if (!repeat) counts[bucket]!++;
    }
  }
  const bucketCap = Math.max(COMMON_TRIGRAM_MIN_POSTINGS, Math.floor(COMMON_TRIGRAM_FRACTION * n));
  const bucketStarts = new Uint32Array(buckets + 1);
  let sum = 0;
  for (let b = 0; b < buckets; b++) {
    bucketStarts[b] = sum;
    if (counts[b]! <= bucketCap) sum += counts[b]!;
  }
  bucketStarts[buckets] = sum;
  const postingQuotes = new Uint32Array(sum);
  const postingTags = new Uint8Array(sum);
  counts.fill(0); // now: postings filled per bucket
  for (let k = 0; k < o; k++) {
    const bucket = occ[k]!;
    if (bucket === NONE) continue;
    const start = bucketStarts[bucket]!;
    if (bucketStarts[bucket + 1]! === start) continue; // dropped as too common (or empty)
    const at = start + counts[bucket]!++;
    postingQuotes[at] = occQuote[k]!;
    postingTags[at] = occTag[k]!;
  }

  return {
    quoteCount: n,
    tableBits: bits,
    buckets: startsTable(bucketStarts),
    postings: PackedPostings.pack(postingQuotes, postingTags, n),
    wordOffsets,
    wordHashes: wordHashArr,
    fingerprint: corpusFingerprint(corpusQuotes),
    bucketCap,
  };
}

/** Bytes the index's arrays hold. */
export function indexByteSize(index: MatchIndex): number {
  return (
    (index.buckets.count + 1) * 4 +
    index.postings.byteLength +
    index.wordOffsets.byteLength +
    (index.wordHashes?.byteLength ?? 0)
  );
}

/** The index as one byte array (see the layout above). */
export function serializeIndex(index: MatchIndex): Uint8Array {
  if (!isLittleEndian()) throw new IndexError('index serialization needs a little-endian platform');
  if (!index.wordHashes) throw new IndexError('an index without word hashes ships only inside an extension (serializeShippedIndex)');
  const starts = startsOf(index.buckets);
  const out = new Uint32Array(HEADER_WORDS + starts.length + bodyWords(index));
  writeHeader(out, MAGIC, index);
  out.set(starts, HEADER_WORDS);
  writeBody(out, HEADER_WORDS + starts.length, index);
  return new Uint8Array(out.buffer);
}

/** Header flag: the word hashes are not stored (MatchIndex.wordHashes). */
const NO_WORD_HASHES = 1;

/**
 * The header both layouts share (serializeIndex's and the compact one):
 *   magic | format | tokenizer | quotes | table bits | postings | words | fingerprint | bucket cap | flags
 */
function writeHeader(out: Uint32Array, magic: number, index: MatchIndex): void {
  const words = index.wordOffsets[index.quoteCount]!;
  out.set([magic, INDEX_FORMAT_VERSION, TOKENIZER_VERSION, index.quoteCount, index.tableBits, index.postings.length, words, index.fingerprint, index.bucketCap, index.wordHashes ? 0 : NO_WORD_HASHES]);
}

type Header = Pick<MatchIndex, 'quoteCount' | 'tableBits' | 'fingerprint' | 'bucketCap'> & { postingCount: number; wordCount: number; hashesStored: boolean };

/** Reads and checks writeHeader's words; `rebuild` ends the messages (what to rebuild). */
function readHeader(u: Uint32Array, magic: number, what: string, rebuild: string): Header {
  if (u.length < HEADER_WORDS || u[0] !== magic) throw new IndexError(`not a ${what} (bad magic number)`);
  if (u[1] !== INDEX_FORMAT_VERSION) throw new IndexError(`index format ${u[1]}, this engine reads ${INDEX_FORMAT_VERSION}: ${rebuild}`);
  if (u[2] !== TOKENIZER_VERSION) throw new IndexError(`index built with tokenizer ${u[2]}, this engine uses ${TOKENIZER_VERSION}: ${rebuild}`);
  const [quoteCount, tableBits, postingCount, wordCount, fingerprint, bucketCap, flags] = Array.from(u.subarray(3, 10)) as [number, number, number, number, number, number, number];
  if (tableBits < TABLE_BITS_MIN || tableBits > TABLE_BITS_MAX) throw new IndexError(`bad table size 2^${tableBits}`);
  if (quoteCount > MAX_WORDINGS) throw new IndexError(`${quoteCount} wordings: an index holds at most ${MAX_WORDINGS}`);
  return { quoteCount, tableBits, postingCount, wordCount, fingerprint, bucketCap, hashesStored: (flags & NO_WORD_HASHES) === 0 };
}

/** 32-bit words of what follows the bucket table in both layouts: postings (packed), word offsets, word hashes. */
function bodyWords(index: MatchIndex): number {
  return index.postings.words.length + index.wordOffsets.length + (index.wordHashes?.length ?? 0);
}

function writeBody(out: Uint32Array, at: number, index: MatchIndex): void {
  if (index.postings.bits !== postingBits(index.quoteCount)) throw new IndexError(`postings of ${index.postings.bits} bits in an index of ${index.quoteCount} wordings`);
  out.set(index.postings.words, at);
  at += index.postings.words.length;
  out.set(index.wordOffsets, at);
  at += index.wordOffsets.length;
  if (index.wordHashes) out.set(index.wordHashes, at);
}

/** Views on writeBody's arrays at word `at` (the caller checked the length). */
function readBody(u: Uint32Array, at: number, h: Header): Pick<MatchIndex, 'postings' | 'wordOffsets' | 'wordHashes'> {
  const bits = postingBits(h.quoteCount);
  const packed = postingWords(h.postingCount, bits);
  const postings = new PackedPostings(h.postingCount, bits, u.subarray(at, at + packed));
  at += packed;
  const wordOffsets = u.subarray(at, at + h.quoteCount + 1);
  at += h.quoteCount + 1;
  return h.hashesStored ? { postings, wordOffsets, wordHashes: u.subarray(at, at + h.wordCount) } : { postings, wordOffsets };
}

/** 32-bit words of readBody's arrays, from the header. */
function bodyWordsOf(h: Header): number {
  return postingWords(h.postingCount, postingBits(h.quoteCount)) + h.quoteCount + 1 + (h.hashesStored ? h.wordCount : 0);
}

function isLittleEndian(): boolean {
  return new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
}

/**
 * Views on a serialized index (no copy when the bytes are 4-byte aligned).
 * Refuses, with the reason, an index built by another engine version or for
 * another corpus: it would silently miss quotations.
 */
export function loadIndex(bytes: Uint8Array, corpusQuotes: readonly (Pick<Quote, 'id'> & Partial<Pick<Quote, 'original' | 'variants'>>)[]): MatchIndex {
  const quotes = corpusQuotes.some((q) => q.original || q.variants?.length) ? wordingsOf(corpusQuotes.map((q) => ({ ...q, text: '' }))).list : corpusQuotes;
  const index = viewIndex(bytes);
  if (index.quoteCount !== quotes.length) {
    throw new IndexError(`index built for ${index.quoteCount} quotes, corpus has ${quotes.length}: rebuild the index`);
  }
  if (index.fingerprint !== corpusFingerprint(quotes)) {
    throw new IndexError('index built for another corpus (quote ids differ): rebuild the index');
  }
  return index;
}

/** Views on a serialized index, checked for format, engine version and consistency but not against a corpus. */
function viewIndex(bytes: Uint8Array): MatchIndex {
  if (!isLittleEndian()) throw new IndexError('the index needs a little-endian platform');
  if (bytes.byteLength < HEADER_WORDS * 4 || bytes.byteLength % 4 !== 0) {
    throw new IndexError(`not a quote index: ${bytes.byteLength} bytes`);
  }
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const u = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
  const h = readHeader(u, MAGIC, 'quote index', 'rebuild the index');
  const buckets = 2 ** h.tableBits;
  const expected = HEADER_WORDS + buckets + 1 + bodyWordsOf(h);
  if (u.length !== expected) throw new IndexError(`index truncated or padded: ${u.length} words, expected ${expected}`);
  const bucketStarts = u.subarray(HEADER_WORDS, HEADER_WORDS + buckets + 1);
  const body = readBody(u, HEADER_WORDS + buckets + 1, h);
  if (bucketStarts[buckets] !== h.postingCount || body.wordOffsets[h.quoteCount] !== h.wordCount) {
    throw new IndexError('index arrays are inconsistent: rebuild the index');
  }
  return { quoteCount: h.quoteCount, tableBits: h.tableBits, buckets: startsTable(bucketStarts), ...body, fingerprint: h.fingerprint, bucketCap: h.bucketCap };
}

// ---- Compact index (inside the shipped index) -------------------------------

const COMPACT_MAGIC = 0x43495651; // "QVIC"
/** A bucket's posting count up to this is one byte; larger ones go to the overflow list. */
const COUNT_ESCAPE = 0xff;

/**
 * The index with its bucket table as one byte per bucket (the posting count; counts of
 * 255 and more in an overflow list) instead of a 32-bit start per bucket: at 100k
 * quotations the table is 4 MB instead of 16 MB to read at every wake-up, and the starts
 * are summed again when it is opened (a few milliseconds).
 *   header[16] (as serializeIndex's, its own magic) | counts[2^bits bytes, padded to 4] |
 *   overflow K | [bucket, count] x K | blockStarts[2^bits / 16] | postings[P packed, ./postings.ts] |
 *   wordOffsets[N + 1] | wordHashes[W] (none in a shipped index)
 */
function serializeCompactIndex(index: MatchIndex): Uint32Array {
  const buckets = 2 ** index.tableBits;
  const counts = new Uint8Array(buckets);
  const overflow: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const c = index.buckets.size(b);
    if (c < COUNT_ESCAPE) counts[b] = c;
    else {
      counts[b] = COUNT_ESCAPE;
      overflow.push(b, c);
    }
  }
  const starts = startsOf(index.buckets);
  const blockStarts = Uint32Array.from({ length: buckets / BLOCK }, (_, k) => starts[k * BLOCK]!);
  const out = new Uint32Array(HEADER_WORDS + buckets / 4 + 1 + overflow.length + blockStarts.length + bodyWords(index));
  writeHeader(out, COMPACT_MAGIC, index);
  let at = HEADER_WORDS;
  new Uint8Array(out.buffer, at * 4, buckets).set(counts);
  at += buckets / 4;
  out[at++] = overflow.length / 2;
  out.set(overflow, at);
  at += overflow.length;
  out.set(blockStarts, at);
  writeBody(out, at + blockStarts.length, index);
  return out;
}

/**
 * Buckets per block of the compact table: a bucket's start is its block's start plus the
 * counts before it in the block (at most BLOCK - 1 byte reads, 7.5 on average). One start per
 * block instead of one per bucket: at 100k quotations (2^21 buckets) 0.5 MB instead of the
 * 8.4 MB a start per bucket took in the worker's memory, for about 1 ms more per 1 MB page.
 */
const BLOCK_BITS = 4;
const BLOCK = 1 << BLOCK_BITS;

/** The compact bucket table: one count byte per bucket (COUNT_ESCAPE: see `overflow`), a start per block. */
class CompactBuckets implements BucketTable {
  constructor(
    readonly count: number,
    private readonly counts: Uint8Array,
    /** Counts of the buckets whose byte is COUNT_ESCAPE. */
    private readonly overflow: Map<number, number>,
    private readonly blockStarts: Uint32Array,
  ) {
    // The counts start on a 32-bit word of the index (viewCompactIndex); little-endian (openShippedIndex checks).
    this.quads = new Uint32Array(counts.buffer, counts.byteOffset, counts.byteLength >>> 2);
    for (const b of overflow.keys()) this.escapedBlocks.add(b >>> BLOCK_BITS);
  }

  /** The count bytes as 32-bit words, four buckets each. */
  private readonly quads: Uint32Array;
  /** Blocks holding a bucket whose byte is COUNT_ESCAPE: their starts add the overflow counts. */
  private readonly escapedBlocks = new Set<number>();

  size(b: number): number {
    const c = this.counts[b]!;
    return c === COUNT_ESCAPE ? this.overflow.get(b)! : c;
  }

  start(b: number): number {
    const block = b >>> BLOCK_BITS;
    let s = this.blockStarts[block]!;
    let i = b & ~(BLOCK - 1);
    if (this.escapedBlocks.has(block)) {
      for (; i < b; i++) {
        const c = this.counts[i]!;
        s += c === COUNT_ESCAPE ? this.overflow.get(i)! : c;
      }
      return s;
    }
    // Four count bytes per 32-bit read (no escapes in this block): a page's every trigram asks
    // for a start, and this is most of the cold work of a woken worker's first lookups.
    const quads = this.quads;
    for (; i + 4 <= b; i += 4) {
      const w = quads[i >>> 2]!;
      s += (w & 0xff) + ((w >>> 8) & 0xff) + ((w >>> 16) & 0xff) + (w >>> 24);
    }
    for (; i < b; i++) s += this.counts[i]!;
    return s;
  }
}

/** Views on a compact index. */
function viewCompactIndex(u: Uint32Array): MatchIndex {
  const h = readHeader(u, COMPACT_MAGIC, 'compact quote index', 'rebuild the extension');
  const buckets = 2 ** h.tableBits;
  let at = HEADER_WORDS;
  const counts = new Uint8Array(u.buffer, u.byteOffset + at * 4, buckets);
  at += buckets / 4;
  const overflowCount = u[at++] ?? 0;
  const blocks = buckets / BLOCK;
  const expected = at + overflowCount * 2 + blocks + bodyWordsOf(h);
  if (u.length !== expected) throw new IndexError(`index truncated or padded: ${u.length} words, expected ${expected}`);
  const overflowWords = u.subarray(at, at + overflowCount * 2);
  at += overflowCount * 2;
  const overflow = new Map<number, number>();
  for (let k = 0; k < overflowWords.length; k += 2) {
    if (counts[overflowWords[k]!] !== COUNT_ESCAPE) throw new IndexError('index bucket table is inconsistent: rebuild the extension');
    overflow.set(overflowWords[k]!, overflowWords[k + 1]!);
  }
  // The block starts as the build summed them (the bytes are the build's: their hash was
  // checked); not summed again here, a 2^21-bucket loop at every wake-up. The last block
  // must end where the postings do.
  const blockStarts = u.subarray(at, at + blocks);
  at += blocks;
  const table = new CompactBuckets(buckets, counts, overflow, blockStarts);
  const rest = readBody(u, at, h);
  const end = table.start(buckets - 1) + table.size(buckets - 1);
  if (blockStarts[0] !== 0 || end !== h.postingCount || overflow.size !== overflowCount || rest.wordOffsets[h.quoteCount] !== h.wordCount) {
    throw new IndexError('index arrays are inconsistent: rebuild the extension');
  }
  return {
    quoteCount: h.quoteCount,
    tableBits: h.tableBits,
    buckets: table,
    ...rest,
    fingerprint: h.fingerprint,
    bucketCap: h.bucketCap,
  };
}

// ---- The shipped index ------------------------------------------------------

const SHIPPED_MAGIC = 0x4b505651; // "QVPK"
/**
 * Bump when the shipped layout changes; `openShippedIndex` refuses any other
 * version, and the build writes a new file every time, so an old one is never read.
 * (2: the bucket table as one byte per bucket, serializeCompactIndex. 3: no word hashes.
 * 4: a start per block of 16 buckets, summed by the build. 5: each speaker's quotes, grouped and
 * ordered by the build. 6: the texts as numbered pieces, ./text-codec.ts. 7: the
 * postings packed with their tags, ./postings.ts.)
 * (A quote's translations or variants, when the corpus gains them, become new
 * sections here and a new version.)
 */
export const SHIPPED_INDEX_FORMAT_VERSION = 7;
const SHIPPED_HEADER_WORDS = 16;

/** One quote as the shipped index keeps it. */
export interface ShippedQuote {
  id: string;
  text: string;
  /** Number of the quote's speaker in `speakers`. */
  speaker: number;
  /** The statement date as YYYYMMDD, missing parts 0 (`isoDateKey`): orders like the ISO strings. */
  dateKey: number;
  /** Byte range of the quote's record in the corpus file that ships with the index. */
  recordStart: number;
  recordEnd: number;
}

/** A wording of a quote other than its main text (src/match/wordings.ts), as the shipped index keeps it. */
export interface ShippedWording {
  /** Number of its quote. */
  quote: number;
  /** Its key in the index's fingerprint (`<id>#original`, `<id>#v<k>`). */
  key: string;
  text: string;
  /** Which wording of its quote it is (a `WordingRef`), as JSON. */
  ref: string;
}

export interface ShippedIndexInput {
  index: MatchIndex;
  quotes: readonly ShippedQuote[];
  /** The other wordings, in the index's order (they follow the N main texts). */
  wordings: readonly ShippedWording[];
  /** Each distinct speaker record, as JSON. */
  speakers: readonly string[];
  /** The host's own data (JSON), opaque to the engine. */
  meta: string;
}

/** Views on a shipped index: every accessor reads the one byte array. */
export interface ShippedIndex {
  readonly index: MatchIndex;
  readonly quoteCount: number;
  /** Wordings the index numbers: the quotes' main texts (wording q is quote q), then the others. */
  readonly wordingCount: number;
  /** The quote of each wording. */
  readonly wordingQuote: Uint32Array;
  /** Text of wording w (w < quoteCount: quote w's text). */
  wordingText(w: number): string;
  /** JSON of the `WordingRef` of wording w >= quoteCount. */
  wordingRef(w: number): string;
  readonly speakerCount: number;
  readonly meta: string;
  id(q: number): string;
  text(q: number): string;
  speakerOf(q: number): number;
  /** JSON of speaker s. */
  speakerJson(s: number): string;
  /**
   * Speaker s's quotes, newest first (date keys descending), then in corpus order: grouped
   * and sorted by the build (`speakerQuoteOrder`), so a woken worker never walks every quote.
   */
  quotesOfSpeaker(s: number): Uint32Array;
  dateKey(q: number): number;
  recordStart(q: number): number;
  recordEnd(q: number): number;
  /** Number of the quote with this id, or -1. */
  find(id: string): number;
}

/** `YYYY[-MM[-DD]]` as YYYYMMDD with missing parts 0, so numbers order like the strings. */
export function isoDateKey(iso: string): number {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!m) return 0;
  return Number(m[1]) * 10000 + Number(m[2] ?? 0) * 100 + Number(m[3] ?? 0);
}

/** The inverse of `isoDateKey`. */
export function isoFromDateKey(key: number): string {
  const y = Math.floor(key / 10000);
  const mo = Math.floor(key / 100) % 100;
  const d = key % 100;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(y).padStart(4, '0')}${mo ? `-${pad(mo)}${d ? `-${pad(d)}` : ''}` : ''}`;
}

/** Slots of the id table: a power of two at least twice the quotes, so a probe rarely goes past two slots. */
function idTableBits(quotes: number): number {
  return Math.max(4, Math.ceil(Math.log2(Math.max(1, quotes) * 2)));
}

const utf8 = new TextEncoder();

/**
 * The shipped index as one byte array. Layout (little-endian 32-bit words; heaps are
 * UTF-8 but for the text codes, each padded to 4 bytes; N quotes, W wordings >= N, S speakers,
 * P text pieces):
 *   header[16] | index (serializeCompactIndex) | codeOffsets[W + 1] | idOffsets[N + 1] |
 *   speakerOffsets[S + 1] | refOffsets[W - N + 1] | wordingQuote[W] | quoteSpeaker[N] | dateKeys[N] |
 *   recordStarts[N] | recordEnds[N] | speakerStarts[S + 1] | speakerQuotes[N] (`speakerQuoteOrder`) |
 *   pieceOffsets[P + 1] | idTable[2^idBits] (quote number + 1, 0 empty) |
 *   codeHeap (each wording's piece numbers, ./text-codec.ts) | pieceHeap | idHeap | speakerHeap | refHeap | metaHeap
 */
export function serializeShippedIndex(input: ShippedIndexInput): Uint8Array {
  const { index, quotes, wordings, speakers, meta } = input;
  const n = quotes.length;
  const w = n + wordings.length;
  if (index.quoteCount !== w) throw new IndexError(`index built for ${index.quoteCount} wordings, table has ${w}`);
  if (index.fingerprint !== corpusFingerprint([...quotes, ...wordings.map((x) => ({ id: quotes[x.quote]!.id, key: x.key }))])) {
    throw new IndexError('index built for another corpus (quote ids differ)');
  }
  // The word hashes stay out: the engine hashes a candidate's words from its text (MatchIndex.wordHashes).
  const { wordHashes: _hashes, ...withoutHashes } = index;
  const indexWords = serializeCompactIndex(withoutHashes);
  const heap = (strings: readonly string[]) => {
    const parts = strings.map((s) => utf8.encode(s));
    const offsets = new Uint32Array(parts.length + 1);
    let total = 0;
    parts.forEach((p, i) => {
      total += p.length;
      offsets[i + 1] = total;
    });
    const bytes = new Uint8Array(total);
    parts.forEach((p, i) => bytes.set(p, offsets[i]!));
    return { offsets, bytes };
  };
  let texts: EncodedTexts;
  try {
    texts = encodeTexts([...quotes.map((q) => q.text), ...wordings.map((x) => x.text)]);
  } catch (error) {
    if (!(error instanceof TextCodecError)) throw error;
    const x = error.text < n ? { id: quotes[error.text]!.id, what: 'text' } : { id: quotes[wordings[error.text - n]!.quote]!.id, what: `wording ${wordings[error.text - n]!.key}` };
    throw new IndexError(`quote ${x.id}: its ${x.what} cannot be stored: ${error.message}`);
  }
  const ids = heap(quotes.map((q) => q.id));
  const speakerHeap = heap(speakers);
  const refs = heap(wordings.map((x) => x.ref));
  const wordingQuote = Uint32Array.from([...quotes.map((_, q) => q), ...wordings.map((x) => x.quote)]);
  const metaBytes = utf8.encode(meta);
  const bits = idTableBits(n);
  const mask = 2 ** bits - 1;
  const idTable = new Uint32Array(2 ** bits);
  quotes.forEach((q, i) => {
    if (q.speaker < 0 || q.speaker >= speakers.length) throw new IndexError(`quote ${q.id}: no speaker ${q.speaker}`);
    let slot = fnv1a(q.id) & mask;
    while (idTable[slot] !== 0) {
      if (quotes[idTable[slot]! - 1]!.id === q.id) throw new IndexError(`duplicate quote id ${q.id}`);
      slot = (slot + 1) & mask;
    }
    idTable[slot] = i + 1;
  });
  const words = (bytes: number) => Math.ceil(bytes / 4);
  const total =
    SHIPPED_HEADER_WORDS +
    indexWords.length +
    (w + 1) +
    (n + 1) +
    speakers.length +
    1 +
    (w - n + 1) +
    w +
    n * 4 +
    speakers.length +
    1 +
    n +
    texts.vocabOffsets.length +
    idTable.length +
    words(texts.code.length) +
    words(texts.vocab.length) +
    words(ids.bytes.length) +
    words(speakerHeap.bytes.length) +
    words(refs.bytes.length) +
    words(metaBytes.length);
  const out = new Uint32Array(total);
  const header = [
    SHIPPED_MAGIC,
    SHIPPED_INDEX_FORMAT_VERSION,
    n,
    speakers.length,
    bits,
    indexWords.length,
    texts.code.length,
    ids.bytes.length,
    speakerHeap.bytes.length,
    metaBytes.length,
    w,
    refs.bytes.length,
    texts.vocabOffsets.length - 1,
    texts.vocab.length,
  ];
  out.set(header, 0);
  let at = SHIPPED_HEADER_WORDS;
  const put = (a: Uint32Array) => {
    out.set(a, at);
    at += a.length;
  };
  const putBytes = (b: Uint8Array) => {
    new Uint8Array(out.buffer, at * 4, b.length).set(b);
    at += words(b.length);
  };
  put(indexWords);
  put(texts.codeOffsets);
  put(ids.offsets);
  put(speakerHeap.offsets);
  put(refs.offsets);
  put(wordingQuote);
  put(Uint32Array.from(quotes, (q) => q.speaker));
  put(Uint32Array.from(quotes, (q) => q.dateKey));
  put(Uint32Array.from(quotes, (q) => q.recordStart));
  put(Uint32Array.from(quotes, (q) => q.recordEnd));
  const bySpeaker = speakerQuoteOrder(quotes, speakers.length);
  put(bySpeaker.starts);
  put(bySpeaker.quotes);
  put(texts.vocabOffsets);
  put(idTable);
  putBytes(texts.code);
  putBytes(texts.vocab);
  putBytes(ids.bytes);
  putBytes(speakerHeap.bytes);
  putBytes(refs.bytes);
  putBytes(metaBytes);
  if (at !== total) throw new IndexError(`shipped index layout: wrote ${at} words of ${total}`);
  return new Uint8Array(out.buffer);
}

/**
 * Every speaker's quotes, grouped (speaker s's are `quotes[starts[s]..starts[s + 1])`) and each
 * group in the order the variant rule reads them (src/match/variant.ts): newest first (date keys
 * order as the ISO dates), then corpus order. Done by the build: a woken worker that walked and
 * sorted 100k quotes for the first page naming a speaker spent about 30 ms on it, cold.
 */
export function speakerQuoteOrder(quotes: readonly Pick<ShippedQuote, 'speaker' | 'dateKey'>[], speakerCount: number): { starts: Uint32Array; quotes: Uint32Array } {
  const starts = new Uint32Array(speakerCount + 1);
  for (const q of quotes) starts[q.speaker + 1]!++;
  for (let s = 0; s < speakerCount; s++) starts[s + 1]! += starts[s]!;
  const next = starts.slice(0, speakerCount);
  const order = new Uint32Array(quotes.length);
  quotes.forEach((q, i) => (order[next[q.speaker]!++] = i));
  for (let s = 0; s < speakerCount; s++) {
    order.subarray(starts[s]!, starts[s + 1]!).sort((a, b) => quotes[b]!.dateKey - quotes[a]!.dateKey || a - b);
  }
  return { starts, quotes: order };
}

/** Bytes of a shipped index's header: enough to tell its length and where its parts meet (`shippedIndexParts`). */
export const SHIPPED_HEADER_BYTES = SHIPPED_HEADER_WORDS * 4;

/**
 * Where the shipped index whose first `SHIPPED_HEADER_BYTES` bytes these are may be cut in
 * two, and its length. Two reads at once take as long as the longer, so the cut is the
 * section boundary nearer the middle of the two a reader knows: after the match index, or
 * where the heaps start (`cutWord`; at 100k generated quotations 14.0 + 10.1 MB). A reader
 * fetches the two at once and opens them without joining them (src/platform/corpus-asset.ts,
 * `openShippedIndex`). Throws IndexError when these are not the header of a shipped index
 * of this format.
 */
export function shippedIndexParts(head: Uint8Array): { byteLength: number; splitAt: number } {
  if (head.byteLength < SHIPPED_HEADER_BYTES) throw new IndexError(`not a shipped quote index: ${head.byteLength} bytes`);
  const u = new DataView(head.buffer, head.byteOffset, SHIPPED_HEADER_BYTES);
  const word = (i: number) => u.getUint32(i * 4, true);
  if (word(0) !== SHIPPED_MAGIC) throw new IndexError('not a shipped quote index (bad magic number)');
  if (word(1) !== SHIPPED_INDEX_FORMAT_VERSION) throw new IndexError(`shipped index format ${word(1)}, this engine reads ${SHIPPED_INDEX_FORMAT_VERSION}`);
  const fields = Array.from({ length: SHIPPED_FIELDS }, (_, i) => word(2 + i));
  return { byteLength: shippedWords(fields) * 4, splitAt: cutWord(fields) * 4 };
}

/** The 32-bit word where the second part starts: after the match index or at the heaps, whichever leaves the smaller larger part. */
function cutWord(fields: readonly number[]): number {
  const total = shippedWords(fields);
  const larger = (cut: number) => Math.max(cut, total - cut);
  const afterIndex = SHIPPED_HEADER_WORDS + (fields as ShippedFields)[3];
  const heaps = heapsStart(fields);
  return larger(afterIndex) <= larger(heaps) ? afterIndex : heaps;
}

/** Header fields after the magic number and the format: counts and section lengths (words 2-13). */
const SHIPPED_FIELDS = 12;
type ShippedFields = [n: number, speakers: number, idBits: number, indexWords: number, codeBytes: number, idBytes: number, speakerBytes: number, metaBytes: number, w: number, refBytes: number, pieces: number, pieceBytes: number];

/** The 32-bit word where the heaps start (the cut between the two parts), from the header fields. */
function heapsStart(fields: readonly number[]): number {
  const [n, speakerCount, bits, indexWords, , , , , w, , pieces] = fields as ShippedFields;
  return SHIPPED_HEADER_WORDS + indexWords + (w + 1) + (n + 1) + speakerCount + 1 + (w - n + 1) + w + n * 4 + (speakerCount + 1) + n + (pieces + 1) + 2 ** bits;
}

/** 32-bit words of a shipped index, from its header fields. */
function shippedWords(fields: readonly number[]): number {
  const [n, , bits, , codeBytes, idBytes, speakerBytes, metaBytes, w, refBytes, , pieceBytes] = fields as ShippedFields;
  const words = (b: number) => Math.ceil(b / 4);
  if (bits > 31 || w < n) throw new IndexError(`shipped index header is inconsistent (id table 2^${bits}, ${w} wordings for ${n} quotes)`);
  return heapsStart(fields) + words(codeBytes) + words(pieceBytes) + words(idBytes) + words(speakerBytes) + words(refBytes) + words(metaBytes);
}

/** 32-bit words over 4-byte-aligned bytes (copied when they are not aligned). */
function wordsOf(bytes: Uint8Array): Uint32Array {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
}

/**
 * Views on a shipped index (no copy when the bytes are 4-byte aligned): the whole file, or
 * the two parts `shippedIndexParts` cuts it in, as read. Checks the format, the engine
 * version and that every section fits; the content is the build's (validated there),
 * which the caller proves by its hash before opening it.
 */
export function openShippedIndex(file: Uint8Array | readonly [Uint8Array, Uint8Array]): ShippedIndex {
  if (!isLittleEndian()) throw new IndexError('the index needs a little-endian platform');
  const parts: readonly Uint8Array[] = file instanceof Uint8Array ? [file] : file;
  const first = parts[0]!;
  let byteLength = 0;
  for (const p of parts) byteLength += p.byteLength;
  if (first.byteLength < SHIPPED_HEADER_WORDS * 4 || parts.some((p) => p.byteLength % 4 !== 0)) {
    throw new IndexError(`not a shipped quote index: ${byteLength} bytes`);
  }
  const u = wordsOf(first);
  if (u[0] !== SHIPPED_MAGIC) throw new IndexError('not a shipped quote index (bad magic number)');
  if (u[1] !== SHIPPED_INDEX_FORMAT_VERSION) {
    throw new IndexError(`shipped index format ${u[1]}, this engine reads ${SHIPPED_INDEX_FORMAT_VERSION}: rebuild the extension`);
  }
  const fields = Array.from(u.subarray(2, 2 + SHIPPED_FIELDS));
  const [n, speakerCount, bits, indexWords, codeBytes, idBytes, speakerBytes, metaBytes, w, refBytes, pieces, pieceBytes] = fields;
  const words = (b: number) => Math.ceil(b / 4);
  const expected = shippedWords(fields);
  if (byteLength !== expected * 4) throw new IndexError(`shipped index truncated or padded: ${byteLength / 4} words, expected ${expected}`);
  const cut = cutWord(fields);
  if (parts.length === 2 && first.byteLength !== cut * 4) {
    throw new IndexError(`shipped index parts cut at byte ${first.byteLength}, not where its sections allow (byte ${cut * 4})`);
  }
  const second = parts.length === 2 ? wordsOf(parts[1]!) : undefined;
  // `at` counts words from the file's start; a section after the cut is read from the second part.
  let at = SHIPPED_HEADER_WORDS;
  const section = (len: number): [Uint32Array, number] => {
    if (second === undefined || at + len <= cut) return [u, at];
    if (at < cut) throw new IndexError('shipped index: a section crosses the cut between its parts');
    return [second, at - cut];
  };
  const take = (len: number) => {
    const [w, from] = section(len);
    at += len;
    return w.subarray(from, from + len);
  };
  const takeBytes = (len: number) => {
    const [w, from] = section(words(len));
    at += words(len);
    return new Uint8Array(w.buffer, w.byteOffset + from * 4, len);
  };
  const index = viewCompactIndex(take(indexWords!));
  if (index.quoteCount !== w) throw new IndexError(`shipped index: ${index.quoteCount} wordings indexed, table has ${w}`);
  const codeOffsets = take(w! + 1);
  const idOffsets = take(n! + 1);
  const speakerOffsets = take(speakerCount! + 1);
  const refOffsets = take(w! - n! + 1);
  const wordingQuote = take(w!);
  const quoteSpeaker = take(n!);
  const dateKeys = take(n!);
  const recordStarts = take(n!);
  const recordEnds = take(n!);
  const speakerStarts = take(speakerCount! + 1);
  const speakerQuotes = take(n!);
  const pieceOffsets = take(pieces! + 1);
  const idTable = take(2 ** bits!);
  const code = takeBytes(codeBytes!);
  const pieceHeap = takeBytes(pieceBytes!);
  const ids = takeBytes(idBytes!);
  const speakers = takeBytes(speakerBytes!);
  const refs = takeBytes(refBytes!);
  const meta = takeBytes(metaBytes!);
  if (
    codeOffsets[w!] !== codeBytes ||
    pieceOffsets[pieces!] !== pieceBytes ||
    idOffsets[n!] !== idBytes ||
    speakerOffsets[speakerCount!] !== speakerBytes ||
    refOffsets[w! - n!] !== refBytes ||
    speakerStarts[speakerCount!] !== n
  ) {
    throw new IndexError('shipped index tables are inconsistent: rebuild the extension');
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const text = textsDecoder({ vocabOffsets: pieceOffsets, vocab: pieceHeap, codeOffsets, code });
  const mask = 2 ** bits! - 1;
  return {
    index,
    quoteCount: n!,
    wordingCount: w!,
    wordingQuote,
    wordingText: text,
    wordingRef: (x) => decoder.decode(refs.subarray(refOffsets[x - n!]!, refOffsets[x - n! + 1]!)),
    speakerCount: speakerCount!,
    meta: decoder.decode(meta),
    id: (q) => decoder.decode(ids.subarray(idOffsets[q]!, idOffsets[q + 1]!)),
    text,
    speakerOf: (q) => quoteSpeaker[q]!,
    speakerJson: (s) => decoder.decode(speakers.subarray(speakerOffsets[s]!, speakerOffsets[s + 1]!)),
    quotesOfSpeaker: (s) => speakerQuotes.subarray(speakerStarts[s]!, speakerStarts[s + 1]!),
    dateKey: (q) => dateKeys[q]!,
    recordStart: (q) => recordStarts[q]!,
    recordEnd: (q) => recordEnds[q]!,
    find(id) {
      // Ids are ASCII (q_ and hex digits); compared code unit to byte, without decoding.
      for (let slot = fnv1a(id) & mask; ; slot = (slot + 1) & mask) {
        const entry = idTable[slot]!;
        if (entry === 0) return -1;
        const q = entry - 1;
        const from = idOffsets[q]!;
        if (idOffsets[q + 1]! - from !== id.length) continue;
        let same = true;
        for (let i = 0; i < id.length && same; i++) same = ids[from + i] === id.charCodeAt(i);
        if (same) return q;
      }
    },
  };
}
