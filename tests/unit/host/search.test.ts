import { describe, expect, it } from 'vitest';
import type { Quote } from '../../../src/corpus/schema';
import { createMatcher } from '../../../src/match';
import { createHost, refusedHost } from '../../../src/host';
import { createCorpusSearch, SEARCH_MAX_HITS, SEARCH_MIN_WORDING_SCORE } from '../../../src/host/search';
import { Q, QUOTES } from '../match/peskov-corpus';
import { sampleCorpus } from './sample-corpus';

/** Other speakers, so a name search has names to tell apart. */
const OTHERS: Quote[] = [
  {
    ...Q.contacts,
    id: 'q_b00000000001',
    text: 'The grain corridor will stay open for every ship that respects the rules.',
    speaker: { name: 'Maria Zakharova', role: 'Foreign ministry spokeswoman', aliases: ['Zakharova'] },
    date: '1975',
    datePrecision: 'year',
  },
  {
    ...Q.contacts,
    id: 'q_b00000000002',
    text: 'Our partners in Europe have understood the scale of the problem in March.',
    speaker: { name: 'Maria Zakharova', role: 'Foreign ministry spokeswoman' },
    date: '2025-03',
    datePrecision: 'month',
  },
  {
    ...Q.contacts,
    id: 'q_b00000000003',
    text: 'The decision was taken in the interests of the country.',
    speaker: { name: 'the Kremlin' },
  },
];
const CORPUS = [...QUOTES, ...OTHERS];

function search(quotes: readonly Quote[] = CORPUS) {
  const matcher = createMatcher(quotes);
  return createCorpusSearch(quotes, (text) => matcher.lookup(text));
}

describe('corpus search: wording', () => {
  it('finds a quotation by a few of its words, best first, with what the popup shows', () => {
    const hits = search().search('newspaper articles');
    expect(hits[0]).toMatchObject({
      quoteId: Q.noTexts.id,
      matched: 'wording',
      text: Q.noTexts.text,
      speaker: 'Dmitry Peskov',
      speakerRole: 'Kremlin spokesman',
      date: '2025-12-16',
      datePrecision: 'day',
      source: { title: Q.noTexts.sources[0]!.title, url: Q.noTexts.sources[0]!.url },
    });
    expect(hits[0]!.score).toBeGreaterThan(0.9);
  });

  it('forgives a typo in one word of a short query (fuse.js ranks the shortlist)', () => {
    expect(search().search('grain coridor')[0]?.quoteId).toBe('q_b00000000001');
    expect(search().search('reddy for discussions')[0]?.quoteId).toBe(Q.istanbul.id);
  });

  it('a long query (over fuse.js’s pattern length) is ranked by the word alignment', () => {
    const query = 'A truce in itself is not what we want. We need a peace that will come after all our conditions';
    expect(search().search(query)[0]).toMatchObject({ quoteId: Q.truceInItself.id, matched: 'wording' });
  });

  it('drops weak wording matches: words from nowhere in the corpus find nothing', () => {
    const hits = search().search('zebra quantum saxophone');
    expect(hits).toEqual([]);
    for (const h of search().search('truce'))
      expect(h.matched === 'speaker' || h.score >= SEARCH_MIN_WORDING_SCORE).toBe(true);
  });

  it('links the source with its text fragment when the corpus has one', () => {
    const withFragment: Quote = {
      ...Q.points,
      sources: [{ ...Q.points.sources[0]!, fragmentUrl: 'https://intinsight.blogspot.com/x#:~:text=28%20points', publisher: 'Intinsight' }],
    };
    const hit = search([withFragment, ...OTHERS]).search('28 points from the Americans')[0]!;
    expect(hit.source).toEqual({ title: Q.points.sources[0]!.title, url: 'https://intinsight.blogspot.com/x#:~:text=28%20points', publisher: 'Intinsight' });
  });
});

describe('corpus search: speaker', () => {
  it('finds a speaker’s quotations by name, alias or a misspelt name, newest first', () => {
    for (const q of ['Zakharova', 'maria zakharova', 'Zaharova']) {
      const hits = search().search(q);
      expect(hits.map((h) => h.quoteId), q).toEqual(['q_b00000000002', 'q_b00000000001']);
      expect(hits.every((h) => h.matched === 'speaker')).toBe(true);
    }
    const peskov = search().search('Peskov');
    expect(peskov.length).toBe(QUOTES.length);
    expect(peskov.map((h) => h.date)).toEqual([...peskov.map((h) => h.date)].sort().reverse());
  });

  it('keeps the date’s precision: a year stays a year, a month a month', () => {
    const [march, year] = search().search('Zakharova');
    expect(march).toMatchObject({ date: '2025-03', datePrecision: 'month' });
    expect(year).toMatchObject({ date: '1975', datePrecision: 'year' });
  });

  it('a query of filler words ("the") finds no speaker, even one named "the Kremlin"', () => {
    expect(search().search('the').filter((h) => h.matched === 'speaker')).toEqual([]);
    expect(search().search('kremlin').map((h) => h.quoteId)).toContain('q_b00000000003');
  });
});

describe('corpus search: limits', () => {
  it('asks nothing for a query under two characters and caps the number of hits', () => {
    expect(search().search('')).toEqual([]);
    expect(search().search(' a ')).toEqual([]);
    const many: Quote[] = Array.from({ length: 40 }, (_, i) => ({
      ...Q.contacts,
      id: `q_c${String(i).padStart(11, '0')}`,
      text: `Statement number ${i} about the harvest and the weather in region ${i}.`,
      speaker: { name: 'Ivan Petrov' },
    }));
    expect(search(many).search('Petrov', 100)).toHaveLength(SEARCH_MAX_HITS);
    expect(search(many).search('Petrov', 3)).toHaveLength(3);
    expect(search(many).search('Petrov')).toHaveLength(12);
  });

  it('the host answers qv:search, and a refused corpus finds nothing and says why', () => {
    const host = createHost(sampleCorpus());
    const answer = host.search({ type: 'qv:search', query: 'newspaper articles' });
    expect(answer).toMatchObject({ type: 'qv:search', query: 'newspaper articles', corpus: { ok: true } });
    expect(answer.hits[0]?.quoteId).toBe(sampleCorpus().quotes[0]!.id);
    expect(refusedHost('broken', 'integrity').search({ type: 'qv:search', query: 'newspaper' })).toEqual({
      type: 'qv:search',
      query: 'newspaper',
      hits: [],
      corpus: { ok: false, error: 'broken', reason: 'integrity' },
    });
  });
});
