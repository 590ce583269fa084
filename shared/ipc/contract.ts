import { z } from 'zod';
import { AlertSchema } from '../domain/alert';
import { AnalyticsRangeSchema, QpsBaselineViewSchema, QueryAnalyticsSchema } from '../domain/analytics';
import { AlertDeliverySchema, ForwardingConfigSchema, ForwardingViewSchema, TestDeliverySchema, WebhookIdSchema, WebhookSecretKindSchema } from '../domain/delivery';
import { FleetEventSchema } from '../domain/fleetEvent';
import { FleetTotalsSchema } from '../domain/fleetTotals';
import { InspectorSnapshotSchema, TailFrameSchema } from '../domain/inspector';
import { AnnotationsSchema, FleetHistorySchema, ForwarderHistorySchema, ForwarderMatrixSchema, HistoryRangeSchema, HistorySeriesNameSchema, MetricHistorySchema } from '../domain/history';
import { MaintenanceWindowSchema } from '../domain/maintenance';
import { MetricNameSchema, MetricPointSchema } from '../domain/metrics';
import { MonitoringSettingsSchema } from '../domain/monitoringSettings';
import { NotificationDeliverySchema, NotificationPolicySchema } from '../domain/notificationPolicy';
import { ServerProbesSchema } from '../domain/probe';
import { ServerConfigSchema, FleetFileSchema } from '../domain/serverConfig';
import { ServerStatusSchema } from '../domain/serverState';
import {
  AppHealthSchema,
  ConnectionTestSchema,
  DiagnosticsBundleSchema,
  EventFacetsSchema,
  EventFilterSchema,
  EventPageSchema,
  ExportProgressSchema,
  FleetSnapshotSchema,
  HistogramSchema,
  ImportChangeSchema,
  MetricsRequestSchema,
  MetricsResponseSchema,
  PasswordSchema,
  PolicyPreviewSchema,
  MaintenanceStateSchema,
  ServerEntrySchema,
  VerdictChangeSchema,
} from './schemas';

/**
 * The one typed IPC contract. Every host (Electron IPC, the browser host's WebSocket, tests)
 * carries exactly these channels. Declare a channel here first; the core's api/ must then
 * implement it (a missing handler is a compile error, see ApiHandlers).
 */
const ok = z.object({ ok: z.literal(true) });

export const invokeChannels = {
  'fleet:getSnapshot': { request: z.object({}), response: FleetSnapshotSchema },
  'fleet:startDemo': { request: z.object({}), response: ok },
  'fleet:exportConfig': { request: z.object({}), response: FleetFileSchema },
  'fleet:previewImport': { request: z.object({ fleet: FleetFileSchema }), response: z.array(ImportChangeSchema) },
  'fleet:importConfig': {
    request: z.object({ fleet: FleetFileSchema }),
    response: z.object({ added: z.array(z.string()), updated: z.array(z.string()), needCredentials: z.array(z.string()) }),
  },
  'servers:list': { request: z.object({}), response: z.array(ServerEntrySchema) },
  'servers:save': {
    request: z.object({ config: ServerConfigSchema, password: PasswordSchema.optional(), isNew: z.boolean() }),
    response: ok,
  },
  'servers:remove': { request: z.object({ id: z.string() }), response: ok },
  'servers:setEnabled': { request: z.object({ id: z.string(), enabled: z.boolean() }), response: ok },
  'servers:test': {
    request: z.object({ config: ServerConfigSchema, password: PasswordSchema.optional() }),
    response: ConnectionTestSchema,
  },
  /** accepted: false when the server refused the code (the server waits for another one). */
  'servers:submitTotp': {
    request: z.object({ id: z.string(), code: z.string().regex(/^\d{6}$/) }),
    response: z.object({ ok: z.literal(true), accepted: z.boolean() }),
  },
  'servers:setPassword': { request: z.object({ id: z.string(), password: PasswordSchema }), response: ok },
  'servers:trustCertificate': { request: z.object({ id: z.string(), fingerprint256: z.string() }), response: ok },
  'servers:reconnect': { request: z.object({ id: z.string() }), response: ok },
  'events:query': {
    request: z.object({ filter: EventFilterSchema, cursor: z.string().nullable().optional(), limit: z.number().int().min(1).max(1000).default(100) }),
    response: EventPageSchema,
  },
  'events:facets': { request: z.object({ filter: EventFilterSchema }), response: EventFacetsSchema },
  'events:histogram': {
    request: z.object({ filter: EventFilterSchema, buckets: z.number().int().min(1).max(500).default(60) }),
    response: HistogramSchema,
  },
  'events:export': {
    request: z.object({ filter: EventFilterSchema, format: z.enum(['csv', 'ndjson']) }),
    response: z.object({ jobId: z.string() }),
  },
  /** Shows a finished export in the OS file manager (desktop only): only a file this run's events:export wrote. */
  'events:revealExport': { request: z.object({ path: z.string().min(1).max(4096) }), response: ok },
  'alerts:list': {
    request: z.object({ includeResolved: z.boolean().default(false), limit: z.number().int().min(1).max(1000).default(200) }),
    response: z.array(AlertSchema),
  },
  'alerts:acknowledge': { request: z.object({ ids: z.array(z.string()).min(1), note: z.string().max(2000).default('') }), response: ok },
  'alerts:snooze': { request: z.object({ ids: z.array(z.string()).min(1), minutes: z.number().int().min(1).max(7 * 24 * 60) }), response: ok },
  'alerts:unsnooze': { request: z.object({ ids: z.array(z.string()).min(1) }), response: ok },
  /** Maintenance for one server until a time (epoch ms), or end it (null): alerts recorded, not notified. */
  'alerts:setMaintenance': { request: z.object({ serverId: z.string(), untilMs: z.number().int().nullable() }), response: ok },
  /** Saved maintenance windows (scheduled ahead, recurring) and what is in force now. */
  'maintenance:list': { request: z.object({}), response: MaintenanceStateSchema },
  /** Adds or replaces (same id) a window; the change is pushed to every window (alerts:onDidChangeMaintenance). */
  'maintenance:schedule': { request: z.object({ window: MaintenanceWindowSchema }), response: MaintenanceStateSchema },
  'maintenance:remove': { request: z.object({ id: z.string() }), response: MaintenanceStateSchema },
  /** What the alerting policy would have notified over the last `hours`, from stored alerts. */
  'alerts:previewPolicy': {
    request: z.object({ policy: NotificationPolicySchema, hours: z.number().int().min(1).max(24 * 30).default(24) }),
    response: PolicyPreviewSchema,
  },
  /** The alerting policy (settings.json `notifications`), applied by the core in every host. */
  'settings:getPolicy': { request: z.object({}), response: NotificationPolicySchema },
  'settings:setPolicy': { request: z.object({ policy: NotificationPolicySchema }), response: NotificationPolicySchema },
  'metrics:get': { request: MetricsRequestSchema, response: MetricsResponseSchema },
  /** The last probe set of one server (the Probes tab); `lastSetAt: null` = not probed yet. */
  'probes:get': { request: z.object({ serverId: z.string() }), response: ServerProbesSchema },
  'app:getHealth': { request: z.object({}), response: AppHealthSchema },
  /** The fleet strip: qps and blocked share summed over the servers with a current reading, alerts and servers by level. */
  'fleet:getTotals': { request: z.object({}), response: FleetTotalsSchema },
  /** Writes the diagnostics bundle (a zip without secrets, for a support ticket); Electron then offers a save dialog. */
  'app:writeDiagnostics': { request: z.object({}), response: DiagnosticsBundleSchema },
  /** Query analytics from the rollups of the query samples, and the QPS baselines (of one server, or all: null). */
  'analytics:get': {
    request: z.object({ serverId: z.string().nullable(), range: AnalyticsRangeSchema.default('1h'), top: z.number().int().min(1).max(50).default(10) }),
    response: z.object({ queries: QueryAnalyticsSchema, baselines: z.array(QpsBaselineViewSchema) }),
  },
  /** Every server's QPS baseline alone (the exporter's scrape: no rollups read). */
  'analytics:baselines': { request: z.object({}), response: z.array(QpsBaselineViewSchema) },
  /**
   * Start (or renew, with the leaseId it returned) watching one server's connection inspector: its
   * snapshot is pushed (inspector:onDidChange) at most once a second while a lease lives (30 s
   * unless renewed); with frames: true its raw frame tail records and is pushed too.
   */
  'inspector:watch': {
    request: z.object({ serverId: z.string(), frames: z.boolean().default(false), leaseId: z.string().max(100).optional() }),
    response: z.object({ leaseId: z.string(), leaseMs: z.number().int(), snapshot: InspectorSnapshotSchema, frames: z.array(TailFrameSchema).nullable() }),
  },
  'inspector:unwatch': { request: z.object({ leaseId: z.string().max(100) }), response: ok },
  'inspector:getSnapshot': { request: z.object({ serverId: z.string() }), response: InspectorSnapshotSchema },
  /** Send subscribe_events again now; sent: false when no unified socket is open. The reply shows in the snapshot. */
  'inspector:resubscribe': { request: z.object({ serverId: z.string() }), response: z.object({ ok: z.literal(true), sent: z.boolean() }) },
  /** A server's series over a range, from the event log's rollups (the range picks the resolution). */
  'metrics:history': {
    request: z.object({ serverId: z.string(), range: HistoryRangeSchema, names: z.array(HistorySeriesNameSchema).min(1).max(10) }),
    response: MetricHistorySchema,
  },
  /** Reloads, restarts, config and zone changes, maintenance windows and connection gaps over a range. */
  'metrics:annotations': { request: z.object({ serverId: z.string(), range: HistoryRangeSchema }), response: AnnotationsSchema },
  /** Each forwarder's status over a range as spans (unknown where the app had no health data). */
  'metrics:forwarderHistory': { request: z.object({ serverId: z.string(), range: HistoryRangeSchema }), response: ForwarderHistorySchema },
  /** qps and blocked share summed across the fleet over a range, with who reported. */
  'metrics:fleetHistory': { request: z.object({ range: HistoryRangeSchema }), response: FleetHistorySchema },
  /** Servers x upstream forwarders, now. */
  'fleet:forwarderMatrix': { request: z.object({}), response: ForwarderMatrixSchema },
  /** Alert forwarding (settings.json `forwarding`): the config, which webhook secrets are set (never the secret), the outbox. */
  'forwarding:get': { request: z.object({}), response: ForwardingViewSchema },
  'forwarding:set': { request: z.object({ config: ForwardingConfigSchema }), response: ForwardingViewSchema },
  /** Write-only: a webhook's signing secret, or its secret URL, goes to the keychain (null removes it). */
  'forwarding:setSecret': {
    request: z.object({ webhookId: WebhookIdSchema, kind: WebhookSecretKindSchema.default('signing'), secret: PasswordSchema.nullable() }),
    response: ForwardingViewSchema,
  },
  /** A test alert (firing, then resolved) through the real outbox; each target's first answer. */
  'forwarding:sendTest': { request: z.object({}), response: z.object({ results: z.array(TestDeliverySchema) }) },
  /** What happened to these alerts' deliveries (every target and transition). */
  'forwarding:deliveries': { request: z.object({ alertIds: z.array(z.string().max(200)).max(1000) }), response: z.array(AlertDeliverySchema) },
  /** DNS probes and query analytics (settings.json `probes`, `analytics`): applied by the running core without a restart. */
  'settings:getMonitoring': { request: z.object({}), response: MonitoringSettingsSchema },
  /** Replaces the sections given (each whole); the same schema as settings.json refuses an invalid value and nothing is saved. */
  'settings:setMonitoring': {
    request: z.object({ probes: MonitoringSettingsSchema.shape.probes.optional(), analytics: MonitoringSettingsSchema.shape.analytics.optional() }),
    response: MonitoringSettingsSchema,
  },
} as const;

export const pushChannels = {
  'fleet:onDidChangeServer': ServerStatusSchema,
  'fleet:onDidRemoveServer': z.object({ serverId: z.string() }),
  /** A server's verdict (level + reasons) changed: the only thing any surface uses to say how a server is. */
  'fleet:onDidChangeVerdict': VerdictChangeSchema,
  'events:onDidAppend': z.array(FleetEventSchema),
  'events:onDidExportProgress': ExportProgressSchema,
  'alerts:onDidChange': AlertSchema,
  /** An alert was raised (or re-raised): the host notifies, the renderer shows a toast. */
  'alerts:onDidRaise': AlertSchema,
  /** The policy let a notification through (first or escalation repeat): the page's browser notification follows it. */
  'alerts:onDidNotify': z.object({ alert: AlertSchema, delivery: NotificationDeliverySchema }),
  'settings:onDidChangePolicy': NotificationPolicySchema,
  /** Maintenance windows or what is in force changed (any window, host or schedule boundary). */
  'alerts:onDidChangeMaintenance': MaintenanceStateSchema,
  'metrics:onDidAppend': z.object({ serverId: z.string(), name: MetricNameSchema, point: MetricPointSchema }),
  /** A server's probe set finished (what `probes:get` would now answer). */
  'probes:onDidComplete': ServerProbesSchema,
  'app:onDidChangeHealth': AppHealthSchema,
  /** A watched server's connection inspector changed (at most once a second, only while watched). */
  'inspector:onDidChange': InspectorSnapshotSchema,
  /** Frames a watched server's raw tail recorded since the last push (only while its Frames view is open). */
  'inspector:onDidReceiveFrames': z.object({ serverId: z.string(), frames: z.array(TailFrameSchema) }),
  /** A delivery attempt changed an alert's delivery (delivered, failed and when it retries, refused). */
  'forwarding:onDidChangeDelivery': AlertDeliverySchema,
  /** Probe or analytics settings changed (this or another window, the CLI, settings.json edited while running). */
  'settings:onDidChangeMonitoring': MonitoringSettingsSchema,
} as const;

export type InvokeChannel = keyof typeof invokeChannels;
export type PushChannel = keyof typeof pushChannels;
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['request']>;
export type ParsedRequest<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['response']>;
export type PushPayload<C extends PushChannel> = z.output<(typeof pushChannels)[C]>;

/** Errors cross a boundary as data, never as a thrown exception. */
export interface ApiError {
  code: 'invalid-request' | 'unknown-channel' | 'not-found' | 'conflict' | 'unavailable' | 'internal';
  message: string;
}
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What the core implements and every host exposes. Missing a channel is a compile error. */
export type ApiHandlers = { [C in InvokeChannel]: (req: ParsedRequest<C>) => Promise<InvokeResponse<C>> };

export const INVOKE_CHANNELS = Object.keys(invokeChannels) as InvokeChannel[];
export const PUSH_CHANNELS = Object.keys(pushChannels) as PushChannel[];

// Own properties only: `in` also finds `__proto__`, `constructor` and `toString`, and a bridge frame
// naming one of those used to reach `spec.request` on a function and end the browser host.
export const isInvokeChannel = (c: unknown): c is InvokeChannel => typeof c === 'string' && Object.hasOwn(invokeChannels, c);
export const isPushChannel = (c: unknown): c is PushChannel => typeof c === 'string' && Object.hasOwn(pushChannels, c);
