/**
 * The built Firefox MV2 extension in real headless Firefox, driven by puppeteer-core
 * over WebDriver BiDi (no geckodriver). The extension is installed as a temporary
 * add-on with `browser.installExtension`.
 *
 * Network: as in Chromium, the test server is the browser's proxy, loopback included,
 * so it sees every request Firefox sends. The preferences below switch off the
 * services that call home; with them, the proxy sees only our page loads, and the
 * smoke test asserts exactly that. BiDi cannot see inside the extension's background
 * page, so in Firefox the proxy's record is the evidence.
 */
import puppeteer, { type Browser, type Frame, type HTTPRequest, type Page } from 'puppeteer-core';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { builtExtension, type BuildKind, type BuiltExtension } from './extension.ts';
import { installProbe, pageScript, readProbe, readyCount, type ProbeState } from './probe.ts';
import type { TestServer } from './server.ts';

const DEFAULT_FIREFOX = '/usr/bin/firefox-esr';
const DEFAULT_READY_TIMEOUT_MS = 15_000;

/** Preferences that stop Firefox from calling home (on top of puppeteer's own defaults). */
export function quietFirefoxPrefs(proxyPort: number): Record<string, unknown> {
  return {
    // Every request goes through the test server, 127.0.0.1 included.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': true,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    // Remote settings (blocklists, etc.): a data: URL fetches nothing. Release builds
    // only honour this pref with MOZ_REMOTE_SETTINGS_DEVTOOLS=1 (set at launch).
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    // Telemetry and data reporting.
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': '',
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'browser.ping-centre.telemetry': false,
    'browser.newtabpage.activity-stream.feeds.telemetry': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    // Updates of the browser, add-ons, system add-ons, search engines.
    'app.update.auto': false,
    'app.update.enabled': false,
    'extensions.update.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.blocklist.enabled': false,
    'browser.search.update': false,
    'browser.region.update.enabled': false,
    'browser.region.network.url': '',
    // Captive portal and connectivity checks.
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    // Safe Browsing lists.
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.provider.google.updateURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    // Studies (Normandy, Shield).
    'app.normandy.enabled': false,
    'app.normandy.api_url': '',
    'app.shield.optoutstudies.enabled': false,
    // Push, new-tab content, media plugins, speculative connections, prefetching.
    'dom.push.enabled': false,
    'dom.push.connection.enabled': false,
    'browser.newtabpage.activity-stream.feeds.system.topstories': false,
    'browser.newtabpage.activity-stream.feeds.section.topstories': false,
    'browser.topsites.contile.enabled': false,
    'media.gmp-manager.updateEnabled': false,
    'media.gmp-gmpopenh264.enabled': false,
    'network.http.speculative-parallel-limit': 0,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'identity.fxaccounts.enabled': false,
  };
}

export interface FirefoxSession {
  readonly browserName: 'firefox';
  readonly browser: Browser;
  readonly extension: BuiltExtension;
  /** The add-on id (from the manifest's browser_specific_settings). */
  readonly addonId: string;
  /**
   * `moz-extension://UUID/<path>`, e.g. for the options page. Firefox gives each add-on a
   * random UUID per profile; the harness chooses it up front (the `extensions.webextensions.uuids`
   * preference, read when the add-on is installed), so tests know it.
   */
  extensionUrl(pathname: string): string;
  /**
   * Opens one of the extension's pages in a new tab and waits until it has loaded
   * (needs `extensionPages: true`). puppeteer's own goto loses track of the tab when
   * Firefox moves it into the extension process, so this polls the page instead.
   */
  openExtensionPage(pathname: string, options?: { timeoutMs?: number }): Promise<Page>;
  readonly server: TestServer;
  /** Opens a new tab at a server path (`smoke.html`) or an absolute URL, and waits for `load`. */
  openPage(pathOrUrl: string): Promise<Page>;
  /** Waits until the frame saw `count` `quote-verifier:ready` events; returns every detail so far. */
  waitForReady(target: Page | Frame, options?: { count?: number; timeoutMs?: number }): Promise<unknown[]>;
  /** The probe's record for a page or frame: ready details, DOM after parsing, DOM now. */
  probe(target: Page | Frame): Promise<ProbeState>;
  /** Requests BiDi saw from the tabs this session opened (not the extension's background). */
  requests(): { method: string; url: string; sender: string }[];
  /**
   * Requests that broke the offline rule, as readable lines (empty when none): a tab
   * asked for anything but the test server, the extension's files or local URLs, or
   * the proxy saw a request for any other host.
   */
  unexpectedRequests(): string[];
  close(): Promise<void>;
}

export interface FirefoxOptions {
  server: TestServer;
  /** Unpacked extension; default: the test build `.output/test/firefox-mv2` (an error when missing). */
  extensionDir?: string;
  /** Without `extensionDir`: `store` loads what ships (`.output/firefox-mv2`, no page events) instead of the test build. */
  build?: BuildKind;
  /** Default: `$FIREFOX_PATH`, else /usr/bin/firefox-esr. */
  executablePath?: string;
  /**
   * Let the test navigate tabs to the extension's own pages (`extensionUrl`). Firefox 153+
   * refuses WebDriver navigation to moz-extension:// URLs unless started with
   * `--remote-allow-system-access`; off by default, so other tests run as before.
   */
  extensionPages?: boolean;
}

export function firefoxPath(explicit?: string): string {
  const exe = explicit ?? process.env.FIREFOX_PATH ?? DEFAULT_FIREFOX;
  if (!existsSync(exe)) {
    throw new Error(`Firefox not found at ${exe}. Install Debian's \`firefox-esr\` or set FIREFOX_PATH.`);
  }
  return exe;
}

export async function launchFirefox(options: FirefoxOptions): Promise<FirefoxSession> {
  const extension = builtExtension('firefox-mv2', options.extensionDir, options.build);
  const { server } = options;
  const geckoId = (extension.manifest.browser_specific_settings as { gecko?: { id?: string } } | undefined)?.gecko?.id;
  const extensionUuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(options.executablePath),
    headless: true,
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    ...(options.extensionPages ? { args: ['--remote-allow-system-access'] } : {}),
    extraPrefsFirefox: {
      ...quietFirefoxPrefs(server.port),
      ...(geckoId ? { 'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: extensionUuid }) } : {}),
    },
  });
  let addonId: string;
  try {
    addonId = await browser.installExtension(extension.dir);
  } catch (error) {
    await browser.close();
    throw new Error(`Firefox refused to install ${extension.dir}: ${String(error)}`);
  }

  const log: { method: string; url: string; sender: string }[] = [];
  const allowed = (url: string): boolean =>
    url.startsWith(`${server.origin}/`) ||
    url.startsWith('moz-extension://') ||
    url.startsWith('data:') ||
    url.startsWith('blob:') ||
    url.startsWith('about:');

  const extensionUrl = (pathname: string): string => {
    if (!geckoId) throw new Error('The built manifest has no browser_specific_settings.gecko.id, so the extension’s UUID is unknown.');
    return new URL(pathname.replace(/^\/*/, ''), `moz-extension://${extensionUuid}/`).href;
  };

  let closed = false;
  return {
    browserName: 'firefox',
    browser,
    extension,
    addonId,
    server,
    extensionUrl,
    async openExtensionPage(pathname, opts = {}) {
      const url = extensionUrl(pathname);
      const page = await browser.newPage();
      // Settles (rejects) when the tab changes process; the poll below is what waits.
      page.goto(url).catch(() => {});
      await waitForLoaded(page, url, opts.timeoutMs ?? DEFAULT_READY_TIMEOUT_MS);
      return page;
    },
    async openPage(pathOrUrl) {
      const page = await browser.newPage();
      page.on('request', (request: HTTPRequest) => {
        log.push({ method: request.method(), url: request.url(), sender: request.frame()?.url() ?? '' });
      });
      await page.evaluateOnNewDocument(pageScript(installProbe));
      const url = /^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl) ? pathOrUrl : server.url(pathOrUrl);
      const response = await page.goto(url, { waitUntil: 'load' });
      if (response !== null && !response.ok()) throw new Error(`Opening ${url} failed: HTTP ${response.status()}`);
      return page;
    },
    async waitForReady(target, opts = {}) {
      const count = opts.count ?? 1;
      const timeout = opts.timeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
      try {
        await target.waitForFunction((n: number) => window.__qvProbeDocument === document && (window.__qvReady?.length ?? 0) >= n, { timeout, polling: 50 }, count);
      } catch {
        const seen = await (target.evaluate(pageScript(readyCount)) as Promise<number>).catch(() => -1);
        throw new Error(
          `The content script did not announce quote-verifier:ready ${count} time(s) within ${timeout} ms on ${target.url()} ` +
            `(seen: ${seen === -1 ? 'probe missing' : seen}).`,
        );
      }
      return (await readProbeIn(target)).ready;
    },
    probe: (target) => readProbeIn(target),
    requests: () => log.map((e) => ({ ...e })),
    unexpectedRequests() {
      const fromTabs = log.filter((e) => !allowed(e.url)).map((e) => `page ${e.sender} -> ${e.method} ${e.url}`);
      const throughProxy = server.outbound().map((r) => `left the browser (seen by the proxy) -> ${r.method} ${r.url}`);
      return [...fromTabs, ...throughProxy];
    },
    async close() {
      if (closed) return;
      closed = true;
      await browser.close();
    },
  };
}

/** Polls until `page` shows `url` fully loaded (or throws after `timeoutMs`). */
export async function waitForLoaded(page: Page, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  for (;;) {
    seen = await page.evaluate(() => `${location.href} ${document.readyState}`).catch((e: unknown) => `(${String(e)})`);
    if (seen === `${url} complete`) return;
    if (Date.now() > deadline) throw new Error(`${url} did not load within ${timeoutMs} ms (last seen: ${seen})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function readProbeIn(target: Page | Frame): Promise<ProbeState> {
  return target.evaluate(pageScript(readProbe)) as Promise<ProbeState>;
}
