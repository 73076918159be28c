/**
 * The content script runs in every frame of every page the reader opens: its size is
 * paid on each one (parse and compile). This checks the store builds' content script,
 * gzip -9, against a budget.
 *
 * Issue 16 asks for 22 kB; not met (docs/benchmarks.md, "Bundle sizes"): the quote card's
 * UI (Preact, the card and its stylesheet, the meaning sentence) is about 40% of the
 * script before compression, and loading it only when a card opens needs a web-accessible
 * file (which a page can probe) or the `scripting` permission. Until then the budget holds the line
 * where it is, so growth is a decision, not an accident.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildFolder, type BuildTarget } from './harness/extension.ts';

/** Issue 16's goal, gzip -9 bytes. */
const CONTENT_SCRIPT_GOAL_BYTES = 22_000;
/** What the store build may weigh now (gzip -9 bytes): measured 43.6-43.7 kB on 2026-12-07, plus 4% headroom. */
const CONTENT_SCRIPT_BUDGET_BYTES = 45_000;

const TARGETS: BuildTarget[] = ['chrome-mv3', 'firefox-mv2'];

describe('content script size (store builds)', () => {
  for (const target of TARGETS) {
    it(`${target}: content-scripts/content.js within ${CONTENT_SCRIPT_BUDGET_BYTES} bytes gzip -9`, () => {
      const file = path.join(buildFolder(target, 'store'), 'content-scripts/content.js');
      if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build:${target.startsWith('chrome') ? 'chrome' : 'firefox'}\` first`);
      const raw = readFileSync(file);
      const gzipped = gzipSync(raw, { level: 9 }).length;
      console.log(`${target} content script: ${raw.length} bytes, ${gzipped} gzip -9 (budget ${CONTENT_SCRIPT_BUDGET_BYTES}, goal ${CONTENT_SCRIPT_GOAL_BYTES})`);
      expect(gzipped).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_BYTES);
    });
  }
});
