import { z } from 'zod';

/** One point of a per-server series. `t` is epoch ms. */
export const MetricPointSchema = z.object({ t: z.number(), v: z.number() });
export type MetricPoint = z.infer<typeof MetricPointSchema>;

export const METRIC_NAMES = ['cpu', 'memory', 'disk', 'bindRunning', 'qps', 'blockedToday', 'queriesToday', 'forwardersHealthy', 'forwardersTotal', 'probeLatencyMs', 'probeSuccess'] as const;
export const MetricNameSchema = z.enum(METRIC_NAMES);
export type MetricName = z.infer<typeof MetricNameSchema>;

export const MetricSeriesSchema = z.object({ serverId: z.string(), name: MetricNameSchema, points: z.array(MetricPointSchema) });
export type MetricSeries = z.infer<typeof MetricSeriesSchema>;
