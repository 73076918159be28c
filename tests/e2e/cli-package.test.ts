/**
 * Issue 15: the package a newsroom installs. `npm pack` (which runs `prepare`,
 * compiling the CLI into dist/cli), installed into an empty folder with no
 * network and no repository around it: `quote-verifier` runs there from the
 * compiled bundle, with no TypeScript, WXT or dependency installed, checks an
 * article against the bundled seed corpus and exits 1 on an altered quotation.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** npm pack runs prepare (esbuild + wxt prepare), then npm install from the tarball: minutes on a loaded 2-core machine. */
const PACK_TIMEOUT_MS = 240_000;

let dir: string;
let app: string;
let bin: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qv-pack-'));
  execFileSync('npm', ['pack', '--pack-destination', dir], { cwd: ROOT, stdio: 'pipe' });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball in ${dir}`);
  app = join(dir, 'newsroom');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), '{ "name": "newsroom-tools", "private": true }\n');
  // --offline: the package must need nothing from the registry.
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(dir, tarball)], { cwd: app, stdio: 'pipe' });
  bin = join(app, 'node_modules', '.bin', 'quote-verifier');
  writeFileSync(
    join(app, 'article.html'),
    '<!doctype html><meta charset=utf-8><title>Talks</title><body><p>“We have only seen newspaper articles so far, and we will respond to them. We have not seen any texts yet,” Peskov said.</p>',
  );
}, PACK_TIMEOUT_MS);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]) => spawnSync(bin, args, { cwd: app, encoding: 'utf8', env: { ...process.env, QUOTE_VERIFIER_CONFIG: '' } });

describe('the packed CLI, installed into an empty folder', () => {
  it('installs the compiled CLI and the seed corpus only: no dependencies, no sources', () => {
    const installed = readdirSync(join(app, 'node_modules')).filter((n) => !n.startsWith('.'));
    expect(installed).toEqual(['quote-verifier']);
    const pkg = join(app, 'node_modules', 'quote-verifier');
    expect(readdirSync(pkg).sort()).toEqual(['README.md', 'data', 'dist', 'package.json']);
    expect(readFileSync(join(pkg, 'package.json'), 'utf8')).not.toMatch(/"(postinstall|install|preinstall)"/);
  });

  it('--version and --help', () => {
    const version = run(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`quote-verifier ${VERSION}\n`);
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
  });

  it('check: an altered quotation against the bundled seed corpus exits 1, naming the corpus', () => {
    const r = run(['check', 'article.html', '--json']);
    expect(r.stderr).toContain('the bundled seed corpus');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { files: { findings: { verdict: string; flags: string[] }[] }[] };
    expect(report.files[0]!.findings.find((f) => f.verdict === 'altered')?.flags).toContain('negation');
  });
});
