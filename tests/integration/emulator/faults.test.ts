import { request } from 'node:https';
import { connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSelfSignedCert, startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { connect, get, token, until } from './helpers';

let servers: EmulatedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function start(...args: Parameters<typeof startEmulator>): Promise<EmulatedServer> {
  const s = await startEmulator(...args);
  servers.push(s);
  return s;
}

describe('scripted faults', () => {
  it('restart: sockets close 1012, then 502 HTML for REST and handshakes, then recovery with the old token', async () => {
    const s = await start({ healthIntervalMs: 100 });
    const t = await token(s);
    const legacy = connect(s, '/api/websocket/ws/admin', t);
    const unified = connect(s, '/api/unified/ws', t);
    await legacy.type('connection_established');
    await unified.type('connection_established');
    const restarted = s.control.restart(300);
    expect((await legacy.closed).code).toBe(1012);
    expect((await unified.closed).code).toBe(1012);
    const down = await get(s, '/api/auth/me', t);
    expect(down.status).toBe(502);
    expect(down.text).toContain('<title>502 Bad Gateway</title>');
    expect(await connect(s, '/api/unified/ws', t).refused).toBe(502);
    await restarted;
    expect((await get(s, '/api/auth/me', t)).status).toBe(200);
    const again = connect(s, '/api/websocket/ws/admin', t);
    await again.type('health_update');
    again.close();
  });

  it('hang: open sockets get nothing (no health, no pings), REST is never answered; then it recovers', async () => {
    const s = await start({ healthIntervalMs: 50, unifiedPingIntervalMs: 50 });
    const t = await token(s);
    const ws = connect(s, '/api/websocket/ws/health', t);
    await ws.type('health_update');
    s.control.hang(true);
    const n = ws.frames.length;
    ws.send({ type: 'ping' });
    const pending = fetch(`${s.url}/api/health/summary`, { signal: AbortSignal.timeout(300) });
    await expect(pending).rejects.toThrow();
    expect(ws.frames.length).toBe(n);
    expect(s.control.stats().legacyOpen).toBe(1); // half-open: still connected
    s.control.hang(false);
    await ws.next((f) => f.msg['type'] === 'health_update', 2000, n);
    expect((await get(s, '/api/health/summary')).status).toBe(200);
    ws.close();
  });

  it('fail2ban: 20 x 503 in 5 min bans the IP (connection reset) for banMs; the control API still works', async () => {
    const s = await start({ banMs: 300 });
    s.control.setRestFailure('/api/health', 503);
    for (let i = 0; i < 20; i++) expect((await get(s, '/api/health/summary')).status).toBe(503);
    await expect(fetch(`${s.url}/api/unified/ws/info`)).rejects.toThrow();
    expect(s.control.stats().bansActive).toBe(1);
    expect(s.control.stats().bans[0]?.jail).toBe('hybrid-dns-api');
    const ctl = await fetch(`${s.url}/__emulator/stats`);
    expect(((await ctl.json()) as { bansActive: number }).bansActive).toBe(1);
    s.control.setRestFailure(null);
    await until(
      async () =>
        (await fetch(`${s.url}/api/unified/ws/info`).then(
          (r) => r.status,
          () => 0,
        )) === 200,
      3000,
    );
  });

  it('ban(ms): open sockets are cut at once (as iptables would) and requests reset until the ban lifts', async () => {
    const s = await start({ healthIntervalMs: 60_000 });
    const t = await token(s);
    const legacy = connect(s, '/api/websocket/ws/admin', t);
    const unified = connect(s, '/api/unified/ws', t);
    await legacy.type('connection_established');
    await unified.type('connection_established');
    s.control.ban(400);
    expect((await legacy.closed).code).toBe(1006);
    expect((await unified.closed).code).toBe(1006);
    await expect(fetch(`${s.url}/api/unified/ws/info`)).rejects.toThrow();
    expect(s.control.stats().bans).toEqual([expect.objectContaining({ ip: '127.0.0.1', jail: 'hybrid-dns-api' })]);
    await until(async () => (await fetch(`${s.url}/api/unified/ws/info`).then((r) => r.status, () => 0)) === 200, 3000);
    const again = connect(s, '/api/websocket/ws/admin', t);
    await again.type('connection_established');
    expect(s.control.stats().legacyOpen).toBe(1);
    again.close();
  });

  it('eventsSent counts event frames written to a socket: not control frames, raw frames or events nobody got', async () => {
    const s = await start({ healthIntervalMs: 60_000, systemIntervalMs: 60_000 });
    const t = await token(s);
    s.control.emitUnified('system_status', { type: 'query_update', data: {} }); // no socket yet
    expect(s.control.stats().eventsSent).toBe(0);
    const legacy = connect(s, '/api/websocket/ws/admin', t);
    await legacy.type('health_update'); // pushed when the first socket opens
    const before = s.control.stats().eventsSent;
    expect(before).toBeGreaterThanOrEqual(1);
    s.control.pushHealthUpdate();
    s.control.sendRawLegacy('not json {');
    await legacy.next((f) => f.raw === 'not json {');
    expect(s.control.stats().eventsSent).toBe(before + 1);
    const unified = connect(s, '/api/unified/ws', t);
    await unified.type('connection_established');
    s.control.emitUnified('system_status', { type: 'query_update', data: {} });
    await unified.type('system_status');
    expect(s.control.stats().eventsSent).toBe(before + 2);
    legacy.close();
    unified.close();
  });

  it('fail2ban auth jail: 5 failed logins in 10 min ban the IP', async () => {
    const s = await start({
      authBanMs: 60_000,
      users: [
        { username: 'monitor', password: 'p' },
        { username: 'other', password: 'p' },
      ],
    });
    for (let i = 0; i < 5; i++) {
      const r = await fetch(`${s.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"username":"other","password":"x"}',
      });
      expect(r.status).toBe(401);
    }
    await expect(fetch(`${s.url}/api/auth/me`)).rejects.toThrow();
    expect(s.control.stats().bans.map((b) => b.jail)).toEqual(['hybrid-dns-auth']);
  });

  it('setRestFailure answers the status for a path prefix; REST snapshot endpoints keep their shapes', async () => {
    const s = await start({ fail2ban: false });
    const t = await token(s);
    s.control.setRestFailure('/api/dashboard', 500);
    expect((await get(s, '/api/dashboard/stats', t)).status).toBe(500);
    s.control.setRestFailure(null);
    expect(Object.keys((await get(s, '/api/dashboard/stats', t)).body as object)).toEqual([
      'queries',
      'security',
      'system',
      'forwarders',
      'zones',
    ]);
    expect((await get(s, '/api/dashboard/stats')).status).toBe(403);
    const alerts = (await get(s, '/api/dashboard/health-alerts', t)).body as { alerts: Array<{ id: string }> };
    expect(alerts.alerts.map((a) => a.id)).toEqual(['forwarder_3']);
    expect(((await get(s, '/api/health/alerts')).body as { alerts: Array<{ id: string }> }).alerts[0]?.id).toMatch(/^health_3_\d+$/);
    s.control.setBindRunning(false);
    expect(((await get(s, '/api/dashboard/bind-status', t)).body as { status: string }).status).toBe('unknown');
    expect((await get(s, '/api/system/bind/status')).body).toEqual({ data: { running: false }, success: true });
    const redirect = await get(s, '/api/zones?limit=1000&active_only=false', t);
    expect(redirect.status).toBe(307);
    const zones = (await get(s, '/api/zones/?limit=1000&active_only=false', t)).body as Record<string, unknown>;
    expect(Object.keys(zones)).toEqual(['items', 'total', 'page', 'per_page', 'pages', 'has_next', 'has_prev']);
    s.control.upsertZone({ id: 9, name: 'new.local', zoneType: 'master', serial: 7, isActive: true });
    expect(((await get(s, '/api/zones/', t)).body as { total: number }).total).toBe(3);
    s.control.addThreat({ domain: 'evil.example', clientIp: '10.0.0.5', category: 'malware' });
    const live = (await get(s, '/api/realtime/security/live?hours=1')).body as { recent_threats: Array<{ domain: string }> };
    expect(live.recent_threats[0]?.domain).toBe('evil.example');
    const nf = await get(s, '/api/nope');
    expect(nf.status).toBe(404);
    expect((nf.body as { error_code: string }).error_code).toBe('NOT_FOUND');
    expect((await get(s, '/health')).body).toEqual({ status: 'healthy', timestamp: '2024-08-15T10:00:00Z' });
  });

  it('replaceConnections closes every socket 1000 "Replaced by new connection"', async () => {
    const s = await start();
    const t = await token(s);
    const a = connect(s, '/api/websocket/ws/system', t);
    const b = connect(s, '/api/unified/ws', t);
    await a.type('connection_established');
    await b.type('connection_established');
    s.control.replaceConnections();
    expect(await a.closed).toEqual({ code: 1000, reason: 'Replaced by new connection' });
    expect(await b.closed).toEqual({ code: 1000, reason: 'Replaced by new connection' });
  });

  it('TLS: the fingerprint equals what a client sees; a supplied cert is used (pin rotation)', async () => {
    const s = await start({ tls: true });
    expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const seen = await new Promise<string>((resolve, reject) => {
      const sock = tlsConnect({ host: '127.0.0.1', port: s.port, rejectUnauthorized: false }, () => {
        resolve(sock.getPeerCertificate().fingerprint256);
        sock.destroy();
      });
      sock.on('error', reject);
    });
    expect(seen).toBe(s.fingerprint256);
    const status = await new Promise<number>((resolve, reject) => {
      request(`${s.url}/api/unified/ws/info`, { ca: s.caPem }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(200);
    const ws = connect(
      s,
      '/api/unified/ws',
      await new Promise<string>((resolve, reject) => {
        const req = request(
          `${s.url}/api/auth/login`,
          { method: 'POST', ca: s.caPem, headers: { 'content-type': 'application/json' } },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve((JSON.parse(body) as { access_token: string }).access_token));
          },
        );
        req.on('error', reject);
        req.end('{"username":"monitor","password":"monitor-pass"}');
      }),
    );
    await ws.type('connection_established');
    ws.close();
    const rotated = await start({ tlsCert: await generateSelfSignedCert() });
    expect(rotated.fingerprint256).not.toBe(s.fingerprint256);
  });

  it('control API over HTTP drives the emulator; close() resolves fast with sockets open', async () => {
    const s = await start({ healthIntervalMs: 60_000 });
    const ws = connect(s, '/api/websocket/ws/health', await token(s));
    await ws.type('health_update');
    const post = (p: string, body: unknown): Promise<Response> =>
      fetch(`${s.url}/__emulator/${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('forwarder', { id: 1, status: 'unhealthy', pushNow: true })).status).toBe(200);
    await ws.next((f) => (f.msg['data'] as Record<string, number> | undefined)?.['unhealthy_forwarders'] === 1);
    expect((await post('raw', { stack: 'legacy', frame: 'garbage{' })).status).toBe(200);
    await ws.next((f) => f.raw === 'garbage{');
    expect((await post('forwarder', { id: 'x' })).status).toBe(400);
    const storm = (await (await post('storm', { eventsPerSecond: 1000, durationMs: 50 })).json()) as { ok: boolean; sent: number };
    expect(storm).toEqual({ ok: true, sent: 50 });
    expect(((await (await fetch(`${s.url}/__emulator/stats`)).json()) as { legacyOpen: number }).legacyOpen).toBe(1);
    const t0 = performance.now();
    await s.close();
    expect(performance.now() - t0).toBeLessThan(200);
    expect((await ws.closed).code).toBe(1006);
  });
});
