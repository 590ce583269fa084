/** FleetEvent <-> events row. The only place that knows the column encoding. */
import { EVENT_CATEGORIES, SEVERITIES, type EventCategory, type FleetEvent, type Severity } from '../../../shared/domain/fleetEvent';
import { isoToMs, msToIso } from '../util/isoTime';
import { redactedHead } from '../util/redact';

/** Slots per millisecond in `events.key` (see migrations.ts). 2^10 keeps keys exact in a double until year 2248. */
export const KEY_SLOTS = 1024;
/** Keys per day: `key / DAY_KEYS` is the UTC day an event happened (the derived-event unique index, migration 4). */
export const DAY_KEYS = 86_400_000 * KEY_SLOTS;
export const MAX_DATA_BYTES = 64 * 1024;
/** The columns of a stored event, as `events` and `events_inbox` both have them (migrations 4 and 5). */
export const STORED_COLUMNS = 'key, id, server_id, type, category, severity, received_ms, title, summary, data, derived, dedup_key, dedup_hash, telemetry, claimed_at';
/**
 * Times a server may claim: up to a day ahead of our clock, ten years back. Outside them an event is
 * stored at the time we received it and keeps the claim in `claimed_at` (a clock far off, or a hostile
 * server: a time after ~2248 pushed keys past 2^53, where they collide).
 */
export const SKEW_AHEAD_MS = 86_400_000;
export const SKEW_BACK_MS = 3653 * 86_400_000;
/** The last millisecond whose keys (ms * KEY_SLOTS + slot) are exact in a double, with a day of spill room. */
export const MAX_KEY_MS = Math.floor(Number.MAX_SAFE_INTEGER / KEY_SLOTS) - 86_400_000;
const CLAIM_CHARS = 64;
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
  /** What the server claimed when its time was not believable (see SKEW_AHEAD_MS); null otherwise. */
  claimed_at: string | null;
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

/**
 * The millisecond an event is stored at, and the time it claimed when that was not believable: an
 * unparseable or impossible date (2025-02-30), or one outside [now - SKEW_BACK_MS, now + SKEW_AHEAD_MS].
 * Such an event is stored at the time we received it (or now), so it neither sits on top of "newest
 * first" forever nor escapes retention, and keys stay below 2^53.
 */
export function storedTime(occurredAt: string, receivedAt: string, now: number): { ms: number; claimed: string | null } {
  const t = isoToMs(occurredAt);
  if (believable(t, now)) return { ms: t, claimed: null };
  const r = isoToMs(receivedAt);
  const ms = believable(r, now) ? r : Math.min(Math.max(0, Math.floor(now)), MAX_KEY_MS);
  return { ms, claimed: redactedHead(occurredAt, CLAIM_CHARS, 4 * CLAIM_CHARS) };
}

const believable = (t: number, now: number): boolean => t >= now - SKEW_BACK_MS && t <= now + SKEW_AHEAD_MS && t >= 0 && t <= MAX_KEY_MS;

/** `data` as JSON: a value JSON cannot hold is stored as a marker, never a crash. */
export function dataJson(data: unknown): string {
  try {
    return JSON.stringify(data ?? null) ?? 'null';
  } catch {
    return JSON.stringify({ unserialisable: true });
  }
}

/**
 * What is stored of `data` (already JSON, already masked: packEvents): an oversized payload is
 * replaced by a marked preview so one event cannot bloat the log. Masking comes first, so the
 * preview cannot hold half a secret.
 */
export function capData(masked: string): string {
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
    ...(r.claimed_at !== null && r.claimed_at !== undefined ? { claimedAt: r.claimed_at } : {}),
  };
}
