/**
 * Files of any size in bounded memory (issue 15: `check` silently stopped at
 * 5,000,000 characters). The decoded file arrives as a stream of strings and
 * leaves as overlapping windows cut on paragraph boundaries:
 *
 *   window k = [own start - CONTEXT, own end + CONTEXT), both ends moved to a
 *   paragraph boundary; it *owns* [own start, own end), and a finding is
 *   reported by the window that owns its start.
 *
 * CONTEXT is larger than the longest quoted span the engine considers
 * (MAX_QUOTED_SPAN_CHARS) plus the attribution before it, so a quotation that
 * starts in a window's own part ends inside the window, with the paragraph
 * that names its speaker before it. Only about WINDOW_CHARS + 2 x CONTEXT
 * characters are held at once, whatever the file's size.
 *
 * HTML is cut just before a block element's tag, never inside a comment or a
 * script, style, textarea or title; the elements still open at a window's
 * start are reopened in front of it (`prefix`), so text inside a `hidden` or
 * `aria-hidden` ancestor opened in an earlier window is still skipped.
 */
import { MAX_QUOTED_SPAN_CHARS } from '../../match/candidates';
import type { InputFormat } from './extract';

/**
 * Owned characters per window: far under the content script collector's
 * MAX_COLLECT_CHARS (5,000,000). HTML windows are smaller: linkedom's DOM
 * costs tens of bytes per character of markup (a 60 MB page peaked at 253 MB
 * with 1,000,000-character windows).
 */
export const WINDOW_CHARS: Record<InputFormat, number> = { text: 1_000_000, markdown: 1_000_000, html: 400_000 };

export interface WindowSizes {
  window: number;
  context: number;
}
/** Context each side: the longest quoted span, twice, covers the span and the attribution sentence before it. */
export const CONTEXT_CHARS = 2 * MAX_QUOTED_SPAN_CHARS;
/** Deepest element stack reopened in front of a window; deeper is markup soup, not an article. */
const MAX_REOPENED = 256;

export interface Window {
  /** The window's source text (a slice of the decoded file). */
  source: string;
  /** Offset of `source` in the file (UTF-16 code units of the decoded text). */
  start: number;
  /** The part of the file this window reports findings for: [ownStart, ownEnd). */
  ownStart: number;
  ownEnd: number;
  /** HTML only: the opening tags of the elements open at `start`, to parse in front of `source`. */
  prefix: string;
  /** The whole file is this one window. */
  whole: boolean;
}

/** Immutable stack of open elements: a snapshot is a pointer. */
interface Open {
  name: string;
  tag: string;
  depth: number;
  parent: Open | undefined;
}

const BLOCK = /^(?:address|article|aside|blockquote|dd|details|dialog|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hgroup|hr|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul)$/;
const VOID = /^(?:area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr|!doctype)$/;
const RAW_TEXT = /^(?:script|style|textarea|title|xmp|iframe|noembed|noframes|plaintext)$/;
/** Elements a new block start closes when open on top (the parser's implied end tags). */
const IMPLIED_END: Record<string, RegExp> = {
  p: /^p$/,
  li: /^(?:li|p)$/,
  dt: /^(?:dt|dd|p)$/,
  dd: /^(?:dt|dd|p)$/,
  tr: /^(?:tr|td|th)$/,
  td: /^(?:td|th)$/,
  th: /^(?:td|th)$/,
};
/** Tags, comments and doctypes, in order. */
const TOKEN = /<!--[\s\S]*?(?:-->|$)|<\/?([a-zA-Z][\w:-]*)(?:"[^"]*"|'[^']*'|[^'">])*>?|<![^>]*>?/g;

/**
 * Scans HTML incrementally: tracks the open elements and records the offsets
 * just before block tags outside raw text, with the stack at each.
 */
class HtmlScanner {
  /** Safe cut points (absolute offsets) and the stack open there, in order. */
  readonly cuts: { at: number; open: Open | undefined }[] = [];
  private open: Open | undefined;
  /** Absolute offset up to which the text was scanned. */
  scanned = 0;
  private rawEnd: RegExp | undefined;

  /** Scans `text` (the buffer, starting at absolute offset `base`) from `this.scanned` up to `limit`. */
  scan(text: string, base: number, limit: number): void {
    let i = this.scanned - base;
    const end = limit - base;
    while (i < end) {
      if (this.rawEnd) {
        this.rawEnd.lastIndex = i;
        const m = this.rawEnd.exec(text);
        if (!m) break; // the raw text runs on: wait for more input
        i = m.index + m[0].length;
        this.rawEnd = undefined;
        this.pop(/^(\w+)/.exec(m[0].slice(2))![1]!.toLowerCase());
        continue;
      }
      TOKEN.lastIndex = i;
      const m = TOKEN.exec(text);
      if (!m || m.index >= end) {
        i = end;
        break;
      }
      const tokenEnd = m.index + m[0].length;
      // A token cut by the end of the buffer: scan it when the rest has arrived.
      if (!m[0].endsWith('>') && tokenEnd >= text.length) {
        i = m.index;
        break;
      }
      const name = m[1]?.toLowerCase();
      if (name !== undefined && !m[0].startsWith('</')) {
        if (BLOCK.test(name)) {
          this.closeImplied(name);
          this.cuts.push({ at: base + m.index, open: this.open });
        }
        if (!VOID.test(name) && !m[0].endsWith('/>')) {
          this.push(name, m[0]);
          if (RAW_TEXT.test(name)) this.rawEnd = new RegExp(`</${name}\\s*>`, 'gi');
        }
      } else if (name !== undefined) this.pop(name);
      i = tokenEnd;
    }
    this.scanned = base + Math.max(i, this.scanned - base);
  }

  private push(name: string, tag: string): void {
    this.open = { name, tag, depth: (this.open?.depth ?? 0) + 1, parent: this.open };
  }

  private pop(name: string): void {
    for (let o = this.open; o; o = o.parent) {
      if (o.name === name) {
        this.open = o.parent;
        return;
      }
    }
  }

  private closeImplied(name: string): void {
    const closes = IMPLIED_END[name] ?? (BLOCK.test(name) ? IMPLIED_END.p : undefined);
    while (this.open && closes?.test(this.open.name)) this.open = this.open.parent;
  }

  /** Forgets cut points before `offset` (they are behind every future window). */
  dropBefore(offset: number): void {
    let n = 0;
    while (n < this.cuts.length - 1 && this.cuts[n + 1]!.at <= offset) n++;
    if (n > 0) this.cuts.splice(0, n);
  }
}

/** The opening tags of `open`, outermost first; html/head/body are the parser's own. */
function reopen(open: Open | undefined): string {
  const tags: string[] = [];
  for (let o = open; o; o = o.parent) if (!/^(?:html|head|body)$/.test(o.name)) tags.push(o.tag);
  return tags.reverse().slice(0, MAX_REOPENED).join('');
}

/** Paragraph boundaries in plain text and Markdown: the offset just after a blank line. */
function textBoundaryBefore(text: string, from: number, floor: number): number | undefined {
  const at = Math.max(text.lastIndexOf('\n\n', from - 2), text.lastIndexOf('\n\r\n', from - 3));
  if (at < floor) return undefined;
  return text[at + 1] === '\n' ? at + 2 : at + 3;
}

function textBoundaryAfter(text: string, from: number): number | undefined {
  const candidates = [text.indexOf('\n\n', from), text.indexOf('\n\r\n', from)].filter((x) => x >= 0);
  if (candidates.length === 0) return undefined;
  const at = Math.min(...candidates);
  return text[at + 1] === '\n' ? at + 2 : at + 3;
}

/** Splits a stream of decoded text into windows (see the module comment). */
export async function* windows(
  chunks: AsyncIterable<string>,
  format: InputFormat,
  sizes: WindowSizes = { window: WINDOW_CHARS[format], context: CONTEXT_CHARS },
): AsyncGenerator<Window> {
  const html = format === 'html' ? new HtmlScanner() : undefined;
  let buf = '';
  /** Absolute offset of buf[0]. */
  let base = 0;
  let ownStart = 0;
  let first = true;
  /** Stack open at the start of the next window (HTML). */
  let windowOpen: Open | undefined;

  /** A boundary (absolute) at or before `at`, not before `floor`. */
  const boundaryBefore = (at: number, floor: number): { at: number; open?: Open } | undefined => {
    if (html) {
      let found: { at: number; open: Open | undefined } | undefined;
      for (const c of html.cuts) {
        if (c.at > at) break;
        if (c.at >= floor) found = c;
      }
      return found;
    }
    const b = textBoundaryBefore(buf, at - base, floor - base);
    return b === undefined ? undefined : { at: base + b };
  };
  const boundaryAfter = (at: number): { at: number; open?: Open } | undefined => {
    if (html) return html.cuts.find((c) => c.at >= at);
    const b = textBoundaryAfter(buf, at - base);
    return b === undefined ? undefined : { at: base + b };
  };

  /**
   * Where the next window starts: a boundary CONTEXT before its own part, with
   * the elements open there (HTML). With no boundary in reach (one paragraph
   * longer than the context), as far back as kept, with the last stack known.
   */
  const startOfWindow = (): number => {
    if (first) return 0;
    const cut = boundaryBefore(ownStart - sizes.context, base);
    if (cut === undefined) return Math.max(base, ownStart - sizes.context);
    if (html) windowOpen = cut.open;
    return cut.at;
  };

  const emit = (windowStart: number, windowEnd: number, ownEnd: number, whole: boolean): Window => ({
    source: buf.slice(windowStart - base, windowEnd - base),
    start: windowStart,
    ownStart,
    ownEnd,
    prefix: html ? reopen(windowOpen) : '',
    whole,
  });

  for await (const chunk of chunks) {
    buf += chunk;
    html?.scan(buf, base, base + buf.length);
    // Enough for a window: its own part, then the context after it.
    while (base + buf.length >= ownStart + sizes.window + 2 * sizes.context) {
      const target = ownStart + sizes.window;
      // Cut at a paragraph boundary in the second half of the window, else just after it, else hard.
      const cut =
        boundaryBefore(target, ownStart + sizes.window / 2)?.at ??
        ((b) => (b !== undefined && b.at < target + sizes.context ? b.at : undefined))(boundaryAfter(target)) ??
        target;
      const end = ((b) => (b !== undefined && b.at <= cut + 2 * sizes.context ? b.at : undefined))(boundaryAfter(cut + sizes.context)) ?? cut + sizes.context;
      const windowStart = startOfWindow();
      yield emit(windowStart, end, cut, false);
      first = false;
      ownStart = cut;
      // Keep only what the next window's context may need.
      const keepFrom = boundaryBefore(ownStart - sizes.context, base)?.at ?? Math.max(base, ownStart - sizes.context);
      html?.dropBefore(keepFrom);
      buf = buf.slice(keepFrom - base);
      base = keepFrom;
    }
  }
  html?.scan(buf, base, base + buf.length);
  yield emit(startOfWindow(), base + buf.length, Infinity, first);
}
