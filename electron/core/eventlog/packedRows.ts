/**
 * How a batch of events crosses to the writer thread: one flat array of strings and numbers,
 * ROW_FIELDS per event. Structured clone copies those quickly but walks objects property by
 * property: 10,000 FleetEvents took 6 µs each to arrive on the writer thread, packed rows 1.4 µs,
 * and packing costs the main thread no more than cloning the objects did.
 */
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import { categoryCode, dataJson, severityCode } from './eventRows';

export type PackedRows = (string | number)[];

/** Field offsets within one packed event. */
export const F = {
  id: 0,
  serverId: 1,
  type: 2,
  category: 3,
  severity: 4,
  /** ISO text: parsed on the writer thread. */
  occurredAt: 5,
  receivedAt: 6,
  title: 7,
  summary: 8,
  /** JSON text, not yet redacted or capped (the writer does both). */
  data: 9,
  derived: 10,
  dedupKey: 11,
} as const;
export const ROW_FIELDS = 12;

export function packEvents(events: readonly FleetEvent[]): PackedRows {
  const out: PackedRows = new Array(events.length * ROW_FIELDS);
  let o = 0;
  for (const e of events) {
    out[o++] = e.id;
    out[o++] = e.serverId;
    out[o++] = e.type;
    out[o++] = categoryCode(e.category);
    out[o++] = severityCode(e.severity);
    out[o++] = e.occurredAt;
    out[o++] = e.receivedAt;
    out[o++] = e.title;
    out[o++] = e.summary;
    out[o++] = dataJson(e.data);
    out[o++] = e.derived ? 1 : 0;
    out[o++] = e.dedupKey;
  }
  return out;
}

export const packedCount = (rows: PackedRows): number => rows.length / ROW_FIELDS;
