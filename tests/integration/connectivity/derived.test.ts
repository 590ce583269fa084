import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
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

const forwarders = [
  { id: 1, name: 'Corporate AD', type: 'active_directory' as const, status: 'healthy' as const, healthyServers: 2, totalServers: 2 },
  { id: 3, name: 'Public DNS', type: 'public' as const, status: 'healthy' as const, healthyServers: 2, totalServers: 2 },
];
const zones = [{ id: 10, name: 'corp.local', zoneType: 'master' as const, serial: 2025082901, isActive: true }];
const ofType = (events: FleetEvent[], type: string): FleetEvent[] => events.filter((e) => e.type === type);

async function liveFleet(
  over: Parameters<typeof serverConfig>[1] = {},
  emuOpts: Parameters<typeof startEmulator>[0] = {},
): Promise<Harness> {
  emu = await startEmulator({ healthIntervalMs: 100, systemIntervalMs: 150, forwarders, zones, ...emuOpts });
  h = harness({ tuning: { ...FAST_TUNING, pollIntervalMs: 120 } });
  h.fleet.setServers([serverConfig(emu.url, over)]);
  await h.waitState('live');
  return h;
}

describe('events derived from pushes and REST polls', () => {
  it('one forwarder transition seen by health_update AND the REST poll is ONE event', async () => {
    const { waitEvent, events } = await liveFleet();
    emu!.control.setForwarderStatus(3, 'unhealthy', { pushNow: true });
    const ev = await waitEvent((e) => e.type === 'forwarder_status_change');
    expect(ev).toMatchObject({
      derived: true,
      category: 'health',
      severity: 'error',
      data: { forwarderId: 3, oldStatus: 'healthy', newStatus: 'unhealthy' },
    });
    await afterTraffic(h!, emu!, { frames: 4, polls: 2 }); // both sources saw the new status again
    expect(ofType(events, 'forwarder_status_change')).toHaveLength(1);
    emu!.control.setForwarderStatus(3, 'healthy');
    await waitEvent((e) => e.type === 'forwarder_status_change' && (e.data as { newStatus: string }).newStatus === 'healthy');
    await afterTraffic(h!, emu!, { frames: 3, polls: 2 });
    expect(ofType(events, 'forwarder_status_change')).toHaveLength(2);
    expect(h!.fleet.statuses()[0]!.forwarders.find((f) => f.id === 3)?.status).toBe('healthy');
  });

  it('BIND down and up, from system_status and REST, each once', async () => {
    const { waitEvent, events } = await liveFleet();
    emu!.control.setBindRunning(false);
    const down = await waitEvent((e) => e.type === 'bind_down');
    expect(down.severity).toBe('critical');
    await afterTraffic(h!, emu!, { frames: 3, polls: 2 });
    expect(ofType(events, 'bind_down')).toHaveLength(1);
    expect(h!.fleet.statuses()[0]!.bindRunning).toBe(false);
    emu!.control.setBindRunning(true);
    await waitEvent((e) => e.type === 'bind_up');
    await afterTraffic(h!, emu!, { frames: 3, polls: 2 });
    expect(ofType(events, 'bind_up')).toHaveLength(1);
  });

  it('zones created, updated (serial) and deleted; the first list is only a baseline', async () => {
    const { waitEvent, events } = await liveFleet();
    await afterTraffic(h!, emu!, { frames: 3, polls: 2 });
    expect(events.filter((e) => e.type.startsWith('zone_'))).toHaveLength(0);
    emu!.control.upsertZone({ id: 11, name: 'lab.local', zoneType: 'master', serial: 1, isActive: true });
    await waitEvent((e) => e.type === 'zone_created');
    emu!.control.upsertZone({ id: 10, name: 'corp.local', zoneType: 'master', serial: 2025082902, isActive: true });
    const upd = await waitEvent((e) => e.type === 'zone_updated');
    expect(upd.data).toMatchObject({ zoneId: 10, serial: 2025082902, oldSerial: 2025082901 });
    emu!.control.deleteZone(11);
    await waitEvent((e) => e.type === 'zone_deleted');
    await afterTraffic(h!, emu!, { frames: 3, polls: 2 });
    expect(events.filter((e) => e.type.startsWith('zone_')).map((e) => e.type)).toEqual(['zone_created', 'zone_updated', 'zone_deleted']);
  });

  it('dashboard health alerts are raised and cleared by stable id; new threats appear once', async () => {
    const { waitEvent, events } = await liveFleet();
    emu!.control.setForwarderStatus(1, 'unhealthy');
    const raised = await waitEvent((e) => e.type === 'health_alert_raised');
    expect(raised.data).toMatchObject({ alertId: 'forwarder_1' });
    emu!.control.addThreat({ domain: 'malware.example', clientIp: '10.0.0.5', category: 'malware', action: 'blocked' });
    const threat = await waitEvent((e) => e.type === 'threat_detected');
    expect(threat).toMatchObject({ category: 'security', data: { domain: 'malware.example', clientIp: '10.0.0.5' } });
    emu!.control.setForwarderStatus(1, 'healthy');
    await waitEvent((e) => e.type === 'health_alert_cleared');
    await afterTraffic(h!, emu!, { frames: 3, polls: 2 });
    expect(ofType(events, 'health_alert_raised')).toHaveLength(1);
    expect(ofType(events, 'threat_detected')).toHaveLength(1);
  });

  it('health+system sockets: the doubled system_status is emitted once', async () => {
    const { waitEvent, events } = await liveFleet({ legacyTypes: 'health+system' });
    await waitEvent((e) => e.type === 'system_status');
    await afterTraffic(h!, emu!, { frames: 8 }); // each socket's system_status several times over
    const stamps = ofType(events, 'system_status').map((e) => e.occurredAt);
    expect(stamps.length).toBeGreaterThan(1);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(emu!.control.stats().legacyOpen).toBe(2);
    expect(h!.fleet.session('dns-01')!.normaliser.counters.duplicates).toBeGreaterThan(0);
  });
});
