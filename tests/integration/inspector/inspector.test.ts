/**
 * The connection inspector against the emulator (issue 18, done-when): garbage frames show as
 * rejected with a reason within 1 s, a forced re-subscription shows in the subscription list, and
 * the protocol ping's round trip appears on both stacks.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { FAST_TUNING, harness, serverConfig, type Harness } from '../connectivity/helpers';

let emu: EmulatedServer | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.fleet.dispose();
  await emu?.close();
  h = undefined;
  emu = undefined;
});

const TUNING = { ...FAST_TUNING, linkPingIntervalMs: 100, linkPongTimeoutMs: 5000 };
const inspect = () => h!.fleet.inspect('dns-01')!;

describe.each(['legacy', 'unified'] as const)('the connection inspector on the %s stack', (stack) => {
  it('lists garbage frames as rejected, with a reason and a redacted excerpt, within 1 s', async () => {
    emu = await startEmulator({ unifiedPingIntervalMs: 100, healthIntervalMs: 100 });
    h = harness({ tuning: TUNING });
    h.fleet.setServers([serverConfig(emu.url, { stack })]);
    await h.waitState('live');
    const before = inspect().frames.rejected;
    const send = stack === 'legacy' ? emu.control.sendRawLegacy : emu.control.sendRawUnified;
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtb25pdG9yIn0.c2lnbmF0dXJlLXNlY3JldA';
    const sentAt = Date.now();
    send('this is not json {{{');
    send(JSON.stringify({ type: 'health_update', data: { forwarder_details: 'nope' }, note: `?token=${token}` }));
    await vi.waitFor(() => expect(inspect().frames.rejected).toBe(before + 2), { timeout: 1000, interval: 20 });
    expect(Date.now() - sentAt).toBeLessThan(1000);
    const rejected = inspect().rejected;
    expect(rejected[1]!.excerpt).toContain('this is not json');
    expect(rejected[1]!.reason.length).toBeGreaterThan(0);
    expect(rejected[0]!.reason).toMatch(/health_update/);
    expect(JSON.stringify(rejected)).not.toContain(token);
    expect(rejected[0]!.socket).toMatch(stack === 'legacy' ? /\/api\/websocket\/ws\// : /\/api\/unified\/ws/);
  });

  it('shows the open socket, its stack and the protocol ping round trip (last, p50, p95)', async () => {
    emu = await startEmulator({ unifiedPingIntervalMs: 100, healthIntervalMs: 100 });
    h = harness({ tuning: TUNING });
    h.fleet.setServers([serverConfig(emu.url, { stack })]);
    await h.waitState('live');
    expect(inspect().ping.lastMs).toBeNull();
    await vi.waitFor(() => expect(inspect().ping.samples).toBeGreaterThanOrEqual(3), { timeout: 5000 });
    const snap = inspect();
    expect(snap.stack).toBe(stack);
    expect(snap.sockets.every((s) => s.state === 'open' && s.welcomed && s.stack === stack)).toBe(true);
    expect(snap.ping.lastMs).toBeGreaterThanOrEqual(0);
    expect(snap.ping.p95Ms!).toBeGreaterThanOrEqual(snap.ping.p50Ms!);
    expect(snap.ping.lastAt).not.toBeNull();
    if (process.env.DEBUG_INSPECTOR) process.stderr.write(JSON.stringify(snap, null, 1) + '\n');
    expect(snap.frames.perMinute.find((r) => r.type === 'connection_established')?.count).toBe(snap.sockets.length * (snap.reconnects.total + 1));
    expect(JSON.stringify(snap)).not.toContain('monitor-pass');
  });
});

describe('subscriptions in the connection inspector', () => {
  it('lists the legacy welcome as the confirmed subscriptions', async () => {
    emu = await startEmulator({ healthIntervalMs: 100 });
    h = harness({ tuning: TUNING });
    h.fleet.setServers([serverConfig(emu.url, { stack: 'legacy' })]);
    await h.waitState('live');
    const subs = inspect().subscriptions;
    expect(subs.confirmed).toContain('health_update');
    expect(subs.confirmed).toContain('system_status');
    expect(subs.requestsSent).toBe(0);
    expect(subs.confirmations).toBe(1);
  });

  it('adds up the fixed lists of a legacy health+system pair', async () => {
    emu = await startEmulator({ healthIntervalMs: 100, systemIntervalMs: 100 });
    h = harness({ tuning: TUNING });
    h.fleet.setServers([serverConfig(emu.url, { stack: 'legacy', legacyTypes: 'health+system' })]);
    await h.waitState('live');
    const snap = inspect();
    expect(snap.sockets.map((s) => s.label).sort()).toEqual(['/api/websocket/ws/health', '/api/websocket/ws/system']);
    // health brings health_update and forwarder_status_change; system brings user_logout and bind_reload.
    expect(snap.subscriptions.confirmed).toEqual(expect.arrayContaining(['health_update', 'forwarder_status_change', 'user_logout', 'bind_reload']));
    expect(snap.subscriptions.confirmations).toBe(2);
  });

  it('shows a forced re-subscription: the server re-adds what had silently expired', async () => {
    emu = await startEmulator({ unifiedPingIntervalMs: 100, healthIntervalMs: 100 });
    h = harness({ tuning: TUNING });
    h.fleet.setServers([serverConfig(emu.url, { stack: 'unified' })]);
    await h.waitState('live');
    await vi.waitFor(() => expect(inspect().subscriptions.confirmations).toBe(1));
    const first = inspect().subscriptions;
    expect(first.confirmed).toEqual(expect.arrayContaining(['admin_broadcast', 'health_alert', 'zone_created']));
    expect(first.refused).toEqual([]);

    emu.control.expireSubscriptions();
    expect(h.fleet.resubscribe('dns-01')).toBe(true);
    await vi.waitFor(() => expect(inspect().subscriptions.confirmations).toBe(2));
    const again = inspect().subscriptions;
    expect(again.requestsSent).toBe(2);
    expect(again.lastAdded).toEqual(expect.arrayContaining(['admin_broadcast', 'health_alert', 'zone_created']));
    expect(Date.parse(again.lastConfirmedAt!)).toBeGreaterThan(Date.parse(first.lastConfirmedAt!));
    // Re-subscribing without an expiry: everything is "already subscribed", still confirmed, nothing new.
    h.fleet.resubscribe('dns-01');
    await vi.waitFor(() => expect(inspect().subscriptions.confirmations).toBe(3));
    expect(inspect().subscriptions.lastAdded).toEqual([]);
    expect(inspect().subscriptions.confirmed).toEqual(again.confirmed);
  });
});
