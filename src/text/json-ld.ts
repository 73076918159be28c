/**
 * `datePublished` in a page's JSON-LD, for the builder (src/corpus/build/formats/html.ts)
 * and the content script (src/page/page-date.ts): one walker, so both read a page's own
 * publication date the same way.
 */

/** JSON-LD nests a few levels at most; the bound keeps a hostile page from recursing forever. */
const MAX_JSON_LD_DEPTH = 6;

/**
 * The `datePublished` string of the first object that has one, searching arrays, `@graph`
 * and `mainEntity` (a WebPage wrapping its article). Returns the raw string; callers parse it.
 */
export function findDatePublished(value: unknown, depth = 0): string | undefined {
  if (depth > MAX_JSON_LD_DEPTH || typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findDatePublished(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.datePublished === 'string') return record.datePublished;
  return findDatePublished(record['@graph'], depth + 1) ?? findDatePublished(record.mainEntity, depth + 1);
}
