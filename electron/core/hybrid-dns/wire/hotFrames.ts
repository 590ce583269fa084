/**
 * Checks for the frames of a storm (every frame's envelope, and the nested query_update of §5.2),
 * written out by hand. Zod copies every loose object it parses; three parses per query_update were
 * a fifth of the main thread in the one-core storm. A value that passes a check here is exactly
 * what its schema (frames.ts) would return, so it is returned as it is; anything else goes to the
 * schema, which stays the one definition of what is accepted (and of its `.catch` defaults).
 * tests/unit/hybrid-dns/hotFrames.test.ts holds both to the same answers.
 */
import { EnvelopeSchema, NestedSubtypeSchema, QueryUpdateSchema, type Envelope, type QueryUpdate } from './frames';

const optStr = (v: unknown, max: number): boolean => v === undefined || (typeof v === 'string' && v.length <= max);
const str = (v: unknown, max: number): boolean => typeof v === 'string' && v.length <= max;
const finite = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** EnvelopeSchema.safeParse, with the common case checked in place. */
export function parseEnvelope(obj: Record<string, unknown>): Envelope | null {
  const t = obj.type;
  if (
    typeof t === 'string' &&
    t.length >= 1 &&
    t.length <= 100 &&
    optStr(obj.timestamp, 40) &&
    optStr(obj.id, 100) &&
    optStr(obj.priority, 20) &&
    optStr(obj.severity, 20) &&
    optStr(obj.event_id, 100)
  )
    return obj as Envelope;
  const parsed = EnvelopeSchema.safeParse(obj);
  return parsed.success ? parsed.data : null;
}

/** NestedSubtypeSchema.safeParse (`{type, data}` of a unified system_status), without the copy. */
export function parseNestedSubtype(v: unknown): { type: string; data: Record<string, unknown> } | null {
  if (isPlainObject(v) && str(v.type, 100) && isPlainObject(v.data)) return { type: v.type as string, data: v.data };
  const parsed = NestedSubtypeSchema.safeParse(v);
  return parsed.success ? parsed.data : null;
}

/** QueryUpdateSchema.safeParse, with a well-formed query_update taken as it is. */
export function parseQueryUpdate(d: Record<string, unknown>): QueryUpdate | null {
  if (
    optStr(d.timestamp, 40) &&
    str(d.client_ip, 100) &&
    str(d.query_domain, 300) &&
    str(d.query_type, 20) &&
    typeof d.blocked === 'boolean' &&
    finite(d.total_queries_today) &&
    finite(d.blocked_queries_today) &&
    finite(d.current_qps)
  )
    return d as QueryUpdate;
  const parsed = QueryUpdateSchema.safeParse(d);
  return parsed.success ? parsed.data : null;
}
