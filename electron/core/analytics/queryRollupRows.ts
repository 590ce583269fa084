/**
 * query_rollups rows on the writer thread: a delta is merged into its bucket's row (counts added,
 * sketches merged and cut back to their capacity), so a row never grows past SKETCH_CAPACITY entries.
 */
import type { Database, Statement } from 'better-sqlite3';
import { mergeSketches, toRows, type HitterRow } from './HeavyHitters';
import type { QueryRollupDelta } from './QueryRollups';

interface StoredRow {
  samples: number;
  blocked: number;
  domains: string;
  clients: string;
}

export function parseHitterRows(json: string): HitterRow[] {
  try {
    const v: unknown = JSON.parse(json);
    if (!Array.isArray(v)) return [];
    return v.filter(
      (r): r is HitterRow => Array.isArray(r) && typeof r[0] === 'string' && typeof r[1] === 'number' && typeof r[2] === 'number',
    );
  } catch {
    return [];
  }
}

export class QueryRollupRows {
  private readonly select: Statement;
  private readonly upsert: Statement;

  constructor(db: Database) {
    this.select = db.prepare('SELECT samples, blocked, domains, clients FROM query_rollups WHERE server_id = ? AND resolution = ? AND bucket_ms = ?');
    this.upsert = db.prepare(
      'INSERT OR REPLACE INTO query_rollups(server_id, resolution, bucket_ms, samples, blocked, domains, clients) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /** Runs inside the caller's transaction. */
  merge(deltas: Iterable<QueryRollupDelta>): void {
    for (const d of deltas) {
      const old = this.select.get(d.serverId, d.resolution, d.bucketMs) as StoredRow | undefined;
      const domains = old ? toRows(mergeSketches([d.domains, parseHitterRows(old.domains)])) : d.domains;
      const clients = old ? toRows(mergeSketches([d.clients, parseHitterRows(old.clients)])) : d.clients;
      this.upsert.run(
        d.serverId,
        d.resolution,
        d.bucketMs,
        d.samples + (old?.samples ?? 0),
        d.blocked + (old?.blocked ?? 0),
        JSON.stringify(domains),
        JSON.stringify(clients),
      );
    }
  }
}
