/**
 * Reads the documents directory: finds .txt, .md and .html documents (in
 * subfolders too) and their `<name>.meta.yaml` sidecars, decodes them as
 * UTF-8, and turns each into paragraphs plus validated metadata. Anything the
 * builder cannot read fails with the file and line.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { DocumentError, lineAt, UnreadableDocumentError } from './errors';
import { parseIsoPartial } from './dates';
import { readHtml } from './formats/html';
import { readMarkdown, splitFrontMatter } from './formats/markdown';
import { readPlainText } from './formats/plain-text';
import { parseMetadata, type DocumentMeta } from './metadata';
import type { ParsedDocument, Warning } from './extract';

export type DocumentFormat = 'txt' | 'md' | 'html';

const FORMATS: Record<string, DocumentFormat> = { '.txt': 'txt', '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html' };
const SIDECAR = /\.meta\.ya?ml$/;

export interface DocumentFile {
  docId: string;
  /** Path relative to the documents directory, with '/' separators. */
  rel: string;
  /** Path as shown in messages: the directory as given, joined with `rel`. */
  display: string;
  path: string;
  format: DocumentFormat;
  sidecar?: { path: string; display: string };
}

export interface ReadDocument {
  parsed: ParsedDocument;
  format: DocumentFormat;
  rel: string;
  sha256: string;
  warnings: Warning[];
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else out.push(full);
  }
  return out;
}

/** Documents under `dir`, sorted by docId; sidecars paired with their documents. */
export async function listDocuments(
  dir: string,
  displayDir: string,
): Promise<{ files: DocumentFile[]; warnings: Warning[]; errors: DocumentError[] }> {
  const all = (await walk(dir)).map((p) => relative(dir, p).split(sep).join(posix.sep)).sort();
  const warnings: Warning[] = [];
  const errors: DocumentError[] = [];
  const display = (rel: string) => posix.join(displayDir.split(sep).join(posix.sep), rel);
  const sidecars = new Set(all.filter((r) => SIDECAR.test(r)));
  const byId = new Map<string, DocumentFile>();
  const files: DocumentFile[] = [];
  for (const rel of all) {
    if (sidecars.has(rel)) continue;
    const ext = posix.extname(rel).toLowerCase();
    const format = FORMATS[ext];
    if (!format) {
      warnings.push({ file: display(rel), message: `skipped: not a .txt, .md or .html document` });
      continue;
    }
    const docId = rel.slice(0, rel.length - ext.length);
    const file: DocumentFile = { docId, rel, display: display(rel), path: join(dir, rel), format };
    const other = byId.get(docId);
    if (other) {
      errors.push(new DocumentError(display(rel), undefined, `same document id "${docId}" as ${other.display}: rename one`));
      continue;
    }
    const sidecar = [`${docId}.meta.yaml`, `${docId}.meta.yml`].find((s) => sidecars.has(s));
    if (sidecar) {
      file.sidecar = { path: join(dir, sidecar), display: display(sidecar) };
      sidecars.delete(sidecar);
    }
    byId.set(docId, file);
    files.push(file);
  }
  for (const orphan of sidecars) {
    warnings.push({ file: display(orphan), message: 'metadata sidecar without a document beside it' });
  }
  files.sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0));
  return { files, warnings, errors };
}

async function readBytes(path: string, display: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const why =
      code === 'EISDIR'
        ? 'it is a directory'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'ENOENT'
            ? 'it does not exist (a broken link?)'
            : (e as Error).message;
    throw new DocumentError(display, undefined, `cannot read the file: ${why}`);
  }
}

/** Decodes strict UTF-8; the error names the line of the first bad byte. */
export function decodeUtf8(bytes: Uint8Array, display: string): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const line = lineAt(new TextDecoder().decode(bytes.subarray(0, nul)), nul);
    throw new UnreadableDocumentError(display, line, 'not a text document (it contains NUL bytes)');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    const bad = loose.indexOf('\uFFFD');
    throw new DocumentError(display, lineAt(loose, Math.max(0, bad)), 'not valid UTF-8 text (save the file as UTF-8)');
  }
}

/** Reads, decodes and parses one document with its metadata. */
export async function readDocument(file: DocumentFile): Promise<ReadDocument> {
  const bytes = await readBytes(file.path, file.display);
  const text = decodeUtf8(bytes, file.display);
  const warnings: Warning[] = [];
  let sidecar: DocumentMeta | undefined;
  if (file.sidecar) {
    const sideText = decodeUtf8(await readBytes(file.sidecar.path, file.sidecar.display), file.sidecar.display);
    sidecar = parseMetadata(sideText, file.sidecar.display);
  }
  if (text.trim() === '') throw new UnreadableDocumentError(file.display, 1, 'the document is empty');

  let meta: DocumentMeta = {};
  let paragraphs;
  if (file.format === 'txt') {
    paragraphs = readPlainText(text);
    meta = sidecar ?? {};
    if (!sidecar) warnings.push({ file: file.display, message: `no ${file.docId}.meta.yaml: title taken from the first line; no url or date` });
    if (meta.title === undefined && paragraphs[0]) meta = { ...meta, title: paragraphs[0].text };
  } else if (file.format === 'md') {
    const fm = splitFrontMatter(text, file.display);
    if (fm.yaml !== undefined && sidecar) {
      throw new DocumentError(file.display, 1, `metadata is given twice: in front matter and in ${file.sidecar!.display}; keep one`);
    }
    meta = fm.yaml !== undefined ? parseMetadata(fm.yaml, file.display, fm.yamlLine) : (sidecar ?? {});
    paragraphs = readMarkdown(fm.body, fm.bodyLine);
    const heading = paragraphs.find((p) => p.role === 'heading') ?? paragraphs[0];
    if (meta.title === undefined && heading) meta = { ...meta, title: heading.text };
  } else {
    let html;
    try {
      html = readHtml(text);
    } catch (e) {
      throw new UnreadableDocumentError(file.display, undefined, `cannot parse the HTML: ${(e as Error).message}`);
    }
    paragraphs = html.paragraphs;
    for (const note of html.notes) warnings.push({ file: file.display, message: note });
    const page = { ...html.meta };
    if (page.published !== undefined && parseIsoPartial(page.published) === undefined) {
      warnings.push({ file: file.display, message: `ignoring the page's publication date "${page.published}": not a real date` });
      delete page.published;
    }
    meta = { ...page, ...sidecar };
  }
  if (paragraphs.length === 0) throw new UnreadableDocumentError(file.display, undefined, 'no text found in the document');
  if (meta.title === undefined) {
    throw new UnreadableDocumentError(file.sidecar?.display ?? file.display, 1, 'no title: add "title:" to the metadata');
  }
  if (meta.language !== undefined && !/^en\b/i.test(meta.language)) {
    warnings.push({ file: file.display, message: `language "${meta.language}": the attribution rules are written for English` });
  }
  if (meta.published && meta.retrieved && meta.published > meta.retrieved) {
    warnings.push({ file: file.sidecar?.display ?? file.display, message: 'published is later than retrieved' });
  }
  return {
    parsed: { docId: file.docId, file: file.display, meta, paragraphs },
    format: file.format,
    rel: file.rel,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    warnings,
  };
}
