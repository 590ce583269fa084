import { z } from 'zod';
import { ForwarderStatusSchema } from './serverState';

/**
 * History for charts: a time range the user picks, served by the core from the event log's
 * metric rollups (never raw rows), with annotations, forwarder timelines and fleet totals.
 */
export const HISTORY_RANGES = ['15m', '1h', '24h', '7d'] as const;
export const HistoryRangeSchema = z.enum(HISTORY_RANGES);
export type HistoryRange = z.infer<typeof HistoryRangeSchema>;
export const DEFAULT_HISTORY_RANGE: HistoryRange = '1h';

export const HISTORY_RANGE_LABEL: Record<HistoryRange, string> = { '15m': '15 min', '1h': '1 h', '24h': '24 h', '7d': '7 d' };

/** The grid a range is drawn on: which rollup table answered and how wide one point is. */
export const HistoryWindowSchema = z.object({
  range: HistoryRangeSchema,
  fromMs: z.number(),
  toMs: z.number(),
  /** Rollup resolution read: '1m' rows for ranges up to 24 h, '1h' rows for 7 d. */
  resolution: z.enum(['1m', '1h']),
  /** Width of one point (a multiple of the resolution). */
  stepMs: z.number(),
});
export type HistoryWindow = z.infer<typeof HistoryWindowSchema>;

/** One point of a history series; `v` is null where no data arrived (a gap, drawn as a break). */
export const HistoryPointSchema = z.object({ t: z.number(), v: z.number().nullable() });
export type HistoryPoint = z.infer<typeof HistoryPointSchema>;

/** Series a chart can ask for: the stored metrics plus blocked share, derived from the day counters. */
export const HISTORY_SERIES = ['qps', 'cpu', 'memory', 'disk', 'blockedPercent'] as const;
export const HistorySeriesNameSchema = z.enum(HISTORY_SERIES);
export type HistorySeriesName = z.infer<typeof HistorySeriesNameSchema>;

export const MetricHistorySchema = z.object({
  window: HistoryWindowSchema,
  series: z.array(z.object({ name: HistorySeriesNameSchema, points: z.array(HistoryPointSchema) })),
});
export type MetricHistory = z.infer<typeof MetricHistorySchema>;

export const ANNOTATION_KINDS = ['bind-reload', 'bind-restart', 'bind-down', 'config-change', 'zone-change', 'maintenance', 'gap'] as const;
export const AnnotationKindSchema = z.enum(ANNOTATION_KINDS);
export type AnnotationKind = z.infer<typeof AnnotationKindSchema>;

/** Something that happened on a server, drawn on its charts: a moment, or a span (`untilMs`) shaded. */
export const ChartAnnotationSchema = z.object({
  kind: AnnotationKindSchema,
  atMs: z.number(),
  /** Spans (maintenance, gaps) end here; an open span ends at the window's end. */
  untilMs: z.number().nullable(),
  /** What happened, as plain text (rendered as text, never HTML). */
  text: z.string(),
});
export type ChartAnnotation = z.infer<typeof ChartAnnotationSchema>;

export const AnnotationsSchema = z.object({
  window: HistoryWindowSchema,
  annotations: z.array(ChartAnnotationSchema),
  /** Events past the per-query bound that were not turned into annotations. */
  omitted: z.number(),
});
export type Annotations = z.infer<typeof AnnotationsSchema>;

/** A forwarder's status over a span; 'unknown' where the app had no health data from the server. */
export const ForwarderSpanSchema = z.object({ fromMs: z.number(), toMs: z.number(), status: ForwarderStatusSchema });
export type ForwarderSpan = z.infer<typeof ForwarderSpanSchema>;

export const ForwarderTimelineSchema = z.object({
  forwarderId: z.number(),
  name: z.string(),
  spans: z.array(ForwarderSpanSchema),
  /** Latency in ms when the server reports it; the Hybrid DNS Server's health data does not (null). */
  latencyMs: z.number().nullable(),
});
export type ForwarderTimeline = z.infer<typeof ForwarderTimelineSchema>;

export const ForwarderHistorySchema = z.object({ window: HistoryWindowSchema, forwarders: z.array(ForwarderTimelineSchema) });
export type ForwarderHistory = z.infer<typeof ForwarderHistorySchema>;

/** Fleet sums per point: qps and blocked share, with how many servers actually reported there. */
export const FleetHistoryPointSchema = z.object({
  t: z.number(),
  qps: z.number().nullable(),
  blockedPercent: z.number().nullable(),
  reporting: z.number(),
});
export const FleetHistorySchema = z.object({
  window: HistoryWindowSchema,
  /** Servers being watched (enabled); a point with fewer `reporting` under-counts. */
  servers: z.number(),
  points: z.array(FleetHistoryPointSchema),
  /** Servers with no qps data in part of the window (their share of the sum is missing there). */
  withGaps: z.array(z.object({ serverId: z.string(), name: z.string(), missingPoints: z.number() })),
});
export type FleetHistory = z.infer<typeof FleetHistorySchema>;

/** One cell of the server x forwarder matrix. `status` is 'unknown' while the server is not seen live. */
export const MatrixCellSchema = z.object({
  status: ForwarderStatusSchema,
  /** The last status the server reported, when `status` is 'unknown' because the server is blind. */
  lastKnown: ForwarderStatusSchema.nullable(),
  detail: z.string(),
});
export type MatrixCell = z.infer<typeof MatrixCellSchema>;

export const ForwarderMatrixSchema = z.object({
  /** Upstreams by name (the key folds case and spaces); `summary` e.g. "unhealthy on 3 of 4 servers". */
  columns: z.array(z.object({ key: z.string(), name: z.string(), summary: z.string(), unhealthy: z.number(), servers: z.number() })),
  rows: z.array(
    z.object({
      serverId: z.string(),
      name: z.string(),
      /** Why the row's cells are unknown (not live, health data too old), or null. */
      blindReason: z.string().nullable(),
      /** In column order; null: this server has no such forwarder. */
      cells: z.array(MatrixCellSchema.nullable()),
    }),
  ),
});
export type ForwarderMatrix = z.infer<typeof ForwarderMatrixSchema>;
