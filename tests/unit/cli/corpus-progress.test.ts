/**
 * Progress of a long corpus build: every stage, one redrawn line on a
 * terminal, throttled lines elsewhere, nothing when quiet or short.
 */
import { describe, expect, it } from 'vitest';
import { CorpusProgress, PROGRESS_LOG_INTERVAL_MS, PROGRESS_MIN_DOCUMENTS } from '../../../src/cli/corpus-progress';

function stream(isTTY: boolean) {
  const out: string[] = [];
  return { out, s: { isTTY, write: (c: string) => out.push(c) } };
}

const N = PROGRESS_MIN_DOCUMENTS + 5;

function run(p: CorpusProgress, clock: { t: number }) {
  for (let i = 1; i <= N; i++) {
    clock.t += PROGRESS_LOG_INTERVAL_MS / 4;
    p.update({ stage: 'documents', done: i, total: N, file: `d${i}.md` });
  }
  p.update({ stage: 'merge', done: 0, total: 100 });
  p.update({ stage: 'merge', done: 100, total: 100 });
  p.update({ stage: 'review', done: 0, total: 90, file: 'review.json' });
  p.done();
}

describe('corpus build progress', () => {
  it('on a terminal: one line redrawn through every stage, cleared at the end', () => {
    const { out, s } = stream(true);
    const clock = { t: 0 };
    run(new CorpusProgress(s, false, () => clock.t), clock);
    expect(out.every((c) => c.startsWith('\r\x1b[K') && !c.includes('\n'))).toBe(true);
    expect(out).toContain(`\r\x1b[K[${N}/${N}] d${N}.md`);
    expect(out).toContain('\r\x1b[Kmerging 100 quotations into records');
    expect(out).toContain('\r\x1b[Kapplying the review file review.json to 90 records');
    expect(out[out.length - 1]).toBe('\r\x1b[K');
  });

  it('off a terminal: a document line at most every interval, the last one, and a line per later stage', () => {
    const { out, s } = stream(false);
    const clock = { t: 0 };
    run(new CorpusProgress(s, false, () => clock.t), clock);
    const docs = out.filter((l) => l.startsWith('['));
    // One every 4 updates (a quarter interval each), plus the last.
    expect(docs.length).toBeLessThanOrEqual(Math.ceil(N / 4) + 1);
    expect(docs.length).toBeGreaterThan(1);
    expect(docs[docs.length - 1]).toBe(`[${N}/${N}] d${N}.md\n`);
    expect(out.slice(-3)).toEqual([
      'quote-verifier corpus: merging 100 quotations into records\n',
      'quote-verifier corpus: merged 100 quotations\n',
      'quote-verifier corpus: applying the review file review.json to 90 records\n',
    ]);
  });

  it('quiet, or a short build: nothing', () => {
    const quiet = stream(true);
    const clock = { t: 0 };
    run(new CorpusProgress(quiet.s, true, () => clock.t), clock);
    expect(quiet.out).toEqual([]);
    const short = stream(false);
    const p = new CorpusProgress(short.s, false, () => 0);
    p.update({ stage: 'documents', done: 1, total: PROGRESS_MIN_DOCUMENTS, file: 'a.md' });
    p.update({ stage: 'merge', done: 0, total: 3 });
    p.done();
    expect(short.out).toEqual([]);
  });
});
