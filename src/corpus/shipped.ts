/**
 * What an extension build ships beside corpus.json, as the two sides that
 * agree on it see it: the build writes it (src/config/package-corpus.ts) and
 * the background reads it (src/host/shipped-host.ts). The binary layout is
 * the engine's (`serializeShippedIndex`, src/match/match-index.ts); this is
 * the metadata the host keeps inside it.
 */

import type { CorpusScope } from './scope';

/**
 * Quotes per record shard. The background reads a quote's record (context,
 * sources) from corpus.json only when a finding or a search hit needs it,
 * one shard at a time, and checks the shard's SHA-256 first. 256 records of
 * a newsroom corpus are 100-300 kB: one read costs a few milliseconds, and a
 * page's findings rarely touch more than a handful of shards.
 */
export const RECORD_SHARD_QUOTES = 256;

/** A byte range of corpus.json and its SHA-256 (hex): [start, end, sha256]. */
export type CorpusPiece = [start: number, end: number, sha256: string];

/** The host's metadata inside the shipped index. */
export interface ShippedCorpusMeta {
  name: string;
  corpusVersion?: string;
  documentCount: number;
  /** SHA-256 of corpus.json: the index belongs to exactly that file. */
  corpusSha256: string;
  corpusBytes: number;
  /**
   * corpus.json cut into pieces that cover every byte once, in order: the head (up to the
   * first record), one piece per RECORD_SHARD_QUOTES records (piece 1 + floor(q / shardQuotes)
   * holds quote q), then the tail. A piece is used only when its bytes hash to this.
   */
  pieces: CorpusPiece[];
  shardQuotes: number;
  /** What the corpus covers (./scope.ts), summed at the build. */
  scope: CorpusScope;
}

/** The piece of corpus.json that holds quote q's record. */
export function pieceOfQuote(meta: Pick<ShippedCorpusMeta, 'shardQuotes'>, q: number): number {
  return 1 + Math.floor(q / meta.shardQuotes);
}
