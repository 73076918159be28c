/**
 * Sentences and tokens of one paragraph, with quotations masked: a quotation
 * is one token, so the periods inside it never end the reporting sentence and
 * the attribution rules see "⟨quote⟩ Roe said." whatever the quote says.
 */
import { isAbbreviationAt, NAME_SUFFIXES } from '../../text/english';
import { TITLE_ABBREVIATIONS } from './lexicon';

/** A quoted range of the paragraph: from its opening mark to its closing mark (inclusive). */
export interface MaskedRange {
  start: number;
  /** Exclusive end: one past the closing mark, or the paragraph's end. */
  end: number;
  /** Index of the quotation occurrence this range belongs to. */
  quote: number;
  /** The wording ends with . ! ? or … before the closing mark. */
  endsSentence: boolean;
}

export interface Sentence {
  start: number;
  end: number;
}

export type TokenKind = 'word' | 'number' | 'punct' | 'quote';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Lowercase text, for word lists. */
  lower: string;
  start: number;
  end: number;
  /** For `quote` tokens: the quotation occurrence. */
  quote?: number;
}

const UPPER_START = /^[\s)\]]*[\p{Lu}\d\u201C\u201E\u00AB"\u2018]/u;

function inRange(ranges: MaskedRange[], i: number): MaskedRange | undefined {
  return ranges.find((r) => i >= r.start && i < r.end);
}


/**
 * Splits `text` into sentences. Ranges are opaque. A quotation whose wording
 * ends a sentence ("… of the war.”) also ends the reporting sentence when a
 * capital letter follows, unless `attributionFollows` says the next words are
 * its attribution ("“We are ready.” Roe said").
 */
export function splitSentences(
  text: string,
  ranges: MaskedRange[],
  attributionFollows: (rest: string) => boolean,
): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const cut = (end: number) => {
    const s = text.slice(start, end);
    const lead = s.length - s.trimStart().length;
    if (s.trim() !== '') out.push({ start: start + lead, end: start + s.trimEnd().length });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const r = inRange(ranges, i);
    if (r) {
      const after = text.slice(r.end);
      if (r.endsSentence && r.end < text.length && UPPER_START.test(after) && /^\s/.test(after)) {
        if (!attributionFollows(after.trimStart())) cut(r.end);
      }
      i = r.end - 1;
      continue;
    }
    const c = text[i]!;
    if (c !== '.' && c !== '!' && c !== '?' && c !== '\u2026') continue;
    let j = i + 1;
    while (j < text.length && /[.!?\u2026)\]]/.test(text[j]!)) j++;
    const after = text.slice(j);
    if (after === '' || !/^\s/.test(after) || !UPPER_START.test(after)) continue;
    if (c === '.' && isAbbreviationAt(text, i)) continue;
    cut(j);
    i = j - 1;
  }
  cut(text.length);
  return out;
}

const TOKEN = /\p{L}[\p{L}\p{M}\p{N}]*(?:[-'\u2019.&]\p{L}[\p{L}\p{M}\p{N}]*)*|\p{N}+(?:[.,:/]\p{N}+)*(?:st|nd|rd|th)?|\S/gu;

/** Tokens of text[start, end), each masked range becoming one `quote` token. */
export function tokenize(text: string, start: number, end: number, ranges: MaskedRange[]): Token[] {
  const out: Token[] = [];
  const inside = ranges
    .filter((r) => r.start < end && r.end > start)
    .sort((a, b) => a.start - b.start);
  let pos = start;
  const words = (from: number, to: number) => {
    const seg = text.slice(from, to);
    for (const m of seg.matchAll(TOKEN)) {
      let t = m[0];
      // A soft hyphen or another invisible format character between words ("Doug\u00ADAndres" as printed) is no token.
      if (/^\p{Cf}$/u.test(t)) continue;
      const kind: TokenKind = /^\p{L}/u.test(t) ? 'word' : /^\p{N}/u.test(t) ? 'number' : 'punct';
      const at = from + m.index;
      const initial = /^\p{Lu}$/u.test(t) || NAME_SUFFIXES.has(t.toLowerCase());
      if (at + t.length < to && text[at + t.length] === '.' && (TITLE_ABBREVIATIONS.has(t.toLowerCase()) || initial)) {
        // "Sen. John Thune": the title keeps its period, so the name's phrase does not end there.
        out.push({ kind, text: `${t}.`, lower: t.toLowerCase(), start: at, end: at + t.length + 1 });
        continue;
      }
      if (out.length && out[out.length - 1]!.end > at) continue; // the period already taken by a title
      t = m[0];
      out.push({ kind, text: t, lower: t.toLowerCase(), start: at, end: at + t.length });
    }
  };
  for (const r of inside) {
    const a = Math.max(r.start, start);
    const b = Math.min(r.end, end);
    if (a > pos) words(pos, a);
    out.push({ kind: 'quote', text: text.slice(a, b), lower: '', start: a, end: b, quote: r.quote });
    pos = b;
  }
  if (pos < end) words(pos, end);
  return out;
}
