/**
 * The word-trigram index: an inverted index from hashed word trigrams to the
 * quotes holding them, packed in typed arrays (a bucket table in CSR form),
 * plus every quote's word hashes for the aligner. Built once per corpus (at
 * build time, or in the background on first use), serialized as one byte
 * array, loaded by creating views on it: no parsing, no per-quote objects.
 *
 * Layout of the serialized form (little-endian 32-bit words):
 *   header[16] | bucketStarts[2^bits + 1] | postings[P] | postingTags[P bytes, padded to 4] |
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
import { wordHashesInto } from './tokenize';
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
  /** Bucket b holds postings[bucketStarts[b], bucketStarts[b + 1]). */
  bucketStarts: Uint32Array;
  /** Quote numbers (positions in the quotes array), ascending within a bucket. */
  postings: Uint32Array;
  /**
   * Low 8 bits of the trigram key of each posting. The bucket is chosen by
   * the high bits, so different trigrams share buckets; the tag filters out
   * all but 1 in 256 of those collisions, which would otherwise add a vote
   * for an unrelated quote on most trigrams of a page.
   */
  postingTags: Uint8Array;
  /** Quote q's words are wordHashes[wordOffsets[q], wordOffsets[q + 1]). */
  wordOffsets: Uint32Array;
  wordHashes: Uint32Array;
  /** Hash of the quote ids in order: an index only serves the corpus it was built from. */
  fingerprint: number;
  /** Buckets with more postings than this were emptied as too common. */
  bucketCap: number;
}

const MAGIC = 0x58495651; // "QVIX"
/** Bump when the serialized layout changes. (2: postings and word offsets number wordings, each quote's other vetted wordings after all main texts.) */
export const INDEX_FORMAT_VERSION = 2;
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

/** Builds the index of a corpus. Quotes keep their positions: posting q is quotes[q]. */
export function buildIndex(corpusQuotes: readonly IndexedQuote[]): MatchIndex {
  const quotes = wordingsOf(corpusQuotes).list;
  const n = quotes.length;
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
  const postings = new Uint32Array(sum);
  const postingTags = new Uint8Array(sum);
  counts.fill(0); // now: postings filled per bucket
  for (let k = 0; k < o; k++) {
    const bucket = occ[k]!;
    if (bucket === NONE) continue;
    const start = bucketStarts[bucket]!;
    if (bucketStarts[bucket + 1]! === start) continue; // dropped as too common (or empty)
    const at = start + counts[bucket]!++;
    postings[at] = occQuote[k]!;
    postingTags[at] = occTag[k]!;
  }

  return {
    quoteCount: n,
    tableBits: bits,
    bucketStarts,
    postings,
    postingTags,
    wordOffsets,
    wordHashes: wordHashArr,
    fingerprint: corpusFingerprint(corpusQuotes),
    bucketCap,
  };
}

/** Bytes the index's arrays hold. */
export function indexByteSize(index: MatchIndex): number {
  return (
    index.bucketStarts.byteLength +
    index.postings.byteLength +
    index.postingTags.byteLength +
    index.wordOffsets.byteLength +
    index.wordHashes.byteLength
  );
}

/** The index as one byte array (see the layout above). */
export function serializeIndex(index: MatchIndex): Uint8Array {
  const words =
    HEADER_WORDS +
    index.bucketStarts.length +
    index.postings.length +
    tagWords(index.postings.length) +
    index.wordOffsets.length +
    index.wordHashes.length;
  const out = new Uint32Array(words);
  out[0] = MAGIC;
  out[1] = INDEX_FORMAT_VERSION;
  out[2] = TOKENIZER_VERSION;
  out[3] = index.quoteCount;
  out[4] = index.tableBits;
  out[5] = index.postings.length;
  out[6] = index.wordHashes.length;
  out[7] = index.fingerprint;
  out[8] = index.bucketCap;
  let at = HEADER_WORDS;
  out.set(index.bucketStarts, at);
  at += index.bucketStarts.length;
  out.set(index.postings, at);
  at += index.postings.length;
  new Uint8Array(out.buffer, at * 4, index.postingTags.length).set(index.postingTags);
  at += tagWords(index.postings.length);
  out.set(index.wordOffsets, at);
  at += index.wordOffsets.length;
  out.set(index.wordHashes, at);
  if (!isLittleEndian()) throw new IndexError('index serialization needs a little-endian platform');
  return new Uint8Array(out.buffer);
}

/** 32-bit words holding one tag byte per posting. */
function tagWords(postings: number): number {
  return Math.ceil(postings / 4);
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
  if (!isLittleEndian()) throw new IndexError('the index needs a little-endian platform');
  if (bytes.byteLength < HEADER_WORDS * 4 || bytes.byteLength % 4 !== 0) {
    throw new IndexError(`not a quote index: ${bytes.byteLength} bytes`);
  }
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const u = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
  if (u[0] !== MAGIC) throw new IndexError('not a quote index (bad magic number)');
  if (u[1] !== INDEX_FORMAT_VERSION) {
    throw new IndexError(`index format ${u[1]}, this engine reads ${INDEX_FORMAT_VERSION}: rebuild the index`);
  }
  if (u[2] !== TOKENIZER_VERSION) {
    throw new IndexError(`index built with tokenizer ${u[2]}, this engine uses ${TOKENIZER_VERSION}: rebuild the index`);
  }
  const quoteCount = u[3]!;
  const tableBits = u[4]!;
  const postingCount = u[5]!;
  const wordCount = u[6]!;
  if (quoteCount !== quotes.length) {
    throw new IndexError(`index built for ${quoteCount} quotes, corpus has ${quotes.length}: rebuild the index`);
  }
  if (u[7] !== corpusFingerprint(quotes)) {
    throw new IndexError('index built for another corpus (quote ids differ): rebuild the index');
  }
  if (tableBits < TABLE_BITS_MIN || tableBits > TABLE_BITS_MAX) throw new IndexError(`bad table size 2^${tableBits}`);
  const buckets = 2 ** tableBits;
  const expected = HEADER_WORDS + buckets + 1 + postingCount + tagWords(postingCount) + quoteCount + 1 + wordCount;
  if (u.length !== expected) throw new IndexError(`index truncated or padded: ${u.length} words, expected ${expected}`);
  let at = HEADER_WORDS;
  const take = (len: number) => {
    const v = u.subarray(at, at + len);
    at += len;
    return v;
  };
  const bucketStarts = take(buckets + 1);
  const postings = take(postingCount);
  const postingTags = new Uint8Array(u.buffer, u.byteOffset + at * 4, postingCount);
  at += tagWords(postingCount);
  const wordOffsets = take(quoteCount + 1);
  const wordHashes = take(wordCount);
  if (bucketStarts[buckets] !== postingCount || wordOffsets[quoteCount] !== wordCount) {
    throw new IndexError('index arrays are inconsistent: rebuild the index');
  }
  return {
    quoteCount,
    tableBits,
    bucketStarts,
    postings,
    postingTags,
    wordOffsets,
    wordHashes,
    fingerprint: u[7]!,
    bucketCap: u[8]!,
  };
}
