import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertSchema, type Alert } from '../../../shared/domain/alert';
import { FleetEventSchema } from '../../../shared/domain/fleetEvent';
import { registerSecret, forgetSecret } from '../../../electron/core/util/redact';
import { sampleEvent, sampleEvents } from '../../fixtures/eventlog/sampleEvents';
import { clockAt, harness, type Harness } from './helpers';

const NOW = Date.UTC(2025, 0, 2);
let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(async () => {
  await h.cleanup();
});

const alert = (over: Partial<Alert> = {}): Alert => ({
  id: 'al-1',
  serverId: 'dns-east-1',
  key: 'forwarder:3',
  rule: 'forwarder-down',
  severity: 'error',
  title: 'Forwarder upstream-3 down',
  detail: '0 of 2 servers answer',
  status: 'active',
  raisedAt: '2025-01-01T10:00:00.000Z',
  lastSeenAt: '2025-01-01T10:00:00.000Z',
  resolvedAt: null,
  ack: null,
  snoozedUntil: null,
  eventId: 'ev-000000001',
  count: 1,
  ...over,
});

describe('SqliteEventLog storage', () => {
  it('round-trips events to exactly the FleetEvent shape, newest first', async () => {
    const log = h.open({ clock: clockAt(NOW) });
    const events = sampleEvents(25);
    log.append(events);
    await log.flush();
    const page = log.query({}, null, 100);
    expect(page.items).toHaveLength(25);
    for (const item of page.items) FleetEventSchema.strict().parse(item);
    expect(page.items).toEqual([...events].reverse());
  });

  it('drops duplicates by dedupKey, within a batch and across restarts', async () => {
    const log = h.open({ clock: clockAt(NOW) });
    const e = sampleEvent(3);
    const commits: number[] = [];
    log.onDidCommit((b) => commits.push(b.events.length));
    log.append([e, { ...e, id: 'other-id' }]);
    await log.flush();
    await log.close();
    const again = h.open({ clock: clockAt(NOW) });
    again.append([{ ...e, id: 'third-id' }]);
    await again.flush();
    expect(again.count({})).toBe(1);
    expect(commits).toEqual([1]);
  });

  it('drops a live event seen again after a restart (the writer remembers recent hashes)', async () => {
    const live = { ...sampleEvent(1), derived: false };
    expect(live.type).toBe('threat_detected');
    const log = h.open({ clock: clockAt(NOW) });
    log.append([live]);
    await log.flush();
    await log.close();
    const again = h.open({ clock: clockAt(NOW) });
    again.append([{ ...live, id: 'seen-again' }, { ...live, id: 'new-one', dedupKey: `${live.dedupKey}:2` }]);
    await again.flush();
    expect(again.query({}, null, 10).items.map((e) => e.id)).toEqual(['new-one', live.id]);
  });

  it('loses nothing when a second process writes to the same log (dnsfleet monitor next to the app)', async () => {
    const a = h.open({ clock: clockAt(NOW) });
    const b = h.open({ clock: clockAt(NOW) });
    const at = '2025-01-01T12:00:00.000Z';
    // Same milliseconds from both writers: each would otherwise hand out the same keys.
    const fromA = sampleEvents(300, { prefix: 'a' }).map((e) => ({ ...e, occurredAt: at, derived: false }));
    const fromB = sampleEvents(300, { prefix: 'b' }).map((e) => ({ ...e, occurredAt: at, derived: false }));
    a.append(fromA.slice(0, 150));
    await a.flush();
    b.append(fromB.slice(0, 150));
    await b.flush();
    a.append(fromA.slice(150));
    b.append(fromB.slice(150));
    await Promise.all([a.flush(), b.flush()]);
    expect(a.count({})).toBe(600);
    expect(new Set(a.query({}, null, 1000).items.map((e) => e.id)).size).toBe(600);
  });

  it('keeps events of the same millisecond distinct and in arrival order', async () => {
    const log = h.open({ clock: clockAt(NOW) });
    const at = '2025-01-01T12:00:00.000Z';
    log.append(sampleEvents(5).map((e) => ({ ...e, occurredAt: at })));
    await log.flush();
    const items = log.query({}, null, 10).items;
    expect(items.map((e) => e.id)).toEqual(['ev-000000004', 'ev-000000003', 'ev-000000002', 'ev-000000001', 'ev-000000000']);
    expect(new Set(items.map((e) => e.occurredAt))).toEqual(new Set([at]));
  });

  it('truncates oversized data with a marker and masks secrets before they reach the disk', async () => {
    const log = h.open({ clock: clockAt(NOW) });
    registerSecret('hunter2-password');
    try {
      log.append([
        { ...sampleEvent(1), data: { blob: 'x'.repeat(100_000) } },
        { ...sampleEvent(2), summary: 'login with hunter2-password', data: { url: 'wss://h/ws?token=abc.def.ghi' } },
      ]);
      await log.flush();
    } finally {
      forgetSecret('hunter2-password');
    }
    const [second, first] = log.query({}, null, 10).items;
    expect(first!.data).toMatchObject({ truncated: true, originalBytes: 100_011 });
    expect(JSON.stringify(first!.data).length).toBeLessThan(64 * 1024);
    expect(second!.summary).toBe('login with [REDACTED]');
    expect(second!.data).toEqual({ url: 'wss://h/ws?token=[REDACTED]' });
  });

  it('stores the alert lifecycle: raised, acknowledged with note, snoozed, resolved', async () => {
    const log = h.open({ clock: clockAt(NOW) });
    log.saveAlert(alert());
    expect(log.listAlerts({ includeResolved: false, limit: 10 })).toEqual([alert()]);
    await log.flush();
    const acked = alert({ status: 'acknowledged', ack: { by: 'alice', at: '2025-01-01T10:05:00.000Z', note: 'ISP ticket 42' }, lastSeenAt: '2025-01-01T10:06:00.000Z', count: 3 });
    log.saveAlert(acked);
    await log.flush();
    const snoozed = alert({ id: 'al-2', status: 'snoozed', snoozedUntil: '2025-01-01T12:00:00.000Z', lastSeenAt: '2025-01-01T10:01:00.000Z' });
    log.saveAlert(snoozed);
    log.saveAlert(alert({ id: 'al-3', status: 'resolved', resolvedAt: '2025-01-01T10:02:00.000Z' }));
    await log.close();

    const reopened = h.open({ clock: clockAt(NOW) });
    const open = reopened.listAlerts({ includeResolved: false, limit: 10 });
    expect(open).toEqual([acked, snoozed]);
    for (const a of open) AlertSchema.strict().parse(a);
    expect(reopened.listAlerts({ includeResolved: true, limit: 10 }).map((a) => a.id)).toEqual(['al-1', 'al-2', 'al-3']);
  });

  it('rolls metrics up per minute and per hour with avg/min/max/count', async () => {
    const log = h.open({ clock: clockAt(NOW) });
    const base = Date.UTC(2025, 0, 1, 10, 0, 0);
    [10, 20, 60].forEach((v, i) => log.appendMetric('dns-east-1', 'cpu', base + i * 20_000, v));
    log.appendMetric('dns-east-1', 'cpu', base + 61_000, 5);
    log.appendMetric('dns-west-1', 'cpu', base, 99);
    await log.flush();
    expect(log.metricSeries('dns-east-1', 'cpu', '1m', base)).toEqual([
      { t: base, avg: 30, min: 10, max: 60, count: 3 },
      { t: base + 60_000, avg: 5, min: 5, max: 5, count: 1 },
    ]);
    log.appendMetric('dns-east-1', 'cpu', base + 3_000_000, 15);
    await log.flush();
    expect(log.metricSeries('dns-east-1', 'cpu', '1h', base)).toEqual([{ t: base, avg: 22, min: 5, max: 60, count: 5 }]);
  });

  it('records connection gaps from connection_gap events', async () => {
    const log = h.open({ clock: clockAt(NOW) });
    log.append([
      {
        ...sampleEvent(0),
        type: 'connection_gap',
        category: 'connection',
        data: { from: '2025-01-01T09:00:00.000Z', to: '2025-01-01T09:02:00.000Z', seconds: 120 },
      },
    ]);
    await log.flush();
    expect(log.gaps(sampleEvent(0).serverId, 0)).toEqual([
      { serverId: sampleEvent(0).serverId, fromMs: Date.UTC(2025, 0, 1, 9), toMs: Date.UTC(2025, 0, 1, 9, 2) },
    ]);
  });
});
