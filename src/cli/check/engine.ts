/**
 * Adapter between `check` and the engine: the background's engine host
 * (src/host), the very code that answers the content script's scan requests.
 * It validates the corpus with the corpus schema, builds the matcher, and
 * drops findings that name quotes the corpus does not hold; going through it
 * keeps the CLI's findings the extension's findings.
 */
import type { Quote } from '../../corpus/schema';
import { createHost } from '../../host';
import type { Finding } from '../../match/types';
import type { UnjudgedSpan } from '../../match/unjudged';

export type Checker =
  | { ok: false; error: string }
  | {
      ok: true;
      name: string;
      quoteCount: number;
      /** Findings in `text` (never verified over `unjudged` spans), and the corpus records they refer to. */
      scan(text: string, unjudged?: UnjudgedSpan[]): { findings: Finding[]; quotes: ReadonlyMap<string, Quote> };
    };

/** `sourceName` names the corpus file in refusals ("corpus.json is not a valid corpus: ..."). */
export function createChecker(corpusJson: unknown, sourceName: string): Checker {
  const host = createHost(corpusJson, { sourceName });
  const status = host.corpus;
  if (!status.ok) return { ok: false, error: status.error };
  return {
    ok: true,
    name: status.name,
    quoteCount: status.quoteCount,
    scan(text, unjudged) {
      const response = host.scan({ type: 'qv:scan', text, ...(unjudged ? { unjudged } : {}) });
      return { findings: response.findings, quotes: new Map(Object.entries(response.quotes)) };
    },
  };
}
