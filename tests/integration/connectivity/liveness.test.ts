import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { FAST_TUNING, harness, serverConfig, type Harness } from './helpers';
import { afterTraffic } from './traffic';

let emu: EmulatedServer | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.fleet.dispose();
  await emu?.close();
  h = undefined;
  emu = undefined;
});

describe('honest liveness and reconnects', () => {
  it('a half-open link turns stale within the watchdog window, then reconnects, and the gap is an event', async () => {
    emu = await startEmulator({ healthIntervalMs: 100, systemIntervalMs: 150, protocolPingIntervalMs: 0 });
    h = harness();
    h.fleet.setServers([serverConfig(emu.url)]);
    await h.waitState('live');
    const hungAt = Date.now();
    emu.control.hang(true);
    const stale = await h.waitState('stale');
    // window = 2.5 x 100 ms health interval; allow scheduling slack but far below any "real" minute.
    expect(Date.now() - hungAt).toBeLessThan(1500);
    expect(stale.detail).toMatch(/no data for/);
    const rec = await h.waitState('reconnecting');
    expect(rec.reconnect?.attempt).toBeGreaterThanOrEqual(1);
    expect(Date.parse(rec.reconnect!.nextAt)).toBeGreaterThan(Date.now() - 50);
    const resumedAt = Date.now();
    emu.control.hang(false);
    await h.waitState('live', 'dns-01', 10_000);
    const gap = await h.waitEvent((e) => e.type === 'connection_gap');
    expect(gap).toMatchObject({ category: 'connection', derived: true });
    // The gap spans the silence: from the last data before the hang to data again after it (a frame
    // already on its way when the hang began may land up to a few ms later).
    const { from, to, seconds } = gap.data as { from: string; to: string; seconds: number };
    const spanMs = Date.parse(to) - Date.parse(from);
    expect(Date.parse(from)).toBeLessThanOrEqual(hungAt + 100);
    expect(Date.parse(to)).toBeGreaterThanOrEqual(resumedAt);
    expect(spanMs).toBeGreaterThanOrEqual(resumedAt - hungAt - 100);
    expect(seconds).toBe(Math.round(spanMs / 1000));
    const stateEvents = h.events.filter((e) => e.type === 'connection_state').map((e) => [(e.data as { state: string }).state, e.severity]);
    expect(stateEvents).toContainEqual(['stale', 'warning']);
  });

  it('a server restart (1012, then 502 on the handshake) waits >= the fail2ban floor and comes back', async () => {
    emu = await startEmulator({ healthIntervalMs: 100, systemIntervalMs: 150 });
    h = harness();
    h.fleet.setServers([serverConfig(emu.url)]);
    await h.waitState('live');
    // How far ahead each retry after a ban-counted failure was scheduled, seen when it was published.
    // (A retry keeps the state `reconnecting`, so `since` is the start of the outage, not of this wait.)
    const waits: number[] = [];
    h.fleet.onDidChangeState((s) => {
      if (s.state === 'reconnecting' && s.reconnect && /HTTP 50\d|refused/.test(s.detail ?? '')) waits.push(Date.parse(s.reconnect.nextAt) - Date.now());
    });
    void emu.control.restart(400);
    await h.waitState('reconnecting');
    await h.waitState('live', 'dns-01', 10_000);
    // every retry that followed a ban-counted failure waited at least banFloorMs (150 ms here;
    // a few ms go by between scheduling and publication)
    for (const w of waits) expect(w).toBeGreaterThanOrEqual(FAST_TUNING.backoff!.banFloorMs! - 10);
    expect(waits.length).toBeGreaterThan(0);
    expect(emu.control.stats().bansActive).toBe(0);
  });

  it('"Replaced by new connection" is shown as replaced, retried only slowly, and immediately on user request', async () => {
    emu = await startEmulator({ healthIntervalMs: 100, systemIntervalMs: 150 });
    h = harness();
    h.fleet.setServers([serverConfig(emu.url)]);
    await h.waitState('live');
    emu.control.replaceConnections();
    const replaced = await h.waitState('replaced');
    expect(Date.parse(replaced.reconnect!.nextAt) - Date.now()).toBeGreaterThan(30_000);
    const advice = await h.waitEvent((e) => e.type === 'connection_state' && (e.data as { state: string }).state === 'replaced');
    expect(advice.title).toMatch(/dedicated monitoring account/);
    expect(advice.severity).toBe('warning');
    h.fleet.reconnect('dns-01');
    await h.waitState('live');
  });

  it('retryNow() (OS resume) retries at once instead of waiting for the backoff', async () => {
    emu = await startEmulator({ healthIntervalMs: 100, systemIntervalMs: 150 });
    h = harness({ tuning: { ...FAST_TUNING, backoff: { ...FAST_TUNING.backoff!, banFloorMs: 60_000, baseMs: 60_000, capMs: 300_000 } } });
    emu.control.setRestFailure('/api/auth/login', 503);
    h.fleet.setServers([serverConfig(emu.url)]);
    const waiting = await h.waitState('reconnecting');
    expect(Date.parse(waiting.reconnect!.nextAt) - Date.now()).toBeGreaterThan(50_000);
    emu.control.setRestFailure(null);
    h.fleet.retryNow();
    await h.waitState('live');
  });

  it('states are published only on change (no flicker while live)', async () => {
    emu = await startEmulator({ healthIntervalMs: 50, systemIntervalMs: 50 });
    h = harness({ tuning: { ...FAST_TUNING, statusDataThrottleMs: 60_000 } });
    h.fleet.setServers([serverConfig(emu.url)]);
    await h.waitState('live');
    // once BIND's state is known (first system_status), nothing visible changes any more
    await vi.waitFor(() => expect(h!.statuses.at(-1)!.bindRunning).toBe(true));
    const before = h.statuses.length;
    await afterTraffic(h, emu, { frames: 10 }); // health and system frames every 50 ms, each one data
    expect(h.statuses.slice(before)).toEqual([]);
  });
});
