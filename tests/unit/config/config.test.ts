import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfigSync, resolveConfigPath } from '../../../src/config/config';
import { buildDate, CorpusPackError, packCorpus } from '../../../src/config/package-corpus';

const repo = path.resolve(import.meta.dirname, '../../..');

function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qv-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const VALID = {
  name: 'Daily Bugle Quote Check',
  shortName: 'BugleQuotes',
  description: 'Checks quotations against the Daily Bugle’s vetted archive.',
  brandColor: '#AA2200',
  documents: 'articles',
  corpusName: 'Daily Bugle corpus',
  contact: 'corrections@bugle.example',
  firefoxId: 'quotes@bugle.example',
};

function problemsOf(dir: string, file = 'qv.json'): string[] {
  try {
    loadConfigSync(path.join(dir, file));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('newsroom config', () => {
  it('the default config is valid and points at the seed documents', () => {
    const c = loadConfigSync(path.join(repo, 'quote-verifier.config.json'));
    expect(c.documents).toBe(path.join(repo, 'data/documents'));
    expect(c.corpusOut).toBe(path.join(repo, 'data/corpus.json'));
    expect(c.reviewFile).toBe(path.join(repo, 'data/review.json'));
    expect(Object.keys(c.icons).sort()).toEqual(['128', '16', '32', '48']);
    expect(c.strict).toBe(true);
  });

  it('resolves paths from the config’s own folder and fills defaults', () => {
    const dir = scratch({ 'qv.json': JSON.stringify(VALID), 'articles/a.txt': 'x' });
    const c = loadConfigSync(path.join(dir, 'qv.json'));
    expect(c).toMatchObject({
      documents: path.join(dir, 'articles'),
      reviewFile: path.join(dir, 'data/review.json'),
      corpusOut: path.join(dir, 'data/corpus.json'),
      brandColor: '#aa2200',
      contact: 'mailto:corrections@bugle.example',
      imports: [],
      sites: { only: [], never: [] },
      strict: true,
    });
  });

  it('without icons, the build gets the project’s own at every size', () => {
    const dir = scratch({ 'qv.json': JSON.stringify(VALID), 'articles/a.txt': 'x' });
    const c = loadConfigSync(path.join(dir, 'qv.json'));
    expect(c.icons).toEqual(Object.fromEntries(['16', '32', '48', '128'].map((s) => [s, path.join(repo, `assets/icons/icon-${s}.png`)])));
  });

  it('accepts a config with only an import file and no documents', () => {
    const { documents: _d, ...rest } = VALID;
    const dir = scratch({ 'qv.json': JSON.stringify({ ...rest, imports: [{ file: 'db/quotes.csv', approved: true }] }), 'db/quotes.csv': 'text\n' });
    const c = loadConfigSync(path.join(dir, 'qv.json'));
    expect(c.documents).toBeUndefined();
    expect(c.imports).toEqual([{ file: path.join(dir, 'db/quotes.csv'), approved: true }]);
  });

  it('accepts a minimal config (name, documents, corpus, review) with defaults, listing what a store build still needs', () => {
    const dir = scratch({ 'qv.json': JSON.stringify({ name: 'Northbridge Daily Quote Check', documents: 'articles', corpus: 'corpus.json', review: 'review.json' }), 'articles/a.txt': 'x' });
    const c = loadConfigSync(path.join(dir, 'qv.json'));
    expect(c).toMatchObject({
      name: 'Northbridge Daily Quote Check',
      shortName: 'Northbridge',
      brandColor: '#1f5fbf',
      corpusName: 'Northbridge Daily Quote Check corpus',
      contact: '',
      firefoxId: 'northbridge-daily-quote-check@quote-verifier.invalid',
      zipName: 'northbridge-daily-quote-check',
      corpusOut: path.join(dir, 'corpus.json'),
      reviewFile: path.join(dir, 'review.json'),
    });
    expect(c.description.length).toBeLessThanOrEqual(132);
    expect(c.version).toBeUndefined();
    expect(c.missingForStore).toEqual(['shortName', 'description', 'brandColor', 'corpusName', 'contact', 'firefoxId']);
    expect(loadConfigSync(path.join(repo, 'quote-verifier.config.json')).missingForStore).toEqual([]);
  });

  it('takes the extension version and the zip name from the config, and refuses malformed ones', () => {
    const dir = scratch({ 'qv.json': JSON.stringify({ ...VALID, version: '2.10.0', zipName: 'bugle-quotes' }), 'articles/a.txt': 'x' });
    expect(loadConfigSync(path.join(dir, 'qv.json'))).toMatchObject({ version: '2.10.0', zipName: 'bugle-quotes' });
    const bad = scratch({ 'qv.json': JSON.stringify({ ...VALID, version: '2.x', zipName: 'Bugle Quotes' }), 'articles/a.txt': 'x' });
    expect(problemsOf(bad)).toEqual([expect.stringMatching(/version: expected one to four numbers/), expect.stringMatching(/zipName: expected lower-case/)]);
    const big = scratch({ 'qv.json': JSON.stringify({ ...VALID, version: '1.70000' }), 'articles/a.txt': 'x' });
    expect(problemsOf(big)).toEqual([expect.stringMatching(/version: each number must be 65535 or less/)]);
  });

  it('names every bad field, with its line', () => {
    const text = JSON.stringify(
      { ...VALID, brandColor: 'red', firefoxId: 'not an id', contact: 'http://insecure.example', shortName: 'Far too long a name', colour: '#fff' },
      null,
      2,
    );
    const dir = scratch({ 'qv.json': text, 'articles/a.txt': 'x' });
    const problems = problemsOf(dir);
    const lineOf = (key: string) => text.split('\n').findIndex((l) => l.includes(`"${key}"`)) + 1;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^line ${lineOf('brandColor')}: brandColor: expected a colour as #rrggbb`)),
        expect.stringMatching(new RegExp(`^line ${lineOf('firefoxId')}: firefoxId: expected an add-on id`)),
        expect.stringMatching(/contact: expected an email address, a mailto: link or an https:\/\/ address/),
        expect.stringMatching(/shortName: .*12/),
        expect.stringMatching(new RegExp(`^line ${lineOf('colour')}: .*colour`)),
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it('names missing files and folders, and a config with nothing to build from', () => {
    const { documents: _d, ...rest } = VALID;
    expect(problemsOf(scratch({ 'qv.json': JSON.stringify({ ...VALID, icons: { '16': 'nope.png' } }) }))).toEqual([
      'icons.16: nope.png not found',
      'documents: folder articles not found',
    ]);
    expect(problemsOf(scratch({ 'qv.json': JSON.stringify(rest) }))).toEqual(['documents: give a documents folder, or at least one entry in imports']);
    expect(problemsOf(scratch({ 'qv.json': '{ "name": ' }))[0]).toMatch(/^not valid JSON/);
    expect(problemsOf(scratch({}), 'missing.json')[0]).toMatch(/file not found.*QUOTE_VERIFIER_CONFIG/);
  });

  it('the error message names the file', () => {
    const dir = scratch({ 'qv.json': '{}' });
    expect(() => loadConfigSync(path.join(dir, 'qv.json'))).toThrow(new RegExp(`${path.join(dir, 'qv.json').replace(/[/\\.]/g, '\\$&')}: invalid newsroom config`));
  });

  it('picks the flag, then QUOTE_VERIFIER_CONFIG, then the default file', () => {
    expect(resolveConfigPath('a.json', { QUOTE_VERIFIER_CONFIG: 'b.json' }, '/r')).toBe('/r/a.json');
    expect(resolveConfigPath(undefined, { QUOTE_VERIFIER_CONFIG: 'b.json' }, '/r')).toBe('/r/b.json');
    expect(resolveConfigPath(undefined, {}, '/r')).toBe('/r/quote-verifier.config.json');
  });
});

describe('packing the corpus for a build', () => {
  const quote = (id: string, state?: 'pending' | 'approved' | 'rejected', docId = 'a') => ({
    id,
    text: `Quotation ${id}`,
    kind: 'direct',
    speaker: { name: 'Ann Example' },
    date: '2025-03',
    datePrecision: 'month',
    dateBasis: 'imported',
    sources: [{ docId, title: `Doc ${docId}` }],
    context: '',
    ...(state ? { review: { state } } : {}),
  });
  const doc = (docId: string) => ({ docId, file: `${docId}.txt`, title: `Doc ${docId}`, sha256: 'a'.repeat(64) });

  it('ships approved (and pre-review) quotes only, with the documents they cite, and hashes the exact bytes', () => {
    const dir = scratch({
      'corpus.json': JSON.stringify({
        version: 1,
        name: 'N',
        corpusVersion: '7',
        documents: [doc('a'), doc('b'), doc('c')],
        quotes: [quote('q_aaaaaaaaaaaa', 'approved'), quote('q_bbbbbbbbbbbb', 'pending', 'b'), quote('q_cccccccccccc', 'rejected', 'c'), quote('q_dddddddddddd')],
      }),
    });
    const packed = packCorpus(path.join(dir, 'corpus.json'));
    expect(packed).toBeDefined();
    if (!packed) return;
    const shipped = JSON.parse(packed.json) as { quotes: { id: string }[]; documents: { docId: string }[] };
    expect(shipped.quotes.map((q) => q.id)).toEqual(['q_aaaaaaaaaaaa', 'q_dddddddddddd']);
    expect(shipped.documents.map((d) => d.docId)).toEqual(['a']);
    expect(packed).toMatchObject({ quoteCount: 2, documentCount: 1, withheld: { pending: 1, rejected: 1 }, corpusVersion: '7' });
    expect(packed.sha256).toBe(createHash('sha256').update(packed.json).digest('hex'));
  });

  it('the committed corpus packs to the same bytes every time', () => {
    const file = path.join(repo, 'data/corpus.json');
    const a = packCorpus(file);
    const b = packCorpus(file);
    expect(a?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a?.sha256).toBe(b?.sha256);
    expect(JSON.parse(a?.json ?? 'null')).toMatchObject({ name: JSON.parse(readFileSync(file, 'utf8')).name });
  });

  it('is undefined for a missing file and refuses an invalid one by name', () => {
    const dir = scratch({ 'bad.json': JSON.stringify({ version: 1, name: 'N', documents: [], quotes: [{ id: 'nope' }] }), 'broken.json': '{' });
    expect(packCorpus(path.join(dir, 'none.json'))).toBeUndefined();
    expect(() => packCorpus(path.join(dir, 'bad.json'))).toThrow(CorpusPackError);
    expect(() => packCorpus(path.join(dir, 'bad.json'))).toThrow(/bad\.json: not a valid corpus: quotes\.0\.id/);
    expect(() => packCorpus(path.join(dir, 'broken.json'))).toThrow(/broken\.json: not valid JSON/);
  });

  it('refuses a quotation whose text is not valid Unicode (an unpaired surrogate), naming the file and the quote', () => {
    const corpus = JSON.parse(readFileSync(path.join(repo, 'data/corpus.json'), 'utf8')) as { quotes: { id: string; text: string }[] };
    corpus.quotes[1]!.text += ' \ud800';
    const dir = scratch({ 'lone.json': JSON.stringify(corpus) });
    expect(() => packCorpus(path.join(dir, 'lone.json'))).toThrow(CorpusPackError);
    expect(() => packCorpus(path.join(dir, 'lone.json'))).toThrow(new RegExp(`lone\\.json: cannot index the corpus: quote ${corpus.quotes[1]!.id}: its text cannot be stored: an unpaired surrogate \\(U\\+D800\\)`));
  });

  it('dates the build reproducibly: SOURCE_DATE_EPOCH, else the commit, never the clock', () => {
    expect(buildDate({ SOURCE_DATE_EPOCH: '1700000000' })).toBe('2023-11-14T22:13:20.000Z');
    const fromGit = buildDate({}, repo);
    expect(fromGit === undefined || /^\d{4}-\d\d-\d\dT/.test(fromGit)).toBe(true);
    expect(buildDate({}, repo)).toBe(fromGit);
    expect(buildDate({}, tmpdir())).toBeUndefined();
  });
});
