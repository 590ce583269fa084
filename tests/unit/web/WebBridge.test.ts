import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { nullLogger } from '../../../electron/core/util/logger';
import { startWebBridge, type WebBridge } from '../../../electron/hosts/web/WebBridge';
import { FakeCore } from '../../e2e/support/FakeCore';
import { serverStatus } from '../../e2e/support/fakeData';

let core: FakeCore;
let bridge: WebBridge;
let staticDir: string;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'webbridge-'));
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>fleet</title>');
  writeFileSync(join(staticDir, 'assets', 'app-1234.js'), 'export {}');
  writeFileSync(join(staticDir, '..', 'outside-secret.txt'), 'secret');
  core = new FakeCore();
  bridge = await startWebBridge({ core, port: 0, staticDir, logger: nullLogger });
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await bridge.close();
  await core.dispose();
  rmSync(staticDir, { recursive: true, force: true });
  rmSync(join(staticDir, '..', 'outside-secret.txt'), { force: true });
});

interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
function get(path: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path, headers: { host: `127.0.0.1:${bridge.port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

type Opened = { ws: WebSocket; frames: unknown[]; next(pred?: (f: unknown) => boolean): Promise<unknown> };
function connect(opts: { query?: string; protocols?: string[]; origin?: string; host?: string } = {}): Promise<Opened> {
  const origin = opts.origin ?? `http://127.0.0.1:${bridge.port}`;
  const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/bridge${opts.query ?? ''}`, opts.protocols ?? [], { origin, headers: opts.host ? { host: opts.host } : {} });
  sockets.push(ws);
  const frames: unknown[] = [];
  const waiters: { pred: (f: unknown) => boolean; resolve: (f: unknown) => void }[] = [];
  ws.on('message', (d) => {
    const f = JSON.parse(d.toString()) as unknown;
    frames.push(f);
    for (const w of waiters.filter((w) => w.pred(f))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(f);
    }
  });
  const next = (pred: (f: unknown) => boolean = () => true) => new Promise<unknown>((resolve) => waiters.push({ pred, resolve }));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, frames, next }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('startWebBridge: HTTP', () => {
  it('serves the renderer with the token, with security headers and a strict CSP', async () => {
    const page = await get(`/?token=${bridge.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>fleet</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/?token=${bridge.token}`);
    expect(Buffer.from(bridge.token, 'base64url')).toHaveLength(32);
  });

  it('serves the public renderer without the token and never sets a cookie (cookies reach every port)', async () => {
    for (const path of ['/', `/?token=${bridge.token}`, '/assets/app-1234.js']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['set-cookie'], path).toBeUndefined();
    }
    expect((await get('/assets/app-1234.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('does not take the token from a cookie: another local program could have read it there', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/bridge`, ['dnsfleet.v1'], {
      origin: `http://127.0.0.1:${bridge.port}`,
      headers: { cookie: `dnsfleet_${bridge.port}=${bridge.token}; dnsfleet=${bridge.token}` },
    });
    ws.on('error', () => {}); // the refused upgrade; the status is what this test reads
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
    });
    expect(status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    expect((await get(`/?token=${bridge.token}`, { host: `evil.example:${bridge.port}` })).status).toBe(403);
    expect((await get(`/?token=${bridge.token}`, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(`/?token=${bridge.token}`, { host: `localhost:${bridge.port}` })).status).toBe(200);
  });

  it('never serves a file outside the renderer directory', async () => {
    for (const path of ['/../outside-secret.txt', '/%2e%2e/outside-secret.txt', '/assets/..%2f..%2foutside-secret.txt', '/..%2foutside-secret.txt', '/.hidden', '/assets/']) {
      const res = await get(`${path}${path.includes('?') ? '&' : '?'}token=${bridge.token}`);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('secret');
    }
  });
});

describe('startWebBridge: WebSocket', () => {
  it('refuses an upgrade without the token, with a wrong Origin or a wrong Host', async () => {
    await expect(connect()).rejects.toThrow('HTTP 401');
    await expect(connect({ query: '?token=nope' })).rejects.toThrow('HTTP 401');
    await expect(connect({ query: `?token=${bridge.token}`, origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect({ query: `?token=${bridge.token}`, host: `attacker.example:${bridge.port}` })).rejects.toThrow('HTTP 403');
  });

  it('accepts the token as a subprotocol and answers an invoke with the core result', async () => {
    core.setServer(serverStatus('dns-1', 'live'));
    const { ws, next } = await connect({ protocols: ['dnsfleet.v1', `dnsfleet.token.${bridge.token}`] });
    expect(ws.protocol).toBe('dnsfleet.v1');
    ws.send(JSON.stringify({ id: 7, channel: 'fleet:getSnapshot', payload: {} }));
    const answer = (await next((f) => (f as { id?: number }).id === 7)) as { result: { ok: boolean; value: { servers: { serverId: string }[] } } };
    expect(answer.result.ok).toBe(true);
    expect(answer.result.value.servers.map((s) => s.serverId)).toEqual(['dns-1']);
  });

  it('answers invalid payloads, unknown channels and garbage with error results', async () => {
    const { ws, next } = await connect({ query: `?token=${bridge.token}` });
    ws.send(JSON.stringify({ id: 1, channel: 'servers:submitTotp', payload: { id: 'dns-1', code: 'abc' } }));
    expect(await next((f) => (f as { id?: number }).id === 1)).toMatchObject({ result: { ok: false, error: { code: 'invalid-request' } } });
    ws.send(JSON.stringify({ id: 2, channel: 'shell:exec', payload: {} }));
    expect(await next((f) => (f as { id?: number }).id === 2)).toMatchObject({ result: { ok: false, error: { code: 'unknown-channel' } } });
    ws.send('{not json');
    expect(await next()).toMatchObject({ id: null, result: { ok: false, error: { code: 'invalid-request' } } });
    expect(core.callsTo('servers:submitTotp')).toHaveLength(0);
  });

  it('closes a connection that sends a frame over 1 MiB', async () => {
    const { ws } = await connect({ query: `?token=${bridge.token}` });
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send(JSON.stringify({ id: 1, channel: 'fleet:getSnapshot', payload: { pad: 'x'.repeat(1024 * 1024) } }));
    expect(await closed).toBe(1009);
  });

  it('delivers pushes to every open tab', async () => {
    const a = await connect({ query: `?token=${bridge.token}` });
    const b = await connect({ query: `?token=${bridge.token}` });
    const isPush = (f: unknown) => (f as { push?: string }).push === 'fleet:onDidChangeServer';
    const gotA = a.next(isPush);
    const gotB = b.next(isPush);
    core.setServer(serverStatus('dns-2', 'stale'));
    for (const got of [await gotA, await gotB]) expect(got).toMatchObject({ push: 'fleet:onDidChangeServer', payload: { serverId: 'dns-2', state: 'stale' } });
  });
});
