/**
 * Query analytics rollups, the write side: every query_update sample the server pushes (every 10th
 * query it parsed) is counted per server into 1-minute and 1-hour buckets — samples, blocked, and
 * bounded top-domain and top-client sketches (HeavyHitters). Deltas wait here until the next group
 * commit carries them to the writer, which merges them into `query_rollups` (queryRollupRows.ts).
 */
import { HOUR, MINUTE } from '../../../shared/domain/ids';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import { HeavyHitters, mergeSketches, toRows, type HitterRow } from './HeavyHitters';
import { isoToMs } from '../util/isoTime';

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

/**
 * The fleet's own rows in query_rollups: every server's samples merged as they are committed, so a
 * fleet-wide hour reads 60 rows, not 60 per server. Not a possible server id (ids start with a letter or digit).
 */
export const FLEET_SCOPE = '*';

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
  /** One pending bucket per server and minute; the hour's delta is made from them at take(). */
  private readonly buckets = new Map<string, Pending>();
  private last: Pending | null = null;

  get pending(): number {
    return this.buckets.size;
  }

  /** Counts the query samples among `events`, bucketed by when they were received. */
  addEvents(events: readonly FleetEvent[]): void {
    for (const e of events) {
      const sample = querySampleOf(e);
      if (!sample) continue;
      const t = isoToMs(e.receivedAt);
      if (Number.isFinite(t)) this.add(e.serverId, t, sample);
    }
  }

  add(serverId: string, t: number, s: QuerySample): void {
    const bucketMs = Math.floor(t / MINUTE) * MINUTE;
    let b = this.last;
    // A storm's samples come in runs of one server and minute: skip the lookup for those.
    if (!b || b.serverId !== serverId || b.bucketMs !== bucketMs) {
      const id = `${serverId}\u0000${bucketMs}`;
      b = this.buckets.get(id) ?? null;
      if (!b) {
        b = { serverId, resolution: MINUTE, bucketMs, samples: 0, blocked: 0, domains: new HeavyHitters(), clients: new HeavyHitters() };
        this.buckets.set(id, b);
        if (this.buckets.size > MAX_PENDING) this.buckets.delete(this.buckets.keys().next().value as string);
      }
      this.last = b;
    }
    b.samples++;
    if (s.blocked) b.blocked++;
    b.domains.add(s.domain);
    b.clients.add(s.client);
  }

  /** Hands every waiting delta (1-minute buckets and the hours they fall in) to a commit. */
  take(): QueryRollupDelta[] {
    const minutes: QueryRollupDelta[] = [...this.buckets.values()].map((b) => ({
      serverId: b.serverId,
      resolution: MINUTE,
      bucketMs: b.bucketMs,
      samples: b.samples,
      blocked: b.blocked,
      domains: b.domains.rows(),
      clients: b.clients.rows(),
    }));
    this.buckets.clear();
    this.last = null;
    const withFleet = [...minutes, ...combine(minutes, MINUTE, () => FLEET_SCOPE)];
    return [...withFleet, ...combine(withFleet, HOUR, (m) => m.serverId)];
  }
}

/** The deltas summed per `resolution` bucket and scope (a server, or the fleet). */
function combine(deltas: readonly QueryRollupDelta[], resolution: number, scope: (d: QueryRollupDelta) => string): QueryRollupDelta[] {
  const groups = new Map<string, QueryRollupDelta[]>();
  for (const m of deltas) {
    const id = `${scope(m)}\u0000${Math.floor(m.bucketMs / resolution)}`;
    const list = groups.get(id);
    if (list) list.push(m);
    else groups.set(id, [m]);
  }
  return [...groups.values()].map((list) => ({
    serverId: scope(list[0]!),
    resolution,
    bucketMs: Math.floor(list[0]!.bucketMs / resolution) * resolution,
    samples: list.reduce((n, m) => n + m.samples, 0),
    blocked: list.reduce((n, m) => n + m.blocked, 0),
    domains: list.length === 1 ? list[0]!.domains : toRows(mergeSketches(list.map((m) => m.domains))),
    clients: list.length === 1 ? list[0]!.clients : toRows(mergeSketches(list.map((m) => m.clients))),
  }));
}
