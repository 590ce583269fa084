import { afterEach, describe, expect, it } from 'vitest';
import { VECTORS } from '../../support/vectors';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { connect, skeleton, token, until, type TestSocket } from './helpers';

const vec = Object.fromEntries(VECTORS.map((v) => [v.name, v.frame]));
const d = (f: { msg: Record<string, unknown> }): Record<string, unknown> => f.msg['data'] as Record<string, unknown>;

let server: EmulatedServer | null = null;
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await server?.close();
  server = null;
});

async function open(s: EmulatedServer, t?: string): Promise<TestSocket> {
  const ws = connect(s, '/api/unified/ws', t ?? (await token(s)));
  sockets.push(ws);
  await ws.type('connection_established');
  return ws;
}

describe('unified stack /api/unified/ws (§3.2, §4.1, §6.2)', () => {
  it('U1 connection_established and U2 ping match the vectors; pong keeps the connection alive', async () => {
    server = await startEmulator({ unifiedPingIntervalMs: 50, pongTimeoutMs: 200 });
    const ws = await open(server);
    expect(skeleton(ws.frames[0]?.raw ?? '')).toBe(skeleton(vec['U1'] as string));
    expect(d(ws.frames[0] as never)['subscriptions']).toEqual(JSON.parse(vec['U1'] as string).data.subscriptions);
    ws.ws.on('message', (raw) => {
      const m = JSON.parse(raw.toString()) as { type: string; data?: { connection_id?: string } };
      if (m.type === 'ping') ws.send({ type: 'pong', data: { connection_id: m.data?.connection_id } });
    });
    const ping = await ws.type('ping');
    expect(skeleton(ping.raw)).toBe(skeleton(vec['U2'] as string));
    expect(String(d(ping)['connection_id'])).toMatch(/^[0-9a-f]{8}$/);
    await ws.next(() => ws.count('ping') >= 10, 3000); // 500 ms > pongTimeoutMs, still open
    expect(server.control.stats().unifiedOpen).toBe(1);
    expect(server.control.stats().pongsReceived).toBeGreaterThanOrEqual(8);
  });

  it('no pong: closed 1000 "Connection unhealthy" after pongTimeoutMs', async () => {
    server = await startEmulator({ unifiedPingIntervalMs: 50, pongTimeoutMs: 200 });
    const ws = await open(server);
    ws.send({ type: 'ping' }); // a client ping does not count as liveness (§4.1)
    expect(skeleton((await ws.type('pong')).raw)).toBe(skeleton(vec['U3'] as string));
    expect(await ws.closed).toEqual({ code: 1000, reason: 'Connection unhealthy' });
  });

  it('subscribe_events: U4 lists only new types plus "Already subscribed"; U12 rejects the whole request', async () => {
    server = await startEmulator();
    const ws = await open(server);
    ws.send({ type: 'subscribe_events', data: { event_types: ['health_alert', 'rpz_updated'] } });
    const ve = await ws.type('validation_error');
    expect(ve.raw.replace(/"timestamp": "[^"]+"/, 'T')).toBe((vec['U12'] as string).replace(/"timestamp": "[^"]+"/, 'T'));
    ws.send({
      type: 'subscribe_events',
      data: { event_types: ['security_alert', 'zone_created', 'admin_broadcast', 'health_alert', 'health_update', 'system_status'] },
    });
    const u4 = await ws.type('subscription_updated');
    expect(skeleton(u4.raw)).toBe(skeleton(vec['U4'] as string));
    expect(d(u4)).toMatchObject({ subscriptions: ['security_alert', 'zone_created', 'admin_broadcast', 'health_alert'] });
    // routed only after subscribing; unsubscribed types are not delivered
    server.control.emitUnified('zone_updated', { zone_id: 1 });
    server.control.emitUnified('zone_created', { zone_id: 2, zone_name: 'x.local' }, 'high');
    const ev = await ws.type('zone_created');
    expect(Object.keys(ev.msg)).toEqual(['id', 'type', 'data', 'timestamp', 'priority', 'metadata']);
    expect(ev.msg['priority']).toBe('high');
    expect(ws.count('zone_updated')).toBe(0);
    ws.send({ type: 'get_connection_status' });
    expect(skeleton((await ws.type('connection_status')).raw).replace(/\[[^\]]*\]/, '[]')).toBe(
      skeleton(vec['U13'] as string).replace(/\[[^\]]*\]/, '[]'),
    );
  });

  it('U5 system_metrics to everyone every unifiedMetricsIntervalMs; U6 query_update via storm; masking for non-admins (U7)', async () => {
    server = await startEmulator({
      unifiedMetricsIntervalMs: 50,
      users: [
        { username: 'monitor', password: 'monitor-pass', isAdmin: true },
        { username: 'viewer', password: 'pw' },
      ],
    });
    const admin = await open(server);
    const viewer = await open(server, await token(server, 'viewer', 'pw'));
    const u5 = await admin.next((f) => f.msg['type'] === 'system_status');
    expect(skeleton(u5.raw)).toBe(skeleton(vec['U5'] as string));
    const r = await server.control.storm({ eventsPerSecond: 2000, durationMs: 100 });
    expect(r.sent).toBe(200);
    const q = await admin.next((f) => d(f)['type'] === 'query_update');
    expect(skeleton(q.raw)).toBe(skeleton(vec['U6'] as string));
    const qv = await viewer.next((f) => d(f)['type'] === 'query_update' && f.msg['id'] === q.msg['id']);
    expect((d(qv)['data'] as Record<string, unknown>)['client_ip']).toBe('[IP]');
    await until(() => admin.frames.filter((f) => d(f)?.['type'] === 'query_update').length === 200, 10_000);
  });

  it('errors: U10 invalid JSON, U11 unknown type, U14 health_check', async () => {
    server = await startEmulator();
    const ws = await open(server);
    ws.send('');
    ws.send('not json');
    const u10 = await ws.type('error');
    expect(skeleton(u10.raw)).toBe(skeleton(vec['U10'] as string));
    expect(d(u10)['message']).toBe('Invalid JSON format: Expecting value: line 1 column 1 (char 0)');
    ws.send({ type: 'subscribe' });
    const u11 = await ws.next((f) => String(d(f)?.['message']).startsWith('Unknown message type'));
    expect(u11.raw.replace(/"timestamp": "[^"]+"/, 'T')).toBe((vec['U11'] as string).replace(/"timestamp": "[^"]+"/, 'T'));
    ws.send({ type: 'health_check' });
    const u14 = await ws.next((f) => String(d(f)?.['message']).includes('Queue'));
    expect(u14.raw.replace(/"timestamp": "[^"]+"/, 'T')).toBe((vec['U14'] as string).replace(/"timestamp": "[^"]+"/, 'T'));
  });

  it('strict auth: missing/expired/garbage token -> 403; 5 failures lock the IP out (Q11); session broken -> 403 (Q9)', async () => {
    server = await startEmulator({ unifiedLockoutMs: 60_000 });
    const t = await token(server);
    expect(await connect(server, '/api/unified/ws').refused).toBe(403);
    server.control.setUnifiedSessionBroken(true);
    expect(await connect(server, '/api/unified/ws', t).refused).toBe(403);
    server.control.setUnifiedSessionBroken(false);
    for (let i = 0; i < 5; i++) expect(await connect(server, '/api/unified/ws', `garbage${i}`).refused).toBe(403);
    expect(await connect(server, '/api/unified/ws', t).refused).toBe(403); // locked out now
    server.control.clearBans();
    await open(server, t);
    server.control.expireTokens();
    expect(await connect(server, '/api/unified/ws', t).refused).toBe(403);
    expect(server.control.stats().handshakesRefused).toBe(9);
  });

  it('one connection per username: the old closes 1000 "Replaced by new connection"; disconnectUnified', async () => {
    server = await startEmulator();
    const t = await token(server);
    const a = await open(server, t);
    const b = await open(server, t);
    expect(await a.closed).toEqual({ code: 1000, reason: 'Replaced by new connection' });
    server.control.disconnectUnified('User disconnected');
    expect(await b.closed).toEqual({ code: 1000, reason: 'User disconnected' });
  });

  it('get_subscription_info poisons the queue after a subscription (Q7): only pings arrive', async () => {
    server = await startEmulator({ unifiedPingIntervalMs: 50 });
    const ws = await open(server);
    ws.send({ type: 'subscribe_events', data: { event_types: ['zone_created'] } });
    await ws.type('subscription_updated');
    ws.send({ type: 'get_subscription_info' });
    await ws.type('ping');
    const from = ws.frames.length;
    ws.send({ type: 'get_connection_status' });
    server.control.emitUnified('zone_created', { zone_id: 1 });
    await ws.next(() => ws.frames.slice(from).filter((f) => f.msg['type'] === 'ping').length >= 3);
    expect(ws.frames.slice(from).every((f) => f.msg['type'] === 'ping')).toBe(true);
  });

  it('5 consecutive binary frames close 1000 "User disconnected" (§6.4)', async () => {
    server = await startEmulator();
    const ws = await open(server);
    for (let i = 0; i < 5; i++) ws.ws.send(Buffer.from([1, 2, 3]));
    expect(await ws.closed).toEqual({ code: 1000, reason: 'User disconnected' });
  });
});

describe('keepalive details', () => {
  it('U9 heartbeat after idleTimeoutMs of client silence', async () => {
    server = await startEmulator({ idleTimeoutMs: 100 });
    const ws = await open(server);
    const hb = await ws.type('heartbeat');
    expect(skeleton(hb.raw)).toBe(skeleton(vec['U9'] as string));
  });

  it('protocol-level keepalive (§6.1): a client that never answers ws pings is closed 1011', async () => {
    server = await startEmulator({ protocolPingIntervalMs: 50 });
    const ws = connect(server, '/api/unified/ws', await token(server), { autoPong: false });
    sockets.push(ws);
    await ws.type('connection_established');
    expect((await ws.closed).code).toBe(1011);
  });

  it('Q5 cascade option: the replacement itself is closed "User disconnected" shortly after', async () => {
    server = await startEmulator({ unifiedReplaceCascade: true });
    const t = await token(server);
    const a = await open(server, t);
    const b = await open(server, t);
    expect((await a.closed).reason).toBe('Replaced by new connection');
    expect(await b.closed).toEqual({ code: 1000, reason: 'User disconnected' });
  });
});
