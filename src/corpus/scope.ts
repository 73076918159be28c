/**
 * What a corpus covers, as the popup's scope line says it: its speakers, most quoted first,
 * and the period of its statements. Computed by the host that parses a corpus and by the
 * build for the shipped index's metadata (src/config/package-corpus.ts), so a woken worker
 * does not walk 100k quotations for it.
 */
import type { Quote } from './schema';

export interface CorpusScope {
  /** Distinct speakers. */
  speakerCount: number;
  /** The most quoted speakers' names, most quoted first (at most a few). */
  topSpeakers: string[];
  /** Earliest and latest statement dates (ISO, partial allowed). */
  from?: string;
  to?: string;
}

/** Speakers named in the scope line: enough to say whose words these are, short enough for a popup. */
const SCOPE_TOP_SPEAKERS = 3;

export function corpusScope(quotes: readonly Pick<Quote, 'speaker' | 'date'>[]): CorpusScope {
  const bySpeaker = new Map<string, number>();
  let from: string | undefined;
  let to: string | undefined;
  for (const q of quotes) {
    bySpeaker.set(q.speaker.name, (bySpeaker.get(q.speaker.name) ?? 0) + 1);
    if (from === undefined || q.date < from) from = q.date;
    if (to === undefined || q.date > to) to = q.date;
  }
  const topSpeakers = [...bySpeaker].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, SCOPE_TOP_SPEAKERS).map(([name]) => name);
  return { speakerCount: bySpeaker.size, topSpeakers, ...(from === undefined ? {} : { from, to }) };
}
