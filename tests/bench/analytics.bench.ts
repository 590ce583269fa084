/**
 * Query analytics benchmark (`npm run bench -- --only analytics`): what counting the query samples
 * costs the main thread during a storm (µs per sample, random-subdomain names so every sketch is
 * full), and how long analytics:get takes fleet-wide at `servers` servers with full sketches in every
 * bucket (15 min and 1 h from 1-minute rows, 24 h from 1-hour rows).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { QueryRollups } from '../../electron/core/analytics/QueryRollups';
import { SqliteEventLog } from '../../electron/core/eventlog/SqliteEventLog';
import type { FleetEvent } from '../../shared/domain/fleetEvent';
import { HOUR, MINUTE } from '../../shared/domain/ids';

export interface AnalyticsBenchResult {
  samples: number;
  /** Main-thread cost of counting one sample into its 1-min and 1-h buckets. */
  countUsPerSample: number;
  servers: number;
  /** query_rollups rows written for a day at `servers` servers. */
  rows: number;
  /** analytics:get for the whole fleet (median of 5). */
  fleetReadMs: { '15m': number; '1h': number; '24h': number };
  loadAverage: number;
}

function sample(i: number, serverId: string, at: string): FleetEvent {
  const domain = i % 3 === 0 ? `popular${i % 7}.example` : `r${i}.attack.example`;
  return {
    id: `b${i}`,
    serverId,
    type: 'query_update',
    category: 'dns',
    severity: 'debug',
    occurredAt: at,
    receivedAt: at,
    title: '',
    summary: '',
    data: { domain, clientIp: `10.${i % 250}.${(i >> 8) % 250}.1`, blocked: i % 11 === 0 },
    derived: false,
    dedupKey: `b${i}`,
  } as FleetEvent;
}

/** Batches of 1000 made as they would arrive, a commit's take() every 2000 samples (100 ms at 20,000/s). */
function countCost(samples: number): number {
  const rollups = new QueryRollups();
  const at = new Date().toISOString();
  let ms = 0;
  for (let i = 0; i < samples; i += 1000) {
    const batch = Array.from({ length: 1000 }, (_, k) => sample(i + k, `dns-${(i + k) % 50}`, at));
    const started = performance.now();
    rollups.addEvents(batch);
    if ((i / 1000) % 2 === 1) rollups.take();
    ms += performance.now() - started;
  }
  return (ms * 1000) / samples;
}

async function fleetRead(servers: number): Promise<Omit<AnalyticsBenchResult, 'samples' | 'countUsPerSample' | 'loadAverage'>> {
  const dir = mkdtempSync(join(tmpdir(), 'dnsfleet-analytics-bench-'));
  const now = Date.now();
  const log = SqliteEventLog.open({ dataDir: dir, applyRetention: false });
  try {
    // 60 samples a minute for the last hour and one bucket's worth per hour before: full sketches everywhere.
    let i = 0;
    for (let s = 0; s < servers; s++) {
      const batch: FleetEvent[] = [];
      for (let m = 0; m < 60; m++) for (let k = 0; k < 60; k++) batch.push(sample(i++, `dns-${s}`, new Date(now - m * MINUTE).toISOString()));
      for (let h = 1; h < 24; h++) for (let k = 0; k < 60; k++) batch.push(sample(i++, `dns-${s}`, new Date(now - h * HOUR).toISOString()));
      log.append(batch);
      await log.flush();
    }
    const median = (range: '15m' | '1h' | '24h') => {
      const times = Array.from({ length: 5 }, () => {
        const t = performance.now();
        log.queryAnalytics({ serverId: null, range });
        return performance.now() - t;
      }).sort((a, b) => a - b);
      return Math.round(times[2]! * 10) / 10;
    };
    const rows = (log as unknown as { db: { prepare(sql: string): { pluck(): { get(): number } } } }).db.prepare('SELECT count(*) FROM query_rollups').pluck().get();
    return { servers, rows, fleetReadMs: { '15m': median('15m'), '1h': median('1h'), '24h': median('24h') } };
  } finally {
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runAnalyticsBench(opts: { samples: number; servers: number }): Promise<AnalyticsBenchResult> {
  const loadAverage = loadavg()[0]!;
  const countUsPerSample = Math.round(countCost(opts.samples) * 100) / 100;
  return { samples: opts.samples, countUsPerSample, ...(await fleetRead(opts.servers)), loadAverage };
}
