/**
 * One rule for "the same quotation reported twice": used by the builder for
 * quotes from several documents and by imports that meet quotes already in a
 * corpus. Same id (same speaker, same canonical wording) -> one record whose
 * sources are the union (sorted by docId). Its date, kind and context come from
 * the report with the strongest date basis, the first on a tie; the speaker's
 * role is the first one given and its aliases the union.
 */
import { canonical } from '../../text';
import type { DateBasis, Quote, Speaker } from '../schema';

/** Strength of each date basis when two reports date one quotation differently. */
export const BASIS_RANK: Record<DateBasis, number> = { metadata: 4, explicit: 3, weekday: 2, published: 1, imported: 0 };

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

/** Merges reports in order; the result keeps the order of each id's first report. */
export function mergeQuotes(items: readonly MergeItem[]): { quotes: Quote[]; warnings: MergeWarning[] } {
  const warnings: MergeWarning[] = [];
  const records = new Map<string, { quote: Quote; rank: number }>();
  for (const { quote: record, file } of items) {
    const seen = records.get(record.id);
    if (!seen) {
      records.set(record.id, { quote: record, rank: BASIS_RANK[record.dateBasis] });
      continue;
    }
    const fresh = record.sources.filter((s) => !seen.quote.sources.some((t) => t.docId === s.docId));
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
    records.set(record.id, { quote: { ...keep, speaker, sources }, rank: Math.max(rank, seen.rank) });
  }
  return { quotes: [...records.values()].map((r) => r.quote), warnings };
}
