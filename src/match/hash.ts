/**
 * 32-bit hashes for words and word trigrams. Words are compared by hash in
 * the index, the aligner and the verdicts: two different words share a hash
 * about once in four billion pairs, far below any other error of the engine,
 * and comparing integers keeps the alignment fast and the index compact.
 */

/** FNV-1a over the UTF-16 code units of `s[from, to)`. */
export function fnv1a(s: string, from = 0, to = s.length): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Order-sensitive mix of three word hashes (murmur3 finalizer steps between them). */
export function trigramKey(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h ^ b, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ c, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
