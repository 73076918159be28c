/**
 * Import formats (issue 8): plain JSON, awkward CSV and ClaimReview into the
 * corpus Quote schema; every bad row named by file, row, line and field;
 * merging with extracted quotes through the builder.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../../../src/cli/check/human';
import { BuildFailedError, buildCorpus, quoteId } from '../../../../src/corpus/build';
import { isAccurateRating, parseImport, readImport, type ImportFormat } from '../../../../src/corpus/import';
import { Quote } from '../../../../src/corpus/schema';
import { corpusToClaimReviews } from '../../../../src/corpus/export/claimreview';
import { parseCorpusJson } from '../../../../src/corpus/load';
import { formatStatementDate } from '../../../../src/ui/format';
import { repoRoot, seedsDir } from '../helpers';

const FIXTURES = join(repoRoot, 'tests/fixtures/import');
const TRUCE = 'A truce in itself is not what we want. We need a peace that will come after all our conditions are met and our goals are achieved';

const enc = (s: string) => new TextEncoder().encode(s);
const parse = (text: string, display: string, format?: ImportFormat) =>
  parseImport(enc(text), { display, docBase: `import:${display}`, ...(format ? { format } : {}) });

/** The messages of a failed import. */
function failure(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof BuildFailedError) return e.errors.map((x) => x.message);
    throw e;
  }
  throw new Error('the import did not fail');
}

describe('JSON', () => {
  it('maps every field into a valid Quote: id, direct, imported date basis, precision from the date form', async () => {
    const r = await readImport(join(FIXTURES, 'quotes.json'), { display: 'quotes.json' });
    expect(r.format).toBe('json');
    for (const q of r.quotes) expect(Quote.parse(q)).toEqual(q);
    const [truce, lind, berg] = r.quotes;
    expect(truce).toMatchObject({
      id: quoteId('Dmitry Peskov', TRUCE),
      text: TRUCE,
      kind: 'direct',
      speaker: { name: 'Dmitry Peskov', role: 'Kremlin spokesman' },
      date: '2024-12-13',
      datePrecision: 'day',
      dateBasis: 'imported',
      context: '',
      sources: [
        {
          docId: 'import:tests/fixtures/import/quotes.json#1',
          title: 'Press briefing transcript',
          publisher: 'Example Wire',
          url: 'https://wire.example.org/peskov-briefing',
          fragmentUrl: 'https://wire.example.org/peskov-briefing#:~:text=A%20truce%20in%20itself,our%20goals%20are%20achieved',
        },
      ],
    });
    expect(lind).toMatchObject({ date: '1975', datePrecision: 'year', context: 'Lind addressed the strike rally at the east gate.' });
    expect(lind!.sources[0]).toEqual({ docId: 'import:tests/fixtures/import/quotes.json#2', title: 'Voices of the Strike (1976)', publisher: 'Northbridge Press' });
    // Enclosing quotation marks are the database's, not the speaker's.
    expect(berg).toMatchObject({ text: 'We will rebuild the sea wall before the autumn storms, and we will pay for it without a new tax', date: '2025-03', datePrecision: 'month' });
  });

  it('names the file, item, line and field of every bad row, and imports nothing', () => {
    const text = `[
  { "text": "Fine words", "speaker": "Ann", "date": "2020", "source": { "title": "T" } },
  { "speaker": "Bob", "date": "2020", "source": { "title": "T" } },
  {
    "text": "x", "speaker": "Cid", "date": "03/2025", "source": { "title": "T", "url": "htp:/nope" }
  },
  { "text": "y", "speaker": "Dee", "date": "2023-02-29", "source": { "title": "T" }, "quote": "typo" }
]`;
    expect(failure(() => parse(text, 'quotes.json'))).toEqual([
      'quotes.json: item 4 (line 7): quote: unknown field (expected text, speaker, speakerRole, date, source, context, original, variants)',
      'quotes.json: item 2 (line 3): text: is missing',
      'quotes.json: item 3 (line 4): date: "03/2025" is not YYYY, YYYY-MM or YYYY-MM-DD',
      'quotes.json: item 3 (line 4): source.url: "htp:/nope" is not a valid http(s) URL',
    ]);
    expect(failure(() => parse('[{"text": "a", "speaker": "b", "date": "2023-02-29", "source": {"title": "t"}}]', 'q.json'))).toEqual([
      'q.json: item 1 (line 1): date: "2023-02-29" is not a real date',
    ]);
  });

  it('reports JSON syntax errors with their line, and a non-array', () => {
    const [syntax] = failure(() => parse('[\n  { "text": "a", }\n]', 'broken.json'));
    expect(syntax).toMatch(/^broken\.json: line 2: not valid JSON/);
    expect(failure(() => parse('{"text": "a"}', 'one.json'))[0]).toMatch(/^one\.json: line 1: expected an array of quotations/);
  });
});

describe('CSV', () => {
  it('reads BOM, CRLF, quoted commas and line breaks, doubled quotes and blank lines', async () => {
    const r = await readImport(join(FIXTURES, 'awkward.csv'), { display: 'awkward.csv' });
    expect(r.format).toBe('csv');
    expect(r.quotes.map((q) => [q.text, q.speaker.name, q.speaker.role, q.date, q.datePrecision, q.context, q.sources[0]!.title])).toEqual([
      ['We said "no", and we meant it', 'Jane Roe', 'Mayor', '1975', 'year', '', 'Archive, box 4'],
      ['Commas, everywhere, in this one', 'Jane Roe', undefined, '1975-06', 'month', 'First line\r\nsecond line', 'Minutes'],
      ['Plain words without any quoting', 'Sam Poe', undefined, '2001-09-11', 'day', '', 'Interview'],
    ]);
    expect(r.quotes[1]!.sources[0]).toMatchObject({ publisher: 'City Hall', url: 'https://city.example.org/minutes' });
    expect(r.quotes.map((q) => q.sources[0]!.docId)).toEqual(['import:tests/fixtures/import/awkward.csv#1', 'import:tests/fixtures/import/awkward.csv#2', 'import:tests/fixtures/import/awkward.csv#3']);
  });

  it('names row and starting line (after multi-line fields and blank lines) and the column', () => {
    const csv = 'text,speaker,date,sourceTitle,sourceUrl\r\n"two\r\nlines",Ann,2020,T,\r\n\r\nok,Bob,03/2025,T,\r\n,Cid,2020,T,htp:/x\r\n';
    expect(failure(() => parse(csv, 'quotes.csv'))).toEqual([
      'quotes.csv: row 2 (line 5): date: "03/2025" is not YYYY, YYYY-MM or YYYY-MM-DD',
      'quotes.csv: row 3 (line 6): text: is empty',
      'quotes.csv: row 3 (line 6): sourceUrl: "htp:/x" is not a valid http(s) URL',
    ]);
  });

  it('accepts header spellings like source.title and "Source URL", and refuses unknown or missing columns', () => {
    const ok = parse('Text,Speaker,Date,source.title,Source URL\nWords here,Ann,2020,T,https://a.example/\n', 'h.csv');
    expect(ok.quotes[0]!.sources[0]).toMatchObject({ title: 'T', url: 'https://a.example/' });
    expect(failure(() => parse('text,speaker,when,sourceTitle\na,b,2020,t\n', 'h.csv'))).toEqual([
      'h.csv: header (line 1): when: unknown column (expected text, speaker, speakerRole, date, sourceTitle, sourcePublisher, sourceUrl, context, originalLang, originalText, originalSourceTitle, originalSourcePublisher, originalSourceUrl, variantKind, variantLang, variantText, variantSourceTitle, variantSourcePublisher, variantSourceUrl)',
      'h.csv: header (line 1): date: missing column',
    ]);
  });

  it('reports a quote never closed or a row with too many fields as invalid CSV with its line', () => {
    expect(failure(() => parse('text,speaker,date,sourceTitle\n"open,Ann,2020,T\n', 'q.csv'))[0]).toMatch(/^q\.csv: line 2: not valid CSV: Quote Not Closed/);
    expect(failure(() => parse('text,speaker,date,sourceTitle\na,b,2020,t,extra\n', 'q.csv'))[0]).toMatch(/^q\.csv: line 2: not valid CSV: Invalid Record Length/);
  });
});

describe('ClaimReview', () => {
  it('is detected in a .json file and imports only reviews rating the wording accurate, listing the rest', async () => {
    const r = await readImport(join(FIXTURES, 'claimreview.json'), { display: 'claimreview.json' });
    expect(r.format).toBe('claimreview');
    expect(r.quotes.map((q) => [q.text, q.speaker.name, q.date, q.datePrecision])).toEqual([
      ['We will rebuild the sea wall before the autumn storms', 'Tomas Berg', '2025-03-10', 'day'],
      ['The harbour belongs to the people who work in it', 'Greta Lind', '1975', 'year'],
    ]);
    expect(r.quotes[0]!.speaker.role).toBe('Mayor of Northbridge');
    // Every appearance is a source; without one, the review's own page is.
    expect(r.quotes[0]!.sources.map((s) => [s.docId, s.title, s.publisher, s.url])).toEqual([
      ['import:tests/fixtures/import/claimreview.json#1', 'Mayor promises sea wall', 'Northbridge Daily', 'https://news.example.org/sea-wall'],
      ['import:tests/fixtures/import/claimreview.json#1.2', 'radio.example.org', undefined, 'https://radio.example.org/berg-interview'],
    ]);
    expect(r.quotes[1]!.sources.map((s) => [s.title, s.publisher, s.url])).toEqual([
      ['Did Greta Lind say this?', 'Example Fact Check', 'https://factcheck.example.org/lind-quote'],
    ]);
    expect(r.leftOut).toEqual([
      { where: 'item 2', line: 19, text: 'Taxes have never been lower in Northbridge', reason: 'rated "False", not accurate' },
      { where: 'item 4', line: 37, text: 'We built this harbour with our hands', reason: 'rated "Mostly true", not accurate' },
    ]);
  });

  it('round-trips what `quote-verifier export --format claimreview` writes: same ids, wording, speakers and dates', async () => {
    const corpus = parseCorpusJson(await readFile(join(repoRoot, 'data/corpus.json'), 'utf8'));
    const exported = JSON.stringify(corpusToClaimReviews(corpus).reviews, null, 2);
    const back = parse(exported, 'export.json');
    expect(back.format).toBe('claimreview');
    expect(back.leftOut).toEqual([]);
    const key = (q: { id: string; text: string; speaker: { name: string }; date: string; datePrecision: string }) =>
      [q.id, q.text, q.speaker.name, q.date, q.datePrecision].join('|');
    expect(back.quotes.map(key)).toEqual(corpus.quotes.map(key));
  });

  it('reads one object and a @graph', () => {
    const one = {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://fc.example.org/1',
      claimReviewed: 'Exactly these words',
      itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'Ann' }, datePublished: '2024-05' },
      reviewRating: { '@type': 'Rating', alternateName: 'Accurate' },
    };
    const single = parse(JSON.stringify(one, null, 2), 'one.jsonld');
    expect(single.format).toBe('claimreview');
    expect(single.quotes.map((q) => [q.text, q.date, q.sources[0]!.url])).toEqual([['Exactly these words', '2024-05', 'https://fc.example.org/1']]);
    const graph = parse(JSON.stringify({ '@context': 'https://schema.org', '@graph': [one, { ...one, claimReviewed: 'Other words', reviewRating: { alternateName: 'Misleading' } }] }), 'g.json');
    expect(graph.quotes.map((q) => q.text)).toEqual(['Exactly these words']);
    expect(graph.leftOut.map((l) => l.reason)).toEqual(['rated "Misleading", not accurate']);
  });

  it('the rating rule: the textual rating decides; else the top of the numeric scale', () => {
    expect(isAccurateRating({ alternateName: 'True' }).accurate).toBe(true);
    expect(isAccurateRating({ alternateName: 'Correct attribution.' }).accurate).toBe(true);
    expect(isAccurateRating({ alternateName: 'Mostly True', ratingValue: 5, bestRating: 5 }).accurate).toBe(false);
    expect(isAccurateRating({ ratingValue: '5', bestRating: '5' }).accurate).toBe(true);
    expect(isAccurateRating({ ratingValue: 5 }).accurate).toBe(true); // schema.org's default best is 5
    expect(isAccurateRating({ ratingValue: 4, bestRating: 5 }).accurate).toBe(false);
    expect(isAccurateRating({ ratingValue: 1, bestRating: 1, worstRating: 0 }).accurate).toBe(true);
    expect(isAccurateRating(undefined).accurate).toBe(false);
  });

  it('names the ClaimReview field of a bad accurate review', () => {
    const bad = [{ '@type': 'ClaimReview', claimReviewed: 'Words', url: 'https://fc.example.org/', itemReviewed: { datePublished: 'yesterday' }, reviewRating: { alternateName: 'True' } }];
    expect(failure(() => parse(JSON.stringify(bad, null, 1), 'cr.json'))).toEqual([
      'cr.json: item 1 (line 2): itemReviewed.author.name: is missing',
      'cr.json: item 1 (line 2): itemReviewed.datePublished: "yesterday" is not YYYY, YYYY-MM or YYYY-MM-DD',
    ]);
  });
});

describe('builds with imports', () => {
  const today = () => ({ year: 2000, month: 1, day: 1 });

  it('merges an imported quotation with the same wording as a seed quote into one record with two sources', async () => {
    const seeds = await buildCorpus({ dir: seedsDir, today });
    const r = await buildCorpus({ dir: seedsDir, imports: [{ file: join(FIXTURES, 'quotes.json'), display: 'quotes.json' }], today });
    expect(r.corpus.quotes).toHaveLength(seeds.corpus.quotes.length + 2);
    const truce = r.corpus.quotes.find((q) => q.text === TRUCE)!;
    const seedTruce = seeds.corpus.quotes.find((q) => q.text === TRUCE)!;
    expect(truce.sources.map((s) => s.docId)).toEqual([...seedTruce.sources.map((s) => s.docId), 'import:tests/fixtures/import/quotes.json#1']);
    // The document's date basis (weekday) is stronger than an import's: the record keeps the extracted date and context.
    expect({ ...truce, sources: [] }).toEqual({ ...seedTruce, sources: [] });
    expect(r.report.merged).toBe(1);
    expect(r.report.imports).toEqual([{ file: 'quotes.json', format: 'json', quotes: 3, leftOut: [] }]);
  });

  it('gives an imported speaker the role the documents know when the import has none', async () => {
    const csv = join(FIXTURES, 'peskov.csv');
    const r = await buildCorpus({ dir: seedsDir, imports: [{ file: csv }], today });
    const imported = r.corpus.quotes.find((q) => q.sources.some((s) => s.docId.startsWith('import:')))!;
    expect(imported.speaker).toEqual(r.corpus.quotes[0]!.speaker);
    expect(imported.speaker.role).toBe('Kremlin spokesman');
  });

  it('builds from import files alone, with no documents directory', async () => {
    const r = await buildCorpus({ imports: [{ file: join(FIXTURES, 'awkward.csv') }, { file: join(FIXTURES, 'claimreview.json') }] });
    expect(r.corpus.documents).toEqual([]);
    expect(r.corpus.quotes).toHaveLength(5);
    expect(r.report.imports.map((i) => [i.format, i.quotes, i.leftOut.length])).toEqual([
      ['csv', 3, 0],
      ['claimreview', 2, 2],
    ]);
  });

  it('fails the whole build on a bad import row, naming it', async () => {
    const bad = join(FIXTURES, 'bad.csv');
    await expect(buildCorpus({ dir: seedsDir, imports: [{ file: bad, display: 'bad.csv' }], today })).rejects.toThrow(
      'bad.csv: row 2 (line 3): date: "03/2025" is not YYYY, YYYY-MM or YYYY-MM-DD',
    );
  });
});

describe('partial dates are printed as they are', () => {
  it('"1975" and "March 2025" on the card and in the CLI, never a day', async () => {
    const r = await readImport(join(FIXTURES, 'quotes.json'));
    const [, lind, berg] = r.quotes;
    expect(formatStatementDate(lind!.date, lind!.datePrecision)).toBe('1975');
    expect(formatStatementDate(berg!.date, berg!.datePrecision)).toBe('March 2025');
    expect(formatDate(lind!.date, lind!.datePrecision)).toBe('1975');
    expect(formatDate(berg!.date, berg!.datePrecision)).toBe('March 2025');
  });
});
