/**
 * Attribution, kinds, terms and dates on small documents, one pattern per
 * case. Documents are built in memory (no files), through extractDocument.
 */
import { describe, expect, it } from 'vitest';
import { extractDocument, trimQuoteText, UNNAMED_ROLE, type ParsedDocument } from '../../../src/corpus/build/extract';
import type { DocumentMeta } from '../../../src/corpus/build/metadata';
import { formatDate } from '../../../src/corpus/build/dates';

function doc(text: string, meta: DocumentMeta = { title: 'Headline', published: '2024-03-08' }): ParsedDocument {
  const paragraphs = text
    .trim()
    .split(/\n\s*\n/)
    .map((t, i) => ({ text: t.replace(/\s+/g, ' ').trim(), line: i + 1, role: 'text' as const }));
  return { docId: 'd', file: 'd.txt', meta, paragraphs };
}

const today = () => ({ year: 2030, month: 1, day: 1 });

function extract(text: string, meta?: DocumentMeta) {
  const x = extractDocument(doc(text, meta), { today });
  return {
    quotes: x.quotes.map((q) => [q.speaker.name, q.kind, q.text]),
    terms: x.terms.map((t) => t.quoted),
    leftOut: x.leftOut.map((t) => [t.quoted, t.reason]),
    dates: x.quotes.map((q) => [formatDate(q.date), q.dateBasis]),
    warnings: x.warnings.map((w) => w.message),
  };
}

describe('attribution patterns', () => {
  it.each([
    ['X said: “…”', 'Senator Jane Roe said: “We will vote no.”', [['Jane Roe', 'direct', 'We will vote no.']]],
    ['X told reporters: “…”', 'Jane Roe told reporters on Friday: “We will vote no.”', [['Jane Roe', 'direct', 'We will vote no.']]],
    ['“…,” X said', '“We will vote no,” Jane Roe said.', [['Jane Roe', 'direct', 'We will vote no']]],
    ['“…,” said X', '“We will vote no,” said Senator Jane Roe.', [['Jane Roe', 'direct', 'We will vote no']]],
    ['“…,” X, role, said', '“We will vote no,” Jane Roe, the senator, said.', [['Jane Roe', 'direct', 'We will vote no']]],
    ['“….” X said. (period inside)', '“We will vote no.” Jane Roe said.', [['Jane Roe', 'direct', 'We will vote no.']]],
    ['According to X, … “…”', 'According to Jane Roe, the bill is “a waste of paper.”', [['Jane Roe', 'partial', 'a waste of paper']]],
    ['According to X, “…”', 'According to Jane Roe, “The bill is dead.”', [['Jane Roe', 'direct', 'The bill is dead.']]],
    ['X said that … “…”', 'Jane Roe said that the bill was “a waste of paper” and left.', [['Jane Roe', 'partial', 'a waste of paper']]],
    ['X called … “…”', 'Jane Roe called the bill “a waste of paper.”', [['Jane Roe', 'partial', 'a waste of paper']]],
    ['X considers … “…”', 'Jane Roe considers the bill “a waste of paper.”', [['Jane Roe', 'partial', 'a waste of paper']]],
    ['… “…”, X said.', 'The bill is “a waste of paper,” Jane Roe said.', [['Jane Roe', 'partial', 'a waste of paper']]],
    ['… “…”, according to X.', 'The bill is “a waste of paper,” according to Jane Roe.', [['Jane Roe', 'partial', 'a waste of paper']]],
    ['“…,” according to X', '“We will vote no,” according to Jane Roe.', [['Jane Roe', 'direct', 'We will vote no']]],
    ['“short,” according to X', '“Not now,” according to Jane Roe.', [['Jane Roe', 'direct', 'Not now']]],
    ['Sen. X / Dr. Y titles with periods', '“We will vote no,” said Sen. Jane Roe. Dr. John Doe said: “Agreed.”', [['Jane Roe', 'direct', 'We will vote no'], ['John Doe', 'direct', 'Agreed.']]],
    ['interrupted quote', '“We will vote no,” Jane Roe said, “and we will win.”', [['Jane Roe', 'direct', 'We will vote no'], ['Jane Roe', 'direct', 'and we will win.']]],
    ['next sentence keeps the speaker', '“We will vote no,” Jane Roe said. “And we will win.”', [['Jane Roe', 'direct', 'We will vote no'], ['Jane Roe', 'direct', 'And we will win.']]],
    ['straight quotes', '"We will vote no," Jane Roe said.', [['Jane Roe', 'direct', 'We will vote no']]],
    ['guillemets', '«We will vote no», Jane Roe said.', [['Jane Roe', 'direct', 'We will vote no']]],
    ['low-high quotes', '„We will vote no“, Jane Roe said.', [['Jane Roe', 'direct', 'We will vote no']]],
    ['single curly quotes', '‘We will vote no,’ Jane Roe said.', [['Jane Roe', 'direct', 'We will vote no']]],
    ['nested quotes stay in the text', '“They called it ‘a waste’ and left,” Jane Roe said.', [['Jane Roe', 'direct', 'They called it ‘a waste’ and left']]],
    ['apostrophes are not quotes', '“Roe’s bill isn’t dead,” Jane Roe said.', [['Jane Roe', 'direct', 'Roe’s bill isn’t dead']]],
  ])('%s', (_name, text, expected) => {
    expect(extract(text).quotes).toEqual(expected);
  });

  it('resolves a surname to the full name given anywhere in the document', () => {
    const r = extract('“We will vote no,” Roe said.\n\nSenator Jane Roe spoke after the session.');
    expect(r.quotes).toEqual([['Jane Roe', 'direct', 'We will vote no']]);
  });

  it('resolves he/she to the last person who spoke, else the last person named; it to an organization', () => {
    const r = extract(
      'Senator Jane Roe said the vote was close. Mayor John Doe did not attend. She added: “We agree.”\n\n' +
        'The Finance Ministry said the plan was sound. It added: “Funding is secured.”',
    );
    expect(r.quotes).toEqual([
      ['Jane Roe', 'direct', 'We agree.'],
      ['Finance Ministry', 'direct', 'Funding is secured.'],
    ]);
    expect(extract('Mayor John Doe arrived late. “It was a long day,” he said.').quotes).toEqual([
      ['John Doe', 'direct', 'It was a long day'],
    ]);
  });

  it('resolves "what it calls" to the institution that is the sentence’s subject', () => {
    const r = extract('Moscow has rejected what it calls “momentary decisions” and left the talks.', {
      title: 'T',
      published: '2024-03-08',
      speakers: [{ name: 'Russian government', kind: 'organization', aliases: ['Moscow'] }],
    });
    expect(r.quotes).toEqual([['Russian government', 'partial', 'momentary decisions']]);
  });

  it('uses an institution as written when no metadata names it', () => {
    expect(extract('The Kremlin said on Friday: “Talks are over.”').quotes).toEqual([['Kremlin', 'direct', 'Talks are over.']]);
  });

  it('joins a quotation that runs over paragraphs', () => {
    const r = extract('Jane Roe said:\n\n“We will vote no.\n\n“We will win, too.”\n\nThe session closed.');
    expect(r.quotes).toEqual([['Jane Roe', 'direct', 'We will vote no. We will win, too.']]);
  });

  it('ignores a quotation whose closing mark never comes, with a warning', () => {
    const r = extract('Jane Roe said: “We will vote no.\n\nThe session closed.');
    expect(r.quotes).toEqual([]);
    expect(r.warnings).toEqual(['opening quotation mark is never closed; quotation ignored']);
  });
});

describe('terms and left-out quotations', () => {
  it('drops names, titles and scare quotes; keeps an attributed short fragment', () => {
    const r = extract(
      'The so-called “Green Deal” passed. Critics dislike the “fast track” rules.\n\n' +
        'Jane Roe said the deal was “rushed”.',
    );
    expect(r.terms).toEqual(['“Green Deal”', '“fast track”']);
    expect(r.quotes).toEqual([['Jane Roe', 'partial', 'rushed']]);
  });

  it('keeps the words of a speaker the text describes but never names, with that description and the role "unnamed source"', () => {
    const x = extractDocument(doc('“This will never pass the vote,” one aide whispered.\n\nJane Roe said the vote was close. “We will try again,” the aide added.'), {
      today: () => ({ year: 2030, month: 1, day: 1 }),
    });
    expect(x.quotes.map((q) => [q.text, q.speaker.name, q.speaker.role, q.speaker.unnamed])).toEqual([
      ['This will never pass the vote', 'an aide', UNNAMED_ROLE, true],
      ['We will try again', 'an aide', UNNAMED_ROLE, true], // "the aide": the one described before, not Jane Roe
    ]);
  });

  it('drops a book title with a subtitle even when the subtitle lists names with commas', () => {
    const r = extract('According to Jane Roe’s “The Harbour: Ships, Storms and the Long Winter of the Quay” and other sources, the ferry ran late.');
    expect(r.terms).toEqual(['“The Harbour: Ships, Storms and the Long Winter of the Quay”']);
    expect(r.quotes).toEqual([]);
  });

  it('leaves out quotations with no speaker, or a speaker it cannot name', () => {
    const r = extract('“This will never pass the vote,” the man whispered.\n\n“We are done,” he said.\n\nOfficials said: “No comment on this.”');
    expect(r.leftOut).toEqual([
      ['“This will never pass the vote,”', 'no speaker: nothing in its sentence attributes it'],
      ['“We are done,”', 'no speaker: "he" names no known speaker'],
      ['“No comment on this.”', 'no speaker: "Officials" names no known speaker'],
    ]);
  });

  it('leaves out a quotation with no date anywhere', () => {
    const r = extract('“We will vote no,” Jane Roe said.', { title: 'T', retrieved: '2024-05-01' });
    expect(r.leftOut).toEqual([['“We will vote no,”', 'no date: no date in the text before it, no publication date']]);
  });
});

describe('statement dates', () => {
  const said = '“We will vote no,” Jane Roe said.';
  it.each([
    ['weekday and day, year resolved', `On Tuesday, March 5, Jane Roe spoke. ${said}`, { title: 'T', published: '2024-03-08' }, ['2024-03-05', 'weekday']],
    ['weekday resolved against a month-precise publication', `On Friday, 13 December, Jane Roe spoke. ${said}`, { title: 'T', published: '2024-12' }, ['2024-12-13', 'weekday']],
    ['weekday resolved against the retrieval date', `On Friday, 13 December, Jane Roe spoke. ${said}`, { title: 'T', retrieved: '2026-11-23' }, ['2024-12-13', 'weekday']],
    ['explicit full date', `On March 5, 2021, Jane Roe spoke. ${said}`, { title: 'T', published: '2024-03-08' }, ['2021-03-05', 'explicit']],
    ['ISO date in a reporting sentence', `Jane Roe said on 2021-03-05 that she was tired. ${said}`, { title: 'T', published: '2024-03-08' }, ['2021-03-05', 'explicit']],
    ['day and month without weekday take the publication year', `On March 5, Jane Roe spoke. ${said}`, { title: 'T', published: '2024-03-08' }, ['2024-03-05', 'published']],
    ['"said Tuesday" against a day-precise publication', `Jane Roe said Tuesday that she was tired. ${said}`, { title: 'T', published: '2024-03-08' }, ['2024-03-05', 'weekday']],
    ['"on Monday" against a day-precise publication', `Jane Roe said on Monday that she was tired. ${said}`, { title: 'T', published: '2024-03-08' }, ['2024-03-04', 'weekday']],
    ['statementDate overrides the text', `On March 5, 2021, Jane Roe spoke. ${said}`, { title: 'T', published: '2024-03-08', statementDate: '2024-03-01' }, ['2024-03-01', 'metadata']],
    ['no date in the text: publication date', said, { title: 'T', published: '2024-03' }, ['2024-03', 'published']],
  ])('%s', (_name, text, meta, expected) => {
    expect(extract(text, meta as DocumentMeta).dates).toEqual([expected]);
  });

  it('a date mentioned in passing does not date later statements', () => {
    const r = extract(`The treaty was signed in Istanbul on 15 March 2022 after long talks. ${said}`, { title: 'T', published: '2024-03' });
    expect(r.dates).toEqual([['2024-03', 'published']]);
  });

  it('a date applies to what follows it, until the next date', () => {
    const r = extract(
      `${said}\n\nOn Monday, March 4, Jane Roe spoke again. “We will win,” she said.\n\nOn Wednesday, March 6, she was back. “We won,” Roe said.`,
      { title: 'T', published: '2024-03-08' },
    );
    expect(r.dates).toEqual([
      ['2024-03-08', 'published'],
      ['2024-03-04', 'weekday'],
      ['2024-03-06', 'weekday'],
    ]);
  });

  it('uses today only when nothing else gives a reference, with a warning', () => {
    const r = extract(`On Friday, 13 December, Jane Roe spoke. ${said}`, { title: 'T' });
    expect(r.dates).toEqual([['2024-12-13', 'weekday']]);
    expect(r.warnings[0]).toMatch(/years resolved against today \(2030-01-01\)/);
  });
});

describe('trimQuoteText', () => {
  it.each([
    ['We have not seen any texts yet,', 'direct', 'We have not seen any texts yet'],
    ['We are ready.', 'direct', 'We are ready.'],
    ['Are we ready?', 'partial', 'Are we ready?'],
    ['of the war.', 'partial', 'of the war'],
    ['talks with the U.S.', 'partial', 'talks with the U.S.'],
    ['momentary, non-viable decisions,', 'partial', 'momentary, non-viable decisions'],
    ['  spaced\n out;  ', 'partial', 'spaced out'],
  ] as const)('%j (%s) -> %j', (raw, kind, expected) => {
    expect(trimQuoteText(raw, kind)).toBe(expected);
  });
});
