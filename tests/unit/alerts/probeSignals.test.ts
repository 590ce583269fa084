import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import { probeSignals } from '../../../electron/core/alerts/probeSignals';

const event = (over: Partial<FleetEvent>): FleetEvent => ({
  id: 'e1', serverId: 'hq1', type: 'probe_dns_silent', category: 'dns', severity: 'critical', occurredAt: '2026-12-06T22:00:00.000Z', receivedAt: '2026-12-06T22:00:00.000Z',
  title: 'DNS on HQ1 does not answer while its API is live', summary: 'public: probe failed: timeout after 2000 ms', data: { key: 'probe:dns' }, derived: true, dedupKey: 'k', ...over,
});

describe('probe alert rules', () => {
  it('a probe transition raises its keyed alert, a drift carries its incident, a clear resolves', () => {
    expect(probeSignals(event({}))).toEqual([expect.objectContaining({ kind: 'raise', key: 'probe:dns', rule: 'probe_dns', severity: 'critical' })]);
    expect(probeSignals(event({ type: 'probe_soa_drift', severity: 'warning', data: { key: 'soa-drift:corp.local', incident: 'soa-drift:corp.local' } }))).toEqual([
      expect.objectContaining({ kind: 'raise', key: 'soa-drift:corp.local', incident: 'soa-drift:corp.local', rule: 'soa_drift' }),
    ]);
    expect(probeSignals(event({ type: 'probe_dns_answering', severity: 'info' }))).toEqual([{ kind: 'resolve', serverId: 'hq1', key: 'probe:dns' }]);
  });

  it('a server pushing an event of the same name (not derived by the core) can neither raise nor clear a probe alert', () => {
    expect(probeSignals(event({ derived: false }))).toBeNull();
    expect(probeSignals(event({ type: 'probe_dns_answering', derived: false }))).toBeNull();
    expect(probeSignals(event({ type: '__proto__', data: { key: 'x' } }))).toBeNull();
  });
});
