/**
 * The e2e harness's own checks that need no browser: the test server serves files with
 * the right types, refuses what would leave the machine and records it, and a missing
 * build fails with the command that makes one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contentType, startServer, type TestServer } from './harness/server.ts';
import { builtExtension } from './harness/extension.ts';

interface Reply {
  status: number;
  type: string | undefined;
  body: string;
}

/** A raw HTTP request to the server: `target` is a path, or an absolute URL as a proxy client sends. */
function send(server: TestServer, method: string, target: string, host: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path: target, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(server: TestServer, authority: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method: 'CONNECT', path: authority });
    req.on('connect', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('test server', () => {
  let server: TestServer;
  let extra: string;

  beforeAll(async () => {
    extra = await mkdtemp(path.join(tmpdir(), 'qv-e2e-mount-'));
    await writeFile(path.join(extra, 'index.html'), '<!doctype html><title>mounted</title>');
    await writeFile(path.join(extra, 'data.json'), '{"ok":true}');
    server = await startServer({ mounts: [{ prefix: '/extra/', dir: extra }] });
  });
  afterAll(async () => {
    await server?.close();
    await rm(extra, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and builds URLs from paths', () => {
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.url('smoke.html')).toBe(`${server.origin}/smoke.html`);
    expect(server.url('/a/b.html')).toBe(`${server.origin}/a/b.html`);
  });

  it('serves test pages and mounted folders with their content types', async () => {
    const page = await send(server, 'GET', '/smoke.html', `127.0.0.1:${server.port}`);
    expect(page).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(page.body).toContain('Talks continue');
    const index = await send(server, 'GET', '/extra/', `127.0.0.1:${server.port}`);
    expect(index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', body: '<!doctype html><title>mounted</title>' });
    const json = await send(server, 'GET', '/extra/data.json', `127.0.0.1:${server.port}`);
    expect(json).toMatchObject({ status: 200, type: 'application/json; charset=utf-8', body: '{"ok":true}' });
    expect(contentType('x.css')).toBe('text/css; charset=utf-8');
    expect(contentType('x.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentType('x.bin')).toBe('application/octet-stream');
  });

  it('serves its own pages asked for as a proxy would (absolute URL)', async () => {
    const page = await send(server, 'GET', `${server.origin}/smoke.html`, `127.0.0.1:${server.port}`);
    expect(page.status).toBe(200);
  });

  it('answers 404 for missing files and for paths that climb out of the served folder', async () => {
    expect((await send(server, 'GET', '/missing.html', `127.0.0.1:${server.port}`)).status).toBe(404);
    expect((await send(server, 'GET', '/%2e%2e/%2e%2e/package.json', `127.0.0.1:${server.port}`)).status).toBe(404);
    expect((await send(server, 'GET', '/extra/..%2f..%2fetc%2fpasswd', `127.0.0.1:${server.port}`)).status).toBe(404);
  });

  it('refuses and records every request headed elsewhere, HTTP and HTTPS tunnels alike', async () => {
    const before = server.outbound().length;
    const refused = await send(server, 'GET', 'http://example.com/track?x=1', 'example.com');
    expect(refused.status).toBe(403);
    expect(await connect(server, 'example.org:443')).toBe(403);
    expect(server.outbound().slice(before)).toEqual([
      expect.objectContaining({ method: 'GET', url: 'http://example.com/track?x=1', host: 'example.com', local: false, status: 403 }),
      expect.objectContaining({ method: 'CONNECT', url: 'example.org:443', host: 'example.org:443', local: false, status: 403 }),
    ]);
  });

  it('records every request, local ones included, in order', () => {
    const log = server.requests();
    expect(log.length).toBeGreaterThanOrEqual(9);
    expect(log[0]).toMatchObject({ method: 'GET', url: `${server.origin}/smoke.html`, local: true, status: 200 });
    expect(log.map((r) => r.at)).toEqual([...log.map((r) => r.at)].sort((a, b) => a - b));
  });

  it('refuses to start with a folder that does not exist', async () => {
    await expect(startServer({ mounts: [{ prefix: '/peer/', dir: 'no/such/folder' }] })).rejects.toThrow(
      /directory to serve at \/peer\/ not found: .*no\/such\/folder/,
    );
  });
});

describe('built extension lookup', () => {
  it('fails with the command to run when the build is missing', () => {
    expect(() => builtExtension('firefox-mv2', 'no/such/build')).toThrow(
      /built extension is missing: .*no\/such\/build\/manifest\.json does not exist\. Run `npm run build` \(or `npm run build:test -- firefox`\)/,
    );
  });
});
