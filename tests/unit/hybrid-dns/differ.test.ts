import { describe, expect, it } from 'vitest';
import { SnapshotDiffer } from '../../../electron/core/hybrid-dns/differ';
import { forgetSecret, registerSecret } from '../../../electron/core/util/redact';
import type { ForwarderSnapshot } from '../../../shared/domain/serverState';

const fwd = (id: number, status: ForwarderSnapshot['status'], lastChecked = '2025-08-29T09:10:01.774102'): ForwarderSnapshot => ({
  id,
  name: `F${id}`,
  type: 'public',
  status,
  healthyServers: 1,
  totalServers: 2,
  lastChecked,
});
const zone = (id: number, serial: number) => ({ id, name: `z${id}.local`, serial, is_active: true, updated_at: null });

describe('SnapshotDiffer', () => {
  it('first sight reports only forwarders that are not healthy; later only real transitions', () => {
    const d = new SnapshotDiffer('s1', () => 0);
    const first = d.diffForwarders([fwd(1, 'healthy'), fwd(3, 'degraded')], 0);
    expect(first.map((e) => e.data)).toMatchObject([{ forwarderId: 3, oldStatus: null, newStatus: 'degraded' }]);
    expect(d.diffForwarders([fwd(1, 'healthy'), fwd(3, 'degraded')], 1)).toEqual([]);
    const change = d.diffForwarders([fwd(1, 'unhealthy', '2025-08-29T09:15:01'), fwd(3, 'degraded')], 2);
    expect(change).toHaveLength(1);
    expect(change[0]).toMatchObject({
      derived: true,
      severity: 'error',
      dedupKey: 's1:1:healthy->unhealthy@2025-08-29T09:15:01.000Z'.replace(/^/, 'fwd:'),
    });
  });

  it('the same transition from two sources keeps one stable dedupKey', () => {
    const a = new SnapshotDiffer('s1', () => 0);
    const b = new SnapshotDiffer('s1', () => 99);
    a.diffForwarders([fwd(1, 'healthy')], 0);
    b.diffForwarders([fwd(1, 'healthy')], 50);
    const k1 = a.diffForwarders([fwd(1, 'unhealthy', '2025-08-29T09:15:01')], 10)[0]!.dedupKey;
    const k2 = b.diffForwarders([fwd(1, 'unhealthy', '2025-08-29T09:15:01')], 70)[0]!.dedupKey;
    expect(k1).toBe(k2);
  });

  it('BIND: down once, up once; a first "running" is silent', () => {
    const d = new SnapshotDiffer('s1', () => 0);
    expect(d.diffBind(true, 0, 'rest')).toEqual([]);
    expect(d.diffBind(false, 1, 'system_status').map((e) => e.type)).toEqual(['bind_down']);
    expect(d.diffBind(false, 2, 'rest')).toEqual([]);
    expect(d.diffBind(true, 3, 'rest').map((e) => e.type)).toEqual(['bind_up']);
  });

  it('zones: baseline, then created / updated by serial / deleted', () => {
    const d = new SnapshotDiffer('s1', () => 0);
    expect(d.diffZones([zone(1, 1), zone(2, 5)], 0)).toEqual([]);
    const out = d.diffZones([zone(1, 2), zone(3, 1)], 1);
    expect(out.map((e) => [e.type, (e.data as { zoneId: number }).zoneId])).toEqual([
      ['zone_updated', 1],
      ['zone_created', 3],
      ['zone_deleted', 2],
    ]);
    expect(d.diffZones([zone(1, 2), zone(3, 1)], 2)).toEqual([]);
  });

  it('health alerts by stable id: raised once, cleared once', () => {
    const d = new SnapshotDiffer('s1', () => 0);
    const alert = {
      id: 'forwarder_3',
      level: 'critical',
      title: 'Public DNS down',
      message: 'all servers failing',
      timestamp: '2025-08-29T09:15:00',
      forwarder_id: 3,
    };
    expect(d.diffHealthAlerts([alert], 0).map((e) => [e.type, e.severity])).toEqual([['health_alert_raised', 'critical']]);
    expect(d.diffHealthAlerts([alert], 1)).toEqual([]);
    expect(d.diffHealthAlerts([], 2).map((e) => e.type)).toEqual(['health_alert_cleared']);
  });

  it("masks a registered password, in any case, in the server's health alert text", () => {
    const password = 'Rest-Canary-Pa55word';
    registerSecret(password);
    try {
      const d = new SnapshotDiffer('s1', () => 0);
      const alert = { id: 'forwarder_2', level: 'warning', title: `Forwarder Degraded: AD ${password.toUpperCase()}`, message: `${password.toLowerCase()}: 1/2 servers healthy`, timestamp: '2025-08-29T09:15:00', forwarder_id: 2 };
      const [raised] = d.diffHealthAlerts([alert], 0);
      expect(raised).toMatchObject({ title: 'Health alert: Forwarder Degraded: AD [REDACTED]', summary: '[REDACTED]: 1/2 servers healthy' });
      expect(JSON.stringify(raised).toLowerCase()).not.toContain(password.toLowerCase());
    } finally {
      forgetSecret(password);
    }
  });

  it('threats: each row once', () => {
    const d = new SnapshotDiffer('s1', () => 0);
    const t = { timestamp: '2025-08-29T09:15:00', client_ip: '10.0.0.1', domain: 'bad.example', category: 'malware', action: 'blocked' };
    expect(d.diffThreats([t], 0)).toHaveLength(1);
    expect(d.diffThreats([t, { ...t, domain: 'worse.example' }], 1)).toHaveLength(1);
  });
});
