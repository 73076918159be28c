/**
 * Reads a corpus (data/corpus.json or an imported one): parses the JSON,
 * validates it with the zod schema and checks what a schema cannot (unique
 * ids, real calendar dates). Errors say where: the JSON line and column, or
 * the record's path and id. Pure: no Node or browser APIs, usable anywhere.
 */
import { Corpus } from './schema';

export class CorpusLoadError extends Error {
  constructor(
    /** Where the corpus came from (a file name or "bundled corpus"). */
    readonly source: string,
    /** Each problem found, one line each. */
    readonly problems: string[],
  ) {
    super(`${source}: invalid corpus\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'CorpusLoadError';
  }
}

/** Problems listed before the rest are summarized: enough to fix, not a wall of text. */
const MAX_PROBLEMS = 20;

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') || '(root)';
}

function quoteIdAt(data: unknown, path: readonly PropertyKey[]): string | undefined {
  if (path[0] !== 'quotes' || typeof path[1] !== 'number') return undefined;
  const quotes = (data as { quotes?: unknown[] }).quotes;
  const id = (quotes?.[path[1]] as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

function realDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return true;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d;
}

/** Validates parsed JSON as a corpus. Throws CorpusLoadError listing every problem. */
export function parseCorpus(data: unknown, source = 'corpus'): Corpus {
  const result = Corpus.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const id = quoteIdAt(data, issue.path);
      return `${pathText(issue.path)}${id ? ` (${id})` : ''}: ${issue.message}`;
    });
    throw new CorpusLoadError(source, summarize(problems));
  }
  const corpus = result.data;
  const problems: string[] = [];
  const ids = new Set<string>();
  corpus.quotes.forEach((q, i) => {
    if (ids.has(q.id)) problems.push(`quotes[${i}].id: duplicate id ${q.id}`);
    ids.add(q.id);
    if (!realDay(q.date)) problems.push(`quotes[${i}].date (${q.id}): ${q.date} is not a calendar date`);
  });
  const docIds = new Set<string>();
  corpus.documents.forEach((d, i) => {
    if (docIds.has(d.docId)) problems.push(`documents[${i}].docId: duplicate document id ${d.docId}`);
    docIds.add(d.docId);
  });
  if (problems.length) throw new CorpusLoadError(source, summarize(problems));
  return corpus;
}

function summarize(problems: string[]): string[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more`];
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${line}:${column}`;
}

/** Parses corpus JSON text and validates it. */
export function parseCorpusJson(text: string, source = 'corpus.json'): Corpus {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    const lc = /line (\d+) column (\d+)/.exec(message);
    const where = lc ? `${lc[1]}:${lc[2]}` : pos ? lineColumn(text, Number(pos[1])) : undefined;
    throw new CorpusLoadError(where ? `${source}:${where}` : source, [`not valid JSON: ${message}`]);
  }
  return parseCorpus(data, source);
}
