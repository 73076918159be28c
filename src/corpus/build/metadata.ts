/**
 * Document metadata: the `<name>.meta.yaml` sidecar beside a document, or the
 * YAML front matter of a Markdown document. Same fields in both places;
 * documented in docs/corpus-format.md. Errors name the file and the line.
 */
import { LineCounter, parseDocument, isMap, isScalar, type Document } from 'yaml';
import { z } from 'zod';
import { DocumentError } from './errors';
import { parseIsoPartial } from './dates';
import { DeclaredWordings } from '../wordings';

const partialDate = z
  .string()
  .refine((s) => parseIsoPartial(s) !== undefined, 'expected a real date as YYYY, YYYY-MM or YYYY-MM-DD');
const fullDate = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && parseIsoPartial(s) !== undefined, 'expected a real date as YYYY-MM-DD');

export const DeclaredSpeaker = z.strictObject({
  /** Full canonical name used in the corpus. */
  name: z.string().trim().min(1),
  role: z.string().trim().min(1).optional(),
  /** Other ways the documents name this speaker (surname, other scripts, "the ministry"). */
  aliases: z.array(z.string().trim().min(1)).optional(),
  /** `organization` lets "it" refer to the speaker; default `person`. */
  kind: z.enum(['person', 'organization']).optional(),
});

export const DocumentMeta = z.strictObject({
  title: z.string().trim().min(1).optional(),
  publisher: z.string().trim().min(1).optional(),
  url: z.url({ protocol: /^https?$/ }).optional(),
  /** Publication date of the document. */
  published: partialDate.optional(),
  /** When the document was retrieved; the reference date when `published` is unknown. */
  retrieved: fullDate.optional(),
  /** Date of every statement in the document; overrides dates found in the text. */
  statementDate: partialDate.optional(),
  language: z.string().trim().min(2).optional(),
  speakers: z.array(DeclaredSpeaker).optional(),
  /** Other vetted wordings of this document's quotations: originals, translations (src/corpus/wordings.ts). */
  wordings: z.array(DeclaredWordings).optional(),
});

export type DeclaredSpeaker = z.infer<typeof DeclaredSpeaker>;
export type DocumentMeta = z.infer<typeof DocumentMeta>;

/** The fields allowed where an unknown one was found (speakers, or a wordings entry at some depth). */
function knownFields(path: PropertyKey[]): string[] {
  if (path[0] !== 'wordings') return Object.keys(DeclaredSpeaker.shape);
  const last = path[path.length - 1];
  if (path.length === 2) return ['quote', 'original', 'variants'];
  if (last === 'source') return ['title', 'publisher', 'url', 'published'];
  return path[2] === 'variants' ? ['kind', 'lang', 'text', 'source'] : ['lang', 'text', 'source'];
}

const DATE_KEYS = new Set(['published', 'retrieved', 'statementDate']);

function lineOfNode(doc: Document, lc: LineCounter, path: PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return lc.linePos(range[0]).line;
  }
  return undefined;
}

function lineOfKey(doc: Document, lc: LineCounter, path: PropertyKey[], key: string): number | undefined {
  const parent = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
  if (isMap(parent)) {
    for (const pair of parent.items) {
      if (isScalar(pair.key) && pair.key.value === key && pair.key.range) return lc.linePos(pair.key.range[0]).line;
    }
  }
  return lineOfNode(doc, lc, path);
}

const pathText = (path: PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');

/**
 * Parses and validates metadata YAML. `firstLine` is the file line of the
 * YAML's first line (2 for front matter after its `---`).
 */
export function parseMetadata(yamlText: string, file: string, firstLine = 1): DocumentMeta {
  const lc = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const at = (line: number | undefined) => (line === undefined ? firstLine : line + firstLine - 1);
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = lc.linePos(yamlError.pos[0]).line;
    throw new DocumentError(file, at(line), `invalid YAML: ${yamlError.message.split('\n')[0]}`);
  }
  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data) || data === null) {
    throw new DocumentError(file, firstLine, 'metadata must be a mapping of fields (title: …, url: …)');
  }
  // An unquoted `published: 2025` is a YAML number; a date field means the text.
  const record = data as Record<string, unknown>;
  for (const key of DATE_KEYS) if (typeof record[key] === 'number') record[key] = String(record[key]);
  for (const key of DATE_KEYS) {
    if (record[key] instanceof Date) {
      throw new DocumentError(file, at(lineOfKey(doc, lc, [], key)), `${key}: write the date as a plain YYYY-MM-DD`);
    }
  }
  const result = DocumentMeta.safeParse(record);
  if (result.success) return result.data;
  // A misspelt field explains the missing one it stands for: report it first.
  const issue = result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0]!;
  const path = issue.path as PropertyKey[];
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const where = path.length ? `${pathText(path)}: ` : '';
    const known = path.length ? knownFields(path) : Object.keys(DocumentMeta.shape);
    throw new DocumentError(
      file,
      at(lineOfKey(doc, lc, path, key)),
      `${where}unknown field "${key}" (known fields: ${known.join(', ')})`,
    );
  }
  const value = path.length ? doc.getIn(path as unknown[]) : undefined;
  const shown = value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
  throw new DocumentError(file, at(lineOfNode(doc, lc, path)), `${pathText(path) || 'metadata'}: ${issue.message}${shown}`);
}
