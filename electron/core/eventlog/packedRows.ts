/**
 * How a batch of events crosses to the writer thread: one flat array of strings and numbers,
 * ROW_FIELDS per event. Structured clone copies those quickly but walks objects property by
 * property: 10,000 FleetEvents took 6 µs each to arrive on the writer thread, packed rows 1.4 µs,
 * and packing costs the main thread no more than cloning the objects did.
 * The array is built by push, never `new Array(n)`: a preallocated array is "holey" in V8, and
 * structured clone writes holey arrays in its sparse form, an index per element. For 1,000
 * events that took 3.0 ms to send and receive against 0.95 ms for the packed form.
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
  const out: PackedRows = [];
  for (const e of events) {
    out.push(
      e.id,
      e.serverId,
      e.type,
      categoryCode(e.category),
      severityCode(e.severity),
      e.occurredAt,
      e.receivedAt,
      e.title,
      e.summary,
      dataJson(e.data),
      e.derived ? 1 : 0,
      e.dedupKey,
    );
  }
  return out;
}

export const packedCount = (rows: PackedRows): number => rows.length / ROW_FIELDS;
