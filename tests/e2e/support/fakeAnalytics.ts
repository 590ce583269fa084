/** Scripted query analytics for UI tests: what the core's analytics:get answers, as shapes. */
import { NXDOMAIN_NOTE, SAMPLES_SOURCE } from '../../../electron/core/analytics/queryAnalytics';
import type { AnalyticsRange, QpsBaselineView, QueryAnalytics } from '../../../shared/domain/analytics';

export interface FakeAnalytics {
  queries: QueryAnalytics;
  baselines: QpsBaselineView[];
}

export function emptyAnalytics(serverId: string | null, range: AnalyticsRange): FakeAnalytics {
  const now = Date.now();
  return {
    queries: {
      serverId,
      range,
      fromMs: now - 3_600_000,
      toMs: now,
      resolutionMs: 60_000,
      samples: 0,
      blocked: 0,
      blockedRatio: null,
      nxdomainRatio: null,
      nxdomainNote: NXDOMAIN_NOTE,
      topDomains: [],
      topClients: [],
      approximate: false,
      source: SAMPLES_SOURCE,
    },
    baselines: [],
  };
}
