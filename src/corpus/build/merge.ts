/**
 * One rule for "the same quotation reported twice": used by the builder for
 * quotes from several documents and by imports that meet quotes already in a
 * corpus. Same id (same speaker, same canonical wording) -> one record whose
 * sources are the union (sorted by docId). Its date, kind and context come from
 * the report with the strongest date basis, the first on a tie; the speaker's
 * role is the first one given and its aliases the union. Two reports naming
 * the same source id but describing it differently (title, publisher, url,
 * date) fail the merge: keeping one would silently lose the other.
 */
import { canonical } from '../../text';
import type { DateBasis, Quote, Source, Speaker } from '../schema';
import { BuildFailedError, DocumentError } from './errors';
import { withWordings } from '../wordings';

/** Strength of each date basis when two reports date one quotation differently. */
export const BASIS_RANK: Record<DateBasis, number> = { metadata: 6, explicit: 5, weekday: 4, statement: 3, relative: 2, published: 1, imported: 0 };

export const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface MergeItem {
  quote: Quote;
  /** Where the report came from, for the date-disagreement warning. */
  file: string;
}

export interface MergeWarning {
  file: string;
  message: string;
}

function mergeSpeakers(a: Speaker, b: Speaker): Speaker {
  const out: Speaker = { name: a.name };
  const role = a.role ?? b.role;
  if (role !== undefined) out.role = role;
  const own = canonical(a.name);
  const aliases = new Set([...(a.aliases ?? []), ...(b.aliases ?? [])].filter((x) => canonical(x) !== own));
  if (aliases.size) out.aliases = [...aliases].sort(byCodeUnits);
  return out;
}

/** What a source says about where the quotation appeared (fragmentUrl follows from url and wording). */
const describeSource = (s: Source) => JSON.stringify([s.title, s.publisher ?? null, s.url ?? null, s.published ?? null]);

/**
 * Merges reports in order; the result keeps the order of each id's first report.
 * Throws BuildFailedError when one source id is described two ways.
 */
export function mergeQuotes(items: readonly MergeItem[]): { quotes: Quote[]; warnings: MergeWarning[] } {
  const warnings: MergeWarning[] = [];
  const records = new Map<string, { quote: Quote; rank: number }>();
  for (const { quote: record, file } of items) {
    const seen = records.get(record.id);
    if (!seen) {
      records.set(record.id, { quote: record, rank: BASIS_RANK[record.dateBasis] });
      continue;
    }
    const conflicts: DocumentError[] = [];
    const fresh = record.sources.filter((s) => {
      const same = seen.quote.sources.find((t) => t.docId === s.docId);
      if (same && describeSource(same) !== describeSource(s)) {
        conflicts.push(
          new DocumentError(
            file,
            undefined,
            `${record.id}: source ${s.docId} is "${s.title}"${s.url ? ` <${s.url}>` : ''} here but "${same.title}"${same.url ? ` <${same.url}>` : ''} already; ` +
              'two different sources cannot share one id (was the import file edited or moved? rebuild the corpus from its files)',
          ),
        );
      }
      return !same;
    });
    if (conflicts.length) throw new BuildFailedError(conflicts);
    if (fresh.length === 0) continue; // quoted twice in one document, or the same import again
    const sources = [...seen.quote.sources, ...fresh].sort((a, b) => byCodeUnits(a.docId, b.docId));
    if (seen.quote.date !== record.date) {
      warnings.push({
        file,
        message: `${record.id} is dated ${record.date} here and ${seen.quote.date} in ${seen.quote.sources[0]!.docId}; kept the date with the stronger basis`,
      });
    }
    const rank = BASIS_RANK[record.dateBasis];
    const keep = rank > seen.rank ? record : seen.quote;
    const speaker = mergeSpeakers(seen.quote.speaker, record.speaker);
    // Other wordings (originals, translations) of both reports are kept (src/corpus/wordings.ts).
    const wordings = withWordings({ ...keep, speaker, sources }, keep === record ? seen.quote : record);
    if (wordings.conflict) throw new BuildFailedError([new DocumentError(file, undefined, `${record.id}: ${wordings.conflict}`)]);
    records.set(record.id, { quote: wordings.quote, rank: Math.max(rank, seen.rank) });
  }
  return { quotes: [...records.values()].map((r) => r.quote), warnings };
}
