/**
 * Acceptance on the two seed documents: exactly the attributable quotations
 * (4 direct, 4 partial), with speaker, date, source and clean context; the
 * three terms are not quotations.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../../src/corpus/build';
import { build, seedsDir, summary } from './helpers';

const D0 = '000_b8ddd4ea2b62c233';
const D1 = '001_6fe8beb8b73725d2';
const PESKOV = 'Dmitry Peskov';
const KREMLIN = 'Kremlin';

let result: BuildResult;
beforeAll(async () => {
  result = await build(seedsDir);
});

describe('seed corpus', () => {
  it('holds exactly the expected records, in document order', () => {
    expect(result.corpus.quotes.map(summary)).toEqual([
      {
        text: 'We have only seen newspaper articles so far, and we will not respond to them. We have not seen any texts yet',
        kind: 'direct', speaker: PESKOV, date: '2025-12-16', dateBasis: 'weekday', docs: [D0],
      },
      {
        text: 'peace, not a truce that would allow Ukraine to catch its breath and prepare for continuation of the war',
        kind: 'partial', speaker: PESKOV, date: '2025-12-16', dateBasis: 'weekday', docs: [D0],
      },
      {
        text: 'momentary, non-viable decisions',
        kind: 'partial', speaker: KREMLIN, date: '2025-12-16', dateBasis: 'weekday', docs: [D0],
      },
      {
        text: 'integral and equal subjects of the Russian Federation',
        kind: 'partial', speaker: KREMLIN, date: '2025-12-16', dateBasis: 'weekday', docs: [D0],
      },
      { text: 'full-fledged peace', kind: 'partial', speaker: PESKOV, date: '2024-12-13', dateBasis: 'weekday', docs: [D1] },
      {
        text: 'A truce in itself is not what we want. We need a peace that will come after all our conditions are met and our goals are achieved',
        kind: 'direct', speaker: PESKOV, date: '2024-12-13', dateBasis: 'weekday', docs: [D1],
      },
      {
        text: 'All of this can be discussed during the negotiations, but it is too early to get ahead of ourselves',
        kind: 'direct', speaker: PESKOV, date: '2024-12-13', dateBasis: 'weekday', docs: [D1],
      },
      {
        text: 'We are ready for discussions on the basis of those agreements, but Kyiv rules out this possibility',
        kind: 'direct', speaker: PESKOV, date: '2024-12-13', dateBasis: 'weekday', docs: [D1],
      },
    ]);
    const kinds = result.corpus.quotes.map((q) => q.kind);
    expect(kinds.filter((k) => k === 'direct')).toHaveLength(4);
    expect(kinds.filter((k) => k === 'partial')).toHaveLength(4);
  });

  it('drops the three terms and reports them', () => {
    expect(result.report.terms.map((t) => [t.docId, t.quoted])).toEqual([
      [D0, '“Christmas truce.”'],
      [D1, '“Istanbul agreements”'],
      [D1, '“peace on its own terms”'],
    ]);
    expect(result.report.leftOut).toEqual([]);
    expect(result.report.warnings).toEqual([]);
    const texts = result.corpus.quotes.map((q) => q.text.toLowerCase());
    for (const term of ['christmas truce', 'istanbul agreements', 'peace on its own terms']) {
      expect(texts.some((t) => t.includes(term))).toBe(false);
    }
  });

  it('gives each record its speaker with role and declared aliases', () => {
    const peskov = result.corpus.quotes.find((q) => q.speaker.name === PESKOV)!.speaker;
    expect(peskov).toEqual({ name: PESKOV, role: 'Kremlin spokesman', aliases: ['Peskov', 'Дмитрий Песков', 'Дмитро Пєсков'] });
    const kremlin = result.corpus.quotes.find((q) => q.speaker.name === KREMLIN)!.speaker;
    expect(kremlin).toEqual({ name: KREMLIN, role: 'Russian government', aliases: ['Moscow', 'the Kremlin'] });
  });

  it('keeps English main wordings; the 16 December remark carries its sourced Russian original (issue 17)', () => {
    expect(result.corpus.quotes).toHaveLength(8);
    const withOriginal = result.corpus.quotes.filter((q) => q.original);
    expect(withOriginal.map((q) => q.text)).toEqual(['peace, not a truce that would allow Ukraine to catch its breath and prepare for continuation of the war']);
    expect(withOriginal[0]!.original).toMatchObject({ lang: 'ru', source: { url: 'https://news.mail.ru/politics/69115840/', published: '2025-12-16' } });
    expect(withOriginal[0]!.original!.text).toMatch(/^Мы хотим мира\. Мы не хотим перемирия/);
  });

  it('names the right source with a text-fragment link', () => {
    const [first] = result.corpus.quotes;
    expect(first!.sources).toEqual([
      {
        docId: D0,
        title: 'Kremlin Rejects Ceasefire Proposals as Russia Maintains Hardline Peace Conditions',
        publisher: 'intinsight.blogspot.com',
        url: 'https://intinsight.blogspot.com/2025/12/kremlin-response-ukraine-peace-talks.html',
        fragmentUrl:
          'https://intinsight.blogspot.com/2025/12/kremlin-response-ukraine-peace-talks.html#:~:text=We%20have%20only%20seen,seen%20any%20texts%20yet',
        published: '2025-12',
      },
    ]);
    const fullFledged = result.corpus.quotes.find((q) => q.text === 'full-fledged peace')!;
    expect(fullFledged.sources[0]!.fragmentUrl).toBe('https://timeukraineisrael.com/?p=36876#:~:text=full%2Dfledged%20peace');
    expect(fullFledged.sources[0]!.published).toBeUndefined();
    expect(result.corpus.documents.map((d) => [d.docId, d.published ?? null])).toEqual([
      [D0, '2025-12'],
      [D1, null],
    ]);
  });

  it('keeps contexts to the holding paragraph and the one before, free of page leftovers', () => {
    const q = result.corpus.quotes;
    expect(q[0]!.context).toBe(
      'Peskov confirmed repeatedly that Russia has not received any official written proposals from the recent Berlin discussions involving U.S., Ukrainian, and European envoys.\n\n' +
        '“We have only seen newspaper articles so far, and we will not respond to them. We have not seen any texts yet,” Peskov stated.',
    );
    expect(q[3]!.context).toBe(
      'Most significantly, the Kremlin reaffirmed that Russia’s core war objectives remain non-negotiable.\n\n' +
        'Territorial Claims: Moscow considers Crimea and the four annexed regions—Donetsk, Luhansk, Zaporizhzhia, and Kherson—to be “integral and equal subjects of the Russian Federation.” Any peace agreement must recognize these claims, even in areas Russia does not fully control militarily.',
    );
    expect(q[4]!.context.startsWith('On Friday, 13 December, Kremlin spokesman Dmitry Peskov said')).toBe(true);
    const leftovers = [
      'Photo:', '🇷🇺', 'IssueWestern', 'PositionRussian', 'Дмитро', 'Post a Comment', '0 Comments', 'Close Menu', '•',
      'Official Stance', 'Rejecting the Process',
    ];
    for (const quote of q) {
      for (const junk of leftovers) expect(quote.context, `${quote.id} context`).not.toContain(junk);
      expect(quote.context.split('\n\n').length).toBeLessThanOrEqual(2);
      expect(quote.context).toContain(quote.text);
    }
  });

  it('lists the page leftovers it dropped, by reason', () => {
    const d0 = result.report.documents.find((d) => d.docId === D0)!;
    const reason = (start: string) => d0.leftovers.find((l) => l.text.startsWith(start))?.reason;
    expect(reason('🇷🇺 Kremlin’s Official Stance')).toBe('emoji marker');
    expect(reason('IssueWestern / Ukrainian')).toBe('flattened table');
    expect(reason('TruceTemporary')).toBe('flattened table');
    expect(reason('Post a Comment')).toBe('comment widget');
    expect(reason('0 Comments')).toBe('comment widget');
    expect(reason('Close Menu')).toBe('comment widget');
    expect(reason('Kremlin spokesman Dmitry Peskov')).toBe('heading');
    const d1 = result.report.documents.find((d) => d.docId === D1)!;
    expect(d1.leftovers.map((l) => l.reason)).toEqual(['title', 'heading', 'caption', 'heading', 'heading']);
  });
});
