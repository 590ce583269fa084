/**
 * Raw text frame -> zero or more envelopes. Unwraps the dormant batch formats (§3.4) and the
 * replay wrapper so that a fixed or future server is handled; everything else is one envelope.
 * Never throws: a frame that is not usable yields a rejection reason.
 */
import { gunzipSync } from 'node:zlib';
import { BatchSchema, CompressedBatchSchema, ReplaySchema, type Envelope } from './frames';
import { parseEnvelope } from './hotFrames';

export interface Unwrapped {
  envelopes: Envelope[];
  /** For each envelope, the JSON text its dedup hash is computed from. */
  sources: string[];
  rejected: string | null;
}

const MAX_DEPTH = 2;
const MAX_INFLATED = 64 * 1024 * 1024;

export function unwrapFrame(raw: string): Unwrapped {
  const out: Unwrapped = { envelopes: [], sources: [], rejected: null };
  if (raw === 'pong' || raw === 'ping') {
    // Plain-text keepalive from the root dev endpoint (§3.1): a control frame without JSON.
    out.envelopes.push({ type: raw });
    out.sources.push(raw);
    return out;
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    out.rejected = 'invalid JSON';
    return out;
  }
  collect(value, raw, out, 0);
  return out;
}

function collect(value: unknown, source: string | null, out: Unwrapped, depth: number): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    out.rejected ??= 'not a JSON object';
    return;
  }
  const obj = value as Record<string, unknown>;
  if (obj.compressed === true && depth < MAX_DEPTH) return collectCompressed(obj, out, depth);
  if (obj.type === 'batched_events' && depth < MAX_DEPTH) {
    const batch = BatchSchema.safeParse(obj);
    if (!batch.success) return void (out.rejected ??= 'malformed batched_events');
    for (const inner of batch.data.events) collect(inner, null, out, depth + 1);
    return;
  }
  if (obj.type === 'event_replay' && depth < MAX_DEPTH) {
    const replay = ReplaySchema.safeParse(obj);
    if (!replay.success) return void (out.rejected ??= 'malformed event_replay');
    return collect(replay.data.original_event, null, out, depth + 1);
  }
  const env = parseEnvelope(obj);
  if (!env) return void (out.rejected ??= 'envelope without a usable type');
  let text = source;
  try {
    text ??= JSON.stringify(obj);
  } catch {
    // A batch member nested past the stack (a hostile server): this one event is unusable.
    return void (out.rejected ??= 'event nested too deeply');
  }
  out.envelopes.push(env);
  out.sources.push(text);
}

function collectCompressed(obj: Record<string, unknown>, out: Unwrapped, depth: number): void {
  const parsed = CompressedBatchSchema.safeParse(obj);
  if (!parsed.success || parsed.data.data.length % 2 !== 0) return void (out.rejected ??= 'malformed compressed batch');
  try {
    const text = gunzipSync(Buffer.from(parsed.data.data, 'hex'), { maxOutputLength: MAX_INFLATED }).toString('utf8');
    collect(JSON.parse(text), null, out, depth + 1);
  } catch {
    out.rejected ??= 'compressed batch does not inflate to JSON';
  }
}

/** FNV-1a 32-bit: a cheap, allocation-free payload hash for de-duplication keys. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
