/**
 * Every command finds the newsroom's corpus the same way (src/cli/corpus-source.ts):
 * --corpus, else --config, else $QUOTE_VERIFIER_CONFIG, else
 * ./quote-verifier.config.json, else the bundled seed corpus; and says which.
 * Real processes on a temporary newsroom folder, run from an empty folder.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/cli/check/report';
import type { Corpus } from '../../../src/corpus/schema';
import { ROOT, runCli } from './run-cli';

/** Each run starts Node and compiles TypeScript: seconds on a loaded machine. */
const CLI_TEST_TIMEOUT_MS = 120_000;
const ARTICLES = join(ROOT, 'tests/fixtures/documents/newsroom');
const GENUINE = 'The harbor will grow, and it will grow responsibly.';
const DOCTORED = 'The harbor will grow, and it will grow quickly.';

let dir: string;
let elsewhere: string;
let config: string;
let env: Record<string, string>;
let newsroom: Corpus;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qv-source-'));
  elsewhere = join(dir, 'elsewhere');
  await mkdir(join(dir, 'nb', 'articles'), { recursive: true });
  await mkdir(elsewhere);
  for (const f of ['harbor-council.txt', 'harbor-council.meta.yaml']) await copyFile(join(ARTICLES, f), join(dir, 'nb', 'articles', f));
  config = join(dir, 'nb', 'quote-verifier.config.json');
  await writeFile(
    config,
    JSON.stringify({
      name: 'Northbridge Quote Check',
      shortName: 'NB Quotes',
      description: 'Checks quotations against the Northbridge vetted reporting.',
      brandColor: '#0b6e4f',
      documents: 'articles',
      review: 'review.json',
      corpus: 'corpus.json',
      corpusName: 'Northbridge vetted quotations',
      contact: 'corrections@nb.example.net',
      firefoxId: 'quotes@nb.example.net',
      quotePage: 'https://nb.example.net/quotes/{id}',
      strict: false,
    }),
  );
  env = { QUOTE_VERIFIER_CONFIG: config };
  const built = await runCli(['corpus'], { cwd: elsewhere, env });
  expect(built.code, built.stderr).toBe(0);
  const reviewed = await runCli(['review', 'approve', '--all-pending', '--reviewer', 'Desk', '--config', config], { cwd: elsewhere });
  expect(reviewed.code, reviewed.stderr).toBe(0);
  expect(reviewed.stderr).toContain(`corpus ${join(dir, 'nb', 'corpus.json')} (from --config ${config})`);
  newsroom = JSON.parse(await readFile(join(dir, 'nb', 'corpus.json'), 'utf8')) as Corpus;
  // The article's genuine quotation, approved, is in the newsroom corpus.
  expect(newsroom.quotes.map((q) => q.text)).toContain(GENUINE);
  // A fragment-shaped page (no <html>/<head>), doctored; and one hiding words with a terminal escape.
  await writeFile(
    join(elsewhere, 'doctored.html'),
    `<!doctype html><meta charset=utf-8><title>Harbor vote</title><body><p>Mayor Tomas Berg told reporters: “${DOCTORED}”</p>`,
  );
  await writeFile(join(elsewhere, 'escape.txt'), `Mayor Tomas Berg said: “The harbor will grow, and it will \u001b[8mnever\u001b[0m grow responsibly.”\n`);
}, CLI_TEST_TIMEOUT_MS);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const genuineId = () => newsroom.quotes.find((q) => q.text === GENUINE)!.id;

describe('one corpus resolution for every command', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('check: $QUOTE_VERIFIER_CONFIG gives the newsroom corpus; a doctored quotation in fragment-shaped HTML exits 1 and is named', async () => {
    const r = await runCli(['check', 'doctored.html', '--json'], { cwd: elsewhere, env });
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.corpus.name).toBe('Northbridge vetted quotations');
    expect(report.corpus.from).toContain('$QUOTE_VERIFIER_CONFIG');
    expect(r.stderr).toContain(`corpus ${join(dir, 'nb', 'corpus.json')} (from $QUOTE_VERIFIER_CONFIG=${config})`);
    const altered = report.files[0]!.findings.filter((f) => f.verdict === 'altered');
    expect(altered.map((f) => f.quoteId)).toEqual([genuineId()]);
    expect(altered[0]!.verifiedText).toBe(GENUINE);
  });

  it('check --config, human output: escape sequences from the article are printed escaped', async () => {
    const r = await runCli(['check', 'escape.txt', '--config', config], { cwd: elsewhere });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('\\u001b[8mnever\\u001b[0m');
    expect(r.stderr).toContain('(from --config');
  });

  it('check with nothing named, from a folder without a config: the bundled seed corpus, and says so', async () => {
    const r = await runCli(['check', 'doctored.html', '--json'], { cwd: elsewhere });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('the bundled seed corpus');
    expect((JSON.parse(r.stdout) as Report).corpus.path).toBe(join(ROOT, 'data', 'corpus.json'));
  });

  it("check from the newsroom's folder: its quote-verifier.config.json", async () => {
    const r = await runCli(['check', join(elsewhere, 'doctored.html')], { cwd: join(dir, 'nb') });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('corpus corpus.json (from quote-verifier.config.json)');
  });

  it("export: only the newsroom's approved quotations, each url the newsroom's quote page", async () => {
    for (const how of [{ args: [], env }, { args: ['--config', config], env: {} }]) {
      const r = await runCli(['export', '--format', 'claimreview', ...how.args], { cwd: elsewhere, env: how.env });
      expect(r.code, r.stderr).toBe(0);
      const reviews = JSON.parse(r.stdout) as { identifier: string; url?: string; author: { name: string } }[];
      expect(reviews.map((x) => x.identifier).sort()).toEqual(newsroom.quotes.map((q) => q.id).sort());
      for (const x of reviews) expect(x.url).toBe(`https://nb.example.net/quotes/${x.identifier}`);
      expect(r.stderr).toContain(join(dir, 'nb', 'corpus.json'));
    }
  });

  it('import --config merges into the newsroom corpus and names it', async () => {
    const csv = join(elsewhere, 'extra.csv');
    await writeFile(csv, 'text,speaker,date,sourceTitle\n"The budget is balanced for the first time",Ana Lopes,2023-03,Council minutes\n');
    const r = await runCli(['import', csv, '--config', config], { cwd: elsewhere });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`corpus ${join(dir, 'nb', 'corpus.json')} (from --config`);
    const after = JSON.parse(await readFile(join(dir, 'nb', 'corpus.json'), 'utf8')) as Corpus;
    expect(after.quotes.map((q) => q.text)).toContain('The budget is balanced for the first time');
  });
});
