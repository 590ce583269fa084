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

/** A busy server's hour: a few heavy domains and clients, one estimate, a baseline below its band. */
export function sampleAnalytics(serverId: string | null, baseline: Partial<QpsBaselineView> = {}): FakeAnalytics {
  const a = emptyAnalytics(serverId, '1h');
  return {
    queries: {
      ...a.queries,
      samples: 1200,
      blocked: 96,
      blockedRatio: 0.08,
      approximate: true,
      topDomains: [
        { key: 'intranet.corp.local', count: 420, error: 0 },
        { key: 'ads.tracker.io', count: 96, error: 0 },
        { key: '<img src=x onerror=alert(1)>.evil.example', count: 40, error: 3 },
      ],
      topClients: [
        { key: '192.168.10.24', count: 300, error: 0 },
        { key: '192.168.11.7', count: 120, error: 0 },
      ],
    },
    baselines: [
      {
        serverId: serverId ?? 'dns-fra-2',
        state: 'low',
        currentQps: 48,
        expectedQps: 100,
        bandLowQps: 60,
        bandHighQps: 166.7,
        learnedHours: 30,
        warmupHours: 24,
        outsideSince: Date.now() - 12 * 60_000,
        detail: 'Low: 48.0 qps now, usually 100 qps at this hour (band 60.0–167).',
        ...baseline,
      },
    ],
  };
}
