/**
 * Query analytics, the read side: top domains, top clients and the blocked ratio for one server or
 * the fleet over 15 min / 1 h / 24 h, answered from `query_rollups` alone (1-minute buckets for the
 * short ranges, 1-hour buckets for a day). Raw samples are never scanned: their retention does not
 * change the answer, and a day of a storm costs at most 25 rows per server to read.
 */
import type { Database } from 'better-sqlite3';
import { HOUR, MINUTE } from '../../../shared/domain/ids';
import type { AnalyticsRange, QueryAnalytics } from '../../../shared/domain/analytics';
import { mergeSketches, SKETCH_CAPACITY, type HitterRow } from './HeavyHitters';
import { parseHitterRows } from './queryRollupRows';
import { FLEET_SCOPE } from './QueryRollups';

export interface QueryAnalyticsRequest {
  serverId: string | null;
  range: AnalyticsRange;
  /** How many top domains and clients to return (default 10, at most the sketch's capacity). */
  top?: number;
}

const RANGE_MS: Record<AnalyticsRange, number> = { '15m': 15 * MINUTE, '1h': HOUR, '24h': 24 * HOUR };
const RESOLUTION: Record<AnalyticsRange, number> = { '15m': MINUTE, '1h': MINUTE, '24h': HOUR };

export const NXDOMAIN_NOTE = 'Not in the samples: the server samples queries from its BIND query log, which carries no response code.';
export const SAMPLES_SOURCE = 'From the query samples the server pushes (about every 10th query), rolled up per minute and hour.';

interface Row {
  samples: number;
  blocked: number;
  domains: string;
  clients: string;
}

/** The SQL, exported so a test can hold its plan to the rollups table. */
export const ANALYTICS_SQL = 'SELECT samples, blocked, domains, clients FROM query_rollups WHERE server_id = ? AND resolution = ? AND bucket_ms >= ? AND bucket_ms <= ?';

export function readQueryAnalytics(db: Database, req: QueryAnalyticsRequest, now: number): QueryAnalytics {
  const resolution = RESOLUTION[req.range];
  const fromMs = Math.floor((now - RANGE_MS[req.range]) / resolution) * resolution;
  // The fleet has rows of its own (FLEET_SCOPE): reading it costs what reading one server does.
  const rows = db.prepare(ANALYTICS_SQL).all(req.serverId ?? FLEET_SCOPE, resolution, fromMs, now) as Row[];
  const domains: HitterRow[][] = [];
  const clients: HitterRow[][] = [];
  let samples = 0;
  let blocked = 0;
  let approximate = false;
  for (const r of rows) {
    samples += r.samples;
    blocked += r.blocked;
    const d = parseHitterRows(r.domains);
    const c = parseHitterRows(r.clients);
    approximate ||= d.length >= SKETCH_CAPACITY || c.length >= SKETCH_CAPACITY;
    domains.push(d);
    clients.push(c);
  }
  const top = Math.max(1, Math.min(req.top ?? 10, SKETCH_CAPACITY));
  const topDomains = mergeSketches(domains, top);
  const topClients = mergeSketches(clients, top);
  approximate ||= [...topDomains, ...topClients].some((h) => h.error > 0);
  return {
    serverId: req.serverId,
    range: req.range,
    fromMs,
    toMs: now,
    resolutionMs: resolution,
    samples,
    blocked,
    blockedRatio: samples > 0 ? blocked / samples : null,
    nxdomainRatio: null,
    nxdomainNote: NXDOMAIN_NOTE,
    topDomains,
    topClients,
    approximate,
    source: SAMPLES_SOURCE,
  };
}
