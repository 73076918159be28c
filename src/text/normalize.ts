/**
 * Text normalization shared by the corpus builder, the matcher and the page.
 * Produces a folded string plus an offset map back to the original, so every
 * finding can point at exact original characters.
 *
 * Speed matters: the page's whole text goes through here. ASCII takes a fast
 * path; anything else goes through NFKC one character cluster (a base
 * character and its combining marks) at a time, with a cache.
 */
import * as cc from './char-class';

// Module-level copies of per-character imports (some loaders, such as tsx,
// reach imports through getters).
const charClass = cc.charClass;
const INVISIBLE = cc.INVISIBLE;
const LETTER = cc.LETTER;
const LOWER = cc.LOWER;
const MARK = cc.MARK;
const SPACE = cc.SPACE;

/** Result of {@link normalize}. */
export interface Normalized {
  /** The folded text. */
  text: string;
  /**
   * `map[i]` is the offset in the original string of the character cluster
   * that produced `text[i]`; `map[text.length]` is the original length.
   */
  map: Uint32Array;
  /**
   * `ends[i]` is the end (exclusive) in the original string of the cluster
   * that produced `text[i]`, so a half-open range [a, b) of `text` (b > a)
   * comes from exactly `original.slice(map[a], ends[b - 1])`.
   */
  ends: Uint32Array;
}

const SINGLE_QUOTES = new Set([0x2018, 0x2019, 0x201a, 0x201b, 0x2032, 0x2035, 0x60, 0xb4]);
const DOUBLE_QUOTES = new Set([
  0x201c, 0x201d, 0x201e, 0x201f, 0x2033, 0x2036, 0xab, 0xbb, 0x2039, 0x203a, 0x300c, 0x300d, 0x300e, 0x300f,
]);
const DASHES = new Set([0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63, 0xff0d]);

/** Quotes, apostrophes and dashes of every style folded to ', " and -; invisible characters dropped. */
function foldTypography(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (charClass(cp) & INVISIBLE) continue;
    if (SINGLE_QUOTES.has(cp)) out += "'";
    else if (DOUBLE_QUOTES.has(cp)) out += '"';
    else if (DASHES.has(cp)) out += '-';
    else out += ch;
  }
  return out;
}

/** Greek letters (basic and extended blocks). */
const GREEK_BASE = /^[\u0370-\u03ff\u1f00-\u1fff]/u;
const COMBINING = /[\u0300-\u036f]/gu;

/**
 * Letters that one language writes two ways, folded to one (the case tables in
 * tests/unit/text/normalize-languages.test.ts):
 * - Russian ё is often printed е ("ещё" / "еще"); both read as е;
 * - Greek final ς is σ lowercased in context, which a per-cluster lowercase cannot
 *   know ("ΕΙΡΗΝΗΣ" lowercases to "ειρηνησ"): both read as σ;
 * - Greek accents and breathings (tonos, dialytika, polytonic marks) are dropped: capitals
 *   are printed without them ("ΕΙΡΗΝΗ" / "ειρήνη").
 * Ukrainian ї, й, і and Bulgarian letters keep their marks: they are other letters.
 */
function foldLetters(s: string): string {
  if (s === 'ё') return 'е';
  if (s === 'ς') return 'σ';
  if (GREEK_BASE.test(s)) {
    const bare = s.normalize('NFD').replace(COMBINING, '').normalize('NFC');
    return bare === 'ς' ? 'σ' : bare;
  }
  return s;
}

/**
 * Folds one cluster to a fixed point of NFKC, typography folding and
 * lowercasing, so that normalizing normalized text changes nothing (a
 * lowercase mapping can produce a string NFKC would change again).
 */
function foldClusterUncached(s: string): string {
  let t = s;
  for (let round = 0; round < 4; round++) {
    const u = foldLetters(foldTypography(t.normalize('NFKC')).toLowerCase());
    if (u === t) break;
    t = u;
  }
  return t;
}

/** Single code point clusters repeat a lot (curly quotes, dashes, accented letters); cache them. */
const clusterCache = new Map<string, string>();
const CLUSTER_CACHE_MAX = 4096;

function foldCluster(s: string): string {
  let f = clusterCache.get(s);
  if (f === undefined) {
    f = foldClusterUncached(s);
    if (clusterCache.size >= CLUSTER_CACHE_MAX) clusterCache.clear();
    clusterCache.set(s, f);
  }
  return f;
}

const HYPHEN = 0x2d;
const SOFT_HYPHEN = 0xad;
const UNICODE_HYPHEN = 0x2010;

function codePointLength(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/**
 * A hyphen at a line end between a letter and a lowercase letter joins the
 * two halves of a word broken across lines ("sub-\n jects" -> "subjects").
 * Returns the offset to continue from, or -1 when this hyphen stays.
 */
function hyphenJoinEnd(input: string, at: number): number {
  if (at === 0) return -1;
  const prev = input.codePointAt(at - 1)!;
  // A low surrogate before: look at the whole code point.
  const prevCp = prev >= 0xdc00 && prev <= 0xdfff && at >= 2 ? input.codePointAt(at - 2)! : prev;
  if (!(charClass(prevCp) & LETTER)) return -1;
  const n = input.length;
  let k = at + 1;
  while (k < n && (input.charCodeAt(k) === 32 || input.charCodeAt(k) === 9)) k++;
  if (k < n && input.charCodeAt(k) === 13) k++;
  if (k >= n || input.charCodeAt(k) !== 10) return -1;
  k++;
  while (k < n) {
    const cp = input.codePointAt(k)!;
    if (!(charClass(cp) & SPACE)) break;
    k += codePointLength(cp);
  }
  if (k >= n) return -1;
  return charClass(input.codePointAt(k)!) & LOWER ? k : -1;
}

/**
 * Unicode NFKC; quotes, apostrophes, dashes and ellipses folded (`…` becomes
 * `...`); whitespace (NBSP and line breaks included) collapsed to one space
 * and trimmed; zero-width characters, soft hyphens and bidi controls removed;
 * words hyphenated across a line break joined; case folded.
 */
export function normalize(input: string): Normalized {
  const n = input.length;
  if (isPlainAscii(input)) return plainAscii(input);
  // Output is rarely longer than the input (NFKC expansions such as "…"); grow if it is.
  let cap = n + 16;
  if (scratchCap < cap) {
    scratchCap = Math.max(cap, scratchCap * 2);
    scratchBuf = new Uint16Array(scratchCap);
    scratchStarts = new Uint32Array(scratchCap);
    scratchEnds = new Uint32Array(scratchCap);
  }
  cap = scratchCap;
  let buf = scratchBuf;
  let starts = scratchStarts;
  let ends = scratchEnds;
  let len = 0;
  let spaceStart = -1; // original offset of a pending collapsed run of whitespace
  let spaceEnd = 0;

  let i = 0;
  while (i < n) {
    // Room for a pending space and the longest cluster expansion seen in practice; grow otherwise.
    if (len + 24 > cap) {
      cap = cap * 2 + 24;
      const b = new Uint16Array(cap);
      b.set(buf);
      buf = b;
      const s = new Uint32Array(cap);
      s.set(starts);
      starts = s;
      const e = new Uint32Array(cap);
      e.set(ends);
      ends = e;
    }
    const c = input.charCodeAt(i);
    if (c < 0x80) {
      const next = i + 1 < n ? input.charCodeAt(i + 1) : 0;
      // A combining mark (or an invisible character that may hide one) after
      // an ASCII letter changes it under NFKC ("e" + U+0301): take the slow path.
      // (The only invisible character below U+0300 is the soft hyphen.)
      if (next < 0x300 ? next !== SOFT_HYPHEN : !(charClass(next) & (MARK | INVISIBLE))) {
        if (c === 32 || (c >= 9 && c <= 13)) {
          if (spaceStart < 0) {
            spaceStart = i;
            spaceEnd = i + 1;
          }
          i++;
          continue;
        }
        if (c === HYPHEN) {
          const k = hyphenJoinEnd(input, i);
          if (k >= 0) {
            i = k;
            continue;
          }
        }
        if (spaceStart >= 0) {
          if (len > 0) {
            buf[len] = 32;
            starts[len] = spaceStart;
            ends[len] = spaceEnd;
            len++;
          }
          spaceStart = -1;
        }
        buf[len] = c >= 65 && c <= 90 ? c + 32 : c === 0x60 ? 39 : c; // lowercase; backtick used as an apostrophe
        starts[len] = i;
        ends[len] = i + 1;
        len++;
        i++;
        continue;
      }
    }
    const cp = input.codePointAt(i)!;
    const cls = charClass(cp);
    if (cls & INVISIBLE) {
      if (cp === SOFT_HYPHEN) {
        const k = hyphenJoinEnd(input, i);
        if (k >= 0) {
          i = k;
          continue;
        }
      }
      // Astral invisibles (tag characters, variation selectors 17–256) are two code units.
      i += codePointLength(cp);
      continue;
    }
    if (cp === UNICODE_HYPHEN) {
      const k = hyphenJoinEnd(input, i);
      if (k >= 0) {
        i = k;
        continue;
      }
    }
    // The cluster: this code point and the combining marks after it
    // (invisible characters between them are dropped).
    const start = i;
    let j = i + codePointLength(cp);
    let clusterEnd = j;
    let cluster = input.slice(i, j);
    while (j < n) {
      const m = input.codePointAt(j)!;
      const mc = charClass(m);
      if (mc & INVISIBLE) {
        j += codePointLength(m);
        continue;
      }
      if (!(mc & MARK)) break;
      const l = codePointLength(m);
      cluster += input.slice(j, j + l);
      j += l;
      clusterEnd = j;
    }
    i = clusterEnd;
    const folded = foldCluster(cluster);
    if (len + folded.length + 2 > cap) {
      cap = (len + folded.length) * 2 + 24;
      const b = new Uint16Array(cap);
      b.set(buf);
      buf = b;
      const s = new Uint32Array(cap);
      s.set(starts);
      starts = s;
      const e = new Uint32Array(cap);
      e.set(ends);
      ends = e;
    }
    for (let k = 0; k < folded.length; k++) {
      const o = folded.charCodeAt(k);
      if (charClass(o) & SPACE) {
        if (spaceStart < 0) {
          spaceStart = start;
          spaceEnd = clusterEnd;
        }
        continue;
      }
      if (spaceStart >= 0) {
        if (len > 0) {
          buf[len] = 32;
          starts[len] = spaceStart;
          ends[len] = spaceEnd;
          len++;
        }
        spaceStart = -1;
      }
      buf[len] = o;
      starts[len] = start;
      ends[len] = clusterEnd;
      len++;
    }
  }

  // Keep grown buffers for the next call.
  if (cap > scratchCap) {
    scratchCap = cap;
    scratchBuf = buf;
    scratchStarts = starts;
    scratchEnds = ends;
  }
  const map = new Uint32Array(len + 1);
  map.set(starts.subarray(0, len));
  map[len] = n;
  return { text: fromCodes(buf, len), map, ends: ends.slice(0, len) };
}

// Scratch buffers reused across calls: normalize runs once per span, and
// three fresh arrays per call cost more than the work on short spans.
let scratchCap = 0;
let scratchBuf = new Uint16Array(0);
let scratchStarts = new Uint32Array(0);
let scratchEnds = new Uint32Array(0);

function fromCodes(buf: Uint16Array, len: number): string {
  const CHUNK = 8192;
  let text = '';
  for (let k = 0; k < len; k += CHUNK) {
    text += String.fromCharCode.apply(null, buf.subarray(k, Math.min(len, k + CHUNK)) as unknown as number[]);
  }
  return text;
}

/**
 * Text the general path would only lowercase: printable ASCII without a
 * backtick, single spaces between non-space characters, no hyphen at a line
 * end. Most corpus quotes and many spans are like this.
 */
function isPlainAscii(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  if (s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32) return false;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 126 || c < 32 || c === 0x60) return false;
    if (c === 32) {
      if (prevSpace) return false;
      prevSpace = true;
    } else prevSpace = false;
  }
  return true;
}

function plainAscii(s: string): Normalized {
  const n = s.length;
  const map = new Uint32Array(n + 1);
  const ends = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    map[i] = i;
    ends[i] = i + 1;
  }
  map[n] = n;
  return { text: s.toLowerCase(), map, ends };
}

/** The folded form of a string, without the offset map. */
export function canonical(input: string): string {
  return normalize(input).text;
}

/** The original range [start, end) that produced the normalized range [a, b). */
export function originalRange(norm: Normalized, a: number, b: number): [number, number] {
  if (b <= a) {
    const at = norm.map[a] ?? norm.map[norm.map.length - 1]!;
    return [at, at];
  }
  return [norm.map[a]!, norm.ends[b - 1]!];
}
