// Probe settings changed while the core runs (Settings page, `dnsfleet settings set`) apply without a restart.
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerProbes } from '../../../shared/domain/probe';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { isLive, probedConfig, probedCore, type ProbedCore } from './probedCore';

let emu: EmulatedServer | undefined;
let p: ProbedCore | undefined;
afterEach(async () => {
  await p?.dispose();
  await emu?.close();
  p = undefined;
  emu = undefined;
});

const probeSet = (m: { channel: string; payload: unknown }) => m.channel === 'probes:onDidComplete' && (m.payload as ServerProbes).lastSetAt !== null;

describe('probe settings applied live (real core, emulator)', () => {
  it('a shorter interval is used from the next tick: an hourly schedule changed to 1 s probes within seconds', async () => {
    emu = await startEmulator({ name: 'dns-01', dns: true, healthIntervalMs: 200, systemIntervalMs: 300 });
    p = await probedCore([probedConfig(emu, 'dns-01')], { intervalSeconds: 3600, timeoutMs: 500 });
    await p.waitPush(isLive('dns-01'));
    const changedAt = Date.now();
    p.settings.update((s) => ({ ...s, probes: { ...s.probes, intervalSeconds: 1 } }));
    const done = await p.waitPush(probeSet, 10_000);
    // The first set is due within one new interval (jittered by 10 %), not within the old hour.
    expect(Date.now() - changedAt).toBeLessThan(5_000);
    expect((done.payload as ServerProbes).intervalMs).toBe(1000);
    const view = (await p.core.handlers['probes:get']({ serverId: 'dns-01' })) as ServerProbes;
    expect(view.results.find((r) => r.probe === 'public')?.outcome).toBe('answered');
  });

  it('probes switched on while running start probing; switched off, the server says why it is not probed', async () => {
    emu = await startEmulator({ name: 'dns-01', dns: true, healthIntervalMs: 200, systemIntervalMs: 300 });
    p = await probedCore([probedConfig(emu, 'dns-01')], { enabled: false, intervalSeconds: 1, timeoutMs: 500 });
    await p.waitPush(isLive('dns-01'));
    expect(((await p.core.handlers['probes:get']({ serverId: 'dns-01' })) as ServerProbes).unprobed).toContain('DNS probes are off');
    p.settings.update((s) => ({ ...s, probes: { ...s.probes, enabled: true } }));
    await p.waitPush(probeSet, 10_000);
    p.settings.update((s) => ({ ...s, probes: { ...s.probes, enabled: false } }));
    expect(((await p.core.handlers['probes:get']({ serverId: 'dns-01' })) as ServerProbes).unprobed).toContain('DNS probes are off');
  });
});
