import { afterEach, describe, expect, it } from 'vitest';
import { HOUR } from '../../../shared/domain/ids';
import { groupIncidents, incidentServersText } from '../../../shared/domain/incident';
import { event, forwarderChange, harness, type Harness } from './support/fixtures';

let h: Harness;
afterEach(() => h.engine.dispose());

const serverAlert = (serverId: string, forwarderId: number, level = 'critical') =>
  event(serverId, 'health_alert_raised', {
    alertId: `forwarder_${forwarderId}`,
    level,
    title: `Forwarder Down: fw-${forwarderId}`,
    message: '0/2 servers healthy',
    forwarderId,
  });
const serverAlertCleared = (serverId: string, forwarderId: number) =>
  event(serverId, 'health_alert_cleared', { alertId: `forwarder_${forwarderId}`, level: 'critical', title: '', message: '', forwarderId });
const threat = (serverId: string, domain: string) =>
  event(serverId, 'threat_detected', { domain, clientIp: '10.0.0.5', category: 'malware', action: 'blocked' }, 'warning');

describe('one failure, one alert', () => {
  it('the server health alert for a forwarder joins the forwarder alert: one record, one notification, worst severity', () => {
    h = harness();
    h.engine.ingest([forwarderChange('dns-1', 3, 'unhealthy', 'healthy')]);
    h.engine.ingest([serverAlert('dns-1', 3)]);
    const open = h.engine.list({ includeResolved: false, limit: 10 });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ key: 'forwarder:3', severity: 'critical', count: 2, title: 'Forwarder fw-3 is unhealthy on dns-1' });
    expect(h.raised).toHaveLength(1);
  });

  it('in the other order too, and a joining source does not lift an acknowledgement', () => {
    h = harness();
    h.engine.ingest([serverAlert('dns-1', 3)]);
    h.engine.acknowledge([h.raised[0]!.id], 'ISP ticket', 'alice');
    h.engine.ingest([forwarderChange('dns-1', 3, 'unhealthy', 'healthy')]);
    expect(h.engine.list({ includeResolved: false, limit: 10 })).toEqual([expect.objectContaining({ key: 'forwarder:3', status: 'acknowledged' })]);
    expect(h.raised).toHaveLength(1);
  });

  it('resolves when every source that raised it has cleared, not before', () => {
    h = harness();
    h.engine.ingest([forwarderChange('dns-1', 3, 'unhealthy', 'healthy'), serverAlert('dns-1', 3)]);
    h.engine.ingest([forwarderChange('dns-1', 3, 'healthy', 'unhealthy')]);
    expect(h.openAlert('dns-1', 'forwarder:3')).toMatchObject({ status: 'active', severity: 'critical' });
    h.engine.ingest([serverAlertCleared('dns-1', 3)]);
    expect(h.openAlert('dns-1', 'forwarder:3')).toBeUndefined();
  });

  it('the forwarder getting worse on its own still notifies', () => {
    h = harness();
    h.engine.ingest([forwarderChange('dns-1', 3, 'degraded', 'healthy'), serverAlert('dns-1', 3, 'warning')]);
    h.engine.ingest([forwarderChange('dns-1', 3, 'unhealthy', 'degraded')]);
    expect(h.raised.map((a) => a.severity)).toEqual(['warning', 'error']);
  });
});

describe('one cause, one incident', () => {
  it('the same forwarder failing on three servers is one incident with three servers and one notification', () => {
    h = harness();
    for (const s of ['dns-1', 'dns-2', 'dns-3']) h.engine.ingest([forwarderChange(s, 3, 'unhealthy', 'healthy')]);
    const open = h.engine.list({ includeResolved: false, limit: 10 });
    expect(open).toHaveLength(3);
    expect(h.raised).toHaveLength(1);
    const incidents = groupIncidents(open);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ cause: 'forwarder:fw-3', severity: 'error', status: 'active', servers: ['dns-1', 'dns-2', 'dns-3'] });
    expect(incidentServersText(incidents[0]!)).toBe('3 servers: dns-1, dns-2, dns-3');
  });

  it('a member worse than anything the operator heard of notifies', () => {
    h = harness();
    h.engine.ingest([forwarderChange('dns-1', 3, 'degraded'), forwarderChange('dns-2', 3, 'unhealthy')]);
    expect(h.raised.map((a) => `${a.serverId}:${a.severity}`)).toEqual(['dns-1:warning', 'dns-2:error']);
  });

  it('a member held back by maintenance does not make the cause known', () => {
    h = harness();
    h.engine.setMaintenance('dns-1', h.clock.now() + HOUR);
    h.engine.ingest([forwarderChange('dns-1', 3, 'unhealthy'), forwarderChange('dns-2', 3, 'unhealthy')]);
    expect(h.raised.map((a) => a.serverId)).toEqual(['dns-2']);
  });

  it('the same threat domain on 24 servers is one incident, not 24 notifications; two domains are two', () => {
    h = harness();
    for (let i = 0; i < 24; i++) h.engine.ingest([threat(`dns-${i}`, 'bad.example'), threat(`dns-${i}`, 'worse.example')]);
    expect(h.raised).toHaveLength(2);
    const incidents = groupIncidents(h.engine.list({ includeResolved: false, limit: 100 }));
    expect(incidents.map((i) => `${i.cause}:${i.servers.length}`).sort()).toEqual(['threat:bad.example:24', 'threat:worse.example:24']);
  });

  it('a recovered server stays listed in the still-open incident; the same cause after it ended is a new incident', () => {
    h = harness();
    h.engine.ingest([forwarderChange('dns-1', 3, 'unhealthy'), forwarderChange('dns-2', 3, 'unhealthy')]);
    h.clock.advance(HOUR);
    h.engine.ingest([forwarderChange('dns-1', 3, 'healthy')]);
    let incidents = groupIncidents(h.engine.list({ includeResolved: true, limit: 100 }));
    expect(incidents.map((i) => [i.status, i.servers])).toEqual([['active', ['dns-1', 'dns-2']]]);
    h.engine.ingest([forwarderChange('dns-2', 3, 'healthy')]);
    h.clock.advance(HOUR);
    h.engine.ingest([forwarderChange('dns-3', 3, 'unhealthy')]);
    incidents = groupIncidents(h.engine.list({ includeResolved: true, limit: 100 }));
    expect(incidents.map((i) => [i.status, i.servers])).toEqual([
      ['active', ['dns-3']],
      ['resolved', ['dns-1', 'dns-2']],
    ]);
    expect(h.raised.map((a) => a.serverId)).toEqual(['dns-1', 'dns-3']);
  });
});
