/**
 * The plain JSON import format: an array of
 * `{ "text", "speaker", "speakerRole"?, "date", "source": { "title", "publisher"?, "url"? }, "context"?,
 *    "original"?: { "lang", "text", "source" }, "variants"?: [{ "kind", "lang", "text", "source" }] }`.
 * Unknown keys are errors: a misspelt key must not be silently dropped.
 */
import { ImportError } from './errors';
import { topLevelElementLines } from './json-text';
import type { ImportField, RawRow } from './record';

const TOP_KEYS = new Set(['text', 'speaker', 'speakerRole', 'date', 'source', 'context', 'original', 'variants']);
const SOURCE_KEYS = new Set(['title', 'publisher', 'url']);

const NAMES: Record<ImportField, string> = {
  text: 'text',
  speaker: 'speaker',
  speakerRole: 'speakerRole',
  date: 'date',
  sourceTitle: 'source.title',
  sourcePublisher: 'source.publisher',
  sourceUrl: 'source.url',
  context: 'context',
};

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Rows of a parsed plain-JSON import; structural problems are thrown as ImportErrors (all of them). */
export function jsonRows(file: string, docBase: string, data: unknown, text: string): { rows: RawRow[]; errors: ImportError[] } {
  if (!Array.isArray(data)) {
    return { rows: [], errors: [new ImportError(file, undefined, 1, undefined, 'expected an array of quotations ([{ "text": …, "speaker": …, "date": …, "source": { "title": … } }])')] };
  }
  const lines = topLevelElementLines(text);
  const rows: RawRow[] = [];
  const errors: ImportError[] = [];
  data.forEach((item: unknown, i) => {
    const where = `item ${i + 1}`;
    const line = lines[i];
    if (!isObject(item)) {
      errors.push(new ImportError(file, where, line, undefined, 'expected an object'));
      return;
    }
    const unknown = Object.keys(item).filter((k) => !TOP_KEYS.has(k));
    for (const k of unknown) errors.push(new ImportError(file, where, line, k, `unknown field (expected ${[...TOP_KEYS].join(', ')})`));
    const source = item.source;
    if (source !== undefined && !isObject(source)) {
      errors.push(new ImportError(file, where, line, 'source', 'expected an object { "title", "publisher"?, "url"? }'));
      return;
    }
    if (source === undefined) {
      errors.push(new ImportError(file, where, line, 'source', 'is missing (give at least { "title": … })'));
      return;
    }
    for (const k of Object.keys(source).filter((k) => !SOURCE_KEYS.has(k))) {
      errors.push(new ImportError(file, where, line, `source.${k}`, 'unknown field (expected title, publisher, url)'));
    }
    if (unknown.length) return;
    rows.push({
      where,
      ...(line === undefined ? {} : { line }),
      docId: `${docBase}#${i + 1}`,
      names: NAMES,
      fields: {
        text: item.text,
        speaker: item.speaker,
        speakerRole: item.speakerRole,
        date: item.date,
        sourceTitle: source.title,
        sourcePublisher: source.publisher,
        sourceUrl: source.url,
        context: item.context,
      },
      ...(item.original !== undefined || item.variants !== undefined ? { wordings: { original: item.original, variants: item.variants } } : {}),
    });
  });
  return { rows, errors };
}
