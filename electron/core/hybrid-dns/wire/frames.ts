/**
 * Zod schemas of what arrives on the two WebSocket stacks (§3). Envelopes are parsed loosely
 * (unknown keys tolerated, §4.1 "unknown keys are ignored" works both ways); payloads that feed
 * state (health, system status, queries) are parsed strictly enough to trust their numbers.
 */
import { z } from 'zod';

const str = (max: number) => z.string().max(max);
const num = z.number().finite();
const int = z.number().int();

/** Unified event, unified control message or legacy message (§3.1). */
export const EnvelopeSchema = z.looseObject({
  type: str(100).min(1),
  data: z.unknown().optional(),
  timestamp: str(40).optional(),
  id: str(100).optional(),
  priority: str(20).optional(),
  severity: str(20).optional(),
  event_id: str(100).optional(),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

/** Dormant batch (§3.4): iterate `events`. */
export const BatchSchema = z.looseObject({
  type: z.literal('batched_events'),
  events: z.array(z.unknown()).max(10_000),
});

/** Dormant type-less compressed batch: hex of gzip(JSON of a batched_events message). */
export const CompressedBatchSchema = z.looseObject({
  compressed: z.literal(true),
  data: z
    .string()
    .max(32 * 1024 * 1024)
    .regex(/^[0-9a-fA-F]*$/),
});

/** Dormant/broken replay wrapper (§3.1): the original event is inside. */
export const ReplaySchema = z.looseObject({ type: z.literal('event_replay'), original_event: z.record(z.string(), z.unknown()) });

export const ForwarderStatusWire = z.enum(['healthy', 'unhealthy', 'degraded', 'unknown', 'disabled']).catch('unknown');

export const ForwarderDetailSchema = z.looseObject({
  id: int,
  name: str(300).catch('?'),
  type: str(60).catch('unknown'),
  status: ForwarderStatusWire,
  healthy_servers: int.catch(0),
  total_servers: int.catch(0),
  last_checked: str(40).nullable().catch(null),
});
export type ForwarderDetail = z.infer<typeof ForwarderDetailSchema>;

/** health_update data == GET /api/health/summary (§5.2); on failure counters are 0 plus `error`. */
export const HealthSummarySchema = z.looseObject({
  total_forwarders: int.catch(0),
  healthy_forwarders: int.catch(0),
  unhealthy_forwarders: int.catch(0),
  degraded_forwarders: int.catch(0),
  unknown_forwarders: int.catch(0).optional(),
  last_updated: str(40).optional(),
  forwarder_details: z.array(ForwarderDetailSchema).max(5000),
  error: str(2000).optional(),
});
export type HealthSummary = z.infer<typeof HealthSummarySchema>;

/** Legacy flat system_status (L3). */
export const LegacySystemStatusSchema = z.looseObject({
  cpu_usage: num,
  memory_usage: num,
  disk_usage: num,
  bind9_running: z.boolean(),
  active_connections: int.optional(),
  timestamp: str(40).optional(),
});

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Unified nested system_status: `data: {type: <subtype>, data: {...}}` (U5/U6). The inner object
 * is checked, not copied: the subtype schema below parses it, and this runs for every query_update.
 */
export const NestedSubtypeSchema = z.object({ type: str(100), data: z.custom<Record<string, unknown>>(isPlainObject) });

export const SystemMetricsSchema = z.looseObject({ cpu_usage: num, memory_usage: num, disk_usage: num, timestamp: str(40).optional() });

export const QueryUpdateSchema = z.looseObject({
  timestamp: str(40).optional(),
  client_ip: str(100).catch(''),
  query_domain: str(300).catch(''),
  query_type: str(20).catch(''),
  blocked: z.boolean().catch(false),
  total_queries_today: num.catch(0),
  blocked_queries_today: num.catch(0),
  current_qps: num.catch(0),
});
export type QueryUpdate = z.infer<typeof QueryUpdateSchema>;

export const UnifiedPingSchema = z.object({ data: z.looseObject({ connection_id: str(64) }) });
export const UnifiedWelcomeSchema = z.object({
  data: z.looseObject({ is_admin: z.boolean().catch(false), username: str(100).optional() }),
});
export const MessageDataSchema = z.looseObject({ message: str(5000).catch('') });
