/**
 * Markdown with optional YAML front matter. The body is read block by block
 * (headings, paragraphs, list items, block quotes, tables, code); inline
 * markup is reduced to the text a reader sees. Enough Markdown for articles,
 * not a full CommonMark implementation.
 */
import { DocumentError } from '../errors';
import { collapse, type Paragraph, type ParagraphRole } from '../paragraphs';

export interface FrontMatter {
  /** The YAML between the `---` lines, or undefined when there is none. */
  yaml?: string;
  /** File line of the YAML's first line. */
  yamlLine: number;
  body: string;
  /** File line of the body's first line. */
  bodyLine: number;
}

export function splitFrontMatter(text: string, file: string): FrontMatter {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[0]?.trim() !== '---') return { yamlLine: 1, body: text, bodyLine: 1 };
  const end = lines.findIndex((l, i) => i > 0 && /^(?:---|\.\.\.)\s*$/.test(l));
  if (end < 0) throw new DocumentError(file, 1, 'front matter opened with "---" is never closed');
  return {
    yaml: lines.slice(1, end).join('\n'),
    yamlLine: 2,
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
  };
}

/** The text a reader sees for one line of inline Markdown. */
export function cleanInline(s: string): string {
  return s
    .replace(/!\[[^\]]*\]\([^)]*\)/gu, '')
    .replace(/\[\^[^\]]+\]/gu, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/gu, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/gu, '$1')
    .replace(/<(https?:[^>\s]+)>/gu, '$1')
    .replace(/<!--.*?-->/gu, '')
    .replace(/<\/?[A-Za-z][^>]*>/gu, '')
    .replace(/`([^`]+)`/gu, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/gu, '$2')
    .replace(/(?<![\p{L}\p{N}\\])([*_])(?=\S)(.+?)(?<=\S)\1(?![\p{L}\p{N}])/gu, '$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!"'|<>~])/gu, '$1');
}

const FENCE = /^\s{0,3}(```|~~~)/;
const ATX = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;
const SETEXT = /^\s{0,3}(?:=+|-+)\s*$/;
const RULE = /^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const LIST_ITEM = /^\s{0,3}(?:[-*+\u2022]|\d{1,3}[.)])\s+(.*)$/;
const BLOCK_QUOTE = /^\s{0,3}>\s?(.*)$/;
const IMAGE_ONLY = /^\s*!\[[^\]]*\]\([^)]*\)\s*$/;
const LINK_DEF = /^\s{0,3}\[[^\]]+\]:\s+\S+/;

export function readMarkdown(body: string, bodyLine: number): Paragraph[] {
  const out: Paragraph[] = [];
  let cur: { lines: string[]; line: number; role: ParagraphRole } | undefined;
  let fence: string | undefined;

  const flush = () => {
    if (cur) {
      const text = collapse(cur.role === 'table' ? cur.lines.join(' ') : cleanInline(cur.lines.join(' ')));
      if (text !== '') out.push({ text, line: cur.line, role: cur.role });
    }
    cur = undefined;
  };
  const start = (role: ParagraphRole, text: string, line: number) => {
    flush();
    cur = { lines: [text], line, role };
  };

  body.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = bodyLine + i;
    const f = FENCE.exec(raw);
    if (fence !== undefined) {
      if (f && raw.trim().startsWith(fence)) fence = undefined;
      return;
    }
    if (f) {
      flush();
      fence = f[1]!;
      return;
    }
    const quoted = BLOCK_QUOTE.exec(raw);
    const l = quoted ? quoted[1]! : raw;
    if (l.trim() === '') return flush();
    if (LINK_DEF.test(l) || /^\s*<!--.*-->\s*$/.test(l)) return;
    if (SETEXT.test(l) && cur?.role === 'text' && cur.lines.length === 1) {
      cur.role = 'heading';
      return flush();
    }
    if (RULE.test(l)) return flush();
    const atx = ATX.exec(l);
    if (atx) {
      start('heading', atx[1]!, line);
      return flush();
    }
    if (TABLE_ROW.test(l)) {
      if (cur?.role !== 'table') start('table', l, line);
      else cur.lines.push(l);
      return;
    }
    if (IMAGE_ONLY.test(l)) {
      start('image', l, line);
      return flush();
    }
    const item = LIST_ITEM.exec(l);
    if (item) return start('item', item[1]!, line);
    if (cur && cur.role !== 'table') cur.lines.push(l.trim());
    else start('text', l.trim(), line);
  });
  flush();
  return out;
}
