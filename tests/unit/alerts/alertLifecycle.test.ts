import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../../shared/domain/ids';
import { STORE_LIST_CAP, forwarderChange, harness, MemoryAlertStore, type Harness } from './support/fixtures';
import { FakeClock } from './support/FakeClock';

let h: Harness;
afterEach(() => h.engine.dispose());

describe('de-duplication', () => {
  it('counts a repeated condition on the open alert instead of raising it again', () => {
    h = harness();
    h.engine.ingest([forwarderChange('dns-1', 1, 'unhealthy')]);
    const first = h.openAlert('dns-1', 'forwarder:1')!;
    h.clock.advance(MINUTE);
    h.engine.ingest([forwarderChange('dns-1', 1, 'unhealthy'), forwarderChange('dns-1', 1, 'unhealthy')]);
    const again = h.openAlert('dns-1', 'forwarder:1')!;
    expect(h.raised).toHaveLength(1);
    expect(again).toMatchObject({ id: first.id, count: 3, raisedAt: first.raisedAt });
    expect(again.lastSeenAt).toBe(new Date(h.clock.now()).toISOString());
  });

  it('raises a fresh alert (new id) when the condition returns after it resolved', () => {
    h = harness();
    h.engine.ingest([
      forwarderChange('dns-1', 1, 'unhealthy'),
      forwarderChange('dns-1', 1, 'healthy'),
      forwarderChange('dns-1', 1, 'unhealthy'),
    ]);
    expect(h.raised).toHaveLength(2);
    expect(h.raised[0]!.id).not.toBe(h.raised[1]!.id);
    const all = h.engine.list({ includeResolved: true, limit: 10 });
    expect(all.map((a) => a.status)).toEqual(['active', 'resolved']);
  });
});

describe('acknowledge and snooze', () => {
  it('an acknowledged alert stays listed with who and why, stays quiet, and goes away only when resolved', () => {
    h = harness();
    h.engine.ingest([forwarderChange('dns-1', 1, 'degraded')]);
    const id = h.raised[0]!.id;
    h.engine.acknowledge([id], 'ISP ticket 4711', 'alice');
    expect(h.openAlert('dns-1', 'forwarder:1')).toMatchObject({ status: 'acknowledged', ack: { by: 'alice', note: 'ISP ticket 4711' } });
    h.engine.ingest([forwarderChange('dns-1', 1, 'degraded')]);
    h.clock.advance(60 * MINUTE);
    expect(h.raised).toHaveLength(1);
    expect(h.openAlert('dns-1', 'forwarder:1')?.status).toBe('acknowledged');
    h.engine.ingest([forwarderChange('dns-1', 1, 'healthy')]);
    expect(h.openAlert('dns-1', 'forwarder:1')).toBeUndefined();
  });

  it('an acknowledged alert that gets worse is raised again', () => {
    h = harness();
    h.engine.ingest([forwarderChange('dns-1', 1, 'degraded')]);
    h.engine.acknowledge([h.raised[0]!.id], '', 'alice');
    h.engine.ingest([forwarderChange('dns-1', 1, 'unhealthy')]);
    expect(h.raised.map((a) => a.severity)).toEqual(['warning', 'error']);
    expect(h.openAlert('dns-1', 'forwarder:1')).toMatchObject({ status: 'active', ack: null });
  });

  it('a snoozed alert is silent until the snooze runs out, then reminds once', () => {
    h = harness();
    h.engine.ingest([forwarderChange('dns-1', 1, 'unhealthy')]);
    const id = h.raised[0]!.id;
    h.engine.snooze([id], 15);
    expect(h.openAlert('dns-1', 'forwarder:1')).toMatchObject({
      status: 'snoozed',
      snoozedUntil: new Date(h.clock.now() + 15 * MINUTE).toISOString(),
    });
    h.engine.ingest([forwarderChange('dns-1', 1, 'unhealthy')]);
    h.clock.advance(15 * MINUTE - 1);
    expect(h.raised).toHaveLength(1);
    h.clock.advance(1);
    expect(h.raised).toHaveLength(2);
    expect(h.openAlert('dns-1', 'forwarder:1')).toMatchObject({ status: 'active', snoozedUntil: null });
  });

  it('snooze lifts itself when the severity rises', () => {
    h = harness();
    h.engine.ingest([forwarderChange('dns-1', 1, 'degraded')]);
    h.engine.snooze([h.raised[0]!.id], 240);
    h.engine.ingest([forwarderChange('dns-1', 1, 'unhealthy')]);
    expect(h.raised).toHaveLength(2);
    expect(h.openAlert('dns-1', 'forwarder:1')).toMatchObject({ status: 'active', severity: 'error', snoozedUntil: null });
    h.clock.advance(240 * MINUTE);
    expect(h.raised).toHaveLength(2); // the old snooze timer is gone
  });

  it('unsnooze returns the alert to active without a new notification; bulk ids apply to all', () => {
    h = harness();
    h.engine.ingest([forwarderChange('dns-1', 1, 'unhealthy'), forwarderChange('dns-2', 2, 'unhealthy')]);
    const ids = h.raised.map((a) => a.id);
    h.engine.snooze(ids, 60);
    expect(h.engine.list({ includeResolved: false, limit: 10 }).every((a) => a.status === 'snoozed')).toBe(true);
    h.engine.unsnooze(ids);
    expect(h.engine.list({ includeResolved: false, limit: 10 }).every((a) => a.status === 'active')).toBe(true);
    h.clock.advance(60 * MINUTE);
    expect(h.raised).toHaveLength(2);
  });
});

describe('persistence', () => {
  it('saves every change through the store', () => {
    h = harness();
    h.engine.ingest([forwarderChange('dns-1', 1, 'unhealthy')]);
    const id = h.raised[0]!.id;
    h.engine.acknowledge([id], 'on it', 'bob');
    h.engine.ingest([forwarderChange('dns-1', 1, 'healthy')]);
    expect(h.store.saves).toBe(3);
    expect(h.store.rows.get(id)).toMatchObject({ status: 'resolved', ack: { by: 'bob', note: 'on it' } });
  });

  it('a restart keeps open alerts, their acknowledgement and their snooze', () => {
    const store = new MemoryAlertStore();
    const clock = new FakeClock();
    h = harness({}, { store, clock });
    h.engine.ingest([forwarderChange('dns-1', 1, 'unhealthy'), forwarderChange('dns-1', 2, 'unhealthy')]);
    const [a1, a2] = h.raised;
    h.engine.acknowledge([a1!.id], 'known', 'alice');
    h.engine.snooze([a2!.id], 30);
    h.engine.dispose();

    h = harness({}, { store, clock });
    expect(h.openAlert('dns-1', 'forwarder:1')).toMatchObject({ id: a1!.id, status: 'acknowledged' });
    expect(h.openAlert('dns-1', 'forwarder:2')).toMatchObject({ id: a2!.id, status: 'snoozed' });
    h.engine.ingest([forwarderChange('dns-1', 1, 'unhealthy')]);
    expect(h.openAlert('dns-1', 'forwarder:1')).toMatchObject({ id: a1!.id, count: 2 });
    clock.advance(30 * MINUTE);
    expect(h.raised.map((a) => a.id)).toEqual([a2!.id]); // the reloaded snooze still runs out
    h.engine.ingest([forwarderChange('dns-1', 1, 'healthy')]);
    expect(store.rows.get(a1!.id)?.status).toBe('resolved');
  });

  it('a restart brings back open and acknowledged alerts however many newer resolved ones exist', () => {
    const store = new MemoryAlertStore();
    const clock = new FakeClock();
    h = harness({}, { store, clock });
    h.engine.ingest([forwarderChange('dns-1', 1, 'unhealthy'), forwarderChange('dns-1', 2, 'unhealthy')]);
    const [open, acked] = h.raised;
    h.engine.acknowledge([acked!.id], 'ISP ticket', 'alice');
    h.engine.dispose();
    // A busy week later: more resolved alerts than the store hands out in one answer, all newer.
    for (let i = 0; i <= STORE_LIST_CAP; i++) {
      clock.advance(1000);
      const at = new Date(clock.now()).toISOString();
      store.saveAlert({ ...open!, id: `old-${i}`, key: `threat:x${i}`, status: 'resolved', lastSeenAt: at, resolvedAt: at });
    }

    h = harness({}, { store, clock });
    expect(h.openAlert('dns-1', 'forwarder:1')).toMatchObject({ id: open!.id, status: 'active' });
    expect(h.openAlert('dns-1', 'forwarder:2')).toMatchObject({ id: acked!.id, status: 'acknowledged' });
  });

  it('keeps alerting when the store cannot write', () => {
    const store = new MemoryAlertStore();
    store.saveAlert = () => {
      throw new Error('SQLITE_FULL');
    };
    h = harness({}, { store });
    h.engine.ingest([forwarderChange('dns-1', 1, 'unhealthy')]);
    expect(h.raised).toHaveLength(1);
    expect(h.openAlert('dns-1', 'forwarder:1')).toBeDefined();
  });
});
