import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import { DEFAULT_FILTERS, eventViewQuery } from './eventView';

/**
 * The live query tail's view logic: query samples (query_update events the core pushes) kept in a
 * fixed ring, filtered, and counted per second for the rate sparkline. Pure, tested without a DOM.
 */
export interface QuerySample {
  id: string;
  occurredAt: string;
  /** When the page received it (ms): the rate is of arrivals, not of the server's clock. */
  receivedAt: number;
  domain: string;
  queryType: string;
  client: string;
  blocked: boolean;
  /** As the server reports it; null when it sent none. */
  responseTime: number | null;
}

export interface TailFilter {
  client: string;
  /** Case-insensitive substring of the domain. */
  domain: string;
  blockedOnly: boolean;
}

export const NO_TAIL_FILTER: TailFilter = { client: '', domain: '', blockedOnly: false };

const own = (o: object, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? (o as Record<string, unknown>)[k] : undefined);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A query sample from a pushed event, or null for anything else (read as own fields only: outside data). */
export function toQuerySample(e: FleetEvent, serverId: string, receivedAt: number): QuerySample | null {
  if (e.type !== 'query_update' || e.serverId !== serverId) return null;
  const d = e.data !== null && typeof e.data === 'object' ? e.data : {};
  const time = own(d, 'responseTime');
  return {
    id: e.id,
    occurredAt: e.occurredAt,
    receivedAt,
    domain: text(own(d, 'domain')),
    queryType: text(own(d, 'queryType')),
    client: text(own(d, 'clientIp')),
    blocked: own(d, 'blocked') === true,
    responseTime: typeof time === 'number' && Number.isFinite(time) ? time : null,
  };
}

export function matchesTail(s: QuerySample, f: TailFilter): boolean {
  if (f.blockedOnly && !s.blocked) return false;
  const client = f.client.trim();
  if (client && s.client !== client) return false;
  const domain = f.domain.trim().toLowerCase();
  return !domain || s.domain.toLowerCase().includes(domain);
}

/** The newest `capacity` samples; older ones are overwritten, so memory stays fixed under any storm. */
export class SampleRing {
  private readonly slots: (QuerySample | undefined)[];
  private next = 0;
  private count = 0;
  /** Every sample ever pushed (for "N arrived while paused"). */
  total = 0;

  constructor(readonly capacity: number) {
    this.slots = new Array<QuerySample | undefined>(capacity);
  }

  push(samples: readonly QuerySample[]): void {
    for (const s of samples) {
      this.slots[this.next] = s;
      this.next = (this.next + 1) % this.capacity;
      this.count = Math.min(this.capacity, this.count + 1);
      this.total++;
    }
  }

  /** Newest first, those matching the filter. */
  newestFirst(f: TailFilter = NO_TAIL_FILTER): QuerySample[] {
    const out: QuerySample[] = [];
    for (let i = 1; i <= this.count; i++) {
      const s = this.slots[(this.next - i + this.capacity) % this.capacity]!;
      if (matchesTail(s, f)) out.push(s);
    }
    return out;
  }
}

/**
 * Samples received per second over the last `seconds` seconds, counted on arrival (the ring holds
 * half a second of a storm, so it cannot tell a minute's rate). Fixed memory: one slot per second.
 */
export class RateCounter {
  private readonly counts: number[];
  private readonly stamps: number[];

  constructor(readonly seconds = 60) {
    this.counts = new Array<number>(seconds).fill(0);
    this.stamps = new Array<number>(seconds).fill(-1);
  }

  add(n: number, nowMs: number): void {
    const sec = Math.floor(nowMs / 1000);
    const i = sec % this.seconds;
    if (this.stamps[i] !== sec) {
      this.stamps[i] = sec;
      this.counts[i] = 0;
    }
    this.counts[i]! += n;
  }

  /** Oldest first, one point per second, zero for seconds with nothing. */
  series(nowMs: number): { t: number; v: number }[] {
    const end = Math.floor(nowMs / 1000);
    const out: { t: number; v: number }[] = [];
    for (let sec = end - this.seconds + 1; sec <= end; sec++) {
      const i = ((sec % this.seconds) + this.seconds) % this.seconds;
      out.push({ t: sec * 1000, v: this.stamps[i] === sec ? this.counts[i]! : 0 });
    }
    return out;
  }
}

/** The same filter over history: the event explorer's URL query (query samples of this server, every severity). */
export function historyQuery(serverId: string, f: TailFilter): string {
  const words: string[] = [];
  const client = f.client.trim();
  const domain = f.domain.trim();
  if (client) words.push(`client:${client}`);
  if (domain) words.push(`domain:*${domain}*`);
  // The stored flag, not the word: every sample's data holds the key "blocked", and a domain or a broadcast may say it.
  if (f.blockedOnly) words.push('blocked:yes');
  return eventViewQuery({
    filters: { ...DEFAULT_FILTERS, servers: [serverId], severities: [], types: ['query_update'], search: words.join(' ') },
  });
}
