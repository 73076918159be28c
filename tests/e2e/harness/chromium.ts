/**
 * The built Chrome MV3 extension in real headless Chromium, driven by Playwright.
 *
 * Headless: Playwright's `headless: true` passes `--headless`, which since Chromium 132
 * is the new headless mode (the full browser without a window) and loads unpacked
 * extensions; the old headless shell, which could not, is a separate binary we never use.
 *
 * Network: the browser's only route out is the test server acting as its proxy, loopback
 * included (`<-loopback>`), so the server sees every request the browser sends. The
 * browser's own Google services (sign-in, component updates) are pointed at a sink host,
 * `browser-services.invalid`, by switches only the browser reads; what is left over is
 * what pages and extension contexts sent. Playwright's request events add who sent each
 * request (a page frame, an extension page, the extension's service worker).
 */
import { chromium, type BrowserContext, type Frame, type Page, type Request, type Worker } from 'playwright-core';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { builtExtension, type BuildKind, type BuiltExtension } from './extension.ts';
import { installProbe, pageScript, readProbe, readyCount, type ProbeState } from './probe.ts';
import type { TestServer } from './server.ts';
import type { WxtBrowser } from 'wxt/browser';

/**
 * The type of `chrome` inside `evaluateInServiceWorker` callbacks. Declare it where you
 * need it: `declare const chrome: ExtensionApi;` (module scope, test files only).
 */
export type ExtensionApi = WxtBrowser;

/** Host the browser's own Google-service traffic is redirected to (RFC 2606: never resolves). */
export const BROWSER_SERVICES_SINK = 'browser-services.invalid';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const DEFAULT_READY_TIMEOUT_MS = 15_000;
const SERVICE_WORKER_TIMEOUT_MS = 15_000;
/** How long the extension may take to open its first-run tab after its worker started. */
const FIRST_RUN_TIMEOUT_MS = 15_000;

export type RequestSource = 'page' | 'extension-page' | 'service-worker';

export interface NetworkEntry {
  method: string;
  url: string;
  source: RequestSource;
  /** URL of the frame or worker that sent it, as known when the request started. */
  sender: string;
}

export interface ChromiumSession {
  readonly browserName: 'chromium';
  readonly context: BrowserContext;
  readonly extension: BuiltExtension;
  /** The extension's id, read from its service worker's URL. */
  readonly extensionId: string;
  readonly server: TestServer;
  /** `chrome-extension://ID/<path>`, e.g. for an extension page. */
  extensionUrl(pathname: string): string;
  /** The extension's running service worker (waits for it when it is restarting). */
  serviceWorker(): Promise<Worker>;
  /** Runs `fn` in the extension's service worker, where `chrome.*` is available. */
  evaluateInServiceWorker<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Opens a new tab at a server path (`smoke.html`) or an absolute URL, and waits for `load`. */
  openPage(pathOrUrl: string): Promise<Page>;
  /** Waits until the frame saw `count` `quote-verifier:ready` events; returns every detail so far. */
  waitForReady(target: Page | Frame, options?: { count?: number; timeoutMs?: number }): Promise<unknown[]>;
  /** The probe's record for a page or frame: ready details, DOM after parsing, DOM now. */
  probe(target: Page | Frame): Promise<ProbeState>;
  /** Every request Playwright saw from any page, frame or worker of the browser, in order. */
  requests(): NetworkEntry[];
  /**
   * Requests that broke the offline rule, as readable lines (empty when none):
   * a page, extension page or service worker asked for anything but this test server,
   * the extension's own files, `data:`/`blob:`/`about:` URLs; or the proxy saw any
   * request for another host, except the browser's own services at the sink.
   */
  unexpectedRequests(): string[];
  close(): Promise<void>;
}

export interface ChromiumOptions {
  server: TestServer;
  /** Unpacked extension; default: the test build `.output/test/chrome-mv3` (an error when missing). */
  extensionDir?: string;
  /** Without `extensionDir`: `store` loads what ships (`.output/chrome-mv3`, no page events) instead of the test build. */
  build?: BuildKind;
  /** Default: `$CHROMIUM_PATH`, else /usr/bin/chromium. */
  executablePath?: string;
  /** More command-line switches, e.g. `--lang=uk` (the UI language the extension's catalogues follow). */
  args?: string[];
  /**
   * Keep the first-run tab the extension opens on install. By default the session waits
   * for it and closes it: left open, it raced the test's page for the "active tab" that
   * tests ask `tabs.query({ active: true })` for (hostile-card read an empty popup once).
   */
  keepFirstRun?: boolean;
}

export function chromiumPath(explicit?: string): string {
  const exe = explicit ?? process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
  if (!existsSync(exe)) {
    throw new Error(`Chromium not found at ${exe}. Install Debian's \`chromium\` or set CHROMIUM_PATH.`);
  }
  return exe;
}

export async function launchChromium(options: ChromiumOptions): Promise<ChromiumSession> {
  const extension = builtExtension('chrome-mv3', options.extensionDir, options.build);
  const executablePath = chromiumPath(options.executablePath);
  const { server } = options;
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'qv-e2e-chromium-'));
  await seedProfile(userDataDir);
  const sink = `http://${BROWSER_SERVICES_SINK}/`;

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      headless: true,
      executablePath,
      proxy: { server: server.origin, bypass: '<-loopback>' },
      args: [
        `--disable-extensions-except=${extension.dir}`,
        `--load-extension=${extension.dir}`,
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-gpu',
        // We run as root in CI containers, where the sandbox cannot start.
        '--no-sandbox',
        // The browser's own Google services, sent to the sink instead of Google.
        `--gaia-url=${sink}`,
        `--google-apis-url=${sink}`,
        `--lso-url=${sink}`,
        `--google-base-url=${sink}`,
        `--component-updater=url-source=${sink}update`,
        // Pages with forms make Chromium ask its autofill server about the fields.
        `--autofill-server-url=${sink}autofill/`,
        `--variations-server-url=${sink}variations`,
        `--sync-url=${sink}sync`,
        `--optimization-guide-service-get-hints-url=${sink}hints`,
        `--optimization-guide-service-get-models-url=${sink}models`,
        `--translate-script-url=${sink}translate.js`,
        ...(options.args ?? []),
      ],
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }

  const log: NetworkEntry[] = [];
  context.on('request', (request) => log.push(describe(request)));
  await context.addInitScript({ content: pageScript(installProbe) });

  const isOurWorker = (w: Worker): boolean => w.url().startsWith('chrome-extension://');
  const firstWorker =
    context.serviceWorkers().find(isOurWorker) ??
    (await context
      .waitForEvent('serviceworker', { predicate: isOurWorker, timeout: SERVICE_WORKER_TIMEOUT_MS })
      .catch(async (error: unknown) => {
        await context.close();
        await rm(userDataDir, { recursive: true, force: true });
        throw new Error(`The extension's service worker did not start within ${SERVICE_WORKER_TIMEOUT_MS} ms: ${String(error)}`);
      }));
  const extensionId = new URL(firstWorker.url()).host;
  const extensionOrigin = `chrome-extension://${extensionId}/`;

  // A fresh profile is an install: the extension opens its first-run page (src/platform/first-run.ts).
  const firstRunUrl = `${extensionOrigin}welcome.html`;
  const firstRunDeadline = Date.now() + FIRST_RUN_TIMEOUT_MS;
  let firstRun = context.pages().find((p) => p.url() === firstRunUrl);
  while (firstRun === undefined) {
    if (Date.now() > firstRunDeadline) {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
      throw new Error(`The extension did not open its first-run page (${firstRunUrl}) within ${FIRST_RUN_TIMEOUT_MS} ms of its install`);
    }
    await new Promise((r) => setTimeout(r, 50));
    firstRun = context.pages().find((p) => p.url() === firstRunUrl);
  }
  if (!options.keepFirstRun) await firstRun.close();

  async function serviceWorker(): Promise<Worker> {
    const running = context.serviceWorkers().find((w) => w.url().startsWith(extensionOrigin));
    if (running !== undefined) return running;
    return context.waitForEvent('serviceworker', {
      predicate: (w) => w.url().startsWith(extensionOrigin),
      timeout: SERVICE_WORKER_TIMEOUT_MS,
    });
  }

  const allowed = (url: string): boolean =>
    url.startsWith(`${server.origin}/`) ||
    url.startsWith(extensionOrigin) ||
    url.startsWith('data:') ||
    url.startsWith('blob:') ||
    url.startsWith('about:');

  let closed = false;
  return {
    browserName: 'chromium',
    context,
    extension,
    extensionId,
    server,
    extensionUrl: (pathname) => new URL(pathname.replace(/^\/*/, ''), extensionOrigin).href,
    serviceWorker,
    async evaluateInServiceWorker<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
      const worker = await serviceWorker();
      return worker.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown);
    },
    async openPage(pathOrUrl) {
      const page = await context.newPage();
      const url = /^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl) ? pathOrUrl : server.url(pathOrUrl);
      const response = await page.goto(url, { waitUntil: 'load' });
      if (response !== null && !response.ok()) throw new Error(`Opening ${url} failed: HTTP ${response.status()}`);
      return page;
    },
    waitForReady: (target, opts = {}) => waitForReady(target, opts.count ?? 1, opts.timeoutMs ?? DEFAULT_READY_TIMEOUT_MS),
    probe: (target) => readProbeIn(target),
    requests: () => log.map((e) => ({ ...e })),
    unexpectedRequests() {
      const fromContexts = log
        .filter((e) => !allowed(e.url))
        .map((e) => `${e.source} ${e.sender} -> ${e.method} ${e.url}`);
      const throughProxy = server
        .outbound()
        .filter((r) => r.host !== BROWSER_SERVICES_SINK && !r.host.startsWith(`${BROWSER_SERVICES_SINK}:`))
        .map((r) => `left the browser (seen by the proxy) -> ${r.method} ${r.url}`);
      return [...fromContexts, ...throughProxy];
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await context.close();
      } finally {
        await rm(userDataDir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Profile preferences for services no switch redirects: spell checking downloads its
 * dictionaries from a fixed Google URL as soon as a page has a textarea or a
 * contenteditable region.
 */
async function seedProfile(userDataDir: string): Promise<void> {
  const preferences = {
    browser: { enable_spellchecking: false },
    spellcheck: { dictionaries: [], dictionary: '', forced_dictionaries: [], use_spelling_service: false },
    autofill: { profile_enabled: false, credit_card_enabled: false },
  };
  await mkdir(path.join(userDataDir, 'Default'), { recursive: true });
  await writeFile(path.join(userDataDir, 'Default', 'Preferences'), JSON.stringify(preferences));
}

function describe(request: Request): NetworkEntry {
  const worker = request.serviceWorker();
  if (worker !== null) {
    return { method: request.method(), url: request.url(), source: 'service-worker', sender: worker.url() };
  }
  let sender = '';
  try {
    sender = request.frame().url();
  } catch {
    // A request with neither a frame nor a service worker: keep it, unattributed.
  }
  const source: RequestSource = sender.startsWith('chrome-extension://') ? 'extension-page' : 'page';
  return { method: request.method(), url: request.url(), source, sender };
}

async function waitForReady(target: Page | Frame, count: number, timeoutMs: number): Promise<unknown[]> {
  try {
    await target.waitForFunction((n) => window.__qvProbeDocument === document && (window.__qvReady?.length ?? 0) >= n, count, { timeout: timeoutMs, polling: 50 });
  } catch {
    const seen = await (target.evaluate(pageScript(readyCount)) as Promise<number>).catch(() => -1);
    throw new Error(
      `The content script did not announce quote-verifier:ready ${count} time(s) within ${timeoutMs} ms on ${target.url()} ` +
        `(seen: ${seen === -1 ? 'probe missing' : seen}).`,
    );
  }
  return (await readProbeIn(target)).ready;
}

function readProbeIn(target: Page | Frame): Promise<ProbeState> {
  return target.evaluate(pageScript(readProbe)) as Promise<ProbeState>;
}
