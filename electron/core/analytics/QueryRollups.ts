/**
 * Query analytics rollups, the write side: every query_update sample the server pushes (every 10th
 * query it parsed) is counted per server into 1-minute and 1-hour buckets — samples, blocked, and
 * bounded top-domain and top-client sketches (HeavyHitters). Deltas wait here until the next group
 * commit carries them to the writer, which merges them into `query_rollups` (queryRollupRows.ts).
 */
import { HOUR, MINUTE } from '../../../shared/domain/ids';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import { HeavyHitters, type HitterRow } from './HeavyHitters';

export const QUERY_ROLLUP_RESOLUTIONS = [MINUTE, HOUR] as const;

export interface QueryRollupDelta {
  serverId: string;
  /** Bucket width in ms (60_000 or 3_600_000). */
  resolution: number;
  bucketMs: number;
  samples: number;
  blocked: number;
  domains: HitterRow[];
  clients: HitterRow[];
}

interface Pending {
  serverId: string;
  resolution: number;
  bucketMs: number;
  samples: number;
  blocked: number;
  domains: HeavyHitters;
  clients: HeavyHitters;
}

/** Bound on buckets waiting for a commit (a disk outage must not grow memory without end). */
const MAX_PENDING = 5_000;

export interface QuerySample {
  domain: string;
  client: string;
  blocked: boolean;
}

/** The sample a query_update event carries (shape.ts), or null for any other event. */
export function querySampleOf(e: FleetEvent): QuerySample | null {
  if (e.type !== 'query_update' || typeof e.data !== 'object' || e.data === null) return null;
  const d = e.data as Record<string, unknown>;
  if (typeof d.domain !== 'string' || typeof d.blocked !== 'boolean') return null;
  return { domain: d.domain.toLowerCase(), client: typeof d.clientIp === 'string' ? d.clientIp : '?', blocked: d.blocked };
}

export class QueryRollups {
  private readonly buckets = new Map<string, Pending>();

  get pending(): number {
    return this.buckets.size;
  }

  /** Counts the query samples among `events`, bucketed by when they were received. */
  addEvents(events: readonly FleetEvent[]): void {
    for (const e of events) {
      const sample = querySampleOf(e);
      if (!sample) continue;
      const t = Date.parse(e.receivedAt);
      if (Number.isFinite(t)) this.add(e.serverId, t, sample);
    }
  }

  add(serverId: string, t: number, s: QuerySample): void {
    for (const resolution of QUERY_ROLLUP_RESOLUTIONS) {
      const bucketMs = Math.floor(t / resolution) * resolution;
      const id = `${serverId}\u0000${resolution}\u0000${bucketMs}`;
      let b = this.buckets.get(id);
      if (!b) {
        b = { serverId, resolution, bucketMs, samples: 0, blocked: 0, domains: new HeavyHitters(), clients: new HeavyHitters() };
        this.buckets.set(id, b);
      }
      b.samples++;
      if (s.blocked) b.blocked++;
      b.domains.add(s.domain);
      b.clients.add(s.client);
    }
    while (this.buckets.size > MAX_PENDING) this.buckets.delete(this.buckets.keys().next().value as string);
  }

  /** Hands every waiting delta to a commit; what arrives afterwards waits for the next one. */
  take(): QueryRollupDelta[] {
    const out = [...this.buckets.values()].map((b) => ({
      serverId: b.serverId,
      resolution: b.resolution,
      bucketMs: b.bucketMs,
      samples: b.samples,
      blocked: b.blocked,
      domains: b.domains.rows(),
      clients: b.clients.rows(),
    }));
    this.buckets.clear();
    return out;
  }
}
