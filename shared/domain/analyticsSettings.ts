import { z } from 'zod';

/**
 * settings.json `analytics`: how the QPS baseline judges a server's query rate. Defaults: a rate
 * below 60 % or above 167 % of what is usual for the hour of the week (40 % band, symmetric on a log
 * scale) for 10 minutes is an anomaly; servers under 1 qps both usually and now are not judged; the
 * baseline says "learning" until it has seen 24 hours.
 */
export const AnalyticsSettingsSchema = z.object({
  qpsBandPercent: z.number().int().min(5).max(95).default(40),
  qpsMinDurationMinutes: z.number().int().min(1).max(24 * 60).default(10),
  qpsMinQps: z.number().min(0).max(1_000_000).default(1),
  qpsWarmupHours: z.number().int().min(1).max(24 * 7 * 4).default(24),
});
export type AnalyticsSettings = z.infer<typeof AnalyticsSettingsSchema>;
