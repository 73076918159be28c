/**
 * The shipped index keeps its texts as numbered pieces (src/match/text-codec.ts): every text
 * comes back exactly, the same texts give the same bytes, and they take less room than UTF-8.
 */
import { describe, expect, it } from 'vitest';
import { encodeTexts, TextCodecError, textsDecoder } from '../../../src/match/text-codec';
import { makeCorpus } from '../../../scripts/bench-data';
import { rng } from '../page/scan-fixtures';

/** Strings made of what real wordings hold, and what they should not but might. */
function randomTexts(seed: number, count: number): string[] {
  const next = rng(seed);
  const alphabet = [
    'a', 'B', 'z', 'é', 'ñ', 'ß', 'Ж', 'я', 'ї', 'σ', 'ς', 'ع', '中', '文', '1', '9', '٣',
    ' ', '  ', '\u00a0', '\n', ',', '.', '…', '“', '”', '‘', '’', "'", '"', '-', '—', '(', ')',
    '\u0301', '\u200b', '\u00ad', '😀', '👩\u200d💻', '\t', '&', '<', '%',
  ];
  return Array.from({ length: count }, () => {
    const length = Math.floor(next() * 40);
    let s = '';
    for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)]!;
    return s;
  });
}

describe('the texts codec', () => {
  it('gives every text back exactly: random texts of many scripts, marks, emoji, spaces and empty ones', () => {
    const texts = [...randomTexts(7, 3_000), '', ' ', '...', 'word', 'Word word WORD word.', '“Quoted,” he said — twice.'];
    const encoded = encodeTexts(texts);
    const decode = textsDecoder(encoded);
    texts.forEach((text, t) => expect(decode(t)).toBe(text));
    // Shared pieces are stored once.
    const pieces = encoded.vocabOffsets.length - 1;
    expect(pieces).toBeLessThan(texts.reduce((a, t) => a + t.length, 0));
  });

  it('the same texts give the same bytes (reproducible builds); the pieces are numbered by frequency, not by where they first appear', () => {
    const texts = randomTexts(11, 500);
    const a = encodeTexts(texts);
    const b = encodeTexts(texts.slice());
    expect(Buffer.from(a.code).equals(Buffer.from(b.code))).toBe(true);
    expect(Buffer.from(a.vocab).equals(Buffer.from(b.vocab))).toBe(true);
    const reversed = encodeTexts(texts.slice().reverse());
    expect(Buffer.from(reversed.vocab).equals(Buffer.from(a.vocab))).toBe(true);
  });

  it('numbers past one byte and past two (more than 16,384 pieces) decode', () => {
    const texts = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)} common words here.`);
    const encoded = encodeTexts(texts);
    expect(encoded.vocabOffsets.length - 1).toBeGreaterThan(2 ** 14);
    const decode = textsDecoder(encoded);
    for (const t of [0, 127, 128, 16_383, 16_384, 19_999]) expect(decode(t)).toBe(texts[t]);
  });

  it('news-like wording takes less than half its UTF-8 size (a third at 100k quotations)', () => {
    const texts = makeCorpus(5_000, 3).quotes.map((q) => q.text);
    const encoded = encodeTexts(texts);
    const utf8 = texts.reduce((a, t) => a + new TextEncoder().encode(t).length, 0);
    expect(encoded.code.length + encoded.vocab.length + encoded.vocabOffsets.byteLength).toBeLessThan(utf8 / 2);
  });

  it('refuses damaged codes instead of making up a text', () => {
    const encoded = encodeTexts(['one two', 'three']);
    const damaged = { ...encoded, code: encoded.code.map(() => 0x7f) };
    expect(() => textsDecoder(damaged)(0)).toThrow(/damaged/);
  });

  it('refuses a text with an unpaired surrogate, saying which text and where (it has no UTF-8 to come back from)', () => {
    expect(() => encodeTexts(['fine', 'broken \ud800 here'])).toThrow(TextCodecError);
    expect(() => encodeTexts(['fine', 'broken \ud800 here'])).toThrow(/unpaired surrogate \(U\+D800\) at character 7/);
    // A pair is one character (an emoji), not two broken halves.
    expect(textsDecoder(encodeTexts(['ok \ud83d\ude00']))(0)).toBe('ok 😀');
  });
});
