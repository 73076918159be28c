/**
 * Markdown to reading text, with an offset map back to the source.
 *
 * Not a renderer: it removes the markup a reader never sees (front matter,
 * heading and list markers, emphasis, link targets, code fences, HTML tags
 * and comments) so that a quotation written as `“We have *only* seen…”`
 * reaches the engine as the words a reader reads. Paragraph breaks (blank
 * lines) are kept because the engine looks for attributions within a
 * sentence or paragraph. Every kept character maps back to its source
 * offset, so findings can name the line and column in the author's file.
 */

export interface Extracted {
  text: string;
  /** `map[i]` = offset in the source of `text[i]`; `map[text.length]` = source length. */
  map: Uint32Array;
}

class Builder {
  private readonly parts: string[] = [];
  private readonly offsets: number[] = [];
  constructor(private readonly source: string) {}
  /** Copies source[a, b). */
  copy(a: number, b: number): void {
    for (let i = a; i < b; i++) {
      this.parts.push(this.source[i]!);
      this.offsets.push(i);
    }
  }
  /** Adds a character not in the source (a cell separator), mapped to `at`. */
  synth(ch: string, at: number): void {
    this.parts.push(ch);
    this.offsets.push(at);
  }
  done(): Extracted {
    const map = new Uint32Array(this.offsets.length + 1);
    map.set(this.offsets);
    map[this.offsets.length] = this.source.length;
    return { text: this.parts.join(''), map };
  }
}

const FRONT_MATTER_OPEN = /^(---|\+\+\+)[ \t]*\r?\n/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const THEMATIC_OR_SETEXT = /^ {0,3}([-*_=])[ \t]*(\1[ \t]*){2,}$/;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*\S+/;
const TABLE_DELIMITER = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)+\|?\s*$/;
// Block prefix: indentation, blockquote markers, then a heading, list or task marker.
const BLOCK_PREFIX = /^(?:[ \t]*>[ \t]?)*[ \t]*(?:#{1,6}(?=[ \t]|$)[ \t]*|(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?/;
const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

/** Converts Markdown source to reading text with an offset map. */
export function markdownToText(source: string): Extracted {
  const out = new Builder(source);
  let pos = 0;
  const fm = FRONT_MATTER_OPEN.exec(source);
  if (fm) {
    const closer = new RegExp(`\\r?\\n(${fm[1] === '---' ? '---|\\.\\.\\.' : '\\+\\+\\+'})[ \\t]*(\\r?\\n|$)`, 'g');
    closer.lastIndex = fm[0].length - 1;
    const end = closer.exec(source);
    if (end) pos = end.index + end[0].length;
  }
  let fence: string | null = null;
  let inComment = false;
  while (pos < source.length) {
    let eol = source.indexOf('\n', pos);
    if (eol < 0) eol = source.length;
    const lineEnd = eol > pos && source[eol - 1] === '\r' ? eol - 1 : eol;
    const line = source.slice(pos, lineEnd);
    const next = eol < source.length ? eol + 1 : eol;
    const emitNewline = () => {
      if (eol < source.length) out.copy(eol, eol + 1);
    };

    const fenceMatch = FENCE.exec(line);
    if (fence !== null) {
      // Code is kept as text (the rendered page shows it), fences are not.
      if (fenceMatch && fenceMatch[1]!.startsWith(fence) && line.trim() === fenceMatch[1]) fence = null;
      else out.copy(pos, lineEnd);
      emitNewline();
      pos = next;
      continue;
    }
    if (fenceMatch && !inComment) {
      fence = fenceMatch[1]!;
      emitNewline();
      pos = next;
      continue;
    }
    if (!inComment && (THEMATIC_OR_SETEXT.test(line) || REFERENCE_DEFINITION.test(line) || TABLE_DELIMITER.test(line))) {
      emitNewline();
      pos = next;
      continue;
    }
    let start = pos;
    let end = lineEnd;
    if (!inComment) {
      const prefix = BLOCK_PREFIX.exec(line)![0];
      start += prefix.length;
      // Closing hashes of an ATX heading ("## Title ##").
      const closing = prefix.includes('#') ? /[ \t]+#+[ \t]*$/.exec(line) : null;
      if (closing && closing.index >= prefix.length) end = pos + closing.index;
    }
    inComment = inline(source, start, end, out, inComment);
    emitNewline();
    pos = next;
  }
  return out.done();
}

/**
 * Copies one line's inline content without its markup. Returns whether an
 * HTML comment is still open at the end of the line.
 */
function inline(src: string, a: number, b: number, out: Builder, inComment: boolean): boolean {
  let i = a;
  if (inComment) {
    const close = src.indexOf('-->', i);
    if (close < 0 || close >= b) return true;
    i = close + 3;
  }
  while (i < b) {
    const c = src[i]!;
    if (c === '\\' && i + 1 < b && ASCII_PUNCT.test(src[i + 1]!)) {
      out.copy(i + 1, i + 2);
      i += 2;
      continue;
    }
    if (c === '<') {
      if (src.startsWith('<!--', i)) {
        const close = src.indexOf('-->', i + 4);
        if (close < 0 || close >= b) return true;
        i = close + 3;
        continue;
      }
      const autolink = /^<((?:https?|mailto):[^\s<>]+)>/.exec(src.slice(i, b));
      if (autolink) {
        out.copy(i + 1, i + 1 + autolink[1]!.length);
        i += autolink[0].length;
        continue;
      }
      const tag = /^<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/.exec(src.slice(i, b));
      if (tag) {
        i += tag[0].length;
        continue;
      }
    }
    if (c === '`') {
      const run = /^`+/.exec(src.slice(i, b))![0];
      const close = src.indexOf(run, i + run.length);
      if (close >= 0 && close < b) {
        out.copy(i + run.length, close);
        i = close + run.length;
        continue;
      }
      out.copy(i, i + run.length);
      i += run.length;
      continue;
    }
    if (c === '!' && src[i + 1] === '[') {
      const link = matchLink(src, i + 1, b);
      if (link) {
        inline(src, link.textStart, link.textEnd, out, false);
        i = link.end;
        continue;
      }
    }
    if (c === '[') {
      const link = matchLink(src, i, b);
      if (link) {
        inline(src, link.textStart, link.textEnd, out, false);
        i = link.end;
        continue;
      }
    }
    if (c === '|') {
      // Table cell separator: the cells must not run together.
      out.synth(' ', i);
      i += 1;
      continue;
    }
    if (c === '*' || c === '_' || c === '~') {
      const run = new RegExp(`^\\${c}+`).exec(src.slice(i, b))![0];
      const before = i > a ? src[i - 1]! : ' ';
      const after = i + run.length < b ? src[i + run.length]! : ' ';
      const spaceBefore = /\s/.test(before);
      const spaceAfter = /\s/.test(after);
      const wordBefore = /[\p{L}\p{N}]/u.test(before);
      const wordAfter = /[\p{L}\p{N}]/u.test(after);
      // A delimiter run that touches text on either side opens or closes emphasis
      // (CommonMark's left/right-flanking). Literal, as in CommonMark: a run between
      // spaces ("5 * 3"), `_` inside a word (snake_case), and a lone `~`.
      const literal = (spaceBefore && spaceAfter) || (c === '_' && wordBefore && wordAfter) || (c === '~' && run.length < 2);
      if (!literal) {
        i += run.length;
        continue;
      }
      out.copy(i, i + run.length);
      i += run.length;
      continue;
    }
    out.copy(i, i + 1);
    i += 1;
  }
  return false;
}

/** `[text](target)`, `[text][ref]`, `[text][]`; `[text]` alone stays literal. */
function matchLink(src: string, open: number, limit: number): { textStart: number; textEnd: number; end: number } | null {
  let depth = 0;
  let close = -1;
  for (let j = open; j < limit; j++) {
    const ch = src[j];
    if (ch === '\\') {
      j++;
      continue;
    }
    if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) {
      close = j;
      break;
    }
  }
  if (close < 0) return null;
  const rest = src.slice(close + 1, limit);
  const target = /^\((?:[^()\s]|\([^()]*\))*(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/.exec(rest) ?? /^\[[^\]]*\]/.exec(rest);
  if (!target) return null;
  return { textStart: open + 1, textEnd: close, end: close + 1 + target[0].length };
}
