import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import { groupIncidents, incidentServersText } from '../../../shared/domain/incident';
import { FAST_TUNING, serverConfig } from '../connectivity/helpers';
import { alertedFleet, type AlertedFleet } from './alertedFleet';

let emu: EmulatedServer | undefined;
let f: AlertedFleet | undefined;
afterEach(async () => {
  await f?.dispose();
  await emu?.close();
  f = emu = undefined;
});

const forwarders = [
  { id: 1, name: 'Corporate AD', type: 'active_directory' as const, status: 'healthy' as const, healthyServers: 2, totalServers: 2 },
  { id: 3, name: 'Public DNS', type: 'public' as const, status: 'healthy' as const, healthyServers: 2, totalServers: 2 },
];
const about = (type: string, forwarderId: number) => (e: FleetEvent) =>
  e.type === type && (e.data as { forwarderId?: number }).forwarderId === forwarderId;

describe.each(['legacy', 'unified'] as const)('one forwarder failure is one alert (%s stack, emulator)', (stack) => {
  it('the server health alert and the forwarder rule for the same forwarder give one alert and one notification', async () => {
    emu = await startEmulator({ healthIntervalMs: 100, systemIntervalMs: 150, unifiedPingIntervalMs: 100, forwarders });
    f = alertedFleet({ tuning: { ...FAST_TUNING, pollIntervalMs: 120 } });
    f.fleet.setServers([serverConfig(emu.url, { stack })]);
    await f.waitState('live');
    emu.control.setForwarderStatus(3, 'unhealthy', { pushNow: true });
    // Both sources have spoken: the forwarder's status change and the server's own health alert.
    await f.waitEvent(about('forwarder_status_change', 3));
    await f.waitEvent(about('health_alert_raised', 3));
    await f.moreStatuses(3);
    expect(f.open().map((a) => `${a.serverId}/${a.key}/${a.severity}`)).toEqual(['dns-01/forwarder:3/critical']);
    expect(f.raised.map((a) => a.key)).toEqual(['forwarder:3']);

    emu.control.setForwarderStatus(3, 'healthy', { pushNow: true });
    await f.waitEvent((e) => about('forwarder_status_change', 3)(e) && (e.data as { newStatus: string }).newStatus === 'healthy');
    await f.waitEvent(about('health_alert_cleared', 3));
    expect(f.open()).toEqual([]);
    expect(f.raised).toHaveLength(1);
  });
});

describe('one cause, one incident (three emulated servers)', () => {
  const emus: EmulatedServer[] = [];
  afterEach(async () => {
    for (const e of emus.splice(0)) await e.close();
  });

  it('the same forwarder failing on 3 servers gives one incident with 3 servers and one notification', async () => {
    const ids = ['dns-01', 'dns-02', 'dns-03'];
    for (const name of ids) emus.push(await startEmulator({ name, healthIntervalMs: 100, systemIntervalMs: 150, forwarders }));
    f = alertedFleet({ tuning: { ...FAST_TUNING, pollIntervalMs: 120 } }, {}, ids);
    f.fleet.setServers(ids.map((id, i) => serverConfig(emus[i]!.url, { id, name: id.toUpperCase(), stack: 'legacy' })));
    for (const id of ids) await f.waitState('live', id);
    for (const e of emus) {
      e.control.setForwarderStatus(3, 'unhealthy', { pushNow: true });
      // Each server joins after the previous one's alert exists: the incident grows.
      await f.waitAlert((a) => a.key === 'forwarder:3' && a.serverId === ids[emus.indexOf(e)]);
    }
    for (const id of ids) await f.waitEvent((ev) => ev.serverId === id && about('health_alert_raised', 3)(ev));
    await f.moreStatuses(3);
    const incidents = groupIncidents(f.open());
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ cause: 'forwarder:public dns', severity: 'critical', servers: ids });
    expect(incidentServersText(incidents[0]!, (id) => id.toUpperCase())).toBe('3 servers: DNS-01, DNS-02, DNS-03');
    expect(f.raised.map((a) => `${a.serverId}/${a.key}`)).toEqual(['dns-01/forwarder:3']);
  });
});
