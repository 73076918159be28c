import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/match/types';
import type { Quote } from '../../../src/corpus/schema';
import { COLOUR, formatDate, formatDiff, formatFile, formatSummary, PLAIN, wantsColour } from '../../../src/cli/check/human';
import { exitCode, summarize, toReportFinding, type FileReport, type Report } from '../../../src/cli/check/report';

const quote: Quote = {
  id: 'q_0123456789abcdef',
  text: 'We have only seen newspaper articles so far, and we will not respond to them.',
  kind: 'direct',
  speaker: { name: 'Dmitry Peskov', role: 'Kremlin spokesman' },
  date: '2025-12-16',
  datePrecision: 'day',
  dateBasis: 'weekday',
  sources: [
    { docId: 'a', title: 'Kremlin Rejects Ceasefire Proposals', publisher: 'Intinsight', url: 'https://example.org/a', fragmentUrl: 'https://example.org/a#:~:text=We%20have' },
    { docId: 'b', title: 'Another report' },
  ],
  context: '',
};
const quotes = new Map([[quote.id, quote]]);

const altered: Finding = {
  verdict: 'altered',
  quoteId: quote.id,
  score: 0.93,
  start: 10,
  end: 80,
  text: 'We have only seen newspaper articles so far,\nand we will respond to them.',
  diff: [
    { op: 'equal', text: 'We have only seen newspaper articles so far, and we will' },
    { op: 'delete', text: 'not' },
    { op: 'equal', text: 'respond to them.' },
  ],
  flags: ['negation'],
};
const unverified: Finding = { verdict: 'unverified', score: 0, start: 90, end: 105, text: 'Christmas truce', diff: [], flags: [] };

function fileReport(findings: Finding[]): FileReport {
  return { path: 'news/story.md', format: 'markdown', findings: findings.map((f) => toReportFinding(f, quotes, { line: 3, column: 2 })) };
}

describe('report', () => {
  it('carries the corpus record of each finding, and nulls for unverified spans', () => {
    const [a, u] = fileReport([altered, unverified]).findings;
    expect(a).toMatchObject({
      verdict: 'altered',
      quoteId: quote.id,
      speaker: 'Dmitry Peskov',
      role: 'Kremlin spokesman',
      date: '2025-12-16',
      source: { title: 'Kremlin Rejects Ceasefire Proposals', url: 'https://example.org/a' },
      flags: ['negation'],
      line: 3,
      column: 2,
    });
    expect(a!.sources).toHaveLength(2);
    expect(u).toMatchObject({ verdict: 'unverified', quoteId: null, speaker: null, date: null, source: null });
  });

  it('exits 1 on altered or misattributed, 0 otherwise, 2 when a file could not be checked', () => {
    const make = (files: FileReport[]): Report => ({ corpus: { path: 'c', from: 'c (from --corpus)', name: 'c', quotes: 1 }, files, summary: summarize(files) });
    expect(exitCode(make([fileReport([unverified])]))).toBe(0);
    expect(exitCode(make([fileReport([altered])]))).toBe(1);
    expect(exitCode(make([fileReport([altered]), { path: 'x', format: null, error: 'cannot read', findings: [] }]))).toBe(2);
    expect(summarize([fileReport([altered, unverified])]).verdicts).toEqual({ verified: 0, altered: 1, misattributed: 0, variant: 0, unverified: 1 });
  });
});

describe('human report', () => {
  it('writes the diff as [-removed-] {+added+} without colour', () => {
    expect(formatDiff([{ op: 'equal', text: 'we will' }, { op: 'delete', text: 'not' }, { op: 'insert', text: 'never' }, { op: 'equal', text: 'respond' }], PLAIN)).toBe(
      'we will [-not-] {+never+} respond',
    );
  });

  it('marks removed and added words by more than colour when colour is on', () => {
    const out = formatDiff([{ op: 'delete', text: 'not' }, { op: 'insert', text: 'never' }], COLOUR);
    expect(out).toContain('\x1b[9mnot'); // strike-through
    expect(out).toContain('\x1b[4mnever'); // underline
  });

  it('writes dates no more precisely than the corpus knows them', () => {
    expect(formatDate('2025-12-16', 'day')).toBe('Tuesday, 16 December 2025');
    expect(formatDate('2024-12-13', 'day')).toBe('Friday, 13 December 2024');
    expect(formatDate('2024-12-13', 'month')).toBe('December 2024');
    expect(formatDate('2024-12', 'month')).toBe('December 2024');
    expect(formatDate('2024', 'year')).toBe('2024');
  });

  it('shows verdict, page wording, diff, flags, speaker, date and source for each finding', () => {
    const out = formatFile(fileReport([altered, unverified]), PLAIN);
    expect(out).toContain('news/story.md\n');
    expect(out).toContain('≠ ALTERED line 3:2');
    expect(out).toContain('“We have only seen newspaper articles so far, and we will respond to them.”');
    expect(out).toContain('We have only seen newspaper articles so far, and we will [-not-] respond to them.');
    expect(out).toContain('negation (a negation was added or removed)');
    expect(out).toContain('Dmitry Peskov, Kremlin spokesman');
    expect(out).toContain('Tuesday, 16 December 2025');
    expect(out).toContain('Kremlin Rejects Ceasefire Proposals — Intinsight — https://example.org/a#:~:text=We%20have');
    expect(out).toContain('1 other source');
    expect(out).toContain('? unverified line 3:2  “Christmas truce”');
    expect(out).not.toContain('\x1b[');
  });

  it('ends with a summary of files and verdicts', () => {
    const files = [fileReport([altered, unverified]), { path: 'gone.html', format: null, error: 'cannot read: no such file or directory', findings: [] }];
    const report: Report = { corpus: { path: 'c.json', from: 'c.json (from --corpus)', name: 'Seeds', quotes: 5 }, files, summary: summarize(files) };
    expect(formatSummary(report, PLAIN)).toBe('2 files, 1 could not be checked: 0 verified, 1 altered, 0 misattributed, 1 unverified (corpus: Seeds, 5 quotes)\n');
    expect(formatFile(files[1]!, PLAIN)).toContain('error: cannot read: no such file or directory');
  });

  it('uses colour only on a terminal, never with NO_COLOR', () => {
    expect(wantsColour(true, {})).toBe(true);
    expect(wantsColour(false, {})).toBe(false);
    expect(wantsColour(undefined, {})).toBe(false);
    expect(wantsColour(true, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour(true, { TERM: 'dumb' })).toBe(false);
    expect(wantsColour(false, { FORCE_COLOR: '1' })).toBe(true);
    expect(wantsColour(false, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
  });
});

describe('terminal safety', () => {
  it('prints escape sequences, bidi controls and carriage returns from the article and the file name escaped', () => {
    const hidden: Finding = { ...altered, text: 'We have only seen \u001b[8mnewspaper\u001b[0m articles \u202Eso far\r, and we will respond to them.' };
    const file = { ...fileReport([hidden, { ...unverified, text: 'truce \u001b[2J' }]), path: 'news/\u001b]0;title\u0007story.md' };
    for (const style of [PLAIN, COLOUR]) {
      const out = formatFile(file, style);
      // Only the style's own colour codes (ESC [ digits m) may remain.
      expect(out.replace(/\x1b\[\d+m/g, '')).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
      expect(out).toContain('\\u001b[8mnewspaper\\u001b[0m');
      expect(out).toContain('\\u202e');
      expect(out).toContain('news/\\u001b]0;title\\u0007story.md');
      expect(out).toContain('truce \\u001b[2J');
    }
  });
});
