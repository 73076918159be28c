/**
 * One row per attribution rule (src/corpus/build/rules.ts): a sentence of our
 * own in which that rule, and no earlier one, names the speaker. A rule added
 * to the lists without a row here fails the completeness test.
 *
 * The same rows feed the shared-lexicon test: the builder and the matcher read
 * one English layer (src/text/english), so every pattern the builder
 * attributes to Jane Roe must make the matcher say *misattributed* when the
 * page names another person (John Doe) instead.
 */
import { describe, expect, it } from 'vitest';
import { extractDocument, type ParsedDocument } from '../../../src/corpus/build/extract';
import { CLAUSE_RULES, SPEECH_RULES } from '../../../src/corpus/build/rules';
import { attributionOf } from '../../../src/match';
import { UNNAMED_SOURCE_ROLE } from '../../../src/text/english';

function doc(text: string): ParsedDocument {
  const paragraphs = text
    .trim()
    .split(/\n\s*\n/)
    .map((t, i) => ({ text: t.replace(/\s+/g, ' ').trim(), line: i + 1, role: 'text' as const }));
  return { docId: 'd', file: 'd.txt', meta: { title: 'Headline', published: '2024-03-08' }, paragraphs };
}

const extract = (text: string) => extractDocument(doc(text), { today: () => ({ year: 2030, month: 1, day: 1 }) });

/** [rule, document, the quotation (wording as kept) that rule attributes to Jane Roe]. */
const ROWS: [string, string, string][] = [
  ['speaker-after', '“The ferry will run all winter,” Jane Roe said.', 'The ferry will run all winter'],
  ['speaker-after', '“The ferry will run all winter,” said the Rev. Jane Roe.', 'The ferry will run all winter'],
  ['speaker-after', '“The ferry will run all winter,” council chairwoman Jane Roe told reporters.', 'The ferry will run all winter'],
  ['speaker-after', '“The ferry will run all winter,” Jane Roe is quoted as saying.', 'The ferry will run all winter'],
  ['speaker-after', '“The ferry will run all winter,” Jane Roe interjected.', 'The ferry will run all winter'],
  ['speaker-after', '“The ferry will run all winter,” according to Jane Roe.', 'The ferry will run all winter'],
  ['speaker-after', '“The ferry will run all winter,” Sen. Jane Roe (D-Wes.) said in a statement.', 'The ferry will run all winter'],
  ['speaker-before', 'Jane Roe told the council: “The ferry will run all winter.”', 'The ferry will run all winter.'],
  ['speaker-before', 'Jane Roe, who has chaired the harbour board since the flood of the old quay, said, “The ferry will run all winter.”', 'The ferry will run all winter.'],
  ['speaker-before', 'According to Jane Roe, “The ferry will run all winter.”', 'The ferry will run all winter.'],
  ['roundup-caption', 'Jane Roe, The Harbour Gazette: “The ferry will run all winter.”', 'The ferry will run all winter.'],
  ['continues-in-paragraph', '“The ferry will run all winter,” Jane Roe said. “Nobody will be stranded on the island.”', 'Nobody will be stranded on the island.'],
  ['colon-paragraph', 'Jane Roe said on Friday:\n\n“The ferry will run all winter.”', 'The ferry will run all winter.'],
  ['continues-next-paragraph', '“The ferry will run all winter,” Jane Roe said.\n\n“Nobody will be stranded on the island this year.”', 'Nobody will be stranded on the island this year.'],
  ['continues-in-paragraph', 'The ferry “runs late every single week,” Jane Roe said. “It must be fixed before the winter.”', 'It must be fixed before the winter.'],
  ['after-speaking-sentence', 'Jane Roe says many islanders feel forgotten. “They feel like nobody is listening to them.”', 'They feel like nobody is listening to them.'],
  ['after-speaking-sentence', 'Jane Roe spoke only briefly at the quay.\n\n“We have to do something about the ferry.”', 'We have to do something about the ferry.'],
  ['after-speaking-sentence', 'What “fix the ferry” means is unclear, since Jane Roe spoke only in slogans at the quay.\n\n“We have to do something about it.”', 'We have to do something about it.'],
  ['according-to', 'According to Jane Roe, the ferry is “the island’s lifeline.”', 'the island’s lifeline'],
  ['participle-clause', 'Jane Roe answered the critics in a letter, saying the ferry is “the island’s lifeline.”', 'the island’s lifeline'],
  ['participle-clause', 'But Sen. Jane Roe (D-Wes.) would not talk about it, responding that she is “not going to discuss the ferry.”', 'not going to discuss the ferry'],
  ['participle-clause', 'Jane Roe did not want to discuss “that plan,” telling the Gazette that she is focused on “keeping the ferry afloat.”', 'keeping the ferry afloat'],
  ['participle-clause', 'In a letter on Friday, Mayor Jane Roe answered the critics, writing that the ferry is “the island’s lifeline.”', 'the island’s lifeline'],
  ['reporting-clause', 'Jane Roe said the ferry is “the island’s lifeline.”', 'the island’s lifeline'],
  ['reporting-clause', 'The board heard from Jane Roe, who has in the past described the ferry as “the island’s lifeline.”', 'the island’s lifeline'],
  ['reporting-clause', 'Jane Roe is telling islanders that the ferry is “the island’s lifeline.”', 'the island’s lifeline'],
  ['reporting-clause', 'Jane Roe of Harbourtown, Westshire says the ferry is “the island’s lifeline.”', 'the island’s lifeline'],
  ['trailing-clause', 'The ferry is “the island’s lifeline” for the villages, Jane Roe said.', 'the island’s lifeline'],
  ['same-sentence', 'Jane Roe shouted, “The ferry stays!” and then, “The bridge can wait!”', 'The bridge can wait!'],
];

describe('attribution rules, one row per pattern', () => {
  it.each(ROWS)('%s: %s', (rule, text, wording) => {
    const x = extract(text);
    const q = x.quotes.find((r) => r.text === wording);
    expect(q, JSON.stringify({ quotes: x.quotes.map((r) => [r.text, r.speaker.name, r.rule]), leftOut: x.leftOut, terms: x.terms })).toBeDefined();
    expect([q!.speaker.name, q!.rule]).toEqual(['Jane Roe', rule]);
  });

  it('every rule in the lists has a row', () => {
    const named = new Set(ROWS.map(([r]) => r));
    for (const r of [...SPEECH_RULES, ...CLAUSE_RULES]) expect(named.has(r.name), r.name).toBe(true);
  });

  it.each([
    ['a title in title case is a term', 'Jane Roe, author of “The Quiet Harbour of Westshire,” said the ferry will run.', '“The Quiet Harbour of Westshire,”'],
    ['a short capitalized name', 'The “Blue Corridor” plan was approved.', '“Blue Corridor”'],
  ])('%s', (_name, text, term) => {
    expect(extract(text).terms.map((t) => t.quoted)).toContain(term);
  });
});

describe('pronouns by gender, descriptions, places', () => {
  it.each([
    // Builder only: the matcher does not read a name split by a soft hyphen, nor an appositive whose closing comma is missing.
    ['a "who" clause longer than a role, and "told the Gazette" names the listener', '“The ferry will run all winter,” Jane Roe, who chaired the harbour board during the long years of the flood, told the Gazette.', 'Jane Roe'],
    ['a description, then the name in an appositive', 'A senior official, Jane Roe, tells reporters that the ferry is “the island’s lifeline.”', 'Jane Roe'],
    ['"the star" is someone named nearby, not a namesake of the role many paragraphs back', 'The singer Jane Roe spoke.\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nAfter the show, Mary Lind said the ferry was late. The star posted a note: “The ferry will run all winter.”', 'Mary Lind'],
    ['"state" as a noun after a "who" clause is no speech verb', 'Jane Roe explained she worked with John Doe, who was responsible for cleaning up state data and putting it into the file: “John is outstanding with data.”', 'Jane Roe'],
    ['"the campaign" → the campaign of the person the text is about', 'Jane Roe toured the quay on Monday.\n\n“The ferry will run all winter,” the campaign wrote.', 'Roe campaign'],
    ['a soft hyphen inside a name', '“The ferry will run all winter,” Jane \u00ADRoe said.', 'Jane Roe'],
    ['an appositive without its closing comma', '“The ferry will run all winter,” Jane Roe, a spokeswoman for the harbour board told the paper.', 'Jane Roe'],
    ['she → the woman named before, not the last man', 'Jane Roe met John Doe at the quay. “The ferry will run all winter,” she said.', 'Jane Roe'],
    ['he → the man', 'Jane Roe met John Doe at the quay. “The ferry will run all winter,” he said.', 'John Doe'],
    ['Mrs. gives the gender', 'Mrs. Lind met Mr. Berg at the quay. “The ferry will run all winter,” she said.', 'Lind'],
    ['"the group" → the organisation named before', 'The Harbour Workers Union met the mayor on Monday. “The ferry must run all winter,” the group said.', 'Harbour Workers Union'],
    ['"the statement" → who spoke before it', 'Jane Roe said the plan was late. “The ferry will run all winter,” the statement said.', 'Jane Roe'],
    ['"the Westshire lawmaker" → the person the paragraph is about', 'Jane Roe toured the quay on Monday. “The ferry will run all winter,” the Westshire lawmaker said.', 'Jane Roe'],
    ['a place in the description is not the speaker', 'Jane Roe, a teacher from Boston, Massachusetts, says the ferry is “the island’s lifeline.”', 'Jane Roe'],
  ])('%s', (_name, text, speaker) => {
    expect(extract(text).quotes.map((q) => q.speaker.name)).toEqual([speaker]);
  });
});

describe('shared lexicon: a pattern the builder attributes, with another speaker swapped in, is misattributed by the matcher', () => {
  const jane = { name: 'Jane Roe', aliases: ['Roe'] };
  it.each(ROWS)('%s: %s', (_rule, text, wording) => {
    // The page: the same text with John Doe where the builder found Jane Roe.
    const page = text.replace(/Jane Roe/g, 'John Doe').replace(/\n\s*\n/g, '\n\n');
    const at = page.indexOf(wording);
    expect(at).toBeGreaterThan(-1);
    const open = at - 1;
    const close = at + wording.length;
    const ctx = { before: page.slice(0, open), after: page.slice(close + 1), quoteEndsSentence: /[.!?]$/.test(wording) };
    expect(attributionOf(ctx, jane)).toEqual({ kind: 'other', name: 'John Doe' });
  });
});

describe('unnamed sources: the matcher never calls their words misattributed', () => {
  it('a page naming a person for words the corpus has from "a senior harbour adviser"', () => {
    const built = extract('“The ferry will run all winter,” said a senior harbour adviser.').quotes[0]!;
    expect([built.speaker.name, built.speaker.role]).toEqual(['a senior harbour adviser', UNNAMED_SOURCE_ROLE]);
    const speaker = { name: built.speaker.name, role: built.speaker.role! };
    const ctx = { before: '', after: ' John Doe said.', quoteEndsSentence: false };
    expect(attributionOf(ctx, speaker)).toEqual({ kind: 'none' });
    // The same page against a named speaker is misattributed: the check is not switched off.
    expect(attributionOf(ctx, { name: 'Jane Roe' })).toEqual({ kind: 'other', name: 'John Doe' });
  });
});
