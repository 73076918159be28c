/** The three document formats and the metadata format. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../../src/corpus/build/errors';
import { readHtml } from '../../../src/corpus/build/formats/html';
import { cleanInline, readMarkdown, splitFrontMatter } from '../../../src/corpus/build/formats/markdown';
import { readPlainText } from '../../../src/corpus/build/formats/plain-text';
import { parseMetadata } from '../../../src/corpus/build/metadata';

describe('plain text', () => {
  it('splits on blank lines, joins wrapped lines, splits bullets, keeps line numbers', () => {
    const text = 'Title\n\nA wrapped\nparagraph.\n\n  • First item.\n  • Second\n    item.\n\n\nLast.';
    expect(readPlainText(text)).toEqual([
      { text: 'Title', line: 1, role: 'text' },
      { text: 'A wrapped paragraph.', line: 3, role: 'text' },
      { text: 'First item.', line: 6, role: 'item' },
      { text: 'Second item.', line: 7, role: 'item' },
      { text: 'Last.', line: 11, role: 'text' },
    ]);
  });
  it('treats very long lines as one paragraph each', () => {
    const long = 'x'.repeat(120);
    expect(readPlainText(`${long}\n${long}`).map((p) => p.line)).toEqual([1, 2]);
  });
});

describe('markdown', () => {
  it('splits front matter and reports the lines it starts on', () => {
    expect(splitFrontMatter('---\ntitle: T\n---\n\nBody', 'a.md')).toEqual({
      yaml: 'title: T', yamlLine: 2, body: '\nBody', bodyLine: 4,
    });
    expect(splitFrontMatter('No front matter', 'a.md')).toEqual({ yamlLine: 1, body: 'No front matter', bodyLine: 1 });
    expect(() => splitFrontMatter('---\ntitle: T\n', 'a.md')).toThrow(DocumentError);
  });
  it('reduces inline markup to what a reader sees', () => {
    expect(cleanInline('**Bold** and _it_ and [a link](http://x) and `code` and ![img](i.png) and snake_case_word \\*lit\\*')).toBe(
      'Bold and it and a link and code and  and snake_case_word *lit*',
    );
  });
  it('reads headings, paragraphs, items, block quotes and tables; skips code and rules', () => {
    const md = [
      '# Head', '', 'Para one', 'continues.', '', '- item one', '- item two', '', '> Quoted block.', '', '```', '“not” a quote', '```',
      '', '---', '', 'Setext', '======', '', '| a | b |', '|---|---|', '', '![x](y.png)',
    ].join('\n');
    expect(readMarkdown(md, 10).map((p) => [p.role, p.text, p.line])).toEqual([
      ['heading', 'Head', 10],
      ['text', 'Para one continues.', 12],
      ['item', 'item one', 15],
      ['item', 'item two', 16],
      ['text', 'Quoted block.', 18],
      ['heading', 'Setext', 26],
      ['table', '| a | b | |---|---|', 29],
    ]);
  });
});

describe('html', () => {
  const page = `<!doctype html><html lang="en-GB"><head>
    <title>Fallback title</title>
    <link rel="canonical" href="https://news.example.org/story">
    <meta property="article:published_time" content="2024-05-02T10:00:00Z">
    <meta property="og:site_name" content="Example News">
    </head><body>
    <nav>Menu <a>Home</a></nav>
    <article class="short"><p>Teaser.</p></article>
    <article>
      <h2>Sub heading</h2>
      <p>First <b>bold</b> paragraph &amp; more.</p>
      <div>Loose text<p>Inner paragraph.</p>tail text.</div>
      <p>Line one<br><br>Line two.</p>
      <ul><li>Item one.</li></ul>
      <figure><img src="x.png"><figcaption>Caption text.</figcaption></figure>
      <div class="share-tools">Share on X</div>
      <section id="comments"><p>A comment.</p></section>
      <p hidden>Hidden.</p>
      <form><label>Email</label></form>
    </article>
    <footer>Footer.</footer></body></html>`;

  it('reads the longest article, block by block, without page chrome', () => {
    const doc = readHtml(page);
    expect(doc.paragraphs.map((p) => [p.role, p.text])).toEqual([
      ['heading', 'Sub heading'],
      ['text', 'First bold paragraph & more.'],
      ['text', 'Loose text'],
      ['text', 'Inner paragraph.'],
      ['text', 'tail text.'],
      ['text', 'Line one'],
      ['text', 'Line two.'],
      ['item', 'Item one.'],
    ]);
    expect(doc.paragraphs[1]!.line).toBe(11);
  });

  it('takes title, url, date, publisher and language from the page', () => {
    expect(readHtml(page).meta).toEqual({
      title: 'Fallback title',
      url: 'https://news.example.org/story',
      published: '2024-05-02',
      publisher: 'Example News',
      language: 'en-GB',
    });
    const og = readHtml('<html><head><meta property="og:title" content="OG title"><meta property="og:url" content="/relative"></head><body><p>x.</p></body></html>');
    expect(og.meta).toEqual({ title: 'OG title' });
    expect(og.notes).toEqual(['ignoring the page\'s url "/relative": not an absolute http(s) address']);
  });

  const peer = new URL('../../../../shared/peer-pages/wikipedia-regression-testing.html', import.meta.url);
  it.skipIf(!existsSync(peer))('extracts the prose of a real saved page (../shared/peer-pages)', async () => {
    const doc = readHtml(await readFile(peer, 'utf8'));
    const text = doc.paragraphs.map((p) => p.text).join('\n');
    expect(text).toContain('The purpose of regression testing is to ensure that changes such as those mentioned above have not introduced new faults');
    expect(text).toContain('Also as a consequence of the introduction of new bugs, program maintenance requires far more system testing');
    expect(text).not.toContain('Navigation menu');
  });
});

describe('metadata', () => {
  it('reads every field', () => {
    const yaml = [
      'title: T', 'publisher: P', 'url: https://x.org/a', 'published: 2025-12', 'retrieved: 2026-11-23', 'statementDate: 2025',
      'language: en', 'speakers:', '  - name: Jane Roe', '    role: Senator', '    aliases: [Roe]', '  - name: Senate', '    kind: organization',
    ].join('\n');
    expect(parseMetadata(yaml, 'a.meta.yaml')).toEqual({
      title: 'T', publisher: 'P', url: 'https://x.org/a', published: '2025-12', retrieved: '2026-11-23', statementDate: '2025',
      language: 'en',
      speakers: [{ name: 'Jane Roe', role: 'Senator', aliases: ['Roe'] }, { name: 'Senate', kind: 'organization' }],
    });
  });

  it.each([
    ['published: 2025\n', undefined],
    ['title: T\nurl: ftp://x.org\n', 'a.meta.yaml:2: url:'],
    ['title: T\nretrieved: 2026-11\n', 'a.meta.yaml:2: retrieved: expected a real date as YYYY-MM-DD (got "2026-11")'],
    ['title: T\nspeakers:\n  - role: Senator\n', 'a.meta.yaml:3: speakers[0].name:'],
    ['title: T\nspeakers:\n  - name: Roe\n    nick: R\n', 'a.meta.yaml:4: speakers[0]: unknown field "nick"'],
    ['- just\n- a list\n', 'a.meta.yaml:1: metadata must be a mapping'],
    ['title: T\ntitle: U\n', 'a.meta.yaml:2: invalid YAML: Map keys must be unique'],
  ])('%j', (yaml, message) => {
    if (message === undefined) {
      expect(parseMetadata(yaml, 'a.meta.yaml')).toEqual({ published: '2025' });
      return;
    }
    expect(() => parseMetadata(yaml, 'a.meta.yaml')).toThrow(message);
  });

  it('counts front-matter lines from the file’s first line', () => {
    expect(() => parseMetadata('title: T\npublished: 2025-02-30', 'a.md', 2)).toThrow('a.md:3: published:');
  });
});
