/**
 * Issue 6 §4: Mozilla's add-on linter (`web-ext lint`, as AMO runs it on upload)
 * finds nothing in the Firefox build: 0 errors, 0 warnings. Runs on the build in
 * .output/firefox-mv2 (`npm run build`), like the other end-to-end tests.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILD = join(ROOT, '.output/firefox-mv2');
const WEB_EXT = join(ROOT, 'node_modules/web-ext/bin/web-ext.js');

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
}
interface LintReport {
  count: number;
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

async function lint(dir: string): Promise<LintReport> {
  // --output json: the whole report on stdout. Exit code 1 when it found errors,
  // which the assertions report in full, so that is not an exception here.
  const { stdout } = await promisify(execFile)(process.execPath, [WEB_EXT, 'lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  return JSON.parse(stdout) as LintReport;
}

const brief = (m: LintMessage) => `${m.code} ${m.file ?? ''}${m.line ? `:${m.line}` : ''} ${m.message}`;

describe('web-ext lint on the Firefox build', () => {
  let report: LintReport;

  beforeAll(async () => {
    if (!existsSync(join(BUILD, 'manifest.json'))) throw new Error(`${BUILD} not built: run \`npm run build\` first`);
    report = await lint(BUILD);
  });

  it('reports no errors', () => {
    expect(report.errors.map(brief)).toEqual([]);
  });

  it('reports no warnings', () => {
    expect(report.warnings.map(brief)).toEqual([]);
  });

  it('would see the problems it guards against: a copy without the data declaration and with an innerHTML assignment warns', async () => {
    // Proves the two clean results above come from a linter that looks, not an empty run.
    const copy = mkdtempSync(join(tmpdir(), 'qv-lint-'));
    try {
      cpSync(BUILD, copy, { recursive: true });
      const manifestPath = join(copy, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { browser_specific_settings: { gecko: Record<string, unknown> } };
      delete manifest.browser_specific_settings.gecko.data_collection_permissions;
      writeFileSync(manifestPath, JSON.stringify(manifest));
      writeFileSync(join(copy, 'in-page.js'), 'document.body.innerHTML = location.hash;\n', { flag: 'a' });
      const broken = await lint(copy);
      expect(broken.warnings.map((m) => m.code).sort()).toEqual(['MISSING_DATA_COLLECTION_PERMISSIONS', 'UNSAFE_VAR_ASSIGNMENT']);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
