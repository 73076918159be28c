/**
 * `quote-verifier check` as users run it: the real CLI in a child process, on
 * fixture articles (tests/fixtures/check), against a fixture corpus of the
 * seed quotations, so these tests do not move when data/corpus.json does.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../../../src/corpus/schema';
import type { Report } from '../../../src/cli/check/report';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin/quote-verifier.mjs');
const FIXTURES = 'tests/fixtures/check';
const CORPUS = `${FIXTURES}/corpus.json`;
const corpus = JSON.parse(readFileSync(join(ROOT, CORPUS), 'utf8')) as Corpus;

/** The fixture corpus id of the quotation starting with `words`. */
function idOf(words: string): string {
  const q = corpus.quotes.find((x) => x.text.startsWith(words));
  if (!q) throw new Error(`no fixture quote starts with "${words}"`);
  return q.id;
}
const NEWSPAPER = idOf('We have only seen newspaper articles');
const TRUCE = idOf('A truce in itself');
const TOO_EARLY = idOf('All of this can be discussed');
const AGREEMENTS = idOf('We are ready for discussions');
const CATCH_BREATH = idOf('peace, not a truce');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** CLI processes running at once: the machine has 2 cores, and each start compiles TypeScript. */
const MAX_PARALLEL_RUNS = 2;
/** A test may wait for the runs queued before its own. */
const CLI_TEST_TIMEOUT_MS = 60_000;
let running = 0;
const queue: (() => void)[] = [];

async function run(args: string[], options: { stdin?: string; env?: Record<string, string>; cwd?: string } = {}): Promise<Run> {
  if (running >= MAX_PARALLEL_RUNS) await new Promise<void>((go) => queue.push(go));
  running++;
  try {
    return await runNow(args, options);
  } finally {
    running--;
    queue.shift()?.();
  }
}

/** Runs the CLI with a colour-neutral environment (no NO_COLOR, no FORCE_COLOR) unless `env` sets one. */
function runNow(args: string[], options: { stdin?: string; env?: Record<string, string>; cwd?: string } = {}): Promise<Run> {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: { ...env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

async function runJson(files: string[], extra: string[] = []): Promise<Run & { report: Report }> {
  const result = await run(['check', ...files.map((f) => `${FIXTURES}/${f}`), '--json', '--corpus', CORPUS, ...extra]);
  return { ...result, report: JSON.parse(result.stdout) as Report };
}

const failing = (report: Report) => report.files.flatMap((f) => f.findings).filter((f) => f.verdict === 'altered' || f.verdict === 'misattributed');

// The fixture runs several tests read, started together: each CLI start costs about a second.
let passing: Promise<Run & { report: Report }>;
let altered: Promise<Run & { report: Report }>;
let misattributed: Promise<Run & { report: Report }>;
let directory: Promise<Run & { report: Report }>;
beforeAll(() => {
  // Not awaited: the tests await what they read, so the queue keeps both cores busy.
  passing = runJson(['exact.html', 'decoys.txt', 'decoys.html', 'exact.txt', 'fragment.html']);
  altered = runJson(['altered.html']);
  misattributed = runJson(['misattributed.md']);
  directory = run(['check', FIXTURES, '--json', '--corpus', CORPUS]).then((r) => ({ ...r, report: JSON.parse(r.stdout) as Report }));
});

const fileOf = (report: Report, name: string) => {
  const file = report.files.find((f) => f.path === `${FIXTURES}/${name}`);
  if (!file) throw new Error(`${name} is not in the report`);
  return file;
};

describe.concurrent('quote-verifier check --json', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('exits 0 on articles with exact quotations and decoys only', async () => {
    const { code, stderr, report } = await passing;
    expect(stderr, 'only the line naming the corpus').toMatch(/^quote-verifier \w+: corpus [^\n]+\n$/);
    expect(code).toBe(0);
    expect(report.files.map((f) => f.path)).toEqual(['exact.html', 'decoys.txt', 'decoys.html', 'exact.txt', 'fragment.html'].map((f) => `${FIXTURES}/${f}`));
    expect(failing(report)).toEqual([]);
  });

  it('verifies exact quotations in HTML, ignoring scripts and form fields', async () => {
    const { report } = await passing;
    const file = fileOf(report, 'exact.html');
    expect(file.format).toBe('html');
    const found = file.findings.map((f) => [f.verdict, f.quoteId]);
    expect(found).toEqual(expect.arrayContaining([['verified', NEWSPAPER], ['verified', TRUCE]]));
    // The script and the textarea hold an altered copy: neither is page prose.
    expect(file.findings.filter((f) => f.quoteId === NEWSPAPER)).toHaveLength(1);
    const newspaper = file.findings.find((f) => f.quoteId === NEWSPAPER)!;
    // The contract's fields, filled from the corpus record.
    expect(newspaper).toMatchObject({
      verdict: 'verified',
      speaker: 'Dmitry Peskov',
      date: '2025-12-16',
      source: {
        title: 'Kremlin Rejects Ceasefire Proposals as Russia Maintains Hardline Peace Conditions',
        url: 'https://intinsight.blogspot.com/2025/12/kremlin-response-ukraine-peace-talks.html',
      },
    });
    expect(newspaper.text).toContain('we will not respond to them');
    expect(Array.isArray(newspaper.diff)).toBe(true);
    expect(Array.isArray(newspaper.flags)).toBe(true);
  });

  it('does not call decoys (other statements sharing words with corpus quotations) altered', async () => {
    const { report } = await passing;
    for (const name of ['decoys.txt', 'decoys.html']) {
      const file = fileOf(report, name);
      expect(file.findings.length, `${name}: its quoted spans are reported`).toBeGreaterThan(0);
      expect(file.findings.filter((f) => f.quoteId !== null), name).toEqual([]);
    }
  });

  it('reads plain text and HTML fragments, with partial quotations and line numbers', async () => {
    const { report } = await passing;
    const text = fileOf(report, 'exact.txt');
    expect(text.format).toBe('text');
    expect(text.findings.map((f) => [f.verdict, f.quoteId])).toEqual(expect.arrayContaining([['verified', AGREEMENTS], ['verified', CATCH_BREATH]]));
    const agreements = text.findings.find((f) => f.quoteId === AGREEMENTS)!;
    expect([agreements.line, agreements.column]).toEqual([5, 2]);
    const fragment = fileOf(report, 'fragment.html');
    expect(fragment.findings.map((f) => [f.verdict, f.quoteId])).toEqual([['verified', AGREEMENTS]]);
  });

  it('reports a dropped "not" as altered, with the negation flagged and the word in the diff, and exits 1', async () => {
    const { code, report } = await altered;
    expect(code).toBe(1);
    const finding = report.files[0]!.findings.find((f) => f.quoteId === NEWSPAPER);
    expect(finding?.verdict).toBe('altered');
    expect(finding!.flags).toContain('negation');
    expect(finding!.diff).toContainEqual(expect.objectContaining({ op: 'delete', text: expect.stringMatching(/\bnot\b/) }));
    expect(finding!.text).toContain('we will respond to them');
  });

  it("reports a Peskov quotation put in Zelensky's mouth as misattributed, and exits 1", async () => {
    const { code, report } = await misattributed;
    expect(code).toBe(1);
    const findings = report.files[0]!.findings;
    const truce = findings.find((f) => f.quoteId === TRUCE);
    expect(truce?.verdict).toBe('misattributed');
    expect(truce!.attributedTo).toMatch(/Zelensky/);
    expect(truce!.speaker).toBe('Dmitry Peskov');
    expect(truce!.line).toBe(9);
    // Markdown emphasis inside a quotation does not hide it from the engine.
    expect(findings.find((f) => f.quoteId === TOO_EARLY)?.verdict).toBe('verified');
  });

  it('gives the HTML version of the misattributed article the same verdicts as the Markdown one', async () => {
    const { report } = await directory;
    const pick = (name: string) => fileOf(report, name).findings.map((f) => [f.verdict, f.quoteId, f.attributedTo]);
    expect(pick('misattributed.html')).toEqual(pick('misattributed.md'));
  });

  it('takes a directory as its articles, keeps stdout pure JSON and reports progress on stderr', async () => {
    const { code, report, stderr } = await directory;
    expect(code).toBe(1);
    const names = ['altered.html', 'decoys.html', 'decoys.txt', 'exact.html', 'exact.txt', 'fragment.html', 'misattributed.html', 'misattributed.md'];
    expect(report.files.map((f) => f.path)).toEqual(names.map((f) => `${FIXTURES}/${f}`));
    expect(report.summary.files).toBe(8);
    expect(report.summary.verdicts.altered).toBeGreaterThanOrEqual(1);
    expect(report.summary.verdicts.misattributed).toBeGreaterThanOrEqual(1);
    expect(report.corpus).toEqual({ path: CORPUS, from: `${CORPUS} (from --corpus)`, name: corpus.name, quotes: corpus.quotes.length });
    // Interim counts may come first on a slow machine (one every 2 s); the last line is the total.
    const lines = stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^quote-verifier check: 8 files checked in [\d.]+ s$/);
    expect(lines[0]).toBe(`quote-verifier check: corpus ${CORPUS} (from --corpus)`);
    for (const line of lines.slice(1, -1)) expect(line).toMatch(/^quote-verifier check: \d\/8 files checked$/);
  });

  it('reads standard input, sniffing HTML', async () => {
    const html = readFileSync(join(ROOT, FIXTURES, 'altered.html'), 'utf8');
    const { code, stdout } = await run(['check', '-', '--json', '--corpus', CORPUS], { stdin: html });
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Report;
    expect(report.files[0]).toMatchObject({ path: '-', format: 'html' });
    expect(report.files[0]!.findings.find((f) => f.quoteId === NEWSPAPER)?.verdict).toBe('altered');
  });

  it('reports another wording of a verified statement as variant, with the quotation it belongs to, and exits 0 (issue 17)', async () => {
    const html =
      '<article><p>Kremlin spokesman Dmitry Peskov told reporters: “We want peace, not a ceasefire, which will give Ukrainians peace and allow them to prepare for the continuation of the war.”</p></article>';
    const { code, stdout } = await run(['check', '-', '--json', '--corpus', CORPUS], { stdin: html });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    const [f] = report.files[0]!.findings;
    expect(f).toMatchObject({ verdict: 'variant', quoteId: CATCH_BREATH, speaker: 'Dmitry Peskov', date: '2025-12-16', wording: null });
    expect(f!.verifiedText).toMatch(/^peace, not a truce/);
    expect(f!.source?.url).toMatch(/^https:\/\//);
    expect(report.summary.verdicts.variant).toBe(1);
    const human = await run(['check', '-', '--corpus', CORPUS], { stdin: html });
    expect(human.stdout).toContain('≈ ANOTHER WORDING');
    expect(human.stdout).toMatch(/verified +“peace, not a truce/);
    expect(human.stdout).toContain('1 another wording,');
  });

  it('expands globs', async () => {
    const glob = await run(['check', `${FIXTURES}/*.html`, '--json', '--corpus', CORPUS]);
    const paths = (JSON.parse(glob.stdout) as Report).files.map((f) => f.path);
    expect(paths).toEqual(['altered', 'decoys', 'exact', 'fragment', 'misattributed'].map((f) => `${FIXTURES}/${f}.html`));
  });
});

/** A real saved page (Wikipedia "Regression testing", Hypothesis' anchoring baseline), kept in the shared folder. */
const PEER_PAGE = join(ROOT, '../shared/peer-pages/wikipedia-regression-testing.html');
const PEER_CORPUS = `${FIXTURES}/peer-corpus.json`;

describe.runIf(existsSync(PEER_PAGE)).concurrent('quote-verifier check on a real saved page', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('verifies passages split by links, followed by footnote markers, and in a blockquote', async () => {
    const { code, stdout } = await run(['check', PEER_PAGE, '--json', '--corpus', PEER_CORPUS]);
    expect(code).toBe(0);
    const findings = (JSON.parse(stdout) as Report).files[0]!.findings;
    const peer = JSON.parse(readFileSync(join(ROOT, PEER_CORPUS), 'utf8')) as Corpus;
    for (const quote of peer.quotes) {
      expect(findings.find((f) => f.quoteId === quote.id)?.verdict, quote.text.slice(0, 40)).toBe('verified');
    }
    // MediaWiki's navigation and reference list hold no corpus quotation.
    expect(findings.filter((f) => f.verdict !== 'verified' && f.verdict !== 'unverified')).toEqual([]);
  });

  it('catches a dropped "not" inside the real markup', async () => {
    const page = readFileSync(PEER_PAGE, 'utf8');
    const doctored = page.replace('have not introduced new faults', 'have introduced new faults');
    expect(doctored).not.toBe(page);
    const { code, stdout } = await run(['check', '-', '--json', '--corpus', PEER_CORPUS], { stdin: doctored });
    expect(code).toBe(1);
    const altered = (JSON.parse(stdout) as Report).files[0]!.findings.filter((f) => f.verdict === 'altered');
    expect(altered).toHaveLength(1);
    expect(altered[0]!.flags).toContain('negation');
    expect(altered[0]!.text).toContain('have introduced new faults');
  });
});

describe.concurrent('quote-verifier check, human report', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('groups findings by file with verdict, wording, word diff, speaker, date and source, without colour off a terminal', async () => {
    const { code, stdout } = await run(['check', `${FIXTURES}/altered.html`, `${FIXTURES}/exact.txt`, '--corpus', CORPUS]);
    expect(code).toBe(1);
    expect(stdout).not.toContain('\x1b[');
    const [altered, exact] = stdout.split(/\n(?=tests\/fixtures)/);
    expect(altered).toMatch(/^tests\/fixtures\/check\/altered\.html\n/);
    expect(altered).toContain('≠ ALTERED');
    expect(altered).toMatch(/page +“We have only seen newspaper articles so far, and we will respond to them\. We have not seen any texts yet/);
    expect(altered).toContain('and we will [-not-] respond to them');
    expect(altered).toContain('Dmitry Peskov, Kremlin spokesman');
    expect(altered).toContain('Tuesday, 16 December 2025');
    expect(altered).toContain('Kremlin Rejects Ceasefire Proposals as Russia Maintains Hardline Peace Conditions');
    expect(exact).toMatch(/^tests\/fixtures\/check\/exact\.txt\n/);
    expect(exact).toContain('✓ VERIFIED line 5:2');
    expect(exact).toContain('Friday, 13 December 2024');
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^2 files: 2 verified, 1 altered, 0 misattributed, \d+ unverified \(corpus: check fixtures \(seed quotations\), 5 quotes\)$/);
  });

  it('uses colour when forced, and never with NO_COLOR', async () => {
    const args = ['check', `${FIXTURES}/altered.html`, '--corpus', CORPUS];
    const coloured = await run(args, { env: { FORCE_COLOR: '1' } });
    expect(coloured.stdout).toContain('\x1b[');
    expect(coloured.stdout).not.toContain('[-not-]');
    const plain = await run(args, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\x1b[');
  });
});

describe.concurrent('quote-verifier check, bad input (exit 2)', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('reports an unreadable file by name and reason, still checks the others, and exits 2', async () => {
    const { code, stdout, stderr } = await run(['check', `${FIXTURES}/missing.html`, `${FIXTURES}/altered.html`, '--json', '--corpus', CORPUS]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${FIXTURES}/missing.html: cannot read: no such file or directory`);
    const report = JSON.parse(stdout) as Report;
    expect(report.files[0]).toMatchObject({ path: `${FIXTURES}/missing.html`, error: 'cannot read: no such file or directory', findings: [] });
    expect(report.files[1]!.findings.some((f) => f.verdict === 'altered')).toBe(true);
    expect(report.summary.errors).toBe(1);
  });

  it('refuses a corpus that is not JSON, naming the file and the line', async () => {
    const { code, stdout, stderr } = await run(['check', `${FIXTURES}/exact.txt`, '--corpus', `${FIXTURES}/invalid-json-corpus.json`]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/corpus tests\/fixtures\/check\/invalid-json-corpus\.json is not valid JSON: .* at line 7, column \d+/);
  });

  it('refuses a corpus that does not match the schema, naming the file and the fields', async () => {
    const { code, stdout, stderr } = await run(['check', `${FIXTURES}/exact.txt`, '--corpus', `${FIXTURES}/invalid-schema-corpus.json`]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('tests/fixtures/check/invalid-schema-corpus.json');
    expect(stderr).toMatch(/quotes\.0\.id/);
    expect(stderr).toMatch(/quotes\.0\.speaker/);
  });

  it('refuses a missing corpus file', async () => {
    const { code, stderr } = await run(['check', `${FIXTURES}/exact.txt`, '--corpus', `${FIXTURES}/no-such-corpus.json`]);
    expect(code).toBe(2);
    expect(stderr).toContain('cannot read corpus tests/fixtures/check/no-such-corpus.json: no such file or directory');
  });

  it('refuses an unknown option with the usage', async () => {
    const { code, stdout, stderr } = await run(['check', `${FIXTURES}/exact.txt`, '--jsn', '--corpus', CORPUS]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown option --jsn (did you mean --json?)');
    expect(stderr).toContain('Usage: quote-verifier check');
  });

  it('reports a glob that matches nothing', async () => {
    const { code, stderr } = await run(['check', `${FIXTURES}/*.pdf`, '--corpus', CORPUS]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${FIXTURES}/*.pdf: no files match this pattern`);
  });

  it('finds the default corpus from the package, not the working directory', async () => {
    // A fresh empty folder: never an ancestor of the checkout (a clone under /tmp would
    // make tmpdir() one, and paths inside the working folder are shown relative to it).
    const cwd = mkdtempSync(join(tmpdir(), 'qv-cwd-'));
    const { code, stdout, stderr } = await run(['check', join(ROOT, FIXTURES, 'exact.txt'), '--json'], { cwd }).finally(() =>
      rmSync(cwd, { recursive: true, force: true }),
    );
    const defaultCorpus = join(ROOT, 'data/corpus.json');
    if (code === 2) {
      // Not built yet in this checkout: the message names the package's file.
      expect(stderr).toContain(`cannot read corpus ${defaultCorpus}`);
    } else {
      expect((JSON.parse(stdout) as Report).corpus.path).toBe(defaultCorpus);
    }
  });
});
