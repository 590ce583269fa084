import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import { MaintenanceWindowSchema, type MaintenanceWindow, type MaintenanceWindowInput } from '../../../shared/domain/maintenance';
import { AlertEngine } from '../../../electron/core/alerts/AlertEngine';
import { nullLogger } from '../../../electron/core/util/logger';
import { FakeClock } from './support/FakeClock';
import { HOUR, MINUTE, SECOND } from '../../../shared/domain/ids';
import { forwarderChange, harness, MemoryAlertStore, type Harness } from './support/fixtures';

let h: Harness | undefined;
afterEach(() => {
  h?.engine.dispose();
  h = undefined;
});

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

describe('saved, scheduled and recurring maintenance', () => {
  class MemoryMaintenanceStore {
    windows: MaintenanceWindow[] = [];
    load = () => structuredClone(this.windows);
    save = (w: MaintenanceWindow[]) => void (this.windows = structuredClone(w));
  }
  const engineWith = (store: MemoryMaintenanceStore, clock: FakeClock, alerts = new MemoryAlertStore()) => {
    const raised: Alert[] = [];
    let changes = 0;
    const engine = new AlertEngine({ clock, logger: nullLogger, store: alerts, maintenanceStore: store });
    engine.onDidRaise((a) => raised.push(a));
    engine.onDidChangeMaintenance(() => changes++);
    return { engine, raised, changes: () => changes };
  };
  const window = (over: Partial<MaintenanceWindowInput>) => MaintenanceWindowSchema.parse({ id: 'w1', serverId: 'dns-1', startsAt: 0, endsAt: 1, ...over });

  it('a window survives a restart and still holds back notifications', () => {
    const clock = new FakeClock();
    const store = new MemoryMaintenanceStore();
    let e = engineWith(store, clock);
    e.engine.setMaintenance('dns-1', clock.now() + 2 * HOUR);
    e.engine.dispose();
    expect(store.windows).toHaveLength(1);

    e = engineWith(store, clock);
    expect(e.engine.maintenanceWindows()).toEqual([{ serverId: 'dns-1', untilMs: clock.now() + 2 * HOUR }]);
    e.engine.ingest([forwarderChange('dns-1', 1, 'unhealthy')]);
    expect(e.raised).toEqual([]);
    clock.advance(2 * HOUR);
    expect(e.raised.map((a) => a.key)).toEqual(['forwarder:1']); // broke during the window, still broken: told once
    expect(store.windows).toEqual([]); // a one-off window that is over is not kept
    e.engine.dispose();
  });

  it('a window scheduled ahead starts and ends by itself, and each boundary is announced for the push', () => {
    const clock = new FakeClock();
    const store = new MemoryMaintenanceStore();
    const e = engineWith(store, clock);
    e.engine.maintenance.schedule(window({ startsAt: clock.now() + HOUR, endsAt: clock.now() + 2 * HOUR }));
    const afterSchedule = e.changes();
    e.engine.ingest([forwarderChange('dns-1', 1, 'unhealthy')]);
    expect(e.raised).toHaveLength(1); // not yet in force
    clock.advance(HOUR);
    expect(e.engine.maintenance.isActive('dns-1')).toBe(true);
    expect(e.changes()).toBe(afterSchedule + 1);
    e.engine.ingest([forwarderChange('dns-1', 2, 'unhealthy')]);
    expect(e.raised).toHaveLength(1);
    clock.advance(HOUR);
    expect(e.engine.maintenance.isActive('dns-1')).toBe(false);
    expect(e.changes()).toBe(afterSchedule + 2);
    expect(e.raised.map((a) => a.key)).toEqual(['forwarder:1', 'forwarder:2']); // forwarder:1 was open before: quiet
    e.engine.dispose();
  });

  it('a daily window recurs in its time zone; ending maintenance now leaves the recurring window saved', () => {
    const clock = new FakeClock(Date.parse('2026-03-27T00:00:00Z'));
    const store = new MemoryMaintenanceStore();
    const e = engineWith(store, clock);
    e.engine.maintenance.schedule(
      window({ startsAt: Date.parse('2026-03-27T01:30:00Z'), endsAt: Date.parse('2026-03-27T03:00:00Z'), recurrence: 'daily', timeZone: 'Europe/Berlin' }),
    );
    const inForce: boolean[] = [];
    for (const iso of ['2026-03-27T02:00:00Z', '2026-03-27T12:00:00Z', '2026-03-28T02:00:00Z', '2026-03-30T00:45:00Z', '2026-03-30T02:15:00Z']) {
      clock.advance(Date.parse(iso) - clock.now());
      inForce.push(e.engine.maintenance.isActive('dns-1'));
    }
    expect(inForce).toEqual([true, false, true, true, false]);
    clock.advance(Date.parse('2026-03-31T00:45:00Z') - clock.now());
    e.engine.setMaintenance('dns-1', null);
    expect(store.windows.map((w) => w.recurrence)).toEqual(['daily']);
    e.engine.dispose();
  });
});
