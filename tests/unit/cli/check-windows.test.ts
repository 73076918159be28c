/**
 * `check` reads files of any size in windows (src/cli/check/windows.ts): with
 * tiny windows, a quotation across a window edge is still found, exactly once,
 * at its line and column in the file; a hidden HTML ancestor opened in an
 * earlier window still hides; positions in HTML point at the wording.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChecker } from '../../../src/cli/check/engine';
import type { InputFormat } from '../../../src/cli/check/extract';
import { scanFile } from '../../../src/cli/check/scan-file';
import { windows } from '../../../src/cli/check/windows';
import { ROOT } from './run-cli';

const checker = createChecker(JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/check/corpus.json'), 'utf8')), 'fixture');
if (!checker.ok) throw new Error(checker.error);
const GENUINE = 'We have only seen newspaper articles so far, and we will not respond to them. We have not seen any texts yet';
const DOCTORED = GENUINE.replace(' not respond', ' respond');
const FILLER = 'The delegations met again on Thursday to discuss the timetable and agreed to continue next week.';
/** Small enough that the test files make many windows; the context still holds a whole quotation. */
const SIZES = { window: 600, context: 300 };

/** The text in chunks of 97 characters, as a stream delivers it (splits land anywhere). */
async function* chunked(text: string): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += 97) yield text.slice(i, i + 97);
}

async function scan(text: string, format: InputFormat) {
  return scanFile(chunked(text), format, checker as Extract<typeof checker, { ok: true }>, SIZES);
}

/** 1-based line and column of `needle` in `text`. */
function position(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - (before.lastIndexOf('\n') + 1) + 1 };
}

describe('windows', () => {
  it('tile the file: every offset owned by exactly one window, each window within its size plus context', async () => {
    const text = Array.from({ length: 200 }, (_, i) => `${FILLER} (${i})`).join('\n\n');
    const seen: [number, number][] = [];
    for await (const w of windows(chunked(text), 'text', SIZES)) {
      expect(text.slice(w.start, w.start + w.source.length)).toBe(w.source);
      expect(w.source.length).toBeLessThanOrEqual(SIZES.window + 4 * SIZES.context + 200);
      seen.push([w.ownStart, Math.min(w.ownEnd, text.length)]);
    }
    expect(seen.length).toBeGreaterThan(10);
    expect(seen[0]![0]).toBe(0);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBe(seen[i - 1]![1]);
    expect(seen.at(-1)![1]).toBe(text.length);
  });
});

describe('scanFile in windows', () => {
  for (const format of ['text', 'markdown'] as const) {
    it(`${format}: a doctored quotation at every place relative to the window edges is found once, at its line and column`, async () => {
      for (let at = 0; at < 14; at++) {
        const paragraphs = Array.from({ length: 14 }, (_, i) => `${FILLER} (${i})`);
        paragraphs[at] = `Peskov said: “${DOCTORED}.”`;
        const text = paragraphs.join('\n\n') + '\n';
        const { findings, windows: n } = await scan(text, format);
        expect(n).toBeGreaterThan(1);
        const altered = findings.filter((f) => f.verdict === 'altered');
        expect(altered, `paragraph ${at}`).toHaveLength(1);
        expect({ line: altered[0]!.line, column: altered[0]!.column }).toEqual(position(text, 'We have only'));
        expect(text.slice(altered[0]!.fileStart, altered[0]!.fileEnd)).toContain('We have only seen');
      }
    });
  }

  it('html: found once in any window, at its line and column in the file', async () => {
    for (let at = 0; at < 14; at += 3) {
      const paragraphs = Array.from({ length: 14 }, (_, i) => `<p>${FILLER} (${i})</p>`);
      paragraphs[at] = `<p>Peskov said: “We have <em>only</em> seen newspaper articles so far, and we will respond to them. We have not seen any texts yet.”</p>`;
      const html = `<!DOCTYPE html><html><head><title>t</title></head><body><article>\n${paragraphs.join('\n')}\n</article></body></html>\n`;
      const { findings } = await scan(html, 'html');
      const altered = findings.filter((f) => f.verdict === 'altered');
      expect(altered, `paragraph ${at}`).toHaveLength(1);
      expect({ line: altered[0]!.line, column: altered[0]!.column }).toEqual(position(html, 'We have <em>only'));
    }
  });

  it('html: text under a hidden ancestor opened in an earlier window stays hidden', async () => {
    const paragraphs = Array.from({ length: 30 }, (_, i) => `<p>${FILLER} (${i})</p>`);
    const html = `<!DOCTYPE html><html><body><div hidden>\n${paragraphs.join('\n')}\n<p>Peskov said: “${DOCTORED}.”</p></div></body></html>\n`;
    const { findings, windows: n } = await scan(html, 'html');
    expect(n).toBeGreaterThan(2);
    expect(findings).toEqual([]);
  });

  it('html: a hidden element closed in an earlier window hides nothing after it (a fragment, no <body>)', async () => {
    const hidden = Array.from({ length: 12 }, (_, i) => `<p>${FILLER} (hidden ${i})</p>`).join('\n');
    const shown = Array.from({ length: 12 }, (_, i) => `<p>${FILLER} (${i})</p>`).join('\n');
    const html = `<div hidden>\n${hidden}\n</div>\n${shown}\n<p>Peskov said: “${DOCTORED}.”</p>\n`;
    const { findings, windows: n } = await scan(html, 'html');
    expect(n).toBeGreaterThan(2);
    expect(findings.filter((f) => f.verdict === 'altered')).toHaveLength(1);
  });
});
