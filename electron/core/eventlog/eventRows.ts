/** FleetEvent <-> events row. The only place that knows the column encoding. */
import { EVENT_CATEGORIES, SEVERITIES, type EventCategory, type FleetEvent, type Severity } from '../../../shared/domain/fleetEvent';
import { isoToMs, msToIso } from '../util/isoTime';
import { redactString } from '../util/redact';

/** Slots per millisecond in `events.key` (see migrations.ts). 2^10 keeps keys exact in a double until year 2248. */
export const KEY_SLOTS = 1024;
/** Keys per day: `key / DAY_KEYS` is the UTC day an event happened (the derived-event unique index, migration 4). */
export const DAY_KEYS = 86_400_000 * KEY_SLOTS;
export const MAX_DATA_BYTES = 64 * 1024;
/** The columns of a stored event, as `events` and `events_inbox` both have them (migrations 4 and 5). */
export const STORED_COLUMNS = 'key, id, server_id, type, category, severity, received_ms, title, summary, data, derived, dedup_key, dedup_hash';
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

/** Epoch ms of an event; an unparseable occurredAt falls back to when we received it. */
export function occurredMs(occurredAt: string, receivedAt: string): number {
  const t = isoToMs(occurredAt);
  if (Number.isFinite(t)) return t;
  const r = isoToMs(receivedAt);
  return Number.isFinite(r) ? r : 0;
}

/** `data` as JSON: a value JSON cannot hold is stored as a marker, never a crash. */
export function dataJson(data: unknown): string {
  try {
    return JSON.stringify(data ?? null) ?? 'null';
  } catch {
    return JSON.stringify({ unserialisable: true });
  }
}

/**
 * What is stored of `data` (already JSON): secrets that slipped into a payload (tokens, registered
 * passwords) are masked; an oversized payload is replaced by a marked preview so one event cannot
 * bloat the log.
 */
export function capData(json: string): string {
  const masked = redactString(json);
  // length is a cheap lower bound of the UTF-8 size; measure bytes only near the limit.
  if (masked.length <= MAX_DATA_BYTES / 4 || Buffer.byteLength(masked) <= MAX_DATA_BYTES) return masked;
  return JSON.stringify({ truncated: true, originalBytes: Buffer.byteLength(masked), preview: masked.slice(0, PREVIEW_CHARS) });
}

export function decodeData(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Times come back as canonical ISO (`2024-05-01T10:00:00.000Z`). */
export function fromRow(r: EventRow): FleetEvent {
  return {
    id: r.id,
    serverId: r.server_id,
    type: r.type,
    category: categoryOf(r.category),
    severity: severityOf(r.severity),
    occurredAt: msToIso(keyToMs(r.key)),
    receivedAt: msToIso(r.received_ms),
    title: r.title,
    summary: r.summary,
    data: decodeData(r.data),
    derived: r.derived === 1,
    dedupKey: r.dedup_key,
  };
}
