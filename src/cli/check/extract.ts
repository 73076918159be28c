/**
 * Turns an article file into the text the engine reads.
 *
 * - HTML is parsed with linkedom (a real DOM, not regexes) and its text is
 *   collected by the same collector the content script runs on live pages,
 *   so `check` finds what the extension would find on that page.
 * - Markdown loses its markup (see ./markdown.ts).
 * - Plain text is read as is.
 */
import type { UnjudgedSpan } from '../../match/unjudged';
import { collectPageText } from './page-text';
import { markdownToText, type Extracted } from './markdown';

export type InputFormat = 'html' | 'markdown' | 'text';

export interface ArticleText {
  format: InputFormat;
  /** The text given to the engine; findings' offsets refer to it. */
  text: string;
  /** Offsets into the source for each offset of `text`, when the format keeps them (not HTML: see ./html-locate.ts). */
  map?: Uint32Array;
  /** HTML: the collector stopped at its cap (MAX_COLLECT_CHARS) before the end. */
  truncated?: boolean;
  /** HTML: spans of `text` drawn in an order the collector cannot reproduce (src/match/unjudged.ts). */
  unjudged?: UnjudgedSpan[];
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

/** The encoding of a file from its first bytes: a BOM, else (HTML) a `<meta charset>`, else UTF-8. */
export function sniffEncoding(head: Uint8Array, format: InputFormat | undefined): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (format !== 'markdown' && format !== 'text') {
    const meta = /<meta[^>]+charset\s*=\s*["']?([\w:.-]+)/i.exec(new TextDecoder('latin1').decode(head.subarray(0, 2048)));
    if (meta) {
      const label = meta[1]!.toLowerCase();
      try {
        new TextDecoder(label);
        return label;
      } catch {
        return 'utf-8';
      }
    }
  }
  return 'utf-8';
}

/**
 * Decodes a stream of bytes as `decode` does a whole file, a chunk at a time:
 * the first chunk decides the encoding; a NUL byte anywhere (outside UTF-16)
 * throws InputError. `format` may be decided from the first decoded text (stdin).
 */
export async function decodeStream(
  bytes: AsyncIterable<Uint8Array | string>,
  format: InputFormat | undefined,
): Promise<{ first: string; rest: AsyncIterable<string> } | undefined> {
  const it = bytes[Symbol.asyncIterator]();
  const head = await it.next();
  if (head.done) return undefined;
  const asBytes = (c: Uint8Array | string) => (typeof c === 'string' ? Buffer.from(c) : c);
  const firstBytes = asBytes(head.value);
  const label = sniffEncoding(firstBytes, format);
  const utf16 = label.startsWith('utf-16');
  const decoder = new TextDecoder(label);
  const check = (b: Uint8Array) => {
    if (!utf16 && b.includes(0)) throw new InputError('not a text file (it contains NUL bytes)');
    return b;
  };
  const first = decoder.decode(check(firstBytes), { stream: true });
  async function* rest(): AsyncGenerator<string> {
    for (let next = await it.next(); !next.done; next = await it.next()) yield decoder.decode(check(asBytes(next.value)), { stream: true });
    const tail = decoder.decode();
    if (tail) yield tail;
  }
  return { first, rest: rest() };
}

export async function extractText(source: string, format: InputFormat): Promise<ArticleText> {
  if (format === 'html') {
    // Loaded on first use: it is most of the command's start-up time, and Markdown or text do not need it.
    const { parseHtmlDocument } = await import('../../corpus/build/formats/html-dom');
    const document = parseHtmlDocument(source);
    const { text, truncated, unjudged } = collectPageText(document);
    return { format, text, ...(truncated ? { truncated } : {}), ...(unjudged.length ? { unjudged } : {}) };
  }
  if (format === 'markdown') {
    const md: Extracted = markdownToText(source);
    return { format, text: md.text, map: md.map };
  }
  return { format, text: source };
}
