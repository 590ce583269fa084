import { afterEach, expect, it, vi } from 'vitest';
import { systemClock } from '../../../electron/core/platform';
import { nullLogger } from '../../../electron/core/util/logger';
import { VerdictService } from '../../../electron/core/verdict/VerdictService';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { FAST_TUNING, harness, serverConfig, type Harness } from './helpers';

let emu: EmulatedServer | undefined;
let h: Harness | undefined;
let verdicts: VerdictService | undefined;
afterEach(async () => {
  verdicts?.dispose();
  await h?.fleet.dispose();
  await emu?.close();
  verdicts = h = emu = undefined;
});

// Issue 12.1/12.2: a link that stays up (pings answered) while no health data arrives is not ok:
// data staleness is its own reason, separate from the connection state.
it('a live unified link whose health data stops is blind, with its own reason, and comes back when data does', async () => {
  emu = await startEmulator({ unifiedPingIntervalMs: 50, pongTimeoutMs: 5000 });
  const hh = (h = harness({ tuning: { ...FAST_TUNING, pollIntervalMs: 300 } }));
  const v = (verdicts = new VerdictService({
    clock: systemClock,
    logger: nullLogger,
    healthStaleAfterMs: (id) => hh.fleet.healthStaleAfterMs(id),
    maintenanceUntil: () => null,
    currentStatus: (id) => hh.fleet.session(id)?.status(),
  }));
  hh.fleet.onDidChangeState((s) => v.onServerStatus(s));
  hh.fleet.setServers([serverConfig(emu.url, { stack: 'unified' })]);
  await hh.waitState('live');
  expect(hh.fleet.healthStaleAfterMs('dns-01')).toBe(750); // 2.5 x the 300 ms poll (no health push on unified)

  // Health data keeps coming: several windows later the server is still judged on its data (a degraded forwarder).
  const firstHealth = Date.parse(hh.fleet.session('dns-01')!.status().healthAt!);
  await vi.waitFor(() => expect(Date.parse(hh.fleet.session('dns-01')!.status().healthAt!) - firstHealth).toBeGreaterThan(3 * 750), { timeout: 10_000, interval: 50 });
  expect(v.verdict('dns-01')?.level).toBe('warning');

  emu.control.setRestFailure('/api/forwarders', 404);
  await vi.waitFor(() => expect(v.verdict('dns-01')).toMatchObject({ level: 'blind', reasons: ['No health data for over 1 s', expect.stringMatching(/^last known: Forwarder .+ degraded/)] }), { timeout: 5000, interval: 50 });
  expect(hh.fleet.statuses()[0]!.state).toBe('live'); // the link itself is fine

  emu.control.setRestFailure(null);
  await vi.waitFor(() => expect(v.verdict('dns-01')?.level).toBe('warning'), { timeout: 5000, interval: 50 });
}, 30_000);
