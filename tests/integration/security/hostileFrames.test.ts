import { describe, expect, it } from 'vitest';
import { Normaliser } from '../../../electron/core/hybrid-dns/Normaliser';
import type { LogFields, Logger } from '../../../electron/core/platform';
import { FleetEventSchema } from '../../../shared/domain/fleetEvent';

// Issue 17 item 5: frames a compromised server can send whose type or priority is a prototype key.
const NOW = Date.UTC(2025, 7, 29, 9, 30);
const PROTO_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineSetter__'];

function recordingLogger(): Logger & { warnings: { msg: string; fields?: LogFields }[] } {
  const warnings: { msg: string; fields?: LogFields }[] = [];
  const logger: Logger & { warnings: typeof warnings } = {
    warnings,
    debug: () => {},
    info: () => {},
    warn: (msg, fields) => warnings.push({ msg, fields }),
    error: (msg, fields) => warnings.push({ msg, fields }),
    child: () => logger,
  };
  return logger;
}

const frame = (type: string, extra: Record<string, unknown> = {}) => JSON.stringify({ type, data: { message: `a ${type} frame` }, ...extra });

describe('hostile frame types and priorities', () => {
  for (const key of PROTO_KEYS) {
    it(`a frame of type "${key}" is an ordinary unknown event, not a throw`, () => {
      const n = new Normaliser('dns-01', recordingLogger());
      for (const stack of ['legacy', 'unified'] as const) {
        const out = n.ingest(frame(key, { timestamp: `2025-08-29T09:00:0${stack === 'legacy' ? 1 : 2}` }), stack, NOW);
        expect(out.events, stack).toHaveLength(1);
        expect(FleetEventSchema.safeParse(out.events[0]).success).toBe(true);
        expect(out.events[0]).toMatchObject({ type: key, category: 'other' });
      }
    });

    it(`priority "${key}" falls back to a real severity`, () => {
      const out = new Normaliser('dns-01', recordingLogger()).ingest(frame('admin_broadcast', { priority: key, severity: key }), 'unified', NOW);
      expect(out.events).toHaveLength(1);
      expect(FleetEventSchema.safeParse(out.events[0]).success).toBe(true);
      expect(out.events[0]!.severity).toBe('info');
    });
  }

  it('a batch keeps its valid siblings around prototype-named events', () => {
    const n = new Normaliser('dns-01', recordingLogger());
    const events = [frame('zone_created', { id: 'a' }), frame('constructor', { id: 'b' }), frame('__proto__', { id: 'c' }), frame('zone_deleted', { id: 'd' })];
    const out = n.ingest(`{"type":"batched_events","events":[${events.join(',')}]}`, 'unified', NOW);
    expect(out.events.map((e) => e.type)).toEqual(['zone_created', 'constructor', '__proto__', 'zone_deleted']);
  });

  it('one unusable event in a batch is rejected (counted and logged) and its siblings are kept', () => {
    const logger = recordingLogger();
    const n = new Normaliser('dns-01', logger);
    const bad = JSON.stringify({ type: 'health_update', id: 'x', data: { forwarder_details: 'not a list' } });
    const badMetrics = JSON.stringify({ type: 'system_status', id: 'y', data: { type: 'system_metrics', data: { cpu_usage: 'lots' } } });
    const out = n.ingest(`{"type":"batched_events","events":[${frame('zone_created', { id: 'a' })},${bad},${badMetrics},${frame('zone_deleted', { id: 'd' })}]}`, 'unified', NOW);
    expect(out.events.map((e) => e.type)).toEqual(['zone_created', 'zone_deleted']);
    expect(n.counters.rejected).toBe(2);
    expect(logger.warnings.filter((w) => w.msg === 'frame rejected')).toHaveLength(2);
  });
});

describe('hostile nesting (issue 17 item 13)', () => {
  const deep = (levels: number) => '{"a":'.repeat(levels) + '"bottom"' + '}'.repeat(levels);
  const depthOf = (v: unknown): number => (typeof v === 'object' && v !== null ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0);

  it('a 10,000-level event keeps a bounded copy of its data that can be sent to the page', () => {
    const n = new Normaliser('dns-01', recordingLogger());
    const out = n.ingest(`{"type":"deep_thing","id":"d1","data":${deep(10_000)}}`, 'unified', NOW);
    expect(out.events).toHaveLength(1);
    const event = out.events[0]!;
    expect(() => JSON.stringify(event)).not.toThrow();
    expect(depthOf(event.data)).toBeLessThanOrEqual(33);
    expect(JSON.stringify(event.data)).toContain('[nested too deep]');
    expect(FleetEventSchema.safeParse(event).success).toBe(true);
  });

  it('deep arrays and deep payloads under known types are bounded too', () => {
    const n = new Normaliser('dns-01', recordingLogger());
    const arrays = '['.repeat(5000) + '1' + ']'.repeat(5000);
    for (const [i, frame] of [
      `{"type":"admin_broadcast","id":"b1","data":{"message":"hi","extra":${arrays}}}`,
      `{"type":"system_status","id":"s1","data":{"type":"custom_sub","data":${deep(5000)}}}`,
      `{"type":"health_alert","id":"h1","data":{"message":"m","x":${deep(5000)}}}`,
    ].entries()) {
      const out = n.ingest(frame, 'unified', NOW);
      expect(out.events, String(i)).toHaveLength(1);
      expect(() => JSON.stringify(out.events[0])).not.toThrow();
    }
  });

  it('a deep event inside a batch is rejected alone; its siblings are kept', () => {
    const n = new Normaliser('dns-01', recordingLogger());
    const frame = `{"type":"batched_events","events":[{"type":"zone_created","id":"z1","data":{}},{"type":"deep_thing","data":${deep(10_000)}},{"type":"zone_deleted","id":"z2","data":{}}]}`;
    const out = n.ingest(frame, 'unified', NOW);
    expect(out.events.map((e) => e.type)).toEqual(['zone_created', 'zone_deleted']);
    expect(n.counters.rejected).toBe(1);
  });
});

describe('redaction of server data keyed by prototype names', () => {
  it('keeps `__proto__` and `constructor` keys as keys and never changes the prototype', async () => {
    const { redact } = await import('../../../electron/core/util/redact');
    const hostile = JSON.parse('{"__proto__":{"isAdmin":true,"password":"p"},"constructor":{"prototype":1},"ok":1}') as unknown;
    const out = redact(hostile) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    expect(Object.keys(out)).toEqual(['__proto__', 'constructor', 'ok']);
    expect(JSON.stringify(out)).toContain('"__proto__":{"isAdmin":true,"password":"[REDACTED]"}');
  });
});
