/** Shared by the page tests: a stand-in engine and a scanner over it, a comparable view of a collection, a seeded generator. */
import { vi } from 'vitest';
import type { Finding } from '../../../src/match/types';
import type { CollectedText } from '../../../src/page/collect-text';
import { textSegmentsIn } from '../../../src/page/ranges';
import { startScanner, type ScanOutcome } from '../../../src/page/scanner';

/** A stand-in engine: finds the given wordings verbatim. The real engine is tested in src/match. */
export function wordingEngine(wordings: string[]) {
  const calls: string[] = [];
  const match = vi.fn(async (text: string) => {
    calls.push(text);
    const findings: Finding[] = [];
    for (const wording of wordings) {
      for (let at = text.indexOf(wording); at >= 0; at = text.indexOf(wording, at + 1)) {
        findings.push({ verdict: 'verified', quoteId: `q_${wording.length}`, score: 1, start: at, end: at + wording.length, text: wording, diff: [], flags: [] });
      }
    }
    return { findings };
  });
  return { match, calls };
}

export type Outcome = ScanOutcome<{ findings: Finding[] }>;

/** A scanner over `document` with the stand-in engine: at once, no idle wait, no yielding to a real page. */
export function startWordingScanner(wordings: string[], extra: { skipElement?: (el: Element) => boolean; match?: (text: string, extra?: { unjudged: unknown[] }) => Promise<{ findings: Finding[] }> } = {}) {
  const engine = wordingEngine(wordings);
  const outcomes: Outcome[] = [];
  const controller = new AbortController();
  const scanner = startScanner({
    root: document,
    signal: controller.signal,
    match: extra.match ?? engine.match,
    onScan: (o) => outcomes.push(o),
    skipElement: extra.skipElement,
    whenIdle: (cb) => cb(),
    now: () => Date.now(),
    yieldToPage: () => Promise.resolve(),
  });
  return { scanner, engine, outcomes, controller };
}

/** A collection as plain data: its text, its text nodes at their offsets (listed, for plain blocks), generated text, unjudged spans. */
export function comparableCollection(c: CollectedText) {
  return {
    text: c.text,
    segments: (textSegmentsIn(c, 0, c.text.length) ?? []).map((s) => [s.node, s.start, s.end]),
    generated: c.generated.map((g) => [g.element, g.kind, g.start, g.end]),
    unjudged: c.unjudged,
    truncated: c.truncated,
  };
}

/** A seeded generator, so a failure can be replayed. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}
