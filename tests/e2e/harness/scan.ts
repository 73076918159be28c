/**
 * Reading the content script's findings the way a page would: a
 * `quote-verifier:query` event on the document is answered synchronously with a
 * `quote-verifier:scanned` event whose detail is a JSON string
 * {"findings":[{verdict,quoteId,text}], ...} (docs/architecture.md).
 */
export interface ScannedFinding {
  verdict: string;
  quoteId?: string | null;
  text: string;
  /** The finding's flags (e.g. `rendering`), where the build reports them. */
  flags?: string[];
}

/** Page-world expression: the last scan's detail string, or null before the first scan. */
export const LAST_SCAN = `(() => {
  let detail = null;
  const listen = (event) => { detail = event.detail; };
  document.addEventListener('quote-verifier:scanned', listen);
  document.dispatchEvent(new CustomEvent('quote-verifier:query'));
  document.removeEventListener('quote-verifier:scanned', listen);
  return typeof detail === 'string' ? detail : null;
})()`;

const POLL_MS = 50;

/**
 * Polls the last scan until `done` accepts its findings and returns them; after
 * `timeoutMs` it throws with what it last saw.
 */
export async function waitForScan(
  evaluate: (expression: string) => Promise<unknown>,
  done: (findings: ScannedFinding[]) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<ScannedFinding[]> {
  const deadline = Date.now() + timeoutMs;
  let last: ScannedFinding[] | undefined;
  for (;;) {
    const detail = (await evaluate(LAST_SCAN)) as string | null;
    if (detail !== null) {
      last = (JSON.parse(detail) as { findings: ScannedFinding[] }).findings;
      if (done(last)) return last;
    }
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; last findings: ${JSON.stringify(last ?? null)}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
