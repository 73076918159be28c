import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCheckArgs, UsageError } from '../../../src/cli/check/args';
import { expandInputs } from '../../../src/cli/check/inputs';

describe('parseCheckArgs', () => {
  it('reads files, --json, --corpus, --config and --input-format', () => {
    expect(parseCheckArgs(['a.html', '-', '--json', '--corpus', 'c.json', '--config', 'q.json', '--input-format', 'markdown'])).toEqual({
      inputs: ['a.html', '-'],
      output: 'json',
      corpus: 'c.json',
      config: 'q.json',
      inputFormat: 'markdown',
      help: false,
    });
  });

  it('--format names the output (github, sarif), and still takes an input format as before', () => {
    expect(parseCheckArgs(['a.html', '--format', 'sarif'])).toMatchObject({ output: 'sarif' });
    expect(parseCheckArgs(['a.html', '--format', 'github'])).toMatchObject({ output: 'github' });
    expect(parseCheckArgs(['a.html', '--format', 'text'])).toMatchObject({ output: 'human', inputFormat: 'text' });
    expect(() => parseCheckArgs(['a.html', '--json', '--format', 'sarif'])).toThrow(/disagree/);
  });

  it('refuses unknown options (with a suggestion), a bad format and a missing input', () => {
    expect(() => parseCheckArgs(['a.html', '--jsn'])).toThrow('unknown option --jsn (did you mean --json?)');
    expect(() => parseCheckArgs(['a.html', '--input-fromat', 'html'])).toThrow('did you mean --input-format?');
    expect(() => parseCheckArgs(['a.html', '--format', 'pdf'])).toThrow(/--format must be one of human, json, github, sarif/);
    expect(() => parseCheckArgs(['a.html', '--input-format', 'htm'])).toThrow(/did you mean html\?/);
    expect(() => parseCheckArgs(['--json'])).toThrow(/no input/);
    expect(() => parseCheckArgs(['a.html', '--corpus'])).toThrow(UsageError);
  });
});

describe('expandInputs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qv-inputs-'));
    await mkdir(join(dir, 'articles/deep'), { recursive: true });
    for (const f of ['articles/b.html', 'articles/a.md', 'articles/deep/c.txt', 'articles/data.json', 'odd[1].html']) {
      await writeFile(join(dir, f), 'x');
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('expands globs in sorted order and keeps stdin', async () => {
    expect(await expandInputs(['articles/*.{html,md}', '-'], dir)).toEqual([
      { kind: 'file', path: 'articles/a.md' },
      { kind: 'file', path: 'articles/b.html' },
      { kind: 'stdin', path: '-' },
    ]);
  });

  it('takes a directory as the articles under it, not other files', async () => {
    const paths = (await expandInputs(['articles'], dir)).map((i) => i.path);
    expect(paths).toEqual(['articles/a.md', 'articles/b.html', 'articles/deep/c.txt']);
  });

  it('takes an existing file literally even when its name looks like a glob', async () => {
    expect(await expandInputs(['odd[1].html'], dir)).toEqual([{ kind: 'file', path: 'odd[1].html' }]);
  });

  it('reports a glob that matches nothing, and passes missing plain paths on to be read', async () => {
    expect(await expandInputs(['nothing/*.html', 'missing.html'], dir)).toEqual([
      { kind: 'error', path: 'nothing/*.html', error: 'no files match this pattern' },
      { kind: 'file', path: 'missing.html' },
    ]);
  });

  it('lists a file once however often it is named', async () => {
    const paths = (await expandInputs(['articles/b.html', 'articles/*.html'], dir)).map((i) => i.path);
    expect(paths).toEqual(['articles/b.html']);
  });
});
