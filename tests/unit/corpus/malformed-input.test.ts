/**
 * Bad input fails the build with the file and line, and never touches the
 * previous output. Cases live in tests/fixtures/documents/malformed/<case>/;
 * the CLI test spawns the real `quote-verifier corpus`.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { BuildFailedError, buildCorpus } from '../../../src/corpus/build';
import { fixturesDir, repoRoot } from './helpers';

const malformed = join(fixturesDir, 'malformed');

async function failure(dir: string, displayDir = 'docs'): Promise<BuildFailedError> {
  try {
    await buildCorpus({ dir, displayDir });
  } catch (e) {
    if (e instanceof BuildFailedError) return e;
    throw e;
  }
  throw new Error(`build of ${dir} succeeded`);
}

const temps: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'qv-corpus-'));
  temps.push(d);
  return d;
}
afterEach(async () => {
  for (const d of temps.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('malformed documents fail the build with file and line', () => {
  it.each([
    ['bad-sidecar-yaml', 'docs/story.meta.yaml:5: invalid YAML: Flow sequence'],
    ['bad-front-matter', 'docs/story.md:3: invalid YAML: Flow sequence'],
    ['unclosed-front-matter', 'docs/story.md:1: front matter opened with "---" is never closed'],
    ['unknown-field', 'docs/story.meta.yaml:3: unknown field "publshed"'],
    ['invalid-date', 'docs/story.meta.yaml:3: published: expected a real date as YYYY, YYYY-MM or YYYY-MM-DD (got "2025-02-30")'],
    ['bad-speaker', 'docs/story.meta.yaml:4: speakers[0].kind: Invalid option'],
    ['invalid-utf8', 'docs/story.txt:5: not valid UTF-8 text'],
  ])('%s', async (name, message) => {
    const e = await failure(join(malformed, name));
    expect(e.errors).toHaveLength(1);
    expect(e.message.startsWith(message), e.message).toBe(true);
  });

  it('unreadable files (links to nowhere), a duplicate id, metadata given twice (an empty or binary document is only skipped)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'good.txt'), 'Title\n\nText.\n');
    await symlink(join(dir, 'missing.txt'), join(dir, 'broken.txt'));
    await writeFile(join(dir, 'a.txt'), 'Title\n\nText.\n');
    await symlink(join(dir, 'missing.yaml'), join(dir, 'a.meta.yaml'));
    await writeFile(join(dir, 'empty.txt'), '\n\n');
    await writeFile(join(dir, 'bin.txt'), Buffer.from([0x41, 0x0a, 0x00, 0x01]));
    await writeFile(join(dir, 'dup.txt'), 'Title\n\nText.\n');
    await writeFile(join(dir, 'dup.md'), 'Title\n\nText.\n');
    await writeFile(join(dir, 'twice.md'), '---\ntitle: T\n---\nText.\n');
    await writeFile(join(dir, 'twice.meta.yaml'), 'title: T\n');
    const e = await failure(dir);
    expect(e.errors.map((x) => x.message).sort()).toEqual([
      'docs/a.meta.yaml: cannot read the file: it does not exist (a broken link?)',
      'docs/broken.txt: cannot read the file: it does not exist (a broken link?)',
      'docs/dup.txt: same document id "dup" as docs/dup.md: rename one',
      'docs/twice.md:1: metadata is given twice: in front matter and in docs/twice.meta.yaml; keep one',
    ]);
  });

  it('a missing documents directory', async () => {
    const e = await failure(join(malformed, 'no-such-dir'));
    expect(e.message).toMatch(/^docs: cannot read the documents directory: ENOENT/);
  });
});

const run = promisify(execFile);
const cli = join(repoRoot, 'bin/quote-verifier.mjs');

async function corpusCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, 'corpus', ...args], { cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('quote-verifier corpus (the real CLI)', () => {
  it('builds, then on bad input exits 2 naming file and line and leaves the previous corpus byte-identical', async () => {
    const work = await tempDir();
    const docs = join(work, 'documents');
    await cp(join(fixturesDir, 'newsroom'), docs, { recursive: true });
    const out = join(work, 'out', 'corpus.json');

    const ok = await corpusCli([docs, '--out', out]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Documents read: 5');
    expect(ok.stdout).toContain('Terms dropped (2):');
    const before = await readFile(out);
    expect(JSON.parse(before.toString('utf8')).quotes).toHaveLength(28);

    await writeFile(join(docs, 'harbor-council.meta.yaml'), 'title: Harbor\npublished: 2023-13-01\n');
    const bad = await corpusCli([docs, '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${docs}/harbor-council.meta.yaml:2: published: expected a real date`);
    expect(bad.stderr).toContain('build failed');
    expect(await readFile(out)).toEqual(before);
    expect((await readdir(join(work, 'out'))).sort()).toEqual(['corpus.json']); // no temp files left behind
  }, 60_000);

  it('shows progress on stderr when there are many documents, keeping stdout for the report', async () => {
    const work = await tempDir();
    for (let i = 0; i < 21; i++) {
      const n = String(i).padStart(2, '0');
      await writeFile(join(work, `doc-${n}.md`), `---\ntitle: Doc ${n}\npublished: 2024-01-0${(i % 9) + 1}\n---\n\nJane Roe said: “Item ${n} is ready.”\n`);
    }
    const r = await corpusCli([work, '--out', join(work, 'out.json')]);
    expect(r.code, r.stderr).toBe(0);
    // Not a terminal here: a document line at most every 2 s (the first at once), the last one, then the merge.
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines.filter((l) => /^\[\d+\/21\] /.test(l)).length).toBeGreaterThanOrEqual(2);
    expect(lines).toContain(`[21/21] ${join(work, 'doc-20.md')}`);
    expect(lines.slice(-2)).toEqual(['quote-verifier corpus: merging 21 quotations into records', 'quote-verifier corpus: merged 21 quotations']);
    expect(r.stdout).toContain('Documents read: 21');
    expect(r.stdout).toContain('Jane Roe  21 (21 direct, 0 partial)');
    expect(r.stdout).not.toContain('[1/21]');
  }, 60_000);

  it('--quiet shows no progress', async () => {
    const work = await tempDir();
    for (let i = 0; i < 21; i++) await writeFile(join(work, `doc-${i}.md`), `---\ntitle: Doc ${i}\npublished: 2024-01-02\n---\n\nJane Roe said: “Item ${i} is ready.”\n`);
    const r = await corpusCli([work, '--out', join(work, 'out.json'), '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  }, 60_000);

  it('--check exits 0 when the file is current and 1 when it is stale; usage errors exit 2', async () => {
    const work = await tempDir();
    const out = join(work, 'corpus.json');
    const docs = join(fixturesDir, 'newsroom');
    expect((await corpusCli([docs, '--out', out, '-q'])).code).toBe(0);
    expect((await corpusCli([docs, '--out', out, '--check', '-q'])).code).toBe(0);
    await writeFile(out, '{}\n');
    const stale = await corpusCli([docs, '--out', out, '--check']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('is stale');
    expect(await readFile(out, 'utf8')).toBe('{}\n');
    expect((await corpusCli([docs])).code).toBe(2);
    expect((await corpusCli(['--out', out])).code).toBe(2);
    const badRef = await corpusCli([docs, '--out', out, '--reference-date', '2024-02-30']);
    expect(badRef.code).toBe(2);
    expect(badRef.stderr).toContain('--reference-date must be a real date');
    expect((await corpusCli([docs, '--out', out, '--bogus'])).code).toBe(2);
  }, 60_000);
});
