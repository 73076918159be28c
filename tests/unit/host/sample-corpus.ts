import type { Corpus, Quote } from '../../../src/corpus/schema';

/** A small valid corpus: two quotes by one speaker, one reported by two sources. */
export const PESKOV: Quote = {
  id: 'q_0123456789ab',
  text: 'We have only seen newspaper articles so far, and we will not respond to them.',
  kind: 'direct',
  speaker: { name: 'Dmitry Peskov', role: 'Kremlin spokesman', aliases: ['Peskov'] },
  date: '2025-12-16',
  datePrecision: 'day',
  dateBasis: 'explicit',
  sources: [
    {
      docId: '000_b8ddd4ea2b62c233',
      title: 'Kremlin Rejects Ceasefire Proposals',
      publisher: 'Example News',
      url: 'https://news.example/kremlin',
      fragmentUrl: 'https://news.example/kremlin#:~:text=We%20have%20only%20seen',
      published: '2025-12-17',
    },
    { docId: '001_6fe8beb8b73725d2', title: 'Peace talks stall', publisher: 'Other Wire', url: 'https://wire.example/talks' },
  ],
  context:
    'Peskov confirmed that Russia has not received any official written proposals. “We have only seen newspaper articles so far, and we will not respond to them,” Peskov stated.',
};

export const TRUCE: Quote = {
  id: 'q_ba9876543210',
  text: 'A truce would only give Ukraine a breathing space.',
  kind: 'direct',
  speaker: { name: 'Dmitry Peskov', role: 'Kremlin spokesman' },
  date: '2025-12',
  datePrecision: 'month',
  dateBasis: 'published',
  sources: [{ docId: '000_b8ddd4ea2b62c233', title: 'Kremlin Rejects Ceasefire Proposals' }],
  context: 'The Kremlin dismissed proposals for a temporary truce.',
};

export function sampleCorpus(): Corpus {
  return {
    version: 1,
    name: 'Sample newsroom',
    documents: [
      {
        docId: '000_b8ddd4ea2b62c233',
        file: '000_b8ddd4ea2b62c233.txt',
        title: 'Kremlin Rejects Ceasefire Proposals',
        sha256: 'a'.repeat(64),
      },
    ],
    quotes: [structuredClone(PESKOV), structuredClone(TRUCE)],
  };
}
