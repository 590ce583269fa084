import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Normaliser, type Stack } from '../../../electron/core/hybrid-dns/Normaliser';
import { parseServerTime } from '../../../electron/core/hybrid-dns/wire/time';
import { nullLogger } from '../../../electron/core/util/logger';
import { forgetSecret, registerSecret } from '../../../electron/core/util/redact';
import { FleetEventSchema } from '../../../shared/domain/fleetEvent';
import { VECTORS, type Vector as RawVector } from '../../support/vectors';

type Vector = Omit<RawVector, 'stack'> & { stack: Stack };
const vectors = VECTORS as Vector[];
const byName = (n: string): Vector => vectors.find((v) => v.name === n)!;
const NOW = Date.UTC(2025, 7, 29, 9, 30);

const fresh = (): Normaliser => new Normaliser('dns-01', nullLogger);

describe('Normaliser against every vector of §9', () => {
  const controlVectors = new Set(['U1', 'U2', 'U3', 'U4', 'U9', 'U13', 'L1', 'L4', 'L7']);
  for (const v of vectors) {
    it(`${v.name} is ${controlVectors.has(v.name) ? 'a control frame' : 'a valid FleetEvent'}`, () => {
      const out = fresh().ingest(v.frame, v.stack, NOW);
      expect(out.rejected).toBeNull();
      if (controlVectors.has(v.name)) {
        expect(out.events).toHaveLength(0);
        expect(out.control).toHaveLength(1);
      } else {
        expect(out.events).toHaveLength(1);
        const ev = out.events[0]!;
        expect(FleetEventSchema.parse(ev)).toBeTruthy();
        expect(ev.occurredAt.endsWith('Z')).toBe(true);
        expect(ev.derived).toBe(false);
      }
    });
  }

  it('U5 system_metrics becomes a system signal with the numbers, time parsed as UTC', () => {
    const out = fresh().ingest(byName('U5').frame, 'unified', NOW);
    expect(out.events[0]).toMatchObject({
      type: 'system_metrics',
      category: 'system',
      occurredAt: '2025-08-29T09:16:03.005Z',
      dedupKey: 'u:dns-01:6b0f8a0e-2f55-4f0e-9a57-1d5c3b9e7c21',
    });
    expect(out.signals[0]).toMatchObject({ kind: 'system', cpu: 7.4, memory: 41.8, disk: 23.1, bindRunning: null });
  });

  it('U6/U7 query_update carries qps and daily counters; the masked client stays a plain string', () => {
    const n = fresh();
    const admin = n.ingest(byName('U6').frame, 'unified', NOW);
    expect(admin.events[0]).toMatchObject({
      type: 'query_update',
      category: 'dns',
      data: { domain: 'intranet.corp.local', clientIp: '192.168.10.24', queryType: 'A', blocked: false, responseTime: 0, qps: 0.35 },
    });
    expect(admin.signals[0]).toMatchObject({ kind: 'queries', qps: 0.35, queriesToday: 1230, blockedToday: 17 });
    // Titled with what an operator scans a list for, not "Query" on every row.
    expect(admin.events[0]!.title).toBe('Allowed A intranet.corp.local from 192.168.10.24');
    const withoutTime = JSON.parse(byName('U6').frame) as { data: { data: Record<string, unknown> } };
    delete withoutTime.data.data.response_time;
    withoutTime.data.data.timestamp = '2025-08-29T09:16:11.000000';
    expect(fresh().ingest(JSON.stringify(withoutTime), 'unified', NOW).events[0]!.data).toMatchObject({ responseTime: null });
    const masked = fresh().ingest(byName('U7').frame, 'unified', NOW);
    expect(masked.events[0]!.data).toMatchObject({ clientIp: '[IP]' });
  });

  it('the same unified event id is emitted once (U6 then U7 share the id)', () => {
    const n = fresh();
    expect(n.ingest(byName('U6').frame, 'unified', NOW).events).toHaveLength(1);
    expect(n.ingest(byName('U7').frame, 'unified', NOW).events).toHaveLength(0);
    expect(n.counters.duplicates).toBe(1);
  });

  it('legacy frames without id de-duplicate by type+timestamp+payload (health+system doubled system_status)', () => {
    const n = fresh();
    const l3 = byName('L3').frame;
    expect(n.ingest(l3, 'legacy', NOW).events).toHaveLength(1);
    expect(n.ingest(l3, 'legacy', NOW).events).toHaveLength(0);
    const changed = l3.replace('"cpu_usage": 6.9', '"cpu_usage": 7.0');
    expect(n.ingest(changed, 'legacy', NOW).events).toHaveLength(1);
  });

  it('L2 health_update yields a forwarders signal per forwarder id', () => {
    const out = fresh().ingest(byName('L2').frame, 'legacy', NOW);
    const sig = out.signals[0];
    expect(sig?.kind).toBe('forwarders');
    if (sig?.kind !== 'forwarders') throw new Error('no signal');
    expect(sig.forwarders.map((f) => [f.id, f.status])).toEqual([
      [1, 'healthy'],
      [3, 'degraded'],
    ]);
  });

  it('masks a registered password, in any case, in forwarder names where they enter (signal and event alike)', () => {
    const password = 'Frame-Canary-Pa55word';
    registerSecret(password);
    try {
      const frame = JSON.parse(byName('L2').frame) as { data: { forwarder_details: { name: string }[] } };
      frame.data.forwarder_details[0]!.name = `corp ${password.toLowerCase()}`;
      const out = fresh().ingest(JSON.stringify(frame), 'legacy', NOW);
      const sig = out.signals[0];
      if (sig?.kind !== 'forwarders') throw new Error('no signal');
      expect(sig.forwarders[0]!.name).toBe('corp [REDACTED]');
      expect(JSON.stringify(out).toLowerCase()).not.toContain(password.toLowerCase());
    } finally {
      forgetSecret(password);
    }
  });

  it('masks a registered password, in any case, in live forwarder changes and health alerts', () => {
    const password = 'Live-Canary-Pa55word';
    registerSecret(password);
    try {
      const at = '2025-08-29T09:30:00.505101';
      const change = { type: 'forwarder_status_change', data: { forwarder_id: 3, forwarder_name: `ad ${password.toUpperCase()}`, old_status: 'healthy', new_status: 'unhealthy' }, timestamp: at };
      const alert = { type: 'health_alert', data: { type: 'forwarder_down', message: `Forwarder ad ${password.toLowerCase()} is down` }, timestamp: at };
      const n = fresh();
      const events = [...n.ingest(JSON.stringify(change), 'legacy', NOW).events, ...n.ingest(JSON.stringify(alert), 'legacy', NOW).events];
      expect(events.map((e) => e.title)).toEqual(['Forwarder ad [REDACTED] is unhealthy', 'Health alert']);
      expect(events[1]!.summary).toBe('Forwarder ad [REDACTED] is down');
      expect(JSON.stringify(events).toLowerCase()).not.toContain(password.toLowerCase());
    } finally {
      forgetSecret(password);
    }
  });

  it('L3 legacy system_status is flat with bind9_running; L5 ack echo is not a new alert', () => {
    const n = fresh();
    expect(n.ingest(byName('L3').frame, 'legacy', NOW).signals[0]).toMatchObject({ kind: 'system', bindRunning: true });
    expect(n.ingest(byName('L5').frame, 'legacy', NOW).events[0]).toMatchObject({
      type: 'health_alert',
      severity: 'info',
      title: 'Health alert acknowledged',
    });
  });
});

describe('Normaliser on the negative vectors and hostile input', () => {
  const inner = (id: string, type: string): Record<string, unknown> => ({
    id,
    type,
    category: 'dns',
    severity: 'info',
    data: { zone_id: 7, zone_name: 'corp.local', serial: 2025082901 },
    timestamp: '2025-08-29T09:40:00.000001',
  });

  it('plain text pong is a control frame', () => {
    const out = fresh().ingest('pong', 'legacy', NOW);
    expect(out.control).toHaveLength(1);
    expect(out.rejected).toBeNull();
  });

  it('unwraps batched_events', () => {
    const frame = JSON.stringify({
      id: 'b1',
      type: 'batched_events',
      batch_size: 2,
      priority: 'normal',
      compressed: false,
      compression_ratio: null,
      created_at: '2025-08-29T09:40:00',
      events: [inner('e1', 'zone_created'), inner('e2', 'rpz_updated')],
    });
    const out = fresh().ingest(frame, 'unified', NOW);
    expect(out.events.map((e) => [e.type, e.category])).toEqual([
      ['zone_created', 'dns'],
      ['rpz_update', 'security'],
    ]);
    expect(out.events[0]!.data).toMatchObject({ zoneId: 7, zoneName: 'corp.local', serial: 2025082901 });
  });

  it('unwraps the type-less gzip+hex batch', () => {
    const batch = { type: 'batched_events', events: [inner('e3', 'threat_feed_updated'), inner('e4', 'bulk_operation_complete')] };
    const hex = gzipSync(Buffer.from(JSON.stringify(batch))).toString('hex');
    const out = fresh().ingest(JSON.stringify({ compressed: true, compression_ratio: 0.21, data: hex }), 'unified', NOW);
    expect(out.events.map((e) => e.type)).toEqual(['threat_feed_update', 'bulk_operation_completed']);
  });

  it('unwraps event_replay to its original event (event_id de-duplicates)', () => {
    const original = {
      type: 'zone_created',
      category: 'dns',
      source: 'zone_service',
      data: { zone_id: 1, zone_name: 'a.local', serial: 1 },
      severity: 'info',
      tags: null,
      metadata: null,
      timestamp: '2025-08-29T09:41:00',
      event_id: 'x',
    };
    const out = fresh().ingest(
      JSON.stringify({ type: 'event_replay', replay_id: 'r', original_event: original, replay_timestamp: '2025-08-29T09:42:00' }),
      'unified',
      NOW,
    );
    expect(out.events).toHaveLength(1);
    expect(out.events[0]).toMatchObject({ type: 'zone_created', occurredAt: '2025-08-29T09:41:00.000Z' });
  });

  it('unknown types are category other; hostile strings stay inert data', () => {
    const hostile = '<img src=x onerror=alert(1)>${process.exit()}';
    const out = fresh().ingest(
      JSON.stringify({
        type: 'brand_new_thing',
        data: { message: hostile, __proto__: { polluted: true } },
        timestamp: '2025-08-29T09:15:02',
      }),
      'unified',
      NOW,
    );
    expect(out.events[0]).toMatchObject({ type: 'brand_new_thing', category: 'other', summary: hostile });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejections are counted and change nothing', () => {
    const n = fresh();
    for (const bad of [
      '{not json',
      '[1,2]',
      '42',
      '{"data":{}}',
      '{"type":"health_update","data":{"forwarder_details":"x"}}',
      '{"compressed":true,"data":"zz"}',
      '{"compressed":true,"data":"abcd"}',
    ]) {
      const out = n.ingest(bad, 'legacy', NOW);
      expect(out.events).toHaveLength(0);
      expect(out.signals).toHaveLength(0);
      expect(out.rejected).not.toBeNull();
    }
    expect(n.counters.rejected).toBe(7);
  });
});

describe('parseServerTime', () => {
  it('reads naive timestamps as UTC, with and without microseconds', () => {
    expect(parseServerTime('2025-08-29T09:15:02.482010')).toBe(Date.UTC(2025, 7, 29, 9, 15, 2, 482));
    expect(parseServerTime('2025-08-29T09:15:02')).toBe(Date.UTC(2025, 7, 29, 9, 15, 2));
    expect(parseServerTime('2024-08-15T10:00:00Z')).toBe(Date.UTC(2024, 7, 15, 10));
    expect(parseServerTime('yesterday')).toBeNull();
    // Not a calendar day: refused (the event is stored at receipt), never rolled over into March.
    for (const s of ['2025-02-30T10:00:00.123456', '2025-02-30T10:00:00.1234567', '2025-02-30T10:00:00Z', '2025-02-30T10:00:00+01:00']) expect(parseServerTime(s), s).toBeNull();
  });
});
