/**
 * Finds quoted spans in one paragraph: curly “…”, straight "…", guillemets
 * «…», low-high „…“, and single ‘…’ (top level, British style) with quotes
 * nested inside them. Only top-level spans are returned; nested quotes stay
 * part of their parent's wording.
 */

export interface QuoteSpan {
  /** Index of the opening mark. */
  open: number;
  /** Index of the closing mark, or -1 when the quote runs on past the paragraph's end. */
  close: number;
  contentStart: number;
  /** End of the wording (exclusive): the closing mark, or the paragraph's end. */
  contentEnd: number;
  /** Double marks may run over paragraphs; single ones are too easily apostrophes to try. */
  double: boolean;
}

interface Open {
  pos: number;
  closers: string;
  double: boolean;
  straight: boolean;
}

/** Every character the scanner reacts to; the rest of the text is skipped at once. */
const MARK_CHARS = '\u201C\u201D\u201E\u00AB\u00BB"\u2018\u201A\u2019\'';
const OPEN_BEFORE = /[\s([{\-\u2010-\u2015/:;\u201C\u201E\u00AB\u2018\u201A"']/u;
const CLOSE_AFTER = /[\s)\]}.,;:!?\-\u2010-\u2015\u2026\u201D\u201C\u00BB\u2019\u2018"']/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * How many times a paragraph is scanned again after single marks that never
 * closed are set aside as apostrophes ("‘90s", "rock ‘n’ roll"). Each pass
 * sets aside every unclosed single mark at once, so real text needs one or
 * two; the bound keeps the scan linear on any input.
 */
const MAX_PASSES = 3;

/** How deep a closing mark looks for its opening one (quotations inside quotations inside quotations …). */
const MAX_NESTING = 8;

/** Top-level quoted spans of `text`, in order. Linear in the length of `text`. */
export function scanQuotes(text: string): QuoteSpan[] {
  const apostrophes = new Set<number>();
  for (let pass = 1; ; pass++) {
    const { spans, unclosedSingles } = scanOnce(text, apostrophes);
    if (unclosedSingles.length === 0 || pass === MAX_PASSES) return spans;
    for (const p of unclosedSingles) apostrophes.add(p);
  }
}

function scanOnce(text: string, apostrophes: ReadonlySet<number>): { spans: QuoteSpan[]; unclosedSingles: number[] } {
  const spans: QuoteSpan[] = [];
  const stack: Open[] = [];
  /** Marks opened inside a span and never closed. */
  const dropped: Open[] = [];
  const n = text.length;

  const closeAt = (depth: number, pos: number) => {
    const entry = stack[depth]!;
    for (let d = depth + 1; d < stack.length; d++) dropped.push(stack[d]!);
    stack.length = depth; // anything opened inside and never closed was an apostrophe or a typo
    if (depth === 0) {
      spans.push({ open: entry.pos, close: pos, contentStart: entry.pos + 1, contentEnd: pos, double: entry.double });
    }
  };
  // Only the innermost few open marks can take a closing mark: prose nests quotations a level or
  // two deep, and a bounded look keeps a run of unmatched marks linear.
  const findOpen = (mark: string): number => {
    for (let d = stack.length - 1; d >= 0 && d >= stack.length - MAX_NESTING; d--) if (stack[d]!.closers.includes(mark)) return d;
    return -1;
  };

  for (let i = 0; i < n; i++) {
    const c = text[i]!;
    if (!MARK_CHARS.includes(c) || apostrophes.has(i)) continue;
    const prev = i > 0 ? text[i - 1]! : ' ';
    const next = i + 1 < n ? text[i + 1]! : ' ';
    const openCtx = OPEN_BEFORE.test(prev) && !/\s/.test(next);
    const closeCtx = CLOSE_AFTER.test(next) || i + 1 === n;
    const top = stack[stack.length - 1];
    switch (c) {
      case '\u201C': // “ opens, or closes „
        if (top && top.closers.includes(c) && !openCtx) closeAt(stack.length - 1, i);
        else stack.push({ pos: i, closers: '\u201D"', double: true, straight: false });
        break;
      case '\u201D': {
        const d = findOpen(c);
        if (d >= 0) closeAt(d, i);
        break;
      }
      case '\u201E': // „
        stack.push({ pos: i, closers: '\u201C\u201D', double: true, straight: false });
        break;
      case '\u00AB':
        stack.push({ pos: i, closers: '\u00BB', double: true, straight: false });
        break;
      case '\u00BB': {
        const d = findOpen(c);
        if (d >= 0) closeAt(d, i);
        break;
      }
      case '"': {
        const d = findOpen('"');
        if (d >= 0 && (closeCtx || !openCtx)) closeAt(d, i);
        else if (openCtx) stack.push({ pos: i, closers: '"\u201D', double: true, straight: true });
        break;
      }
      case '\u2018': // ‘ opens, or closes ‚
        if (top && top.closers.includes(c) && !openCtx) closeAt(stack.length - 1, i);
        else if (openCtx) stack.push({ pos: i, closers: '\u2019', double: false, straight: false });
        break;
      case '\u201A':
        if (openCtx) stack.push({ pos: i, closers: '\u2018\u2019', double: false, straight: false });
        break;
      case '\u2019': // closes ‘ unless it is an apostrophe inside a word ("nation’s")
        if (top && top.closers.includes(c) && !LETTER_OR_DIGIT.test(next)) closeAt(stack.length - 1, i);
        break;
      case "'": // straight single quotes only nest inside double quotes; elsewhere they are apostrophes
        if (top?.straight && !top.double && !LETTER_OR_DIGIT.test(next)) closeAt(stack.length - 1, i);
        else if (top?.double && openCtx && LETTER_OR_DIGIT.test(next))
          stack.push({ pos: i, closers: "'", double: false, straight: true });
        break;
    }
  }
  const bottom = stack[0];
  // A single mark that never closed was an apostrophe ("‘90s"): scan again
  // without it (and without every other one left open), so the quotations it swallowed are found.
  if (bottom && !bottom.double) return { spans, unclosedSingles: [...stack, ...dropped].filter((o) => !o.double).map((o) => o.pos) };
  if (bottom?.double) {
    spans.push({ open: bottom.pos, close: -1, contentStart: bottom.pos + 1, contentEnd: n, double: true });
  }
  return { spans, unclosedSingles: [] };
}

/** Does the paragraph open with a quotation mark (a continued quote's next paragraph)? */
export function opensWithQuote(text: string, spans: QuoteSpan[]): boolean {
  const first = spans[0];
  return first !== undefined && first.double && text.slice(0, first.open).trim() === '';
}
