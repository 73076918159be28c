/**
 * A tiny static HTTP server on 127.0.0.1 that is also the browsers' only way out.
 *
 * Both browsers are launched with this server as their HTTP(S) proxy, loopback
 * included, so every request a browser sends over the network arrives here: page
 * loads of our own test pages (served from disk) and anything else (recorded as
 * `outbound` and refused, never forwarded). That record is the proof that the
 * extension works offline and sends nothing anywhere.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tests/e2e/harness -> ../../..). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Test pages written for the e2e tests, served at `/`. */
export const pagesDir = path.join(repoRoot, 'tests/e2e/pages');

export interface Mount {
  /** URL prefix, e.g. `/peer/`. Must start and end with `/`. */
  prefix: string;
  /** Directory, absolute or relative to the repository root (e.g. `../shared/peer-pages`). */
  dir: string;
}

export interface RecordedRequest {
  method: string;
  /** Absolute URL as the browser asked for it (`host:port` for CONNECT). */
  url: string;
  /** `host:port` the request was meant for. */
  host: string;
  /** True when the request was for this server itself (a page load); false when it was headed elsewhere. */
  local: boolean;
  /** HTTP status this server answered with. */
  status: number;
  /** Milliseconds since the server started. */
  at: number;
}

export interface TestServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly origin: string;
  readonly port: number;
  /** Absolute URL of a served path: `url('smoke.html')` -> `http://127.0.0.1:PORT/smoke.html`. */
  url(pathname: string): string;
  /** Every request received so far, in order (a copy). */
  requests(): RecordedRequest[];
  /** Requests that were headed anywhere but this server, i.e. that tried to leave the machine. */
  outbound(): RecordedRequest[];
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Starts the server on a random port of 127.0.0.1. `tests/e2e/pages` is served at `/`;
 * `mounts` add more directories under their own prefixes. A mount whose directory does
 * not exist is an error, so a test never silently serves 404s.
 */
export async function startServer(options: { mounts?: Mount[] } = {}): Promise<TestServer> {
  const mounts = [...(options.mounts ?? []), { prefix: '/', dir: pagesDir }].map((m) => {
    if (!m.prefix.startsWith('/') || !m.prefix.endsWith('/')) {
      throw new Error(`Mount prefix must start and end with "/": ${m.prefix}`);
    }
    return { prefix: m.prefix, dir: path.resolve(repoRoot, m.dir) };
  });
  for (const m of mounts) {
    const s = await stat(m.dir).catch(() => undefined);
    if (!s?.isDirectory()) throw new Error(`Test server: directory to serve at ${m.prefix} not found: ${m.dir}`);
  }
  // Longest prefix first, so `/peer/x` is not looked up under `/`.
  mounts.sort((a, b) => b.prefix.length - a.prefix.length);

  const started = Date.now();
  const log: RecordedRequest[] = [];
  let self = '';
  const record = (entry: Omit<RecordedRequest, 'at'>): void => {
    log.push({ ...entry, at: Date.now() - started });
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      record({ method: req.method ?? 'GET', url: req.url ?? '', host: req.headers.host ?? '', local: true, status: 500 });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String(error));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    // Through a proxy the request line holds an absolute URL; directly, only a path.
    const target = new URL(req.url ?? '/', `http://${req.headers.host ?? self}`);
    const local = target.host === self;
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void => {
      record({ method, url: target.href, host: target.host, local, status });
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(method === 'HEAD' ? undefined : body);
    };
    req.resume();
    if (!local) return send(403, 'The e2e proxy refuses every request that would leave the machine.');
    if (method !== 'GET' && method !== 'HEAD') return send(405, 'Method not allowed');
    const file = resolveFile(decodeURIComponent(target.pathname));
    if (file === undefined) return send(404, 'Not found');
    const body = await readFile(file).catch(() => undefined);
    if (body === undefined) return send(404, 'Not found');
    return send(200, body, contentType(file));
  }

  function resolveFile(pathname: string): string | undefined {
    const mount = mounts.find((m) => pathname.startsWith(m.prefix));
    if (mount === undefined) return undefined;
    let rel = pathname.slice(mount.prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(mount.dir, rel);
    // No escaping the served directory with `..`.
    if (file !== mount.dir && !file.startsWith(mount.dir + path.sep)) return undefined;
    return file;
  }

  // HTTPS through a proxy starts with CONNECT: nothing may tunnel out.
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    const host = req.url ?? '';
    record({ method: 'CONNECT', url: host, host, local: host === self, status: 403 });
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  // Refused tunnels and browsers closing sockets must not crash the test run.
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  self = `127.0.0.1:${port}`;
  const origin = `http://${self}`;

  return {
    origin,
    port,
    url: (pathname) => new URL(pathname.replace(/^\/*/, '/'), origin).href,
    requests: () => log.map((r) => ({ ...r })),
    outbound: () => log.filter((r) => !r.local).map((r) => ({ ...r })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
