import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { harness, serverConfig, type Harness } from './helpers';

let emu: EmulatedServer | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.fleet.dispose();
  await emu?.close();
  h = undefined;
  emu = undefined;
});

const forwarders = [
  { id: 1, name: 'Corporate AD', type: 'active_directory' as const, status: 'healthy' as const, healthyServers: 2, totalServers: 2 },
  { id: 3, name: 'Public DNS', type: 'public' as const, status: 'healthy' as const, healthyServers: 2, totalServers: 2 },
];

describe('legacy stack against the emulator', () => {
  it('goes connecting > authenticating > live and reports forwarders, metrics and data time', async () => {
    emu = await startEmulator({ healthIntervalMs: 100, systemIntervalMs: 200, forwarders });
    h = harness();
    h.fleet.setServers([serverConfig(emu.url)]);
    await h.waitState('connecting');
    await h.waitState('authenticating');
    const live = await h.waitState('live');
    expect(live.stack).toBe('legacy');
    expect(live.forwarders.map((f) => f.status)).toEqual(['healthy', 'healthy']);
    await h.waitEvent((e) => e.type === 'system_status');
    const [cpu] = h.fleet.metrics.get('dns-01', ['cpu']);
    expect(cpu!.points.length).toBeGreaterThan(0);
    expect(h.fleet.statuses()[0]!.lastDataAt).not.toBeNull();
    expect(h.events.find((e) => e.type === 'connection_state' && (e.data as { state: string }).state === 'live')?.severity).toBe('info');
  });
});
