/**
 * Wire frame -> FleetEvents (§3, §5, §8). One instance per server session: it owns the
 * de-duplication memory for that server, counts what it saw, and never throws. Control frames
 * (ping, pong, welcome, subscription echoes, heartbeat) are handed back for the socket layer;
 * anything unusable is a counted, logged rejection that changes nothing.
 */
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { Logger } from '../platform';
import { dedupHash, HashWindow } from '../util/HashWindow';
import { redactedHead } from '../util/redact';
import { newEventId } from './eventIds';
import { shapeEnvelope } from './shape';
import type { Signal } from './signals';
import { canonicalType } from './wire/eventTypes';
import type { Envelope } from './wire/frames';
import { parseServerTime, toIso } from './wire/time';
import { fnv1a, unwrapFrame } from './wire/unwrap';

export type Stack = 'legacy' | 'unified';

const CONTROL: Record<Stack, ReadonlySet<string>> = {
  unified: new Set([
    'connection_established',
    'ping',
    'pong',
    'heartbeat',
    'subscription_updated',
    'category_subscription_updated',
    'connection_status',
    'connection_test',
    'subscription_info',
    'message_preferences',
    'message_preferences_updated',
  ]),
  legacy: new Set(['connection_established', 'ping', 'pong', 'subscription_updated', 'system_info']),
};

export interface Ingested {
  events: FleetEvent[];
  control: Envelope[];
  signals: Signal[];
  rejected: string | null;
}

export interface NormaliserCounters {
  frames: number;
  events: number;
  control: number;
  duplicates: number;
  rejected: number;
}

/** Who else wants to see each message and rejection (the connection inspector); must not throw. */
export interface NormaliserObserver {
  message(type: string, data: unknown, at: number): void;
  rejected(reason: string, raw: string, at: number): void;
}

export class Normaliser {
  observer: NormaliserObserver | null = null;
  readonly counters: NormaliserCounters = { frames: 0, events: 0, control: 0, duplicates: 0, rejected: 0 };
  /** Hashes of the keys of recent frames (a collision is about 1 in 10^12 per frame). */
  private readonly dedup: HashWindow;

  constructor(
    private readonly serverId: string,
    private readonly logger: Logger,
    dedupCapacity = 4096,
  ) {
    this.dedup = new HashWindow(dedupCapacity);
  }

  ingest(raw: string, stack: Stack, receivedAt: number): Ingested {
    this.counters.frames++;
    const out: Ingested = { events: [], control: [], signals: [], rejected: null };
    const unwrapped = unwrapFrame(raw);
    // Each envelope stands alone: one that is unusable (or throws) is rejected by itself, and the
    // rest of its batch is kept.
    for (let i = 0; i < unwrapped.envelopes.length; i++) {
      const env = unwrapped.envelopes[i]!;
      const source = unwrapped.sources[i]!;
      try {
        this.observer?.message(env.type, env.data, receivedAt);
        const reason = this.take(env, source, stack, receivedAt, out);
        if (reason) this.reject(reason, source, out, receivedAt);
      } catch (err) {
        this.reject(`${String(env.type).slice(0, 100)}: ${(err as Error)?.message ?? 'failed'}`, source, out, receivedAt);
      }
    }
    if (unwrapped.rejected) this.reject(unwrapped.rejected, raw, out, receivedAt);
    return out;
  }

  /** Takes one envelope; returns why it is unusable, or null. */
  private take(env: Envelope, source: string, stack: Stack, receivedAt: number, out: Ingested): string | null {
    const type = canonicalType(env.type);
    if (CONTROL[stack].has(type)) {
      this.counters.control++;
      out.control.push(type === env.type ? env : { ...env, type });
      return null;
    }
    const key = env.id ? `u:${this.serverId}:${env.id}` : `h:${this.serverId}:${type}:${env.timestamp ?? ''}:${fnv1a(source)}`;
    const hash = dedupHash(key);
    if (this.dedup.has(hash)) {
      this.counters.duplicates++;
      return null;
    }
    const parsed = parseServerTime(env.timestamp);
    const occurred = parsed ?? receivedAt;
    const shaped = shapeEnvelope(type, env.data, occurred, env.priority, env.severity);
    if ('rejected' in shaped) return `${type}: ${shaped.rejected}`;
    this.dedup.add(hash);
    this.counters.events++;
    if (shaped.signal) out.signals.push(shaped.signal);
    out.events.push({
      id: newEventId(receivedAt),
      serverId: this.serverId,
      type: shaped.type,
      category: shaped.category,
      severity: shaped.severity,
      occurredAt: toIso(occurred),
      receivedAt: toIso(receivedAt),
      title: shaped.title,
      summary: shaped.summary,
      data: shaped.data,
      derived: false,
      dedupKey: key,
      // A time that is not one (2025-02-30, garbage) is stored at receipt, and what was claimed is kept.
      ...(parsed === null && typeof env.timestamp === 'string' && env.timestamp !== '' ? { claimedAt: redactedHead(env.timestamp, 64) } : {}),
    });
    return null;
  }

  private reject(reason: string, raw: string, out: Ingested, at: number): void {
    this.counters.rejected++;
    out.rejected ??= reason;
    this.observer?.rejected(reason, raw, at);
    // Only the length and a short prefix: a hostile frame must not flood or poison the log.
    // Masked before it is cut: cut first, a JWT's header and payload no longer look like a JWT.
    this.logger.warn('frame rejected', { serverId: this.serverId, reason, length: raw.length, head: redactedHead(raw, 80) });
  }
}
