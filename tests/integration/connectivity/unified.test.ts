import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { FAST_TUNING, ManualClock, harness, serverConfig, type Harness } from './helpers';
import { afterTraffic } from './traffic';

let emu: EmulatedServer | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.fleet.dispose();
  await emu?.close();
  h = undefined;
  emu = undefined;
});

describe('unified stack against the emulator', () => {
  it('answers every server ping with a pong and survives past the pong timeout', async () => {
    emu = await startEmulator({ unifiedPingIntervalMs: 50, pongTimeoutMs: 300, backgroundQueryRatePerSec: 20 });
    h = harness();
    h.fleet.setServers([serverConfig(emu.url, { stack: 'unified' })]);
    const live = await h.waitState('live');
    expect(live.stack).toBe('unified');
    await vi.waitFor(() => expect(emu!.control.stats().pongsReceived).toBeGreaterThanOrEqual(12), { timeout: 5000 });
    expect(h.fleet.statuses()[0]!.state).toBe('live');
    expect(emu.control.stats().unifiedAccepted).toBe(1);
    const q = await h.waitEvent((e) => e.type === 'query_update');
    expect(q.category).toBe('dns');
    expect(h.fleet.metrics.get('dns-01', ['qps'])[0]!.points.length).toBeGreaterThan(0);
  });

  it('subscribes with valid names only (no validation_error) and receives subscribed events', async () => {
    emu = await startEmulator({ unifiedPingIntervalMs: 100 });
    h = harness();
    h.fleet.setServers([serverConfig(emu.url, { stack: 'unified' })]);
    await h.waitState('live');
    const socket = () => h!.fleet.session('dns-01')!;
    // The subscription lands a moment after the welcome: emit until it is routed.
    await vi.waitFor(() => {
      emu!.control.emitUnified(
        'admin_broadcast',
        { message: 'BIND maintenance at 22:00 UTC', from_admin: 'admin', broadcast_time: '2025-08-29T09:20:00' },
        'high',
      );
      expect(h!.events.some((e) => e.type === 'admin_broadcast')).toBe(true);
    });
    const ev = await h.waitEvent((e) => e.type === 'admin_broadcast');
    expect(ev).toMatchObject({ category: 'admin', severity: 'warning', summary: 'BIND maintenance at 22:00 UTC' });
    expect(h.events.some((e) => e.type === 'validation_error' || e.type === 'error')).toBe(false);
    expect(socket().normaliser.counters.rejected).toBe(0);
  });

  it('re-subscribes periodically (injected clock) so expired subscriptions come back', async () => {
    emu = await startEmulator({ unifiedPingIntervalMs: 100 });
    const clock = new ManualClock(Date.now());
    // The Q7 queue probe and the link ping are off here: while the manual clock jumps 30 minutes
    // no real reply can arrive, and this test is about re-subscription only (each has its own test).
    h = harness({ clock, tuning: { ...FAST_TUNING, random: () => 0, unifiedQueueProbeMs: 0, linkPingIntervalMs: 0 } });
    h.fleet.setServers([serverConfig(emu.url, { stack: 'unified', watchdogSeconds: 3600, pollSeconds: 3600 })]);
    await h.waitState('live');
    const sent = (): number => h!.fleet.session('dns-01')!.diagnostics().sockets[0]!.subscribesSent;
    expect(sent()).toBe(1);
    clock.advance(29 * 60 * 1000);
    expect(sent()).toBe(1);
    clock.advance(2 * 60 * 1000);
    expect(sent()).toBe(2);
    // let real frames arrive (they feed the watchdog at the new manual time) before jumping again
    const pongs = h.fleet.session('dns-01')!.diagnostics().sockets[0]!.pongsSent;
    await vi.waitFor(() => expect(h!.fleet.session('dns-01')!.diagnostics().sockets[0]!.pongsSent).toBeGreaterThan(pongs));
    clock.advance(31 * 60 * 1000);
    expect(sent()).toBe(3);
    await vi.waitFor(() => {
      emu!.control.emitUnified('zone_created', {
        zone_id: 5,
        zone_name: 'x.local',
        zone_type: 'master',
        serial: 1,
        is_active: true,
        action: 'create',
      });
      expect(h!.events.some((e) => e.type === 'zone_created' && !e.derived)).toBe(true);
    });
    expect(h.fleet.statuses()[0]!.state).toBe('live');
  });

  it('"User disconnected" right after connecting is retried within seconds (Q5)', async () => {
    emu = await startEmulator({ unifiedPingIntervalMs: 100 });
    h = harness();
    h.fleet.setServers([serverConfig(emu.url, { stack: 'unified' })]);
    await h.waitState('live');
    emu.control.disconnectUnified('User disconnected');
    const rec = await h.waitState('reconnecting');
    expect(Date.parse(rec.reconnect!.nextAt) - Date.parse(rec.since)).toBeLessThanOrEqual(50);
    await h.waitState('live');
  });

  it('auto: unified handshakes refused while REST works (Q9) -> falls back to legacy', async () => {
    emu = await startEmulator({ healthIntervalMs: 100, unifiedSessionBroken: true, migrationMode: 'testing' });
    h = harness();
    h.fleet.setServers([serverConfig(emu.url, { stack: 'auto' })]);
    const refused = await h.waitState('reconnecting');
    expect(refused.detail).toMatch(/403/);
    emu.control.setMigrationMode('disabled');
    const live = await h.waitState('live');
    expect(live.stack).toBe('legacy');
  });

  it('auto with migration_mode disabled uses legacy; any other mode uses unified', async () => {
    emu = await startEmulator({ healthIntervalMs: 100, migrationMode: 'unified_only', unifiedPingIntervalMs: 100 });
    h = harness();
    h.fleet.setServers([serverConfig(emu.url, { stack: 'auto' })]);
    expect((await h.waitState('live')).stack).toBe('unified');
  });
});

describe('Q7: a unified connection whose send queue died', () => {
  it('is not live on pings alone: the queue probe gets no answer, the server goes stale and reconnects', async () => {
    emu = await startEmulator({ unifiedPingIntervalMs: 50 });
    h = harness({ tuning: { ...FAST_TUNING, unifiedQueueProbeMs: 400, unifiedQueueProbeTimeoutMs: 300 } });
    h.fleet.setServers([serverConfig(emu.url, { stack: 'unified' })]);
    await h.waitState('live');
    // A healthy queue answers the probe (connection_status), so a quiet server stays live through
    // several probe rounds: wait for three answers, and no other state may appear meanwhile.
    const before = h.statuses.length;
    await afterTraffic(h, emu, { control: 3 });
    expect(h.statuses.slice(before).map((s) => s.state).filter((state) => state !== 'live')).toEqual([]);
    expect(h.fleet.statuses()[0]!.state).toBe('live');

    emu.control.poisonUnifiedQueues();
    const stale = await h.waitState('stale', 'dns-01', 5000);
    expect(stale.detail).toMatch(/only pings .*queue is stuck/);
    await h.waitState('live', 'dns-01', 10_000);
    expect(emu.control.stats().unifiedAccepted).toBeGreaterThanOrEqual(2);
  });
});
