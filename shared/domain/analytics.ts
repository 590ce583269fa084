import { z } from 'zod';

/**
 * Query analytics (issue 16): what the query samples a server pushes say about its traffic, and how its
 * query rate compares with what is usual for the hour of the week. Computed in the core
 * (electron/core/analytics), rendered by the hosts.
 */
export const ANALYTICS_RANGES = ['15m', '1h', '24h'] as const;
export const AnalyticsRangeSchema = z.enum(ANALYTICS_RANGES);
export type AnalyticsRange = z.infer<typeof AnalyticsRangeSchema>;

/** One heavy hitter: `count` never under-counts, `count - error` never over-counts (Space-Saving). */
export const HitterSchema = z.object({ key: z.string(), count: z.number(), error: z.number() });
export type Hitter = z.infer<typeof HitterSchema>;

export const QueryAnalyticsSchema = z.object({
  /** null: the whole fleet. */
  serverId: z.string().nullable(),
  range: AnalyticsRangeSchema,
  /** The buckets read: from the start of the first one (it may start before now - range). */
  fromMs: z.number(),
  toMs: z.number(),
  /** Bucket width read: 1 min for 15 min and 1 h, 1 h for 24 h. */
  resolutionMs: z.number(),
  /** Query samples counted (the server pushes about every 10th query it logs). */
  samples: z.number(),
  blocked: z.number(),
  /** blocked / samples; null without samples. */
  blockedRatio: z.number().nullable(),
  /**
   * Always null today: the server's samples carry no response code (a BIND query log line is written
   * before the answer), so NXDOMAIN cannot be counted from them. `nxdomainNote` says so.
   */
  nxdomainRatio: z.number().nullable(),
  nxdomainNote: z.string(),
  topDomains: z.array(HitterSchema),
  topClients: z.array(HitterSchema),
  /** True when a sketch was full somewhere in the range: counts are estimates within `error`. */
  approximate: z.boolean(),
  /** Where these numbers come from, for the UI and the CLI to say so. */
  source: z.string(),
});
export type QueryAnalytics = z.infer<typeof QueryAnalyticsSchema>;

export const BASELINE_STATES = ['learning', 'normal', 'low', 'high', 'quiet', 'unknown'] as const;
export const BaselineStateSchema = z.enum(BASELINE_STATES);
export type BaselineState = z.infer<typeof BaselineStateSchema>;

export const QpsBaselineViewSchema = z.object({
  serverId: z.string(),
  /**
   * learning: too little history yet; normal/low/high: the current rate against the band; quiet: both
   * below the minimum rate worth judging; unknown: no current rate (no data lately).
   */
  state: BaselineStateSchema,
  /** Queries per second over the last rate window (from the server's query counter); null: unknown. */
  currentQps: z.number().nullable(),
  /** What is usual for this hour of the week (EWMA); null while learning. */
  expectedQps: z.number().nullable(),
  bandLowQps: z.number().nullable(),
  bandHighQps: z.number().nullable(),
  /** Hours of history folded into the baseline, and how many it needs before it judges. */
  learnedHours: z.number(),
  warmupHours: z.number(),
  /** Since when the rate has been outside the band (epoch ms), or null. */
  outsideSince: z.number().nullable(),
  detail: z.string(),
});
export type QpsBaselineView = z.infer<typeof QpsBaselineViewSchema>;
