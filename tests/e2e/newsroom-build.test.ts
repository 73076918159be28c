/**
 * A newsroom's own vetted build (issue 6, section 6), end to end with the real tools:
 * a sample config (tests/fixtures/newsroom-build: the Northbridge Daily, its own name,
 * icons, colour, contact and add-on id) over fixture documents is built into a temp
 * folder exactly as docs/newsroom.md says:
 *
 *   1. `quote-verifier corpus --config` extracts candidates: all pending, so the strict
 *      config exits 2 (the working corpus is still written, for review);
 *   2. an extension build refuses while quotes are pending;
 *   3. `quote-verifier review reject <id>` and `review approve --all-pending`;
 *   4. the corpus build passes, and `QUOTE_VERIFIER_CONFIG=… wxt build` makes the
 *      branded Chrome and Firefox extensions.
 *
 * The Chrome build is then loaded in real Chromium: its manifest carries the branding,
 * the page's quotations are verified or altered against the newsroom's corpus (and the
 * rejected quotation is not verified: it did not ship), and the popup names the
 * newsroom's corpus, version and hash.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumSession, type ExtensionApi } from './harness/chromium.ts';
import { waitForScan } from './harness/scan.ts';
import { repoRoot, startServer, type TestServer } from './harness/server.ts';

declare const chrome: ExtensionApi;

const FIXTURE = path.join(repoRoot, 'tests/fixtures/newsroom-build');
const DOCUMENTS = path.join(repoRoot, 'tests/fixtures/documents/newsroom');
const CLI = path.join(repoRoot, 'bin/quote-verifier.mjs');
const WXT = path.join(repoRoot, 'node_modules/wxt/bin/wxt.mjs');

const WORDING = {
  quist: 'We are not going back until the contract is signed',
  brandt: 'not realistic in this budget',
  rejected: 'The council finally listened.',
} as const;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('a newsroom’s vetted build (sample config, real CLI and WXT, Chromium)', () => {
  let work: string;
  let config: string;
  let outDir: string;
  let server: TestServer;
  let session: ChromiumSession | undefined;
  let corpusIds: Map<string, string>;
  const steps: Record<string, Run> = {};

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'qv-newsroom-'));
    await cp(FIXTURE, work, { recursive: true });
    await cp(DOCUMENTS, path.join(work, 'articles'), { recursive: true });
    config = path.join(work, 'quote-verifier.config.json');
    outDir = path.join(work, 'out');
    // A test build (wxt.config.ts QV_TEST_BUILD): the checks below read its page events.
    const env = { QUOTE_VERIFIER_CONFIG: config, QV_OUT_DIR: outDir, QV_TEST_BUILD: '1' };

    steps.candidates = await run([CLI, 'corpus', '--config', config]);
    steps.pendingBuild = await run([WXT, 'build', '-b', 'chrome'], env);
    const working = JSON.parse(await readFile(path.join(work, 'corpus.json'), 'utf8')) as { quotes: { id: string; text: string }[] };
    corpusIds = new Map(working.quotes.map((q) => [q.text, q.id]));
    const rejectedId = corpusIds.get(WORDING.rejected);
    if (!rejectedId) throw new Error(`The fixture corpus has no quotation "${WORDING.rejected}"`);
    steps.reject = await run([CLI, 'review', 'reject', rejectedId.slice(0, 8), '--config', config, '--reviewer', 'E2E Editor', '--note', 'paraphrase, not his words']);
    steps.approve = await run([CLI, 'review', 'approve', '--all-pending', '--config', config, '--reviewer', 'E2E Editor']);
    steps.strictCorpus = await run([CLI, 'corpus', '--config', config]);
    steps.chrome = await run([WXT, 'build', '-b', 'chrome'], env);
    steps.firefox = await run([WXT, 'build', '-b', 'firefox'], env);
    server = await startServer();
  }, 180_000);
  afterAll(async () => {
    await session?.close();
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('a strict config stops at quotes pending review, then builds once editors decide', () => {
    expect(steps.candidates!.code, steps.candidates!.stderr).toBe(2);
    expect(steps.candidates!.stderr).toMatch(/pending review/);
    expect(steps.pendingBuild!.code).not.toBe(0);
    expect(steps.pendingBuild!.stdout + steps.pendingBuild!.stderr).toMatch(/pending review/);
    expect(steps.reject!.code, steps.reject!.stderr).toBe(0);
    expect(steps.approve!.code, steps.approve!.stderr).toBe(0);
    expect(steps.strictCorpus!.code, steps.strictCorpus!.stderr).toBe(0);
    expect(steps.chrome!.code, steps.chrome!.stderr).toBe(0);
    expect(steps.firefox!.code, steps.firefox!.stderr).toBe(0);
  });

  it('the builds carry the newsroom’s branding, icons and add-on id, and ship only approved quotes', async () => {
    const chrome = JSON.parse(await readFile(path.join(outDir, 'chrome-mv3/manifest.json'), 'utf8'));
    expect(chrome).toMatchObject({
      name: 'Northbridge Daily Quote Check',
      short_name: 'NB Quotes',
      description: 'Checks quotations against the Northbridge Daily\'s vetted reporting.',
      action: { default_title: 'Northbridge Daily Quote Check' },
    });
    for (const size of ['16', '32', '48', '128']) {
      expect(chrome.icons[size]).toBe(`icons/icon-${size}.png`);
      const shipped = await readFile(path.join(outDir, 'chrome-mv3', chrome.icons[size]));
      expect(shipped.equals(await readFile(path.join(FIXTURE, `icons/icon-${size}.png`)))).toBe(true);
    }
    const firefox = JSON.parse(await readFile(path.join(outDir, 'firefox-mv2/manifest.json'), 'utf8'));
    expect(firefox.browser_specific_settings.gecko.id).toBe('quote-check@daily.example.net');
    expect(firefox.name).toBe('Northbridge Daily Quote Check');

    const shipped = JSON.parse(await readFile(path.join(outDir, 'chrome-mv3/corpus.json'), 'utf8')) as {
      name: string;
      corpusVersion: string;
      quotes: { text: string; review?: { state: string } }[];
    };
    expect(shipped.name).toBe('Northbridge Daily vetted quotations');
    expect(shipped.corpusVersion).toBe('2024.05-e2e');
    expect(shipped.quotes.length).toBe(corpusIds.size - 1);
    expect(shipped.quotes.map((q) => q.text)).not.toContain(WORDING.rejected);
    expect(shipped.quotes.every((q) => q.review?.state === 'approved')).toBe(true);
  });

  it('in Chromium it verifies the newsroom’s quotations, flags the doctored one, and the popup names its corpus', async () => {
    session = await launchChromium({ server, extensionDir: path.join(outDir, 'chrome-mv3'), keepFirstRun: true });
    const page = await session.openPage('newsroom.html');
    await page.bringToFront();
    const findings = await waitForScan(
      (e) => page.evaluate(e),
      (f) => f.some((x) => x.verdict === 'altered') && f.filter((x) => x.verdict === 'verified').length >= 2,
      'The newsroom build did not report its findings',
    );
    const of = (text: string) => findings.filter((f) => f.text.includes(text));
    expect(of(WORDING.quist).map((f) => [f.verdict, f.quoteId])).toEqual([['verified', corpusIds.get(WORDING.quist)]]);
    expect(of('We are going back until').map((f) => [f.verdict, f.quoteId])).toEqual([['altered', corpusIds.get(WORDING.quist)]]);
    expect(of(WORDING.brandt).map((f) => f.verdict)).toEqual(['verified']);
    // Rejected by the editors: not in the shipped corpus, so never verified.
    expect(of(WORDING.rejected).every((f) => f.verdict === 'unverified')).toBe(true);

    const tabId = await session.evaluateInServiceWorker(async () => {
      const [tab] = await chrome.tabs.query({ active: true });
      if (tab?.id === undefined) throw new Error('no active tab');
      return tab.id;
    });
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    await popup.waitForSelector('[data-corpus="name"]');
    expect(await popup.textContent('[data-corpus="name"]')).toBe('Northbridge Daily vetted quotations');
    const sha = createHash('sha256').update(await readFile(path.join(outDir, 'chrome-mv3/corpus.json'))).digest('hex');
    const body = await popup.content();
    expect(body).toContain('2024.05-e2e');
    expect(body).toContain(sha.slice(0, 12));
    expect(await popup.locator(`[data-verdict="verified"][data-quote-id="${corpusIds.get(WORDING.quist)}"]`).count()).toBe(1);
    // Branding: the heading, the brand band and the contact link come from the config.
    expect(await popup.textContent('h1')).toBe('Northbridge Daily Quote Check');
    expect(await popup.$eval('.qv-popup', (el) => getComputedStyle(el).borderTopColor)).toBe('rgb(11, 110, 79)');
    expect(await popup.getAttribute('a.qv-popup__contact', 'href')).toBe('mailto:corrections@daily.example.net');
    // The first-run page, opened on install, names the newsroom's build and its corpus.
    const welcome = session.context.pages().find((p) => p.url() === session!.extensionUrl('welcome.html'));
    expect(welcome, 'the first-run page opened on install').toBeDefined();
    await welcome!.waitForSelector('[data-corpus="name"]');
    expect(await welcome!.textContent('h1')).toBe('Welcome to Northbridge Daily Quote Check');
    expect(await welcome!.textContent('[data-corpus="name"]')).toContain('Northbridge Daily vetted quotations 2024.05-e2e');
    expect(session.unexpectedRequests()).toEqual([]);
  });
});
