import { afterEach, describe, expect, it } from 'vitest';
import { VECTORS } from '../../support/vectors';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { connect, get, skeleton, token } from './helpers';

const vec = Object.fromEntries(VECTORS.map((v) => [v.name, v.frame]));
const FAST = { healthIntervalMs: 100, systemIntervalMs: 150 };

let server: EmulatedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('legacy stack /api/websocket/ws/{type} (§2.3, §3.3, §4.2)', () => {
  it('L1, L2 (immediately, then every healthIntervalMs) and L3 match the vectors', async () => {
    server = await startEmulator(FAST);
    const ws = connect(server, '/api/websocket/ws/admin', await token(server));
    const l1 = await ws.type('connection_established');
    expect(l1.raw.replace(/"timestamp": "[^"]+"/, '"timestamp": "T"')).toBe(vec['L1']?.replace(/"timestamp": "[^"]+"/, '"timestamp": "T"'));
    const l2 = await ws.type('health_update');
    expect(skeleton(l2.raw)).toBe(skeleton(vec['L2'] as string)); // default forwarders = the vector's
    expect(ws.frames.indexOf(l2)).toBe(1); // first health_update right after connection_established
    await ws.next(() => ws.count('health_update') >= 3);
    const l3 = await ws.type('system_status', 2000);
    expect(skeleton(l3.raw)).toBe(skeleton(vec['L3'] as string));
    expect((l3.msg['data'] as Record<string, unknown>)['bind9_running']).toBe(true);
    ws.close();
  });

  it('health sockets get health_update but no system_status unless a system/admin socket exists', async () => {
    server = await startEmulator(FAST);
    const t = await token(server);
    const health = connect(server, '/api/websocket/ws/health', t);
    const est = await health.type('connection_established');
    expect((est.msg['data'] as Record<string, unknown>)['subscribed_events']).toEqual([
      'health_update',
      'health_alert',
      'forwarder_status_change',
      'system_status',
    ]);
    await health.next(() => health.count('health_update') >= 3);
    expect(health.count('system_status')).toBe(0);
    const system = connect(server, '/api/websocket/ws/system', t);
    await system.type('system_status', 2000);
    await health.type('system_status', 2000);
    health.close();
    system.close();
  });

  it('replies to ping (L4), get_system_info, subscribe_events echo, unknown types and bad JSON', async () => {
    server = await startEmulator(FAST);
    const ws = connect(server, '/api/websocket/ws/system', await token(server));
    await ws.type('connection_established');
    ws.send({ type: 'ping' });
    expect(skeleton((await ws.type('pong')).raw)).toBe(skeleton(vec['L4'] as string));
    ws.send({ type: 'get_system_info' });
    const info = await ws.type('system_info');
    expect(Object.keys(info.msg['data'] as object)).toEqual(['router_stats', 'feature_flags', 'timestamp']);
    ws.send({ type: 'subscribe_events', data: { event_types: ['zone_created'] } });
    expect((await ws.type('subscription_updated')).msg['data']).toEqual({ subscribed_events: ['zone_created'] });
    ws.send({ type: 'subscribe' });
    await ws.next(
      (f) => f.msg['type'] === 'error' && (f.msg['data'] as Record<string, unknown>)['message'] === 'Unknown message type: subscribe',
    );
    ws.send('{nope');
    await ws.next((f) => f.msg['type'] === 'error' && (f.msg['data'] as Record<string, unknown>)['message'] === 'Invalid JSON format');
    ws.close();
  });

  it('lax auth (Q22): garbage and expired tokens accepted, missing token 403, invalid type 403', async () => {
    server = await startEmulator({ ...FAST, accessTokenTtlSec: 1 });
    const garbage = connect(server, '/api/websocket/ws/admin', 'not-a-jwt');
    await garbage.type('connection_established');
    server.control.expireTokens();
    const expired = connect(server, '/api/websocket/ws/health', await token(server));
    await expired.type('connection_established');
    expect(await connect(server, '/api/websocket/ws/admin').refused).toBe(403);
    expect(await connect(server, '/api/websocket/ws/bogus', 'x').refused).toBe(403);
    garbage.close();
    expired.close();
  });

  it('one socket per (user id, type): the old one closes 1000 "Replaced by new connection"', async () => {
    server = await startEmulator(FAST);
    const t = await token(server);
    const a = connect(server, '/api/websocket/ws/admin', t);
    await a.type('connection_established');
    const other = connect(server, '/api/websocket/ws/health', t); // another type is a separate slot
    await other.type('connection_established');
    const b = connect(server, '/api/websocket/ws/admin', t);
    await b.type('connection_established');
    expect(await a.closed).toEqual({ code: 1000, reason: 'Replaced by new connection' });
    expect(server.control.stats().legacyOpen).toBe(2);
    b.close();
    other.close();
  });

  it('setForwarderStatus(pushNow) sends a health_update immediately; the idle ping L7 after client silence', async () => {
    server = await startEmulator({ healthIntervalMs: 60_000, idleTimeoutMs: 150 });
    const ws = connect(server, '/api/websocket/ws/health', await token(server));
    await ws.type('health_update');
    server.control.setForwarderStatus(1, 'unhealthy', { pushNow: true });
    const f = await ws.next(
      (x) => x.msg['type'] === 'health_update' && (x.msg['data'] as Record<string, number>)['unhealthy_forwarders'] === 1,
    );
    expect(f.raw).toContain('"status": "unhealthy"');
    const ping = await ws.type('ping', 2000);
    expect(skeleton(ping.raw)).toBe(skeleton(vec['L7'] as string));
    ws.close();
  });

  it('migration mode other than disabled: the routed endpoint answers 403 (Q6), stats show the mode', async () => {
    server = await startEmulator({ migrationMode: 'testing' });
    const t = await token(server);
    expect(await connect(server, '/api/websocket/ws/admin', t).refused).toBe(403);
    const stats = await get(server, '/api/websocket/ws/stats');
    expect((stats.body as { feature_flags: { migration_mode: string } }).feature_flags.migration_mode).toBe('testing');
    server.control.setMigrationMode('disabled');
    const ws = connect(server, '/api/websocket/ws/admin', t);
    await ws.type('connection_established');
    ws.close();
  });
});
