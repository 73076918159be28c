/**
 * One bad document never costs the archive: a document that cannot be read
 * (empty, binary, no title) is reported under "Documents skipped" and the rest
 * builds; `strictDocuments` turns that back into an error. A quotation the
 * rules cannot make a valid record of is set aside with its reason.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BuildFailedError, buildCorpus } from '../../../src/corpus/build';
import { formatReport } from '../../../src/corpus/build/report';
import { repoRoot } from './helpers';

const temps: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'qv-never-die-'));
  temps.push(d);
  return d;
}
afterEach(async () => {
  for (const d of temps.splice(0)) await rm(d, { recursive: true, force: true });
});

const good = `---\ntitle: Harbour vote\npublished: 2024-03-05\n---\n\nMayor Jane Roe said: “The harbour stays open to every boat that pays its dues.”\n`;

async function archive(): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'good.md'), good);
  await writeFile(join(dir, 'empty.txt'), '\n\n');
  await writeFile(join(dir, 'bin.txt'), Buffer.from([0x41, 0x0a, 0x00, 0x01]));
  await writeFile(join(dir, 'untitled.html'), '<!doctype html><html><body><nav>Home</nav></body></html>');
  return dir;
}

describe('a build that never dies on one document', () => {
  it('skips unreadable documents with file, line and reason, and builds the rest', async () => {
    const r = await buildCorpus({ dir: await archive(), displayDir: 'docs' });
    expect(r.corpus.quotes.map((q) => [q.speaker.name, q.text])).toEqual([
      ['Jane Roe', 'The harbour stays open to every boat that pays its dues.'],
    ]);
    expect(r.report.skipped.map((s) => `${s.file}${s.line === undefined ? '' : `:${s.line}`}: ${s.reason}`).sort()).toEqual([
      'docs/bin.txt:2: not a text document (it contains NUL bytes)',
      'docs/empty.txt:1: the document is empty',
      'docs/untitled.html: no text found in the document',
    ]);
    expect(formatReport(r.report)).toContain('Documents skipped (3):\n  docs/bin.txt:2: not a text document');
  });

  it('--strict-documents makes them errors', async () => {
    const e = await buildCorpus({ dir: await archive(), displayDir: 'docs', strictDocuments: true }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BuildFailedError);
    expect((e as BuildFailedError).errors.map((x) => x.message).sort()).toEqual([
      'docs/bin.txt:2: not a text document (it contains NUL bytes)',
      'docs/empty.txt:1: the document is empty',
      'docs/untitled.html: no text found in the document',
    ]);
  });

  it('an appositive clause with no role words gives no empty role (it once failed the whole build)', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'council.md'),
      `---\ntitle: Council\npublished: 2024-03-05\n---\n\nThe council met on the budget.\n\n` +
        `Jane Roe, who was treasurer when Doe chaired the board, said Doe could help mend the “strained relationship with the unions.”\n`,
    );
    const r = await buildCorpus({ dir });
    for (const q of r.corpus.quotes) expect(q.speaker.role ?? 'none').not.toBe('');
  });

  it('a quotation holding a control or bidi character is left out with the reason, the rest is kept', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'a.md'),
      `---\ntitle: A\npublished: 2024-03-05\n---\n\nJane Roe said: “We pay \u202Eevery\u202C debt we owe.”\n\nJohn Doe said: “The ferry runs on Sundays from now on.”\n`,
    );
    const r = await buildCorpus({ dir });
    expect(r.corpus.quotes.map((q) => q.speaker.name)).toEqual(['John Doe']);
    expect(r.report.leftOut.map((l) => l.reason)).toEqual([
      'contains a control character (U+202E) that could hide or reorder the text on screen',
    ]);
  });

  it('the report shows control characters in file names escaped', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'good.md'), good);
    await writeFile(join(dir, 'odd\u001b[2Jname.txt'), '\n');
    const r = await buildCorpus({ dir, displayDir: 'docs' });
    const text = formatReport(r.report);
    expect(text).toContain('docs/odd\\u001b[2Jname.txt:1: the document is empty');
    expect(text).not.toContain('\u001b');
  });
});

describe('atomic writes under SIGTERM', () => {
  it('a build killed while writing leaves no temporary file', async () => {
    const dir = await tempDir();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('./src/corpus/build/write-atomic.ts').then(({ writeFileAtomic }) => {
           const big = 'x'.repeat(64 * 1024 * 1024);
           const p = writeFileAtomic(${JSON.stringify(join(dir, 'corpus.json'))}, big);
           const poll = setInterval(() => { if (require('node:fs').readdirSync(${JSON.stringify(dir)}).length) { clearInterval(poll); process.stdout.write('writing\\n'); } }, 1);
           return p;
         })`,
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((ok) => child.stdout.on('data', () => ok()));
    child.kill('SIGTERM');
    const signal = await new Promise((ok) => child.on('exit', (_code, sig) => ok(sig)));
    expect(signal).toBe('SIGTERM');
    expect(await readdir(dir)).toEqual([]);
  });
});
