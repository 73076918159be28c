/**
 * Quoted spans of a text in every common style: “…”, "…", ‘…’, '…', «…»,
 * „…“, „…”, ‚…‘, ‹…›, 「…」, 『…』, ”…” (Swedish), with nesting. Works on the
 * original text: normalization folds curly quotes and would lose which ones
 * open. The one scanner of the project: the matcher reads a page with it
 * (`findQuotedSpans`), the corpus builder a document's paragraphs
 * (`topLevelQuotes`, which also reports a quotation left open at the
 * paragraph's end, as a statement running on over paragraphs is written).
 *
 * Apostrophes are not quotation marks: don’t, Peskov’s, rock 'n' roll, the
 * ’90s, students’ (when no single quotation is open) are left alone.
 */

export interface QuotedSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just after the closing mark. */
  close: number;
  /** The quoted text, without the marks and surrounding whitespace: [start, end). */
  start: number;
  end: number;
  /** 0 for a top-level quotation, 1 for a quotation inside it, ... */
  depth: number;
  /** Only with `unclosed`: the quotation's mark was never closed and the span runs to the text's end (`close` is -1). */
  unclosed?: boolean;
}

export interface ScanOptions {
  /** Report the outermost double mark still open at the end of the text, running to its end. */
  unclosed?: boolean;
}

/** Double marks: a quotation opened with one may run on past its paragraph; a single one is too easily an apostrophe. */
const DOUBLE_OPENERS = new Set(['\u201C', '\u201E', '\u201D', '\u00AB', '"', '\u300E']);

/** Quotations do not run past this many characters: a stray mark must not swallow a page. */
export const MAX_QUOTED_SPAN_CHARS = 4000;

/**
 * Open quotation marks kept waiting for their closer. Real prose nests three or four
 * deep; a run of marks with no closer (a page of 1,000,000 “) would otherwise keep a
 * stack of thousands that every mark searches and shifts (quadratic: minutes of
 * background CPU). Beyond this the oldest open mark is dropped, so the scan stays
 * linear in the text's length.
 */
export const MAX_OPEN_QUOTES = 16;

// Which marks close which. A straight mark may close a curly one: pages mix typography.
const CLOSERS: Record<string, string> = {
  '\u201C': '\u201D"', // “ … ”
  '\u201E': '\u201C\u201D"', // „ … “ (German) or „ … ” (Polish)
  '\u201D': '\u201D', // ” … ” (Swedish, Finnish)
  '\u00AB': '\u00BB', // « … »
  '\u2039': '\u203A', // ‹ … ›
  '\u2018': '\u2019\'', // ‘ … ’
  '\u201A': '\u2018\u2019', // ‚ … ‘ (German single)
  '"': '"\u201D',
  "'": "'\u2019",
  '\u300C': '\u300D', // 「 … 」
  '\u300E': '\u300F', // 『 … 』
};
const OPENERS = new Set(Object.keys(CLOSERS));
const ALL_CLOSERS = new Set(Object.values(CLOSERS).join(''));
/** Marks that are only ever closers or openers, whatever surrounds them. */
const UNAMBIGUOUS_CLOSERS = new Set(['\u00BB', '\u203A', '\u300D', '\u300F']);
const UNAMBIGUOUS_OPENERS = new Set(['\u00AB', '\u2039', '\u201E', '\u201A', '\u300C', '\u300E']);

/** Elisions that begin with an apostrophe: rock 'n' roll, 'em, 'cause, 'til, 'tis, 'twas, 'bout. */
const ELISION = /^(?:n['\u2019]|em\b|cause\b|til\b|tis\b|twas\b|bout\b|round\b)/i;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;
const OPENING_CONTEXT = /[\s([{\u2014\u2013\-/:;,\u201C\u201E\u00AB\u2018\u201A"'\u2039\u201D]/u;
const CLOSING_CONTEXT = /[\s.,;:!?)\]}\u2014\u2013\-/\u201D\u201C\u00BB\u2019\u203A"'…]/u;

interface Open {
  mark: string;
  at: number;
}

function isBlankLineAt(text: string, i: number): boolean {
  if (text[i] !== '\n') return false;
  for (let k = i + 1; k < text.length; k++) {
    const c = text[k]!;
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t' && c !== '\r') return false;
  }
  return false;
}

/** The quoted spans of `text`, in order of their opening marks. */
export function findQuotedSpans(text: string, options: ScanOptions = {}): QuotedSpan[] {
  const spans: QuotedSpan[] = [];
  const stack: Open[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // Fast skip: only line breaks and quotation marks matter here.
    if (
      !(
        c === 10 ||
        c === 0x22 ||
        c === 0x27 ||
        c === 0xab ||
        c === 0xbb ||
        (c >= 0x2018 && c <= 0x201e) ||
        c === 0x2039 ||
        c === 0x203a ||
        (c >= 0x300c && c <= 0x300f)
      )
    ) {
      continue;
    }
    const ch = text[i]!;
    if (ch === '\n') {
      // Quotations do not cross paragraphs; an unclosed one is dropped.
      if (stack.length > 0 && isBlankLineAt(text, i)) stack.length = 0;
      continue;
    }
    const isOpener = OPENERS.has(ch);
    const isCloser = ALL_CLOSERS.has(ch);
    if (!isOpener && !isCloser) continue;
    const prev = i > 0 ? text[i - 1]! : '';
    const next = i + 1 < n ? text[i + 1]! : '';
    const prevWord = prev !== '' && LETTER_OR_DIGIT.test(prev);
    const nextWord = next !== '' && LETTER_OR_DIGIT.test(next);
    const single = ch === "'" || ch === '\u2019' || ch === '\u2018';
    // An apostrophe inside a word: don't, Peskov’s.
    if (single && prevWord && nextWord) continue;
    // Drop opens that ran too long: their closing mark is not coming.
    while (stack.length > 0 && i - stack[0]!.at > MAX_QUOTED_SPAN_CHARS) stack.shift();

    // “…!”After — a closing ” glued to the next word (a missing space) still closes the “ open before it.
    const glued = ch === '\u201D' && nextWord && stack.length > 0 && stack[stack.length - 1]!.mark === '\u201C';
    const closingContext = prev !== '' && !SPACE.test(prev) && (next === '' || CLOSING_CONTEXT.test(next) || glued);
    if (isCloser && (closingContext || UNAMBIGUOUS_CLOSERS.has(ch))) {
      let k = stack.length - 1;
      while (k >= 0 && !CLOSERS[stack[k]!.mark]!.includes(ch)) k--;
      if (k >= 0) {
        const open = stack[k]!;
        stack.length = k;
        let start = open.at + 1;
        let end = i;
        while (start < end && SPACE.test(text[start]!)) start++;
        while (end > start && SPACE.test(text[end - 1]!)) end--;
        if (end > start) spans.push({ open: open.at, close: i + 1, start, end, depth: k });
        continue;
      }
      // A closing single mark with nothing open: an apostrophe (students’, the ’90s).
      if (single || !isOpener) continue;
    }
    if (!isOpener) continue;
    const openingContext = (prev === '' || OPENING_CONTEXT.test(prev)) && next !== '' && !SPACE.test(next);
    if (!openingContext && !UNAMBIGUOUS_OPENERS.has(ch)) continue;
    if (single || ch === '\u201A') {
      const rest = text.slice(i + 1, i + 8);
      // '90s, ’n’, 'em: apostrophes of elision, not quotations.
      if (/^\d/.test(rest) && /^\d+s\b/.test(rest)) continue;
      const elision = ELISION.exec(rest);
      if (elision) {
        i += elision[0].length;
        continue;
      }
    }
    if (stack.length >= MAX_OPEN_QUOTES) stack.shift();
    stack.push({ mark: ch, at: i });
  }
  if (options.unclosed) {
    // The outermost double mark still open, outside every closed quotation: it runs on to the end.
    const open = stack.find((o) => DOUBLE_OPENERS.has(o.mark) && !spans.some((s) => s.open < o.at && o.at < s.close));
    if (open) {
      let start = open.at + 1;
      while (start < n && SPACE.test(text[start]!)) start++;
      let end = n;
      while (end > start && SPACE.test(text[end - 1]!)) end--;
      if (end > start) spans.push({ open: open.at, close: -1, start, end, depth: 0, unclosed: true });
    }
  }
  return spans.sort((a, b) => a.open - b.open);
}

/**
 * The quotations of `text` that no other one holds, in order, with one left
 * open at the end (see `ScanOptions.unclosed`). A quotation is top-level when
 * it lies inside no other: a stray mark that never closed does not push the
 * quotations after it a level down.
 */
export function topLevelQuotes(text: string): QuotedSpan[] {
  const out: QuotedSpan[] = [];
  let reach = 0;
  for (const s of findQuotedSpans(text, { unclosed: true })) {
    if (s.open < reach) continue;
    out.push(s);
    reach = s.close < 0 ? text.length : s.close;
  }
  return out;
}
