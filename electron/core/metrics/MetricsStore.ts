/**
 * Per-server metric series for the charts (cpu, memory, disk, bindRunning, qps, query counters,
 * forwarder counts). Bounded: one ring buffer per (server, metric). Reads downsample to at most
 * `maxPoints` by averaging equal-count buckets, keeping each bucket's last timestamp.
 */
import type { MetricName, MetricPoint } from '../../../shared/domain/metrics';
import { Emitter, type Event } from '../util/Emitter';
import { RingBuffer } from './RingBuffer';

export interface MetricAppend {
  serverId: string;
  name: MetricName;
  point: MetricPoint;
}

export interface MetricsStoreOptions {
  /** Points kept per series (default 7200: two hours at the 1 s minimum spacing). */
  capacity?: number;
  /** Points closer than this replace the previous one (default 1000 ms). */
  minSpacingMs?: number;
}

export class MetricsStore {
  private readonly series = new Map<string, Map<MetricName, RingBuffer>>();
  private readonly appended = new Emitter<MetricAppend>();
  readonly onDidAppend: Event<MetricAppend> = this.appended.event;
  private readonly capacity: number;
  private readonly minSpacingMs: number;

  constructor(opts: MetricsStoreOptions = {}) {
    this.capacity = opts.capacity ?? 7200;
    this.minSpacingMs = opts.minSpacingMs ?? 1000;
  }

  append(serverId: string, name: MetricName, t: number, v: number): void {
    if (!Number.isFinite(t) || !Number.isFinite(v)) return;
    let perServer = this.series.get(serverId);
    if (!perServer) this.series.set(serverId, (perServer = new Map()));
    let ring = perServer.get(name);
    if (!ring) perServer.set(name, (ring = new RingBuffer(this.capacity, this.minSpacingMs)));
    // Only a new slot is announced; in-place updates within the spacing would flood listeners.
    if (ring.push(t, v) && this.appended.size > 0) this.appended.fire({ serverId, name, point: { t, v } });
  }

  get(serverId: string, names: readonly MetricName[], sinceMs = 0, maxPoints = 600): { name: MetricName; points: MetricPoint[] }[] {
    return names.map((name) => {
      const ring = this.series.get(serverId)?.get(name);
      return { name, points: ring ? downsample(ring, sinceMs, Math.max(1, maxPoints)) : [] };
    });
  }

  /** The newest point of one series (the fleet strip sums these), without copying the series. */
  latest(serverId: string, name: MetricName): MetricPoint | undefined {
    const ring = this.series.get(serverId)?.get(name);
    return ring && ring.size > 0 ? { t: ring.timeAt(ring.size - 1), v: ring.valueAt(ring.size - 1) } : undefined;
  }

  removeServer(serverId: string): void {
    this.series.delete(serverId);
  }

  dispose(): void {
    this.appended.dispose();
    this.series.clear();
  }
}

function downsample(ring: RingBuffer, sinceMs: number, maxPoints: number): MetricPoint[] {
  const first = ring.firstAtOrAfter(sinceMs);
  const n = ring.size - first;
  const out: MetricPoint[] = [];
  if (n <= 0) return out;
  const per = Math.ceil(n / maxPoints);
  for (let b = first; b < ring.size; b += per) {
    const end = Math.min(ring.size, b + per);
    let sum = 0;
    for (let i = b; i < end; i++) sum += ring.valueAt(i);
    out.push({ t: ring.timeAt(end - 1), v: sum / (end - b) });
  }
  return out;
}
