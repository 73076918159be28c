/**
 * Issue 15 acceptance: docs/newsroom.md followed literally, from an empty folder to a
 * branded, reproducible package whose sources zip rebuilds the same extension.
 *
 * The repository (this working tree, committed into a throwaway snapshot) is cloned into
 * an empty folder; `npm ci` is stood in for by the shared node_modules plus what its
 * `prepare` does (compile the CLI). Every shell command run below is asserted to appear
 * verbatim in the guide, and the configs are the guide's own JSON blocks, so the guide
 * cannot drift from what works. Then: the minimal config builds a corpus, an editor
 * approves it, the full config adds branding and an import, `npm run zip` refuses while
 * the newsroom's files are uncommitted, the guide's commit makes it pass, the zips carry
 * the config's name and version, and the sources zip, unpacked into another empty
 * folder and rebuilt as its REBUILD.md says, gives byte-identical Chrome and Firefox zips.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotWorkingTree, type Snapshot } from './packaging/snapshot.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const GUIDE = readFileSync(join(ROOT, 'docs/newsroom.md'), 'utf8');
const ARTICLES = join(ROOT, 'tests/fixtures/documents/newsroom');
/** Two zips (each two WXT builds) plus corpus builds, on a loaded 2-core machine. */
const GUIDE_TIMEOUT_MS = 900_000;
const GIT_USER = ['-c', 'user.name=Northbridge Desk', '-c', 'user.email=desk@daily.example.net'];

let snapshot: Snapshot;
let empty: string;
let repo: string;
let env: NodeJS.ProcessEnv;

/** The guide's ```json blocks, in order. */
function guideJson(): Record<string, unknown>[] {
  return [...GUIDE.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
}

/** Runs a shell command that the guide spells out, in `cwd`; returns its exit code and output. */
function guide(command: string, cwd = repo): { status: number | null; out: string } {
  expect(GUIDE, `docs/newsroom.md should say: ${command}`).toContain(command);
  const r = spawnSync('bash', ['-c', command], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** How two zips differ: nothing when byte-identical, else each entry that differs, with where. */
function differences(a: string, b: string): string[] {
  if (sha256(a) === sha256(b)) return [];
  const [x, y] = [unzipSync(readFileSync(a)), unzipSync(readFileSync(b))];
  const out: string[] = [];
  for (const name of new Set([...Object.keys(x), ...Object.keys(y)])) {
    const [p, q] = [x[name], y[name]];
    if (!p || !q) out.push(`${name}: only in ${p ? 'the rebuild' : 'the original'}`);
    else if (Buffer.compare(Buffer.from(p), Buffer.from(q)) !== 0) {
      let i = 0;
      while (i < p.length && p[i] === q[i]) i++;
      const show = (u: Uint8Array) => JSON.stringify(new TextDecoder().decode(u.subarray(Math.max(0, i - 60), i + 60)));
      out.push(`${name}: differs at byte ${i}: rebuild ${show(p)} / original ${show(q)}`);
    }
  }
  return out.length ? out : ['the entries are equal but the archives differ (timestamps or order)'];
}

beforeAll(() => {
  snapshot = snapshotWorkingTree(ROOT);
  // The snapshot holds the uncommitted changes too: commit them there, so a clone has them.
  // (Not its node_modules: a symlink there, which .gitignore's "node_modules/" does not match.)
  execFileSync('git', [...GIT_USER, 'add', '-A', '--', '.', ':(exclude)node_modules'], { cwd: snapshot.dir });
  execFileSync('git', [...GIT_USER, 'commit', '-q', '--allow-empty', '--no-verify', '-m', 'snapshot for the newsroom guide test'], { cwd: snapshot.dir });
  empty = mkdtempSync(join(tmpdir(), 'qv-guide-'));
  execFileSync('git', ['clone', '-q', snapshot.dir, 'quote-verifier'], { cwd: empty });
  repo = join(empty, 'quote-verifier');
  // `npm ci`: the packages (shared), then its prepare step (the compiled CLI npx runs).
  symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'), 'dir');
  execFileSync(process.execPath, ['scripts/build-cli.mjs', '--quiet'], { cwd: repo });
  execFileSync('git', ['config', 'user.name', 'Northbridge Desk'], { cwd: repo });
  execFileSync('git', ['config', 'user.email', 'desk@daily.example.net'], { cwd: repo });
  env = { ...process.env, NO_COLOR: '1', npm_config_offline: 'true' };
  for (const name of ['QUOTE_VERIFIER_CONFIG', 'SOURCE_DATE_EPOCH', 'QV_OUT_DIR', 'FORCE_COLOR']) delete env[name];
}, GUIDE_TIMEOUT_MS);

afterAll(() => {
  if (empty) rmSync(empty, { recursive: true, force: true });
  snapshot?.remove();
});

describe('docs/newsroom.md, followed from an empty folder', () => {
  it('yields a branded, reproducible package whose sources zip rebuilds the same extension', { timeout: GUIDE_TIMEOUT_MS }, () => {
    const [minimal, full] = guideJson();
    expect(Object.keys(minimal!).sort()).toEqual(['corpus', 'documents', 'name', 'review']);

    // 1-2. The folder and the minimal config.
    const nb = join(repo, 'northbridge');
    mkdirSync(join(nb, 'articles'), { recursive: true });
    for (const f of readdirSync(ARTICLES)) cpSync(join(ARTICLES, f), join(nb, 'articles', f));
    writeFileSync(join(nb, 'quote-verifier.config.json'), `${JSON.stringify(minimal, null, 2)}\n`);
    expect(GUIDE).toContain('export QUOTE_VERIFIER_CONFIG=northbridge/quote-verifier.config.json');
    env.QUOTE_VERIFIER_CONFIG = 'northbridge/quote-verifier.config.json';

    // 3. Candidates: strict by default, so everything new is pending and the command exits 2.
    const extracted = guide('npx quote-verifier corpus');
    expect(extracted.status, extracted.out).toBe(2);
    expect(extracted.out).toMatch(/pending review/);

    // 4. Review.
    const approved = guide('npx quote-verifier review approve --all-pending');
    expect(approved.status, approved.out).toBe(0);
    expect(approved.out).toMatch(/approved: q_/);

    // The full config: branding, version, zip name, an import; icons drawn as the guide says.
    const icons = guide("node scripts/make-icons.mjs --color '#0b6e4f' --out northbridge/icons");
    expect(icons.status, icons.out).toBe(0);
    writeFileSync(join(nb, 'quotes.csv'), 'text,speaker,date,sourceTitle\n"The harbor budget is balanced for the first time",Ana Lopes,2023-03,Council minutes\n');
    writeFileSync(join(nb, 'quote-verifier.config.json'), `${JSON.stringify(full, null, 2)}\n`);
    expect(guide('npx quote-verifier corpus').status).toBe(2); // the import's quotation is new: pending
    expect(guide('npx quote-verifier review approve --all-pending').status).toBe(0);

    // 6. npm run zip refuses while the newsroom's files are not committed, naming them.
    const refused = guide('npm run zip');
    expect(refused.status).not.toBe(0);
    expect(refused.out).toContain('northbridge/quote-verifier.config.json: not committed');
    expect(refused.out).toContain('northbridge/review.json: not committed');

    const committed = guide('git add northbridge && git commit -m "Northbridge Daily: vetted quotations"');
    expect(committed.status, committed.out).toBe(0);
    const zipped = guide('npm run zip');
    expect(zipped.status, zipped.out).toBe(0);
    const out = join(repo, '.output');
    const names = ['chrome', 'firefox', 'sources'].map((k) => `northbridge-quotes-1.0.0-${k}.zip`);
    for (const name of names) expect(existsSync(join(out, name)), name).toBe(true);

    // Branded: the manifest carries the config's name and version, and the newsroom's corpus ships.
    const chrome = unzipSync(readFileSync(join(out, names[0]!)));
    const manifest = JSON.parse(new TextDecoder().decode(chrome['manifest.json'])) as { name: string; version: string };
    expect(manifest).toMatchObject({ name: 'Northbridge Daily Quote Check', version: '1.0.0' });
    expect(new TextDecoder().decode(chrome['corpus.json'])).toContain('The harbor budget is balanced for the first time');
    const sources = unzipSync(readFileSync(join(out, names[2]!)));
    expect(Object.keys(sources)).toEqual(expect.arrayContaining(['northbridge/quote-verifier.config.json', 'northbridge/review.json', 'REBUILD.md']));

    // Rebuild from the sources zip in another empty folder, as its REBUILD.md says.
    const unpacked = guide('mkdir ../rebuild && cd ../rebuild\nunzip -q ../quote-verifier/.output/northbridge-quotes-1.0.0-sources.zip');
    expect(unpacked.status, unpacked.out).toBe(0);
    const rebuild = join(empty, 'rebuild');
    const note = readFileSync(join(rebuild, 'REBUILD.md'), 'utf8');
    const exported = /^export (.*)$/m.exec(note)?.[1];
    expect(exported).toMatch(/^SOURCE_DATE_EPOCH=\d+ QUOTE_VERIFIER_CONFIG=northbridge\/quote-verifier\.config\.json$/);
    expect(note).toContain('npm ci && npm run zip');
    symlinkSync(join(ROOT, 'node_modules'), join(rebuild, 'node_modules'), 'dir'); // npm ci
    const rebuildEnv = { ...env, ...Object.fromEntries(exported!.split(' ').map((kv) => kv.split('=') as [string, string])) };
    const r = spawnSync('npm', ['run', 'zip'], { cwd: rebuild, env: rebuildEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    for (const name of names.slice(0, 2)) expect(differences(join(rebuild, '.output', name), join(out, name)), name).toEqual([]);
  });
});
