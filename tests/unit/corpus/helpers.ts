/** Shared helpers for the corpus builder's tests. */
import { fileURLToPath } from 'node:url';
import { buildCorpus, type BuildResult } from '../../../src/corpus/build';
import type { Quote } from '../../../src/corpus/schema';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const seedsDir = fileURLToPath(new URL('../../../data/documents', import.meta.url));
export const fixturesDir = fileURLToPath(new URL('../../fixtures/documents', import.meta.url));

/** Builds like `npm run build:corpus` does, from a directory, in memory. */
export function build(dir: string, referenceDate?: string): Promise<BuildResult> {
  return buildCorpus({ dir, ...(referenceDate ? { referenceDate } : {}), today: () => ({ year: 2000, month: 1, day: 1 }) });
}

/** The fields a reader checks, without the derived ones. */
export function summary(q: Quote) {
  return {
    text: q.text,
    kind: q.kind,
    speaker: q.speaker.name,
    date: q.date,
    dateBasis: q.dateBasis,
    docs: q.sources.map((s) => s.docId),
  };
}
