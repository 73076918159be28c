/** src/corpus/load.ts: parse and validate a corpus with clear messages. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusLoadError, parseCorpus, parseCorpusJson } from '../../../src/corpus/load';
import { repoRoot } from './helpers';

const committed = () => readFile(join(repoRoot, 'data/corpus.json'), 'utf8');

function problems(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof CorpusLoadError) return [e.source, ...e.problems];
    throw e;
  }
  throw new Error('accepted');
}

describe('corpus loader', () => {
  it('loads the committed corpus', async () => {
    const corpus = parseCorpusJson(await committed(), 'data/corpus.json');
    expect(corpus.version).toBe(1);
    expect(corpus.quotes).toHaveLength(8);
  });

  it('names the line and column of a JSON syntax error', () => {
    expect(problems(() => parseCorpusJson('{\n  "version": 1,\n  oops\n}', 'c.json'))[0]).toBe('c.json:3:3');
  });

  it('names the field and the record id of a schema error', async () => {
    const data = JSON.parse(await committed());
    data.quotes[2].date = '16 Dec 2025';
    delete data.quotes[3].speaker.name;
    const [source, ...rest] = problems(() => parseCorpus(data, 'c.json'));
    expect(source).toBe('c.json');
    expect(rest).toEqual([
      `quotes[2].date (${data.quotes[2].id}): expected YYYY, YYYY-MM or YYYY-MM-DD`,
      `quotes[3].speaker.name (${data.quotes[3].id}): Invalid input: expected string, received undefined`,
    ]);
  });

  it('refuses duplicate ids and impossible days', async () => {
    const data = JSON.parse(await committed());
    data.quotes[1].id = data.quotes[0].id;
    data.quotes[2].date = '2025-02-30';
    expect(problems(() => parseCorpus(data, 'c.json')).slice(1)).toEqual([
      `quotes[1].id: duplicate id ${data.quotes[0].id}`,
      `quotes[2].date (${data.quotes[2].id}): 2025-02-30 is not a calendar date`,
    ]);
  });
});
