/**
 * Turns an article file into the text the engine reads.
 *
 * - HTML is parsed with linkedom (a real DOM, not regexes) and its text is
 *   collected by the same collector the content script runs on live pages,
 *   so `check` finds what the extension would find on that page.
 * - Markdown loses its markup (see ./markdown.ts).
 * - Plain text is read as is.
 */
import { collectPageText } from './page-text';
import { markdownToText, type Extracted } from './markdown';

export type InputFormat = 'html' | 'markdown' | 'text';

export interface ArticleText {
  format: InputFormat;
  /** The text given to the engine; findings' offsets refer to it. */
  text: string;
  /** Offsets into `source` for each offset of `text`, when the format keeps them (not HTML). */
  map?: Uint32Array;
  /** The decoded file, for line and column numbers. */
  source: string;
}

const HTML_EXTENSIONS = /\.(html?|xhtml|shtml)$/i;
const MARKDOWN_EXTENSIONS = /\.(md|markdown|mdown|mkd|mdx)$/i;

/** Format from the file name; undefined when the name does not say (stdin, .txt, no extension). */
export function formatFromName(path: string): InputFormat | undefined {
  if (HTML_EXTENSIONS.test(path)) return 'html';
  if (MARKDOWN_EXTENSIONS.test(path)) return 'markdown';
  if (/\.txt$/i.test(path)) return 'text';
  return undefined;
}

/** Guesses the format of unnamed input (stdin) from its first characters. */
export function sniffFormat(source: string): InputFormat {
  const head = source.slice(0, 4096).replace(/^\uFEFF/, '');
  if (/^\s*<(!doctype\s+html|html|head|body|article|main|section|div|p|h[1-6]|blockquote|!--)[\s>]/i.test(head)) return 'html';
  if (/^(---|\+\+\+)\r?\n/.test(head) || /^#{1,6} \S/m.test(head) || /\]\([^)\s]+\)/.test(head)) return 'markdown';
  return 'text';
}

export class InputError extends Error {}

/**
 * Decodes a file's bytes. UTF-8 unless a BOM or (for HTML) a `<meta charset>`
 * says otherwise: saved pages from non-UTF-8 sites keep their encoding.
 */
export function decode(bytes: Uint8Array, format: InputFormat | undefined): string {
  if (bytes.includes(0) && !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError('not a text file (it contains NUL bytes)');
  }
  let label = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  else if (format !== 'markdown' && format !== 'text') {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
    const meta = /<meta[^>]+charset\s*=\s*["']?([\w:.-]+)/i.exec(head);
    if (meta) label = meta[1]!.toLowerCase();
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}

export async function extractText(source: string, format: InputFormat): Promise<ArticleText> {
  if (format === 'html') {
    // Loaded on first use: it is most of the command's start-up time, and Markdown or text do not need it.
    const { parseHtmlDocument } = await import('../../corpus/build/formats/html-dom');
    const document = parseHtmlDocument(source);
    return { format, text: collectPageText(document), source };
  }
  if (format === 'markdown') {
    const md: Extracted = markdownToText(source);
    return { format, text: md.text, map: md.map, source };
  }
  return { format, text: source.replace(/^\uFEFF/, ''), source };
}

/**
 * Returns a function giving the 1-based line and column in the source of a
 * text offset, or undefined for HTML (the DOM keeps no source positions).
 */
export function locator(article: ArticleText): (offset: number) => { line: number; column: number } | undefined {
  if (article.format === 'html') return () => undefined;
  const src = article.source;
  const lineStarts = [0];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  // Plain text had its BOM removed before matching.
  const shift = article.format === 'text' && src.startsWith('\uFEFF') ? 1 : 0;
  return (offset) => {
    const at = article.map ? article.map[Math.min(offset, article.map.length - 1)]! : offset + shift;
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - lineStarts[lo]! + 1 };
  };
}
