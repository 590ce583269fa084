import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../../shared/domain/ids';
import { forwarderChange, harness, status, type Harness } from './support/fixtures';

let h: Harness;
afterEach(() => h.engine.dispose());

describe('forwarder alerts', () => {
  it('raises an error alert when a forwarder turns unhealthy and resolves it when healthy again', () => {
    h = harness();
    h.engine.onServerStatus(status('dns-1', 'live'));
    h.engine.ingest([forwarderChange('dns-1', 3, 'unhealthy', 'healthy')]);
    const alert = h.openAlert('dns-1', 'forwarder:3');
    expect(alert).toMatchObject({ severity: 'error', status: 'active', rule: 'forwarder_status', count: 1 });
    expect(alert?.title).toBe('Forwarder fw-3 is unhealthy on DNS dns-1');
    expect(h.raised).toHaveLength(1);

    h.engine.ingest([forwarderChange('dns-1', 3, 'healthy', 'unhealthy')]);
    expect(h.openAlert('dns-1', 'forwarder:3')).toBeUndefined();
    expect(h.changed.at(-1)).toMatchObject({ id: alert?.id, status: 'resolved' });
    expect(h.changed.at(-1)?.resolvedAt).not.toBeNull();
  });

  it('uses warning for degraded and keeps one alert per forwarder and server', () => {
    h = harness();
    h.engine.ingest([
      forwarderChange('dns-1', 1, 'degraded'),
      forwarderChange('dns-2', 1, 'degraded'),
      forwarderChange('dns-1', 2, 'unhealthy'),
    ]);
    const open = h.engine.list({ includeResolved: false, limit: 10 });
    expect(open.map((a) => `${a.serverId}/${a.key}/${a.severity}`).sort()).toEqual([
      'dns-1/forwarder:1/warning',
      'dns-1/forwarder:2/error',
      'dns-2/forwarder:1/warning',
    ]);
  });

  it('re-raises when a degraded forwarder becomes unhealthy, but not when it improves to degraded', () => {
    h = harness();
    h.engine.ingest([forwarderChange('dns-1', 1, 'degraded')]);
    h.engine.ingest([forwarderChange('dns-1', 1, 'unhealthy')]);
    expect(h.raised.map((a) => a.severity)).toEqual(['warning', 'error']);
    h.engine.ingest([forwarderChange('dns-1', 1, 'degraded')]);
    expect(h.raised).toHaveLength(2);
    expect(h.openAlert('dns-1', 'forwarder:1')).toMatchObject({ severity: 'warning', count: 3 });
  });

  it('keeps the alert when the status becomes unknown (no news is not good news)', () => {
    h = harness();
    h.engine.ingest([forwarderChange('dns-1', 1, 'unhealthy'), forwarderChange('dns-1', 1, 'unknown')]);
    expect(h.openAlert('dns-1', 'forwarder:1')?.status).toBe('active');
  });

  it('turns a flapping forwarder into one flapping alert instead of a notification per change', () => {
    h = harness({ flapThreshold: 4, flapWindowMs: 10 * MINUTE, flapSettleMs: 5 * MINUTE });
    const flip = ['unhealthy', 'healthy', 'unhealthy', 'healthy', 'unhealthy', 'healthy', 'unhealthy', 'healthy'] as const;
    for (const s of flip) {
      h.engine.ingest([forwarderChange('dns-1', 7, s)]);
      h.clock.advance(30_000);
    }
    // Changes 1 and 3 notify as unhealthy; the 4th makes it "flapping" (one more notification); then silence.
    expect(h.raised.map((a) => a.rule)).toEqual(['forwarder_status', 'forwarder_status', 'flapping']);
    const flapping = h.openAlert('dns-1', 'forwarder:7');
    expect(flapping).toMatchObject({ rule: 'flapping', severity: 'warning', status: 'active' });
    expect(flapping?.title).toContain('is flapping');
    expect(flapping?.count).toBe(6);
  });

  it('resolves a flapping alert once the forwarder has stayed healthy for the settle time', () => {
    h = harness({ flapThreshold: 3, flapWindowMs: 10 * MINUTE, flapSettleMs: 5 * MINUTE });
    for (const s of ['unhealthy', 'healthy', 'unhealthy', 'healthy'] as const) h.engine.ingest([forwarderChange('dns-1', 7, s)]);
    expect(h.openAlert('dns-1', 'forwarder:7')?.rule).toBe('flapping');
    h.clock.advance(5 * MINUTE - 1);
    expect(h.openAlert('dns-1', 'forwarder:7')).toBeDefined();
    h.clock.advance(1);
    expect(h.openAlert('dns-1', 'forwarder:7')).toBeUndefined();
  });

  it('turns a settled flapping forwarder that stays unhealthy back into an unhealthy alert and says so', () => {
    h = harness({ flapThreshold: 3, flapWindowMs: 10 * MINUTE, flapSettleMs: 5 * MINUTE });
    for (const s of ['unhealthy', 'healthy', 'unhealthy'] as const) h.engine.ingest([forwarderChange('dns-1', 7, s)]);
    const before = h.raised.length;
    h.clock.advance(5 * MINUTE);
    expect(h.openAlert('dns-1', 'forwarder:7')).toMatchObject({ rule: 'forwarder_status', severity: 'error' });
    expect(h.raised.length).toBe(before + 1);
  });

  it('a live snapshot showing the forwarder healthy resolves an alert whose recovery event was missed', () => {
    h = harness();
    h.engine.ingest([forwarderChange('dns-1', 3, 'unhealthy')]);
    const fw = { id: 3, name: 'fw-3', type: 'public', status: 'healthy' as const, healthyServers: 2, totalServers: 2, lastChecked: null };
    h.engine.onServerStatus(status('dns-1', 'stale', { forwarders: [fw] }));
    expect(h.openAlert('dns-1', 'forwarder:3')).toBeDefined(); // not live: the snapshot may be old
    h.engine.onServerStatus(status('dns-1', 'live', { forwarders: [fw] }));
    expect(h.openAlert('dns-1', 'forwarder:3')).toBeUndefined();
  });
});
