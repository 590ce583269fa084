/**
 * The hostile-server fixture as properties: 10,000 frames a run, built from what a compromised
 * server can send (prototype-named types and keys, wrong types, junk timestamps, batches, deep and
 * wide payloads, raw junk), through the real frame parser and normaliser. The normaliser must never
 * throw, every event it emits must be a valid, serialisable FleetEvent, and every frame must be
 * accounted for: it yields an event or a control frame, is a duplicate, or is counted as rejected.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Normaliser, type Stack } from '../../../electron/core/hybrid-dns/Normaliser';
import { unwrapFrame } from '../../../electron/core/hybrid-dns/wire/unwrap';
import { nullLogger } from '../../../electron/core/util/logger';
import { FleetEventSchema } from '../../../shared/domain/fleetEvent';

const RUNS = 10_000;
const NOW = Date.UTC(2026, 11, 6, 12);
const PROTO = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__'];
const KNOWN = ['health_update', 'system_status', 'health_alert', 'forwarder_status_change', 'zone_created', 'user_login', 'admin_broadcast', 'error', 'validation_error', 'query_update', 'system_metrics', 'ping', 'pong', 'heartbeat', 'connection_established', 'rpz_updated', 'batched_events', 'event_replay'];

const key = fc.oneof(fc.constantFrom(...PROTO), fc.string({ maxLength: 12 }));
const leaf = fc.oneof(fc.string({ maxLength: 40 }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom(...PROTO));
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(key, tie('v'), { maxKeys: 5 })),
})).v;
/** A payload nested deeper than anything the UI should carry. */
const deep = fc.integer({ min: 30, max: 600 }).map((n) => JSON.parse('{"a":'.repeat(n) + '1' + '}'.repeat(n)) as unknown);

const envelope = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...KNOWN), fc.constantFrom(...PROTO), fc.string({ maxLength: 120 }), fc.integer()),
    data: fc.oneof(value, deep, fc.record({ type: fc.oneof(fc.constantFrom('system_metrics', 'query_update', 'anomaly_alert'), key), data: value })),
    timestamp: fc.oneof(fc.string({ maxLength: 45 }), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.integer()),
    id: fc.oneof(fc.string({ maxLength: 110 }), fc.integer()),
    priority: fc.oneof(fc.constantFrom('low', 'high', 'urgent', ...PROTO), fc.string({ maxLength: 25 })),
    severity: fc.oneof(fc.constantFrom('warning', 'critical', ...PROTO), fc.string({ maxLength: 25 })),
  },
  { requiredKeys: [] },
);
const frameText = fc.oneof(
  { weight: 5, arbitrary: envelope.map((e) => JSON.stringify(e)) },
  { weight: 2, arbitrary: fc.array(fc.oneof(envelope, value), { maxLength: 6 }).map((events) => JSON.stringify({ type: 'batched_events', events })) },
  { weight: 1, arbitrary: envelope.map((e) => JSON.stringify({ type: 'event_replay', original_event: e })) },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
);

describe('hostile server: property-based frames through the parser and normaliser', () => {
  it(`never throws, emits only valid events, and accounts for every frame (${RUNS} frames)`, () => {
    let eventsSeen = 0;
    let rejectedSeen = 0;
    fc.assert(
      fc.property(frameText, fc.constantFrom<Stack>('legacy', 'unified'), (raw, stack) => {
        const unwrapped = unwrapFrame(raw);
        const n = new Normaliser('dns-fuzz', nullLogger);
        const out = n.ingest(raw, stack, NOW);
        for (const e of out.events) {
          expect(FleetEventSchema.safeParse(e).success).toBe(true);
          expect(() => JSON.stringify(e)).not.toThrow();
        }
        const c = n.counters;
        expect(c.frames).toBe(1);
        // Only an empty batch carries nothing to account for.
        if (unwrapped.envelopes.length > 0 || unwrapped.rejected) expect(c.events + c.control + c.duplicates + c.rejected).toBeGreaterThan(0);
        expect(c.events).toBe(out.events.length);
        if (out.events.length === 0 && out.control.length === 0 && c.duplicates === 0 && unwrapped.envelopes.length + Number(Boolean(unwrapped.rejected)) > 0) {
          expect(out.rejected).not.toBeNull();
        }
        eventsSeen += c.events;
        rejectedSeen += c.rejected;
      }),
      { numRuns: RUNS },
    );
    // The generators reach both sides of the parser, or the property says little.
    expect(eventsSeen).toBeGreaterThan(RUNS / 10);
    expect(rejectedSeen).toBeGreaterThan(RUNS / 20);
  }, 90_000);

  it(`stores a frame of any unknown type, prototype names included, as one event of that type (${RUNS} frames)`, () => {
    const known = new Set([...KNOWN, 'connection_established', 'subscription_updated', 'system_info', 'connection_status', 'connection_test', 'subscription_info', 'message_preferences', 'message_preferences_updated', 'category_subscription_updated', 'compressed']);
    const unknownType = fc.oneof(fc.constantFrom(...PROTO), fc.string({ minLength: 1, maxLength: 100 })).filter((t) => !known.has(t) && t.trim() === t && t.length > 0);
    fc.assert(
      fc.property(unknownType, fc.dictionary(key, value, { maxKeys: 5 }), fc.constantFrom<Stack>('legacy', 'unified'), (type, data, stack) => {
        const out = new Normaliser('dns-fuzz', nullLogger).ingest(JSON.stringify({ type, data }), stack, NOW);
        expect(out.rejected).toBeNull();
        expect(out.events.map((e) => e.type)).toEqual([type]);
      }),
      { numRuns: RUNS },
    );
  }, 90_000);
});
