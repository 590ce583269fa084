import { describe, expect, it } from 'vitest';
import { computeServerVerdict, type VerdictInput } from '../../../electron/core/verdict/serverVerdict';
import type { Alert } from '../../../shared/domain/alert';
import type { ForwarderSnapshot, ServerState, ServerStatus } from '../../../shared/domain/serverState';

const NOW = Date.parse('2026-12-06T21:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

const fw = (id: number, name: string, status: ForwarderSnapshot['status'], healthy = 2): ForwarderSnapshot => ({
  id,
  name,
  type: 'public',
  status,
  healthyServers: healthy,
  totalServers: 2,
  lastChecked: iso(NOW),
});

function status(state: ServerState, over: Partial<ServerStatus> = {}): ServerStatus {
  return {
    serverId: 'dns-1',
    name: 'HQ 1',
    state,
    since: iso(NOW - 60_000),
    lastDataAt: iso(NOW - 1000),
    stack: 'legacy',
    reconnect: null,
    forwarders: [fw(1, 'Corporate AD', 'healthy'), fw(3, 'Public DNS', 'healthy')],
    bindRunning: true,
    healthAt: iso(NOW - 5000),
    ...over,
  };
}

function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: 'a1',
    serverId: 'dns-1',
    key: 'bind',
    rule: 'bind',
    severity: 'critical',
    title: 'BIND is down on HQ 1',
    detail: '',
    status: 'active',
    raisedAt: iso(NOW - 10_000),
    lastSeenAt: iso(NOW - 10_000),
    resolvedAt: null,
    ack: null,
    snoozedUntil: null,
    eventId: null,
    count: 1,
    ...over,
  };
}

const verdict = (s: ServerStatus, over: Partial<VerdictInput> = {}) =>
  computeServerVerdict({ status: s, alerts: [], maintenanceUntilMs: null, healthStaleAfterMs: 75_000, now: NOW, ...over });

describe('the server verdict', () => {
  it('is ok only while live, with fresh health data and nothing wrong', () => {
    expect(verdict(status('live'))).toMatchObject({ level: 'ok', reasons: [], acknowledged: false });
  });

  it('is critical with BIND down although the connection is live, before any alert exists', () => {
    const v = verdict(status('live', { bindRunning: false }));
    expect(v.level).toBe('critical');
    expect(v.reasons).toEqual(['BIND is not running']);
  });

  it('is critical for a forwarder down and warning for one degraded, each named', () => {
    const down = verdict(status('live', { forwarders: [fw(3, 'Public DNS', 'unhealthy', 0)] }));
    expect(down).toMatchObject({ level: 'critical', reasons: ['Forwarder Public DNS down'] });
    const degraded = verdict(status('live', { forwarders: [fw(3, 'Public DNS', 'degraded', 1)] }));
    expect(degraded).toMatchObject({ level: 'warning', reasons: ['Forwarder Public DNS degraded (1/2 upstream servers healthy)'] });
  });

  it('lists every problem, and the worst decides the level', () => {
    const v = verdict(status('live', { bindRunning: false, forwarders: [fw(3, 'Public DNS', 'degraded', 1)] }));
    expect(v.level).toBe('critical');
    expect(v.reasons).toEqual(['BIND is not running', 'Forwarder Public DNS degraded (1/2 upstream servers healthy)']);
  });

  it.each(['connecting', 'authenticating', 'stale', 'reconnecting', 'needs-2fa', 'auth-failed', 'account-locked', 'replaced', 'tls-untrusted', 'offline'] as const)(
    'is blind, never ok, while %s (whatever the last data said)',
    (state) => {
      const v = verdict(status(state));
      expect(v.level).toBe('blind');
      expect(v.reasons[0]).toMatch(/^[A-Z]/);
    },
  );

  it('says why it is blind in words, with the session detail', () => {
    expect(verdict(status('auth-failed', { detail: 'password refused' })).reasons).toEqual(['Sign-in failed: password refused']);
    const r = verdict(status('reconnecting', { detail: 'connection refused', reconnect: { attempt: 3, nextAt: iso(NOW + 12_000) } }));
    expect(r.reasons).toEqual(['Reconnecting (attempt 3): connection refused']);
  });

  it('is blind when live but the health data is older than 2.5x its interval, as a reason of its own', () => {
    const v = verdict(status('live', { healthAt: iso(NOW - 80_000) }), { healthStaleAfterMs: 75_000 });
    expect(v).toMatchObject({ level: 'blind', reasons: ['No health data for over 75 s'] });
    expect(verdict(status('live', { healthAt: iso(NOW - 70_000) }), { healthStaleAfterMs: 75_000 }).level).toBe('ok');
  });

  it('blind beats critical: the last known problem is kept as a reason, marked as such', () => {
    const v = verdict(status('offline', { detail: 'connection refused', bindRunning: false }));
    expect(v).toMatchObject({ level: 'blind', reasons: ['Offline: connection refused', 'last known: BIND is not running'] });
  });

  it('an acknowledged problem keeps its level and says it is acknowledged', () => {
    const ack = alert({ status: 'acknowledged', ack: { by: 'ana', at: iso(NOW), note: '' } });
    const v = verdict(status('live', { bindRunning: false }), { alerts: [ack] });
    expect(v).toMatchObject({ level: 'critical', reasons: ['acknowledged by ana: BIND is not running'], acknowledged: true });
  });

  it('an acknowledged alert with no health fact behind it still counts at its severity', () => {
    const threat = alert({ key: 'threat:bad.example', rule: 'threat', severity: 'warning', title: 'Threat bad.example on HQ 1', status: 'snoozed' });
    expect(verdict(status('live'), { alerts: [threat] })).toMatchObject({ level: 'warning', reasons: ['snoozed: Threat bad.example on HQ 1'], acknowledged: true });
  });

  it('one unacknowledged problem among acknowledged ones is not "acknowledged"', () => {
    const ack = alert({ status: 'acknowledged', ack: { by: 'ana', at: iso(NOW), note: '' } });
    const v = verdict(status('live', { bindRunning: false, forwarders: [fw(3, 'Public DNS', 'unhealthy', 0)] }), { alerts: [ack] });
    expect(v.acknowledged).toBe(false);
    expect(v.reasons).toEqual(['acknowledged by ana: BIND is not running', 'Forwarder Public DNS down']);
  });

  it('an alert that restates a health fact is not a second reason', () => {
    const fwAlert = alert({ key: 'forwarder:3', rule: 'forwarder_status', severity: 'error', title: 'Forwarder Public DNS is unhealthy on HQ 1' });
    const v = verdict(status('live', { forwarders: [fw(3, 'Public DNS', 'unhealthy', 0)] }), { alerts: [fwAlert] });
    expect(v.reasons).toEqual(['Forwarder Public DNS down']);
  });

  it('the DNS probe alert restates "BIND is not running" (one failure): one reason, its acknowledgement lent', () => {
    const probeAlert = alert({ key: 'probe:dns', rule: 'probe_dns', title: 'BIND is down on HQ 1', status: 'acknowledged', ack: { by: 'ana', at: iso(NOW), note: '' } });
    const v = verdict(status('live', { bindRunning: false }), { alerts: [probeAlert] });
    expect(v).toMatchObject({ level: 'critical', acknowledged: true, reasons: ['acknowledged by ana: BIND is not running'] });
    // A hung named (the API says BIND runs) is the probe alone: its own reason, still critical.
    const hung = alert({ key: 'probe:dns', rule: 'probe_dns', title: 'DNS on HQ 1 does not answer while its API is live' });
    expect(verdict(status('live'), { alerts: [hung] })).toMatchObject({ level: 'critical', reasons: ['DNS on HQ 1 does not answer while its API is live'] });
  });

  it('a forwarder not checked yet is a warning; a disabled one is nobody\'s problem', () => {
    expect(verdict(status('live', { forwarders: [fw(1, 'Quad9', 'unknown', 0)] }))).toMatchObject({ level: 'warning', reasons: ['Forwarder Quad9 health unknown'] });
    expect(verdict(status('live', { forwarders: [fw(1, 'Quad9', 'disabled', 0)] })).level).toBe('ok');
  });

  it('a connection alert does not repeat why the server is blind', () => {
    const conn = alert({ key: 'connection', rule: 'connection', title: 'No data from HQ 1' });
    expect(verdict(status('offline', { detail: 'connection refused' }), { alerts: [conn] }).reasons).toEqual(['Offline: connection refused']);
  });

  it('"API down while DNS answers" is one failure with the connection alert: the same reasons whichever key the alert has', () => {
    const blind = status('reconnecting', { detail: 'connection refused' });
    const byConnection = alert({ key: 'connection', rule: 'connection', severity: 'error', title: 'No data from HQ 1' });
    const byProbe = alert({ key: 'probe:api', rule: 'probe_api_down_dns_up', severity: 'error', title: 'API of HQ 1 is down while its DNS answers' });
    expect(verdict(blind, { alerts: [byProbe] })).toEqual(verdict(blind, { alerts: [byConnection] }));
    expect(verdict(blind, { alerts: [byProbe] }).reasons).toEqual(['Reconnecting: connection refused']);
  });

  it('info alerts and resolved alerts do not change the level', () => {
    const info = alert({ key: 'health:9', severity: 'info', title: 'FYI' });
    const resolved = alert({ id: 'a2', key: 'health:7', status: 'resolved', resolvedAt: iso(NOW) });
    expect(verdict(status('live'), { alerts: [info, resolved] }).level).toBe('ok');
  });

  it('maintenance wins over blind and critical but keeps saying what is wrong', () => {
    const v = verdict(status('live', { bindRunning: false }), { maintenanceUntilMs: NOW + 30 * 60_000 });
    expect(v).toMatchObject({ level: 'maintenance', reasons: ['In maintenance until 21:30 UTC', 'BIND is not running'] });
    expect(verdict(status('live', { bindRunning: false }), { maintenanceUntilMs: NOW - 1 }).level).toBe('critical');
  });

  it('a disabled server is disabled, whatever else is known', () => {
    expect(verdict(status('disabled', { bindRunning: false })).level).toBe('disabled');
  });

  it('keeps `since` while the level stays, and moves it when the level changes', () => {
    const first = verdict(status('live', { bindRunning: false }));
    const later = computeServerVerdict({ status: status('live', { bindRunning: false, forwarders: [] }), alerts: [], maintenanceUntilMs: null, healthStaleAfterMs: null, now: NOW + 5000, previous: first });
    expect(later.since).toBe(first.since);
    const fixed = computeServerVerdict({ status: status('live'), alerts: [], maintenanceUntilMs: null, healthStaleAfterMs: null, now: NOW + 9000, previous: later });
    expect(fixed).toMatchObject({ level: 'ok', since: iso(NOW + 9000) });
  });
});
