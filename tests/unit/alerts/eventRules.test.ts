import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../../shared/domain/ids';
import { event, forwarderChange, harness, status, type Harness } from './support/fixtures';

let h: Harness;
afterEach(() => h.engine.dispose());

describe('BIND, TLS pin and health alerts', () => {
  it('bind_down raises a critical alert and bind_up resolves it', () => {
    h = harness();
    h.engine.onServerStatus(status('dns-1', 'live'));
    h.engine.ingest([event('dns-1', 'bind_down', { running: false, source: 'system_status' }, 'critical')]);
    expect(h.raised[0]).toMatchObject({ key: 'bind', severity: 'critical', title: 'BIND is down on DNS dns-1' });
    h.engine.ingest([event('dns-1', 'bind_up', { running: true, source: 'system_status' })]);
    expect(h.openAlert('dns-1', 'bind')).toBeUndefined();
  });

  it('a live snapshot with BIND running resolves a bind alert whose bind_up was missed', () => {
    h = harness();
    h.engine.ingest([event('dns-1', 'bind_down', { running: false, source: 'rest' }, 'critical')]);
    h.engine.onServerStatus(status('dns-1', 'live', { bindRunning: true }));
    expect(h.openAlert('dns-1', 'bind')).toBeUndefined();
  });

  it('a BIND-down alert stays open while the status still carries the running flag from before the failure', () => {
    // The legacy race (issue 12): a REST poll finds BIND stopped and emits bind_down, then the poll's
    // "data arrived" publishes the status before its bindRunning is updated, still saying true.
    h = harness();
    h.engine.onServerStatus(status('dns-1', 'live', { bindRunning: true }));
    h.engine.ingest([event('dns-1', 'bind_down', { running: false, source: 'rest' }, 'critical')]);
    h.engine.onServerStatus(status('dns-1', 'live', { bindRunning: true, lastDataAt: new Date().toISOString() }));
    expect(h.openAlert('dns-1', 'bind')).toMatchObject({ status: 'active' });
    h.engine.onServerStatus(status('dns-1', 'live', { bindRunning: false }));
    expect(h.openAlert('dns-1', 'bind')).toMatchObject({ status: 'active' });
    // Fresh evidence: the status now says running after having said stopped.
    h.engine.onServerStatus(status('dns-1', 'live', { bindRunning: true }));
    expect(h.openAlert('dns-1', 'bind')).toBeUndefined();
  });

  it('a forwarder alert from the server stays open while the status still lists the forwarder as healthy from before', () => {
    h = harness();
    const healthy = { id: 3, name: 'Public DNS', type: 'public' as const, status: 'healthy' as const, healthyServers: 2, totalServers: 2, lastChecked: null };
    h.engine.onServerStatus(status('dns-1', 'live', { forwarders: [healthy] }));
    h.engine.ingest([forwarderChange('dns-1', 3, 'unhealthy', 'healthy')]);
    h.engine.onServerStatus(status('dns-1', 'live', { forwarders: [healthy], lastDataAt: new Date().toISOString() }));
    expect(h.openAlert('dns-1', 'forwarder:3')).toMatchObject({ status: 'active' });
  });

  it('tls_pin_mismatch raises a critical security alert naming both fingerprints', () => {
    h = harness();
    h.engine.ingest([event('dns-1', 'tls_pin_mismatch', { expected: 'AA:11', presented: 'BB:22' }, 'critical')]);
    expect(h.raised[0]).toMatchObject({ key: 'tls-pin', severity: 'critical', rule: 'tls_pin_mismatch' });
    expect(h.raised[0]?.detail).toContain('AA:11');
    expect(h.raised[0]?.detail).toContain('BB:22');
  });

  it('health_alert_raised / cleared follow the server-side alert by its id and level', () => {
    h = harness();
    h.engine.ingest([
      event('dns-1', 'health_alert_raised', {
        alertId: 'fw-2-down',
        level: 'critical',
        title: 'Forwarder down',
        message: 'all upstreams fail',
      }),
    ]);
    expect(h.openAlert('dns-1', 'health:fw-2-down')).toMatchObject({ severity: 'critical', detail: 'all upstreams fail' });
    h.engine.ingest([
      event('dns-1', 'health_alert_cleared', { alertId: 'fw-2-down', level: 'critical', title: 'Forwarder down', message: '' }),
    ]);
    expect(h.openAlert('dns-1', 'health:fw-2-down')).toBeUndefined();
  });

  it('info-level alerts are recorded but never pop up', () => {
    h = harness();
    h.engine.ingest([event('dns-1', 'health_alert_raised', { alertId: 'x', level: 'info', title: 'FYI', message: '' })]);
    expect(h.openAlert('dns-1', 'health:x')?.severity).toBe('info');
    expect(h.raised).toEqual([]);
  });
});

describe('threats', () => {
  const threat = (domain: string, client = '10.0.0.5') =>
    event('dns-1', 'threat_detected', { domain, clientIp: client, category: 'malware', action: 'blocked' }, 'warning');

  it('keeps one alert per domain with a hit count', () => {
    h = harness();
    h.engine.ingest([threat('bad.example'), threat('bad.example', '10.0.0.6'), threat('BAD.example'), threat('evil.example')]);
    expect(h.openAlert('dns-1', 'threat:bad.example')).toMatchObject({ count: 3, rule: 'threat' });
    expect(h.openAlert('dns-1', 'threat:bad.example')?.detail).toContain('malware');
    expect(h.raised.map((a) => a.key)).toEqual(['threat:bad.example', 'threat:evil.example']);
  });

  it('resolves a quiet threat alert and rate-limits the next notification for the same domain', () => {
    h = harness({ threatQuietMs: 30 * MINUTE, threatNotifyCooldownMs: 60 * MINUTE });
    h.engine.ingest([threat('bad.example')]);
    h.clock.advance(20 * MINUTE);
    h.engine.ingest([threat('bad.example')]); // keeps it open
    h.clock.advance(29 * MINUTE);
    expect(h.openAlert('dns-1', 'threat:bad.example')).toBeDefined();
    h.clock.advance(MINUTE);
    expect(h.openAlert('dns-1', 'threat:bad.example')).toBeUndefined();
    h.engine.ingest([threat('bad.example')]);
    expect(h.openAlert('dns-1', 'threat:bad.example')?.count).toBe(1); // recorded as a fresh alert…
    expect(h.raised).toHaveLength(1); // …but inside the cooldown it does not pop up again
    h.clock.advance(60 * MINUTE);
    h.engine.ingest([threat('bad.example')]);
    expect(h.raised).toHaveLength(2);
  });

  it('security_alert raises a security alert at least at warning', () => {
    h = harness();
    h.engine.ingest([event('dns-1', 'security_alert', { message: 'brute force from [IP]' }, 'info')]);
    const alert = h.engine.list({ includeResolved: false, limit: 5 })[0];
    expect(alert).toMatchObject({ rule: 'security_alert', severity: 'warning' });
    expect(alert?.title).toContain('brute force');
  });

  it('ignores events that are not alert conditions', () => {
    h = harness();
    h.engine.ingest([
      event('dns-1', 'zone_updated', { zoneId: 1, zoneName: 'example.com', serial: 2 }),
      event('dns-1', 'system_metrics', { cpu: 3 }),
    ]);
    expect(h.engine.list({ includeResolved: true, limit: 5 })).toEqual([]);
  });
});
