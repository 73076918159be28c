/**
 * The builder on documents written for these tests (tests/fixtures/documents/
 * newsroom): several speakers, every attribution pattern, all three formats.
 * The expected records are spelled out; each pattern is named beside its record.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../../src/corpus/build';
import { build, fixturesDir, summary } from './helpers';

const dir = join(fixturesDir, 'newsroom');
const HC = 'harbor-council';
const WIRE = 'harbor-council-wire';
const MIN = 'ministry-statement';
const PORT = 'port-interview';
const STRIKE = 'transit-strike';

let result: BuildResult;
beforeAll(async () => {
  result = await build(dir);
});

const rec = (text: string, kind: string, speaker: string, date: string, dateBasis: string, docs: string[]) => ({
  text, kind, speaker, date, dateBasis, docs,
});

describe('newsroom fixtures', () => {
  it('extracts exactly the attributable quotations', () => {
    expect(result.corpus.quotes.map(summary)).toEqual([
      // .txt with a sidecar; "On Monday, March 13" resolved against published 2023-03-15
      rec('The harbor will grow, and it will grow responsibly.', 'direct', 'Tomas Berg', '2023-03-13', 'weekday', [HC]), // X told reporters: “…”
      rec('We have waited ten years for this', 'direct', 'Tomas Berg', '2023-03-13', 'weekday', [HC, WIRE]), // “…,” Berg said — and merged with the wire copy
      rec('The council finally listened.', 'direct', 'Tomas Berg', '2023-03-13', 'weekday', [HC]), // “…,” he said. “…” keeps the speaker
      rec('This will never pass the second reading', 'direct', 'a council member', '2023-03-13', 'weekday', [HC]), // “…,” one <description> whispered: unnamed
      rec('The budget has no room for surprises', 'direct', 'Ana Lopes', '2023-03-13', 'weekday', [HC]), // “…,” said Lopes
      rec('a second look at every contract', 'partial', 'Ana Lopes', '2023-03-13', 'weekday', [HC]), // According to Lopes, … “…”
      rec('world-class port', 'partial', 'Ana Lopes', '2023-03-13', 'weekday', [HC]), // X said that … “fragment”
      rec('paper harbor', 'partial', 'Ana Lopes', '2023-03-13', 'weekday', [HC]), // she called … “…”
      rec('a decisive step for the region', 'partial', 'Harbor Authority', '2023-03-13', 'weekday', [HC]), // institution said that … “…”
      rec('Construction can begin in the autumn.', 'direct', 'Harbor Authority', '2023-03-13', 'weekday', [HC]), // It added: “…”
      rec('far too optimistic', 'partial', 'Lena Novak', '2023-03-13', 'weekday', [HC]), // X, appositive, considers … “…”
      rec('real costs will arrive later', 'partial', 'Lena Novak', '2023-03-13', 'weekday', [HC]), // She added that … “…”
      rec('simply unrealistic', 'partial', 'Lena Novak', '2023-03-13', 'weekday', [HC]), // … “…,” Novak says.
      // statementDate in the sidecar; "the ministry" declared as an alias
      rec('Services will resume on Monday.', 'direct', 'Transport Ministry', '2024-05-03', 'metadata', [MIN]),
      // .html: linkedom, article only; "On Tuesday, September 19" against article:published_time 2023-09-22
      rec('The wall is finished. The pumps are tested. We are ready', 'direct', 'Ines Wahl', '2023-09-19', 'weekday', [PORT]),
      rec('the price of doing it once and doing it right', 'partial', 'Ines Wahl', '2023-09-19', 'weekday', [PORT]),
      rec('It will hold', 'direct', 'Ines Wahl', '2023-09-19', 'weekday', [PORT]), // the director added (role reference)
      rec('even in a hundred-year storm.', 'direct', 'Ines Wahl', '2023-09-19', 'weekday', [PORT]), // interrupted quote continues
      rec('Storm season starts now', 'direct', 'Ines Wahl', '2023-09-19', 'weekday', [PORT]), // said <role> <name>
      // .md with front matter: explicit date, straight quotes, guillemets, „…“, nested '…', multi-paragraph
      rec('We are not going back until the contract is signed', 'direct', 'Mara Quist', '2024-05-02', 'explicit', [STRIKE]),
      rec('crumbs and promises', 'partial', 'Mara Quist', '2024-05-02', 'explicit', [STRIKE]), // «…»
      rec('an insult to every driver', 'partial', 'Mara Quist', '2024-05-02', 'explicit', [STRIKE]),
      rec(
        'This strike hurts the people who need buses most. We will meet the union again on Monday, and we will bring a real offer.',
        'direct', 'Olaf Brandt', '2024-05-09', 'weekday', [STRIKE], // X said on Thursday: ¶"… ¶"…" (over paragraphs)
      ),
      rec('open and without preconditions', 'partial', 'Transport Ministry', '2024-05-09', 'weekday', [STRIKE]), // „…“
      rec("When they told us 'wait one more year,' we stopped waiting", 'direct', 'Mara Quist', '2024-05-09', 'weekday', [STRIKE]),
      rec('united like never before', 'partial', 'Mara Quist', '2024-05-09', 'weekday', [STRIKE]),
      rec('dead on arrival', 'partial', 'Mara Quist', '2024-05-09', 'weekday', [STRIKE]), // …”, according to X.
      rec('not realistic in this budget', 'partial', 'Olaf Brandt', '2024-05-09', 'weekday', [STRIKE]), // list item
    ]);
  });

  it('drops names and scare quotes, and leaves out what has no speaker', () => {
    expect(result.report.terms.map((t) => [t.docId, t.quoted])).toEqual([
      [HC, '“Blue Corridor”'],
      [STRIKE, '"Fair Pay Now"'],
    ]);
    expect(result.report.leftOut.map((t) => [t.docId, t.line, t.quoted, t.reason])).toEqual([
      [WIRE, 3, '“Nobody expected this,”', 'no speaker: "he" names no known speaker'],
      [PORT, 27, '“reopen fully by Friday.”', 'no speaker: "Officials" names no known speaker'],
    ]);
    expect(result.report.warnings).toEqual([]);
  });

  it('gives speakers their full name, role and the short names the text used', () => {
    const speakers = new Map(result.corpus.quotes.map((q) => [q.speaker.name, q.speaker]));
    expect(speakers.get('Tomas Berg')).toEqual({ name: 'Tomas Berg', role: 'Mayor', aliases: ['Berg'] });
    expect(speakers.get('Mara Quist')).toEqual({ name: 'Mara Quist', role: 'union leader', aliases: ['Quist'] });
    expect(speakers.get('Ines Wahl')).toEqual({ name: 'Ines Wahl', role: 'Harbor Authority director', aliases: ['Wahl'] });
    expect(speakers.get('Transport Ministry')).toEqual({ name: 'Transport Ministry', aliases: ['the ministry'] });
  });

  it('merges one quotation reported by two documents into one record with both sources', () => {
    const merged = result.corpus.quotes.filter((q) => q.sources.length > 1);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.sources.map((s) => [s.docId, s.publisher])).toEqual([
      [HC, 'Lindhaven Courier'],
      [WIRE, 'Example Wire'],
    ]);
    expect(result.report.merged).toBe(1);
  });

  it('reads the HTML page’s own metadata and keeps only the article’s prose', () => {
    const port = result.corpus.documents.find((d) => d.docId === PORT)!;
    expect(port).toMatchObject({
      file: 'port-interview.html',
      title: 'Port chief says harbor is ready for storm season',
      publisher: 'Coastal Times',
      url: 'https://times.example.com/port-ready',
      published: '2023-09-22',
    });
    const everything = JSON.stringify(result.corpus) + JSON.stringify(result.report.leftOut) + JSON.stringify(result.report.terms);
    for (const junk of ['Not a quotation', 'Read this too', 'Table cell', 'Great job', 'should not appear', 'Home', '© Coastal']) {
      expect(everything).not.toContain(junk);
    }
    const contexts = result.corpus.quotes.filter((q) => q.sources[0]!.docId === PORT).map((q) => q.context);
    expect(contexts[0]).toBe(
      "On Tuesday, September 19, Harbor Authority director Ines Wahl, the port's chief of operations, walked reporters along the new sea wall.\n\n" +
        '“The wall is finished. The pumps are tested. We are ready,” Wahl said.',
    );
    for (const c of contexts) expect(c).not.toMatch(/Photo:|By Staff|Comments/);
  });

  it('cleans Markdown: no image, caption, emphasis marks or table in any context', () => {
    const contexts = result.corpus.quotes.filter((q) => q.sources[0]!.docId === STRIKE).map((q) => q.context);
    for (const c of contexts) expect(c).not.toMatch(/Photo|depot\.jpg|\*\*|\||^- /m);
    const brandt = result.corpus.quotes.find((q) => q.speaker.name === 'Olaf Brandt' && q.kind === 'direct')!;
    expect(brandt.context.split('\n\n')).toEqual([
      'Transport Minister Olaf Brandt said on Thursday:',
      '"This strike hurts the people who need buses most.',
      '"We will meet the union again on Monday, and we will bring a real offer."',
    ]);
    expect(brandt.sources[0]!.fragmentUrl).toBe(
      'https://daily.example.net/transit-strike#:~:text=This%20strike%20hurts%20the,bring%20a%20real%20offer.',
    );
  });
});
