/**
 * axe-core on a page of the real browser: the options page, the popup, the side panel.
 *
 * Works with a Playwright page (Chromium) and a puppeteer page (Firefox): both can
 * evaluate a string. The script is evaluated, not added as a <script> tag, because the
 * extension's pages forbid inline scripts (their CSP is `script-src 'self'`), and
 * DevTools/BiDi evaluation is not subject to the page's CSP.
 *
 *   const violations = await runAxe(page);
 *   expect(violations, formatViolations(violations)).toEqual([]);
 *
 * Colour contrast is checked on the colours as rendered, so run it once per colour scheme
 * (Playwright: `page.emulateMedia({ colorScheme })`).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults, Result, RunOptions } from 'axe-core';

/** What both Playwright's and puppeteer's Page (and Frame) offer. */
export interface AxeTarget {
  evaluate(script: string): Promise<unknown>;
}

export type AxeViolation = Pick<Result, 'id' | 'impact' | 'help' | 'helpUrl'> & {
  /** Each failing element: its selector and axe's summary of what to fix. */
  nodes: { target: string; summary: string }[];
};

export interface AxeOptions {
  /** A CSS selector to test instead of the whole document. */
  include?: string;
  /** axe's run options; default: every rule axe enables by default, violations only. */
  run?: RunOptions;
}

let source: Promise<string> | undefined;

/** axe.min.js from node_modules, read once per test file. */
function axeSource(): Promise<string> {
  source ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return source;
}

/** Injects axe (once per document) and runs it; returns the violations, empty when none. */
export async function runAxe(target: AxeTarget, options: AxeOptions = {}): Promise<AxeViolation[]> {
  const present = await target.evaluate('typeof window.axe === "object" && typeof window.axe.run === "function"');
  if (present !== true) {
    // `;0` so the evaluation's value is a number, not axe's module object.
    await target.evaluate(`${await axeSource()}\n;0`);
  }
  const run: RunOptions = { resultTypes: ['violations'], ...options.run };
  const context = options.include === undefined ? 'document' : JSON.stringify({ include: [options.include] });
  // JSON round trip: the results hold DOM references that cannot cross back to Node.
  const json = (await target.evaluate(
    `window.axe.run(${context}, ${JSON.stringify(run)}).then((r) => JSON.stringify(r.violations))`,
  )) as string;
  const violations = JSON.parse(json) as AxeResults['violations'];
  return violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), summary: n.failureSummary ?? '' })),
  }));
}

/** Readable lines for an assertion message ("" when there are none). */
export function formatViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => [`${v.id} (${v.impact ?? 'n/a'}): ${v.help}`, ...v.nodes.map((n) => `  ${n.target}: ${n.summary.replace(/\s+/g, ' ')}`)].join('\n'))
    .join('\n');
}
