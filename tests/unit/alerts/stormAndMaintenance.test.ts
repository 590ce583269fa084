import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, MINUTE, SECOND } from '../../../shared/domain/ids';
import { forwarderChange, harness, type Harness } from './support/fixtures';

let h: Harness;
afterEach(() => h.engine.dispose());

describe('storm control', () => {
  it('caps notifications per minute fleet-wide and folds the rest into one "N more alerts"', () => {
    h = harness({ stormMaxPerMinute: 5 });
    const events = Array.from({ length: 40 }, (_, i) => forwarderChange(`dns-${i % 8}`, i, 'unhealthy'));
    h.engine.ingest(events);
    expect(h.raised).toHaveLength(5);
    expect(h.engine.list({ includeResolved: false, limit: 100 })).toHaveLength(40); // every alert is still recorded
    h.clock.advance(MINUTE);
    expect(h.raised).toHaveLength(6);
    const summary = h.raised[5]!;
    expect(summary).toMatchObject({ title: '35 more alerts', rule: 'storm', severity: 'error', count: 35, serverId: 'fleet' });
    expect(summary.detail).toContain('Forwarder fw-5 is unhealthy');
    expect(h.engine.list({ includeResolved: true, limit: 100 }).some((a) => a.rule === 'storm')).toBe(false);
  });

  it('delivers normally again once the minute has passed', () => {
    h = harness({ stormMaxPerMinute: 2 });
    h.engine.ingest([forwarderChange('a', 1, 'unhealthy'), forwarderChange('b', 2, 'unhealthy'), forwarderChange('c', 3, 'unhealthy')]);
    h.clock.advance(MINUTE);
    expect(h.raised.map((a) => a.serverId)).toEqual(['a', 'b', 'c']); // a single held alert is delivered as itself
    h.clock.advance(2 * MINUTE);
    h.engine.ingest([forwarderChange('d', 4, 'unhealthy')]);
    expect(h.raised.at(-1)?.serverId).toBe('d');
  });
});

describe('maintenance', () => {
  it('records but does not notify while a server is in maintenance; other servers still notify', () => {
    h = harness();
    h.engine.setMaintenance('dns-1', h.clock.now() + 2 * HOUR);
    h.engine.ingest([forwarderChange('dns-1', 1, 'unhealthy'), forwarderChange('dns-2', 1, 'unhealthy')]);
    expect(h.raised.map((a) => a.serverId)).toEqual(['dns-2']);
    expect(h.openAlert('dns-1', 'forwarder:1')?.status).toBe('active');
    expect(h.changed.some((a) => a.serverId === 'dns-1')).toBe(true);
    expect(h.engine.maintenanceWindows()).toEqual([{ serverId: 'dns-1', untilMs: h.clock.now() + 2 * HOUR }]);
  });

  it('at the end of the window announces only what broke during it and is still broken', () => {
    h = harness();
    h.engine.ingest([forwarderChange('dns-1', 1, 'unhealthy')]); // broken before maintenance
    h.engine.setMaintenance('dns-1', h.clock.now() + HOUR);
    h.engine.ingest([
      forwarderChange('dns-1', 2, 'unhealthy'),
      forwarderChange('dns-1', 3, 'unhealthy'),
      forwarderChange('dns-1', 3, 'healthy'),
    ]);
    expect(h.raised).toHaveLength(1);
    h.clock.advance(HOUR);
    expect(h.raised.map((a) => a.key)).toEqual(['forwarder:1', 'forwarder:2']);
    h.engine.ingest([forwarderChange('dns-1', 4, 'unhealthy')]);
    expect(h.raised.at(-1)?.key).toBe('forwarder:4');
  });

  it('ending maintenance early with null restores notifications at once', () => {
    h = harness();
    h.engine.setMaintenance('dns-1', h.clock.now() + HOUR);
    h.clock.advance(10 * SECOND);
    h.engine.setMaintenance('dns-1', null);
    h.engine.ingest([forwarderChange('dns-1', 1, 'unhealthy')]);
    expect(h.raised).toHaveLength(1);
    expect(h.engine.maintenanceWindows()).toEqual([]);
  });
});
