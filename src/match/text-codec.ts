/**
 * The wording texts of the shipped index, stored as numbers of the pieces they are made of:
 * each text is cut into pieces (a run of letters, marks and digits with the punctuation and
 * spaces after it, or a run of those alone), every distinct piece is kept once in a
 * vocabulary, most frequent first, and each text is the list of its pieces' numbers as
 * variable-length bytes (LEB128: 7 bits a byte, so the 128 commonest pieces take one byte).
 *
 * Why: a background worker that was stopped reads the whole index when it is woken, and that
 * read costs time in proportion to its bytes (Chromium, 100k quotations: 20 MB in 60-85 ms, the
 * 15.7 MB of texts 55-80 ms more; docs/benchmarks.md). News wording repeats its words, so the
 * texts take a third of their UTF-8 size; a text is rebuilt only when the engine reads it
 * (a candidate, a finding, a lookup's preparation). Lossless: the build checks that every text
 * comes back exactly (`encodeTexts` throws otherwise).
 */

/** A piece: letters, marks and digits with what follows them up to the next such run, or a run of the rest. */
const PIECE = /[\p{L}\p{M}\p{N}]+[^\p{L}\p{M}\p{N}]*|[^\p{L}\p{M}\p{N}]+/gu;

export interface EncodedTexts {
  /** Piece p is vocab[vocabOffsets[p], vocabOffsets[p + 1]) (UTF-8). */
  vocabOffsets: Uint32Array;
  vocab: Uint8Array;
  /** Text t is the pieces numbered in code[codeOffsets[t], codeOffsets[t + 1]) (LEB128). */
  codeOffsets: Uint32Array;
  code: Uint8Array;
}

const utf8 = new TextEncoder();

/** Thrown for a text the codec cannot store exactly; `text` is its number. */
export class TextCodecError extends Error {
  constructor(
    readonly text: number,
    reason: string,
  ) {
    super(reason);
  }
}

/** A UTF-16 surrogate not part of a pair: no UTF-8 for it, so no text holding one comes back. */
const UNPAIRED_SURROGATE = /\p{Cs}/u;

export function encodeTexts(texts: readonly string[]): EncodedTexts {
  texts.forEach((text, t) => {
    const bad = UNPAIRED_SURROGATE.exec(text);
    if (bad) throw new TextCodecError(t, `an unpaired surrogate (U+${bad[0].charCodeAt(0).toString(16).toUpperCase()}) at character ${bad.index}: not valid Unicode text`);
  });
  const pieces = texts.map((t) => t.match(PIECE) ?? []);
  const counts = new Map<string, number>();
  for (const list of pieces) for (const p of list) counts.set(p, (counts.get(p) ?? 0) + 1);
  // Most frequent first (fewest bytes), ties in code-unit order: the same corpus gives the same bytes.
  const vocabulary = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  const numbers = new Map(vocabulary.map((p, i) => [p, i]));
  const encoded = vocabulary.map((p) => utf8.encode(p));
  const vocabOffsets = new Uint32Array(vocabulary.length + 1);
  encoded.forEach((bytes, i) => (vocabOffsets[i + 1] = vocabOffsets[i]! + bytes.length));
  const vocab = new Uint8Array(vocabOffsets[vocabulary.length]!);
  encoded.forEach((bytes, i) => vocab.set(bytes, vocabOffsets[i]!));

  const codeOffsets = new Uint32Array(texts.length + 1);
  let code = new Uint8Array(1024);
  let at = 0;
  pieces.forEach((list, t) => {
    if (list.join('') !== texts[t]) throw new TextCodecError(t, 'it does not cut into pieces that rebuild it');
    for (const p of list) {
      if (at + 5 > code.length) {
        const grown = new Uint8Array(code.length * 2);
        grown.set(code);
        code = grown;
      }
      let n = numbers.get(p)!;
      while (n >= 0x80) {
        code[at++] = (n & 0x7f) | 0x80;
        n >>>= 7;
      }
      code[at++] = n;
    }
    codeOffsets[t + 1] = at;
  });
  const result = { vocabOffsets, vocab, codeOffsets, code: code.slice(0, at) };
  // Lossless or nothing: a text that would come back other than it went in stops the build.
  const decode = textsDecoder(result);
  texts.forEach((text, t) => {
    if (decode(t) !== text) throw new TextCodecError(t, 'it does not decode to itself');
  });
  return result;
}

/**
 * Text t of encoded texts, rebuilt from its pieces. Each piece is decoded from UTF-8 once, at
 * its first use, and kept (the vocabulary is small next to the texts: 0.24 MB at 100k generated
 * quotations); a text is then a join of strings. Decoding every text's bytes instead took
 * 200-260 ms for all 100k texts in Node (a lookup's preparation reads them all); this way, with
 * piece numbers read by bit operations, 50-75 ms (format 5, plain UTF-8: 25 ms).
 */
export function textsDecoder({ vocabOffsets, vocab, codeOffsets, code }: EncodedTexts): (t: number) => string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const pieces = vocabOffsets.length - 1;
  const decoded: (string | undefined)[] = new Array<string | undefined>(pieces);
  return (t) => {
    let text = '';
    const end = codeOffsets[t + 1]!;
    for (let i = codeOffsets[t]!; i < end; ) {
      let n = 0;
      let shift = 0;
      let byte: number;
      do {
        byte = code[i++]!;
        n |= (byte & 0x7f) << shift;
        shift += 7;
      } while (byte & 0x80 && i < end);
      if (n < 0 || n >= pieces) throw new Error(`index texts are damaged (piece ${n} of ${pieces}): rebuild the extension`);
      text += decoded[n] ??= decoder.decode(vocab.subarray(vocabOffsets[n]!, vocabOffsets[n + 1]!));
    }
    return text;
  };
}
