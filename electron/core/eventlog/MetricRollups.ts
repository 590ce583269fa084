/**
 * Per-server metric rollups at 1 minute, 10 minutes and 1 hour (avg/min/max/count), so charts can
 * span days and weeks. Points are aggregated in memory and written with the next group commit.
 * The 10-minute rows are the 24 h charts' steps (the fleet sums read one row per server, metric and
 * step instead of ten); they are kept two days (Retention), the 1-minute rows fourteen.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { MetricName } from '../../../shared/domain/metrics';
import { HOUR, MINUTE } from '../../../shared/domain/ids';
import type { RollupDelta } from './writeStatements';

export type RollupResolution = '1m' | '10m' | '1h';
export const RESOLUTION_MS: Record<RollupResolution, number> = { '1m': MINUTE, '10m': 10 * MINUTE, '1h': HOUR };
const STORED_MS = Object.values(RESOLUTION_MS);
/** Bound on buckets waiting for a commit (a disk outage must not grow memory without end); three per point since 10-minute rows. */
const MAX_PENDING = 30_000;

export interface RollupPoint {
  t: number;
  avg: number;
  min: number;
  max: number;
  count: number;
}

/** Rollup rows merged into steps of a chart's grid; `rows` is how many stored rows were read. */
export interface RollupBucket {
  t: number;
  sum: number;
  count: number;
  min: number;
  max: number;
  rows: number;
}

export class MetricRollups {
  private readonly deltas = new Map<string, RollupDelta>();
  /** Prepared once: charts ask for many series at a time (three per server for the fleet sums). */
  private bucketQuery: Statement | null = null;
  private manyQuery: Statement | null = null;
  private manyRowsQuery: Statement | null = null;

  constructor(private readonly db: Database) {}

  get pending(): number {
    return this.deltas.size;
  }

  add(serverId: string, name: MetricName, t: number, v: number): void {
    if (!Number.isFinite(t) || !Number.isFinite(v)) return;
    for (const resolution of STORED_MS) {
      const bucketMs = Math.floor(t / resolution) * resolution;
      const id = `${serverId}\u0000${name}\u0000${resolution}\u0000${bucketMs}`;
      const d = this.deltas.get(id);
      if (d) {
        d.sum += v;
        d.min = Math.min(d.min, v);
        d.max = Math.max(d.max, v);
        d.count++;
      } else {
        this.deltas.set(id, { serverId, name, resolution, bucketMs, sum: v, min: v, max: v, count: 1 });
      }
    }
    while (this.deltas.size > MAX_PENDING) this.deltas.delete(this.deltas.keys().next().value as string);
  }

  pendingDeltas(): RollupDelta[] {
    return [...this.deltas.values()].map((d) => ({ ...d }));
  }

  /** Removes what was written; points that arrived meanwhile stay as the remainder. */
  committed(written: readonly RollupDelta[]): void {
    for (const w of written) {
      const id = `${w.serverId}\u0000${w.name}\u0000${w.resolution}\u0000${w.bucketMs}`;
      const d = this.deltas.get(id);
      if (!d) continue;
      if (d.count === w.count) this.deltas.delete(id);
      else this.deltas.set(id, { ...d, sum: d.sum - w.sum, count: d.count - w.count });
    }
  }

  series(serverId: string, name: MetricName, resolution: RollupResolution, sinceMs: number, untilMs = Number.MAX_SAFE_INTEGER): RollupPoint[] {
    const rows = this.db
      .prepare(
        `SELECT bucket_ms AS t, sum / count AS avg, min, max, count FROM metric_rollups
         WHERE server_id = ? AND name = ? AND resolution = ? AND bucket_ms >= ? AND bucket_ms < ? ORDER BY bucket_ms`,
      )
      .all(serverId, name, RESOLUTION_MS[resolution], Math.floor(sinceMs / RESOLUTION_MS[resolution]) * RESOLUTION_MS[resolution], untilMs) as RollupPoint[];
    return rows;
  }

  /**
   * Rows of one resolution between two times, merged into `stepMs` buckets in SQL (an index range
   * on the primary key: the rows read are the rows in the range, nothing else).
   */
  buckets(serverId: string, name: MetricName, resolution: RollupResolution, stepMs: number, sinceMs: number, untilMs: number): RollupBucket[] {
    const res = RESOLUTION_MS[resolution];
    const step = Math.max(res, Math.round(stepMs / res) * res);
    // CAST: better-sqlite3 may bind the step as a real, and a real divisor would not group.
    this.bucketQuery ??= this.db.prepare(
      `SELECT (bucket_ms / CAST(? AS INTEGER)) * CAST(? AS INTEGER) AS t, sum(sum) AS sum, sum(count) AS count, min(min) AS min, max(max) AS max, count(*) AS rows
       FROM metric_rollups WHERE server_id = ? AND name = ? AND resolution = ? AND bucket_ms >= ? AND bucket_ms < ?
       GROUP BY 1 ORDER BY 1`,
    );
    return this.bucketQuery.all(step, step, serverId, name, res, Math.floor(sinceMs / step) * step, untilMs) as RollupBucket[];
  }

  /**
   * The same for many servers in one statement (the fleet sums): one primary-key range per server.
   * A step of one stored row (24 h from 10-minute rows, 7 d from hourly ones) is read as it is: the
   * grouping would merge nothing, and cost half the read (measured at 200 servers).
   */
  bucketsOfMany(serverIds: readonly string[], name: MetricName, resolution: RollupResolution, stepMs: number, sinceMs: number, untilMs: number): (RollupBucket & { serverId: string })[] {
    const res = RESOLUTION_MS[resolution];
    const step = Math.max(res, Math.round(stepMs / res) * res);
    if (step === res) {
      this.manyRowsQuery ??= this.db.prepare(
        `SELECT server_id AS serverId, bucket_ms AS t, sum, count, min, max, 1 AS rows
         FROM metric_rollups WHERE server_id IN (SELECT value FROM json_each(?)) AND name = ? AND resolution = ? AND bucket_ms >= ? AND bucket_ms < ?
         ORDER BY 1, 2`,
      );
      return this.manyRowsQuery.all(JSON.stringify(serverIds), name, res, Math.floor(sinceMs / step) * step, untilMs) as (RollupBucket & { serverId: string })[];
    }
    this.manyQuery ??= this.db.prepare(
      `SELECT server_id AS serverId, (bucket_ms / CAST(? AS INTEGER)) * CAST(? AS INTEGER) AS t, sum(sum) AS sum, sum(count) AS count, min(min) AS min, max(max) AS max, count(*) AS rows
       FROM metric_rollups WHERE server_id IN (SELECT value FROM json_each(?)) AND name = ? AND resolution = ? AND bucket_ms >= ? AND bucket_ms < ?
       GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    return this.manyQuery.all(step, step, JSON.stringify(serverIds), name, res, Math.floor(sinceMs / step) * step, untilMs) as (RollupBucket & { serverId: string })[];
  }
}
