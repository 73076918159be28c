/**
 * Parity (issue 7): `quote-verifier check` on a page file and the BUILT extension
 * in Chromium on the same page served from 127.0.0.1 report the same findings.
 * Both sides use the corpus the extension ships (.output/chrome-mv3/corpus.json).
 *
 * The content script reports each scan with a `quote-verifier:scanned` event on
 * the document, detail = JSON string {"findings":[{verdict,quoteId,text}]} (a
 * string, because objects do not cross from the content script's world to the
 * page's in Firefox). An init script records those details in the page.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './harness/chromium.ts';
import { pageScript } from './harness/probe.ts';
import { repoRoot, startServer, type TestServer } from './harness/server.ts';

const FIXTURES = 'tests/fixtures/check';
/**
 * The fixture pages compared, each with a verdict its findings must include, so that
 * agreeing on nothing (both sides finding no quotation) cannot pass: exact quotes
 * (straight quotes, a blockquote split by <em> and <a>, an altered copy in a script
 * and a textarea), a dropped "not", a misattribution, decoys, and a bare fragment.
 */
const PAGES: Record<string, 'verified' | 'altered' | 'misattributed' | 'unverified'> = {
  'check/exact.html': 'verified',
  'check/altered.html': 'altered',
  'check/misattributed.html': 'misattributed',
  'check/decoys.html': 'unverified',
  'check/fragment.html': 'verified',
};
/**
 * A real saved page (Wikipedia, MediaWiki markup, footnote markers, navigation), from the
 * shared folder when it is there: the shipped corpus has none of its passages, so the
 * two sides must agree on its quoted spans, unverified, character for character.
 */
const PEER_DIR = path.join(repoRoot, '../shared/peer-pages');
if (existsSync(path.join(PEER_DIR, 'wikipedia-regression-testing.html'))) PAGES['peer/wikipedia-regression-testing.html'] = 'unverified';

/** Where each served prefix lives on disk, for the CLI. */
const MOUNTS = [
  { prefix: '/check/', dir: FIXTURES },
  { prefix: '/peer/', dir: PEER_DIR },
];
const fileOf = (page: string): string => {
  const mount = MOUNTS.find((m) => `/${page}`.startsWith(m.prefix))!;
  return path.resolve(repoRoot, mount.dir, `/${page}`.slice(mount.prefix.length));
};
/** How long the first scan may take after load (idle callback, then matching in the background). */
const SCAN_TIMEOUT_MS = 15_000;

interface Compared {
  verdict: string;
  quoteId: string | null;
  text: string;
}

declare global {
  interface Window {
    __qvScanned?: string[];
  }
}

/** Runs in every page before its scripts: records the details of `quote-verifier:scanned`. Self-contained. */
function recordScans(): void {
  if (window.__qvScanned !== undefined) return;
  const scans: string[] = [];
  window.__qvScanned = scans;
  document.addEventListener('quote-verifier:scanned', (event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    scans.push(typeof detail === 'string' ? detail : JSON.stringify(detail));
  });
}

/** One comparable form for both sides: page wording as is, ordered by where it is, then by id. */
function comparable(findings: { verdict: string; quoteId?: string | null; text: string }[]): Compared[] {
  return findings
    .map((f) => ({ verdict: f.verdict, quoteId: f.quoteId ?? null, text: f.text }))
    .sort((a, b) => a.text.localeCompare(b.text) || (a.quoteId ?? '').localeCompare(b.quoteId ?? '') || a.verdict.localeCompare(b.verdict));
}

async function extensionFindings(session: ChromiumSession, name: string): Promise<Compared[]> {
  const page: Page = await session.openPage(name);
  try {
    try {
      await page.waitForFunction(() => (window.__qvScanned?.length ?? 0) >= 1, undefined, { timeout: SCAN_TIMEOUT_MS, polling: 50 });
    } catch {
      throw new Error(
        `The content script did not report a scan of ${name} with a quote-verifier:scanned event within ${SCAN_TIMEOUT_MS} ms.`,
      );
    }
    const details = await page.evaluate(() => window.__qvScanned ?? []);
    // The page is static: the last scan is the page's findings.
    const last = JSON.parse(details.at(-1)!) as { findings: Compared[] };
    return comparable(last.findings);
  } finally {
    await page.close();
  }
}

/** The CLI's findings for each served page, keyed like PAGES. */
function cliFindings(corpus: string, pages: string[]): Promise<Map<string, Compared[]>> {
  return new Promise((resolve, reject) => {
    const args = ['bin/quote-verifier.mjs', 'check', ...pages.map(fileOf), '--json', '--corpus', corpus];
    const child = spawn(process.execPath, args, { cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 2) return reject(new Error(`quote-verifier check failed (exit 2): ${stderr}`));
      const report = JSON.parse(stdout) as { files: { path: string; findings: Compared[] }[] };
      resolve(new Map(report.files.map((f, i) => [pages[i]!, comparable(f.findings)])));
    });
  });
}

describe('check CLI and extension parity (Chromium)', () => {
  let server: TestServer;
  let session: ChromiumSession;
  let cli: Map<string, Compared[]>;

  beforeAll(async () => {
    server = await startServer({ mounts: MOUNTS.filter((m) => existsSync(path.resolve(repoRoot, m.dir))) });
    session = await launchChromium({ server });
    await session.context.addInitScript({ content: pageScript(recordScans) });
    cli = await cliFindings(path.join(session.extension.dir, 'corpus.json'), Object.keys(PAGES));
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  for (const [name, verdict] of Object.entries(PAGES)) {
    it(`reports the same findings for ${name} (${verdict} among them)`, async () => {
      const inBrowser = await extensionFindings(session, name);
      expect(inBrowser.map((f) => f.verdict)).toContain(verdict);
      if (name === 'check/decoys.html') expect(inBrowser.filter((f) => f.quoteId !== null)).toEqual([]);
      expect(inBrowser).toEqual(cli.get(name));
    });
  }

  it('sent nothing from the extension while scanning (the saved Wikipedia page asks for its own images)', () => {
    const own = `chrome-extension://${session.extensionId}/`;
    expect(session.requests().filter((r) => r.source !== 'page' && !r.url.startsWith(own))).toEqual([]);
  });
});
