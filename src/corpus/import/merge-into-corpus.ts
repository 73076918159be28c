/**
 * `quote-verifier import`: merges an import's quotes into an existing working
 * corpus with the builder's merge rule (same id -> one record, sources united),
 * and records review decisions for a vetted database. Pure.
 *
 * An import that is not vetted and adds a source to an approved quotation
 * sends it back to pending: the approval covered the sources an editor saw,
 * not the new one.
 */
import { mergeQuotes, type MergeWarning } from '../build/merge';
import { Corpus, type Quote } from '../schema';
import { reapply } from '../review';
import { decide, type ReviewFile } from '../review/review-file';

export interface MergedImport {
  corpus: Corpus;
  file: ReviewFile;
  /** Ids new to the corpus. */
  added: string[];
  /** Ids that were already in the corpus and gained a source. */
  merged: string[];
  /** Ids whose sources were all there already (the same import run twice). */
  unchanged: string[];
  /** Approved quotes an unvetted import gave a new source: pending again. */
  reopened: string[];
  /** What the merge noticed (a date that disagrees, the weaker one dropped). */
  warnings: MergeWarning[];
}

export function mergeImport(
  corpus: Corpus,
  file: ReviewFile,
  imported: readonly Quote[],
  options: { corpusFile: string; importFile: string; approved?: { reviewer: string; note?: string; at: string } },
): MergedImport {
  const before = new Map(corpus.quotes.map((q) => [q.id, q]));
  const { quotes, warnings } = mergeQuotes([
    ...corpus.quotes.map((quote) => ({ quote, file: options.corpusFile })),
    ...imported.map((quote) => ({ quote, file: options.importFile })),
  ]);
  const ids = [...new Set(imported.map((q) => q.id))];
  const added = ids.filter((id) => !before.has(id));
  const merged: string[] = [];
  const unchanged: string[] = [];
  const after = new Map(quotes.map((q) => [q.id, q]));
  for (const id of ids.filter((i) => before.has(i))) {
    const now = after.get(id)!;
    (now.sources.length > before.get(id)!.sources.length ? merged : unchanged).push(id);
  }
  let next = file;
  const reopened: string[] = [];
  if (!options.approved) {
    for (const id of merged) {
      const was = before.get(id)!;
      if ((was.review?.state ?? 'approved') !== 'approved') continue; // pending stays pending; a rejection stands
      const known = new Set(was.sources.map((s) => s.docId));
      const added = after.get(id)!.sources.filter((s) => !known.has(s.docId)).map((s) => s.docId);
      const note = `new source${added.length === 1 ? '' : 's'} from ${added.join(', ')}; review again`;
      next = decide(next, [after.get(id)!], { state: 'pending', note });
      reopened.push(id);
    }
  } else {
    // A vetted database approves what no editor has decided yet; an editor's rejection stands.
    const undecided = ids.map((id) => after.get(id)!).filter((q) => file.reviews[q.id] === undefined || file.reviews[q.id]!.state === 'pending');
    next = decide(file, undecided, { state: 'approved', ...options.approved });
  }
  // New quotes without an entry are pending; the others keep what they had.
  const withDefault = { ...corpus, quotes: quotes.map((q) => (before.has(q.id) ? q : { ...q, review: { state: 'pending' as const } })) };
  return { corpus: reapply(withDefault, next), file: next, added, merged, unchanged, reopened, warnings };
}
