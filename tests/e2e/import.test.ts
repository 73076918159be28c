/**
 * Import end to end (issue 8, section 6): a small JSON of quotations is
 * imported with the real CLI into a temporary corpus, the extension is built
 * with it (a temporary newsroom config naming that corpus, QV_OUT_DIR for a
 * separate output folder), and a page holding the quotations is loaded in
 * real Chromium: one without quotation marks inside a paragraph, split by a
 * link and followed by a footnote marker; one in a blockquote without marks;
 * one in ordinary quotation marks. The findings must report all three verified.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/corpus/schema';
import { launchChromium, type ChromiumSession } from './harness/chromium.ts';
import { waitForScan } from './harness/scan.ts';
import { repoRoot, startServer, type TestServer } from './harness/server.ts';

const QUOTATIONS = path.join(repoRoot, 'tests/fixtures/import/e2e/quotations.json');
const PAGE = 'import.html';
/** Importing and building the extension (vite) take a while on a 2-core machine. */
const SETUP_TIMEOUT_MS = 240_000;

/** The environment of a plain shell: vitest's own variables would make the build think it runs under test. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV' && k !== 'TEST'));
  return { ...env, ...extra };
}

function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: repoRoot, env: cleanEnv(env) });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('imported quotations verified in a page (Chromium)', () => {
  let dir: string;
  let server: TestServer;
  let session: ChromiumSession | undefined;
  let corpus: Corpus;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'qv-e2e-import-'));
    const corpusFile = path.join(dir, 'corpus.json');
    const imported = await run(process.execPath, [
      'bin/quote-verifier.mjs', 'import', QUOTATIONS, '--out', corpusFile, '--review-file', path.join(dir, 'review.json'), '--approved', '--reviewer', 'E2E desk',
    ]);
    expect(imported.out).toContain('3 rows -> 3 new quotations');
    expect(imported.code).toBe(0);
    corpus = JSON.parse(await readFile(corpusFile, 'utf8')) as Corpus;
    const config = path.join(dir, 'quote-verifier.config.json');
    await writeFile(
      config,
      JSON.stringify({
        name: 'Import E2E',
        shortName: 'ImportE2E',
        description: 'Quote Verifier built from an imported quote database.',
        brandColor: '#1f5fbf',
        imports: [{ file: QUOTATIONS, approved: true }],
        review: 'review.json',
        corpus: 'corpus.json',
        corpusName: 'Imported quotations',
        contact: 'desk@example.org',
        firefoxId: 'import-e2e@example.org',
      }),
    );
    const built = await run('npx', ['wxt', 'build', '-b', 'chrome'], { QUOTE_VERIFIER_CONFIG: config, QV_OUT_DIR: path.join(dir, 'out'), QV_TEST_BUILD: '1' });
    expect(built.code, built.out).toBe(0);
    expect(built.out).toMatch(/3 approved quotations/);
    server = await startServer();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await session?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reports the unmarked, blockquoted and quoted imports verified, and the decoy not', async () => {
    const built = JSON.parse(await readFile(path.join(dir, 'out/chrome-mv3/corpus.json'), 'utf8')) as Corpus;
    expect(built.quotes.map((q) => q.id).sort()).toEqual(corpus.quotes.map((q) => q.id).sort());
    session = await launchChromium({ server, extensionDir: path.join(dir, 'out/chrome-mv3') });
    const page = await session.openPage(PAGE);
    const ids = corpus.quotes.map((q) => q.id);
    const findings = await waitForScan(
      (e) => page.evaluate(e),
      (f) => ids.every((id) => f.some((x) => x.quoteId === id && x.verdict === 'verified')),
      'Not every imported quotation was verified',
    );
    const byId = (words: string) => {
      const id = corpus.quotes.find((q) => q.text.startsWith(words))!.id;
      return findings.filter((f) => f.quoteId === id).map((f) => f.verdict);
    };
    expect(byId('The harbour belongs')).toEqual(['verified']);
    expect(byId('We will rebuild the sea wall')).toEqual(['verified']);
    expect(byId('No city ever regretted')).toEqual(['verified']);
    expect(findings.filter((f) => f.verdict === 'verified')).toHaveLength(3);
    expect(session.unexpectedRequests()).toEqual([]);
  });
});
