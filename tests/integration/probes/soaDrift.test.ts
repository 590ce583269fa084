// Done when (issue 16): a secondary serving a zone with a lagging serial is one drift incident.
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import { groupIncidents } from '../../../shared/domain/incident';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { alertPush, isLive, probedConfig, probedCore, type ProbedCore } from './probedCore';

let emus: EmulatedServer[] = [];
let p: ProbedCore | undefined;
afterEach(async () => {
  await p?.dispose();
  for (const e of emus) await e.close();
  emus = [];
  p = undefined;
});

const zone = (serial: number) => ({ id: 1, name: 'corp.local', zoneType: 'master' as const, serial, isActive: true });

describe('SOA serial drift across the fleet (real core, emulator)', () => {
  it('two secondaries lagging the primary past the grace period are one incident naming both; it resolves as they catch up', async () => {
    const ids = ['dns-01', 'dns-02', 'dns-03'];
    for (const name of ids) emus.push(await startEmulator({ name, dns: true, healthIntervalMs: 200, systemIntervalMs: 300, zones: [zone(2026120601)] }));
    p = await probedCore(
      ids.map((id, i) => probedConfig(emus[i]!, id)),
      { intervalSeconds: 1, timeoutMs: 500, driftGraceSeconds: 2 },
    );
    for (const id of ids) await p.waitPush(isLive(id));

    const changedAt = Date.now();
    const mark = p.pushes.length;
    emus[0]!.control.upsertZone(zone(2026120605)); // the primary moves on; the secondaries do not follow
    const first = await p.waitPush(alertPush((a) => a.key === 'soa-drift:corp.local' && a.status === 'active'), 10_000, mark);
    expect(Date.now() - changedAt).toBeGreaterThanOrEqual(2000); // not before the grace period
    await p.waitPush(alertPush((a) => a.key === 'soa-drift:corp.local' && a.status === 'active' && a.serverId !== (first.payload as Alert).serverId), 10_000, mark);

    const open = (await p.openAlerts()).filter((a) => a.key === 'soa-drift:corp.local');
    expect(open.map((a) => a.serverId).sort()).toEqual(['dns-02', 'dns-03']);
    const incidents = groupIncidents(open);
    expect(incidents).toHaveLength(1);
    expect([...incidents[0]!.servers].sort()).toEqual(['dns-02', 'dns-03']);
    const newest = open.sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt))[0]!;
    expect(newest.detail).toContain('DNS-02 (2026120601)');
    expect(newest.detail).toContain('DNS-03 (2026120601)');
    expect(newest.detail).toContain('highest 2026120605 on DNS-01');
    expect(p.notified.filter((a) => a.key === 'soa-drift:corp.local')).toHaveLength(1);
    expect((await p.openAlerts()).filter((a) => a.key === 'probe:api')).toEqual([]); // connecting is not "API down"

    emus[1]!.control.upsertZone(zone(2026120605));
    await p.waitPush(alertPush((a) => a.key === 'soa-drift:corp.local' && a.serverId === 'dns-02' && a.status === 'resolved'), 10_000);
    emus[2]!.control.upsertZone(zone(2026120605));
    await p.waitPush(alertPush((a) => a.key === 'soa-drift:corp.local' && a.serverId === 'dns-03' && a.status === 'resolved'), 10_000);
    expect((await p.openAlerts()).filter((a) => a.key === 'soa-drift:corp.local')).toEqual([]);
  });
});
