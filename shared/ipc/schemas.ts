import { z } from 'zod';
import { AlertSchema } from '../domain/alert';
import { ActiveMaintenanceSchema, MaintenanceWindowSchema } from '../domain/maintenance';
import { EventCategorySchema, FleetEventSchema, SeveritySchema } from '../domain/fleetEvent';
import { MetricNameSchema, MetricPointSchema } from '../domain/metrics';
import { ServerConfigSchema } from '../domain/serverConfig';
import { ServerStatusSchema } from '../domain/serverState';
import { FleetVerdictSchema, ServerVerdictSchema } from '../domain/verdict';

/** Filters shared by the events page, `dnsfleet events` and `dnsfleet export`. */
export const EventFilterSchema = z.object({
  servers: z.array(z.string()).max(500).optional(),
  categories: z.array(EventCategorySchema).optional(),
  severities: z.array(SeveritySchema).optional(),
  types: z.array(z.string().max(100)).max(200).optional(),
  derived: z.boolean().optional(),
  /** ISO UTC bounds on occurredAt (inclusive since, exclusive until). */
  since: z.string().datetime({ offset: true }).optional(),
  until: z.string().datetime({ offset: true }).optional(),
  /** Full-text search over title, summary and data. */
  search: z.string().max(500).optional(),
  /** Only events that raised an alert which is (true) or is not (false) acknowledged. */
  acknowledged: z.boolean().optional(),
});
export type EventFilter = z.infer<typeof EventFilterSchema>;

export const EventPageSchema = z.object({
  items: z.array(FleetEventSchema),
  /** Opaque keyset cursor for the next (older) page; null at the end. */
  nextCursor: z.string().nullable(),
});
export type EventPage = z.infer<typeof EventPageSchema>;

const countMap = z.record(z.string(), z.number());
export const EventFacetsSchema = z.object({
  servers: countMap,
  categories: countMap,
  severities: countMap,
  types: countMap,
  total: z.number(),
});
export type EventFacets = z.infer<typeof EventFacetsSchema>;

export const HistogramSchema = z.object({
  bucketMs: z.number(),
  buckets: z.array(z.object({ t: z.number(), count: z.number() })),
});
export type Histogram = z.infer<typeof HistogramSchema>;

export const ServerEntrySchema = ServerConfigSchema.extend({ hasCredential: z.boolean() });
export type ServerEntry = z.infer<typeof ServerEntrySchema>;

/** What importing a fleet file would change for one server (shown before anything is written). */
export const ImportChangeSchema = z.object({
  id: z.string(),
  kind: z.enum(['add', 'update', 'unchanged']),
  changes: z.array(z.object({ field: z.string(), from: z.string(), to: z.string() })),
  /** The URL or username changed: the stored password is forgotten and asked again. */
  forgetsPassword: z.boolean(),
});
export type ImportChange = z.infer<typeof ImportChangeSchema>;

export const AppHealthSchema = z.object({
  /** Keychain reachable? When false, credentials are kept in memory for this session only. */
  keychain: z.object({ available: z.boolean(), detail: z.string() }),
  /** Event log state: `ok`, or `degraded` (disk full / unwritable) with a backlog count. */
  eventLog: z.object({ state: z.enum(['ok', 'degraded', 'recovered']), detail: z.string(), backlog: z.number() }),
  notices: z.array(z.string()),
});
export type AppHealth = z.infer<typeof AppHealthSchema>;

export const FleetSnapshotSchema = z.object({
  servers: z.array(ServerStatusSchema),
  alerts: z.array(AlertSchema),
  health: AppHealthSchema,
  /** True when no server is configured: the UI offers the demo fleet. */
  firstRun: z.boolean(),
  host: z.enum(['electron', 'web', 'cli']),
  /** Servers in maintenance: alerts are recorded but not notified until `untilMs`. */
  maintenance: z.array(z.object({ serverId: z.string(), untilMs: z.number() })).default([]),
  /** One verdict per server and the fleet's, as the core computed them (issue 12.1). */
  verdicts: z.array(ServerVerdictSchema).default([]),
  fleetVerdict: FleetVerdictSchema.default({ level: 'blind', counts: { critical: 0, blind: 0, warning: 0, maintenance: 0, ok: 0, disabled: 0 }, total: 0 }),
});
export type FleetSnapshot = z.infer<typeof FleetSnapshotSchema>;

export const TestStageSchema = z.object({
  stage: z.enum(['resolve', 'tcp', 'tls', 'login', 'websocket', 'first-data']),
  ok: z.boolean(),
  detail: z.string(),
  ms: z.number(),
});
export const ConnectionTestSchema = z.object({
  ok: z.boolean(),
  stages: z.array(TestStageSchema),
  fingerprint256: z.string().nullable(),
});
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;

export const MetricsRequestSchema = z.object({
  serverId: z.string(),
  names: z.array(MetricNameSchema).min(1),
  sinceMs: z.number().optional(),
  maxPoints: z.number().int().min(10).max(5000).default(600),
});
export const MetricsResponseSchema = z.object({
  series: z.array(z.object({ name: MetricNameSchema, points: z.array(MetricPointSchema) })),
});

export const ExportProgressSchema = z.object({
  jobId: z.string(),
  written: z.number(),
  total: z.number(),
  done: z.boolean(),
  path: z.string().nullable(),
  error: z.string().nullable(),
  /** At the end: events the export could not read because the log is damaged (null: not counted). */
  unreadable: z.number().nullable().optional(),
});
export type ExportProgress = z.infer<typeof ExportProgressSchema>;

/** Passwords travel renderer -> main only (write-only). Never part of any response. */
export const PasswordSchema = z.string().min(1).max(1024);

/** alerts:previewPolicy: what a policy would have notified (electron/core/alerts/policyPreview.ts). */
export const PolicyPreviewSchema = z.object({
  hours: z.number().int(),
  alerts: z.number().int(),
  notifications: z.number().int(),
  repeats: z.number().int(),
});
export type PolicyPreviewResult = z.infer<typeof PolicyPreviewSchema>;

/** Saved maintenance windows and the servers in maintenance now. */
export const MaintenanceStateSchema = z.object({ windows: z.array(MaintenanceWindowSchema), active: z.array(ActiveMaintenanceSchema) });
export type MaintenanceState = z.infer<typeof MaintenanceStateSchema>;
/** A server's verdict changed (or the server was removed), with the fleet's verdict after it. */
export const VerdictChangeSchema = z.object({
  verdict: ServerVerdictSchema.nullable(),
  removed: z.string().optional(),
  fleet: FleetVerdictSchema,
});
export type VerdictChange = z.infer<typeof VerdictChangeSchema>;

/**
 * app:writeDiagnostics: the bundle the core wrote into the exports folder (the browser host serves it
 * at /exports/<fileName>), and where the desktop's save dialog put a copy (null: not offered or cancelled).
 */
export const DiagnosticsBundleSchema = z.object({
  fileName: z.string(),
  path: z.string(),
  bytes: z.number().int(),
  files: z.array(z.string()),
  savedTo: z.string().nullable(),
});
export type DiagnosticsBundleInfo = z.infer<typeof DiagnosticsBundleSchema>;
