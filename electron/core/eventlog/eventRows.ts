/** FleetEvent <-> events row. The only place that knows the column encoding. */
import { EVENT_CATEGORIES, SEVERITIES, type EventCategory, type FleetEvent, type Severity } from '../../../shared/domain/fleetEvent';
import { redactString } from '../util/redact';

/** Slots per millisecond in `events.key` (see migrations.ts). 2^10 keeps keys exact in a double until year 2248. */
export const KEY_SLOTS = 1024;
export const MAX_DATA_BYTES = 64 * 1024;
const PREVIEW_CHARS = 4 * 1024;

export interface EventRow {
  key: number;
  id: string;
  server_id: string;
  type: string;
  category: number;
  severity: number;
  received_ms: number;
  title: string;
  summary: string;
  data: string;
  derived: number;
  dedup_key: string;
}

export const keyToMs = (key: number): number => Math.floor(key / KEY_SLOTS);
export const msToKey = (ms: number): number => Math.max(0, Math.floor(ms)) * KEY_SLOTS;

export const categoryCode = (c: EventCategory): number => EVENT_CATEGORIES.indexOf(c);
export const severityCode = (s: Severity): number => SEVERITIES.indexOf(s);
export const categoryOf = (code: number): EventCategory => EVENT_CATEGORIES[code] ?? 'other';
export const severityOf = (code: number): Severity => SEVERITIES[code] ?? 'info';

/** Epoch ms of an ISO time; an unparseable occurredAt falls back to when we received it. */
export function occurredMs(e: FleetEvent): number {
  const t = Date.parse(e.occurredAt);
  if (Number.isFinite(t)) return t;
  const r = Date.parse(e.receivedAt);
  return Number.isFinite(r) ? r : 0;
}

/**
 * Serialises `data` for storage. Secrets that slipped into a payload (tokens, registered passwords)
 * are masked; oversized payloads are replaced by a marked preview so one event cannot bloat the log.
 */
export function encodeData(data: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(data ?? null) ?? 'null';
  } catch {
    json = JSON.stringify({ unserialisable: true });
  }
  json = redactString(json);
  // length is a cheap lower bound of the UTF-8 size; measure bytes only near the limit.
  if (json.length <= MAX_DATA_BYTES / 4 || Buffer.byteLength(json) <= MAX_DATA_BYTES) return json;
  return JSON.stringify({ truncated: true, originalBytes: Buffer.byteLength(json), preview: json.slice(0, PREVIEW_CHARS) });
}

export function decodeData(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Row values minus `key` (assigned by the writer). */
export function toRow(e: FleetEvent): Omit<EventRow, 'key'> {
  const received = Date.parse(e.receivedAt);
  return {
    id: e.id,
    server_id: e.serverId,
    type: e.type,
    category: categoryCode(e.category),
    severity: severityCode(e.severity),
    received_ms: Number.isFinite(received) ? received : 0,
    title: redactString(e.title),
    summary: redactString(e.summary),
    data: encodeData(e.data),
    derived: e.derived ? 1 : 0,
    dedup_key: e.dedupKey,
  };
}

/** Times come back as canonical ISO (`2024-05-01T10:00:00.000Z`). */
export function fromRow(r: EventRow): FleetEvent {
  return {
    id: r.id,
    serverId: r.server_id,
    type: r.type,
    category: categoryOf(r.category),
    severity: severityOf(r.severity),
    occurredAt: new Date(keyToMs(r.key)).toISOString(),
    receivedAt: new Date(r.received_ms).toISOString(),
    title: r.title,
    summary: r.summary,
    data: decodeData(r.data),
    derived: r.derived === 1,
    dedupKey: r.dedup_key,
  };
}
