/**
 * Firefox: reading CLOSED shadow roots from the test driver, over WebDriver BiDi, where
 * page script has no reach. `script.evaluate` with `serializationOptions.includeShadowTree:
 * "all"` serializes a host's closed shadow root as a remote reference (a `sharedId`), and
 * `script.callFunction` runs a function with that root as `this`, in a sandbox realm (so
 * anything the page did to DOM prototypes does not apply). The counterpart of the DevTools
 * protocol's `DOM.getDocument({ pierce: true })` in Chromium.
 */
import type { Browser, Page } from 'puppeteer-core';

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: BidiResult }>;
}
interface RemoteValue {
  type: string;
  sharedId?: string;
  value?: unknown;
}
type BidiResult = { type: 'success'; result: RemoteValue } | { type: 'exception'; exceptionDetails: { text: string } };
interface NodeValue {
  localName?: string;
  shadowRoot?: (RemoteValue & { value?: { mode?: string } }) | null;
}

/** The sandbox realm the driver's functions run in. */
const SANDBOX = 'qv-test-driver';

function unwrap(answer: { result: BidiResult }, what: string): RemoteValue {
  const r = answer.result;
  if (r.type !== 'success') throw new Error(`${what}: ${r.exceptionDetails.text}`);
  return r.result;
}

/**
 * Runs `fn` (a function declaration whose `this` is the shadow root; it returns a string,
 * e.g. JSON) on every closed shadow root of an element in the page's top document, and
 * returns what each returned, in document order. Empty when there is none.
 */
export async function inClosedShadowRoots(browser: Browser, page: Page, fn: string): Promise<string[]> {
  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  const context = (page.mainFrame() as unknown as { _id?: string })._id;
  if (!connection || !context) throw new Error('puppeteer no longer exposes its BiDi connection or the frame’s context id; update tests/e2e/harness/bidi-shadow.ts');
  const target = { context, sandbox: SANDBOX };
  const all = unwrap(
    await connection.send('script.evaluate', {
      expression: `Array.from(document.querySelectorAll('*'))`,
      target,
      awaitPromise: false,
      resultOwnership: 'none',
      serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0, maxObjectDepth: 1 },
    }),
    'Listing the page’s elements',
  );
  const roots = ((all.value as RemoteValue[] | undefined) ?? [])
    .map((n) => (n.value as NodeValue | undefined)?.shadowRoot)
    .filter((s): s is RemoteValue & { value?: { mode?: string } } => !!s && s.value?.mode === 'closed' && !!s.sharedId);
  const out: string[] = [];
  for (const root of roots) {
    const value = unwrap(
      await connection.send('script.callFunction', {
        functionDeclaration: fn,
        this: { sharedId: root.sharedId },
        target,
        awaitPromise: true,
        resultOwnership: 'none',
      }),
      'Reading a closed shadow root',
    );
    if (value.type !== 'string') throw new Error(`The function on a closed shadow root returned ${value.type}, not a string`);
    out.push(value.value as string);
  }
  return out;
}
