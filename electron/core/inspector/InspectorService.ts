/**
 * Who is looking at which server's inspector. Nothing is computed for nobody: a page (or the CLI)
 * holds a lease per server, renewed while it looks (inspector:watch again with its id) and ended
 * by inspector:unwatch or by expiry, so a closed window cannot keep the work going. While at
 * least one lease exists each watched server's snapshot is pushed when it changed, at most once a
 * second (plus one a second for a rejected frame, which must not wait out the throttle), and the
 * frames recorded since the last tick to servers whose Frames view is open; the raw tail of a
 * server records (and holds memory) only while some lease asks for frames.
 */
import { randomUUID } from 'node:crypto';
import type { InspectorSnapshot, TailFrame } from '../../../shared/domain/inspector';
import type { Clock, Logger, TimerHandle } from '../platform';
import type { FrameTail } from './FrameTail';

export interface InspectorSource {
  inspect(serverId: string): InspectorSnapshot | null;
  /** A number that moves whenever the server's inspector recorded something. */
  version(serverId: string): number | null;
  /** A number that moves when something must show at once (a rejected frame), even inside the throttle's second. */
  urgent?(serverId: string): number | null;
  tail(serverId: string): FrameTail | null;
  serverIds(): string[];
}

export interface InspectorPushes {
  snapshot(snapshot: InspectorSnapshot): void;
  frames(serverId: string, frames: TailFrame[]): void;
}

interface Lease {
  serverId: string;
  frames: boolean;
  expiresAt: number;
}

export const LEASE_MS = 30_000;
/**
 * Pushes per server are at least this far apart, except one a second for an urgent change (a
 * rejected frame): the issue asks for both "at most once a second" and "a rejected frame within 1 s",
 * and a throttle alone made a rejection that came just after a routine push wait up to a second.
 */
export const PUSH_EVERY_MS = 1_000;
/** A change after a quiet second goes out within one tick (a rejected frame shows at once); a tick costs a version compare per watched server. */
const TICK_MS = 50;
/** Without new records a snapshot still changes (rates age, the budget window moves): look again this often. */
const RECHECK_MS = 5_000;
/** A hostile or leaking page cannot grow the lease table without bound. */
const MAX_LEASES = 64;

export interface WatchResult {
  leaseId: string;
  leaseMs: number;
  snapshot: InspectorSnapshot;
  frames: TailFrame[] | null;
}

interface LastPush {
  key: string;
  at: number;
  version: number | null;
  framesAt: number;
  /** The urgent number the last push carried, and when the last push made for it went out. */
  urgent: number | null;
  urgentAt: number;
}

export class InspectorService {
  private readonly leases = new Map<string, Lease>();
  private readonly lastPushed = new Map<string, LastPush>();
  private tailsOn = new Set<string>();
  private timer: TimerHandle | null = null;

  constructor(
    private readonly source: InspectorSource,
    private readonly clock: Clock,
    private readonly pushes: InspectorPushes,
    private readonly logger: Logger,
  ) {}

  /**
   * Starts a lease (the snapshot and, when asked for, the frames held come back at once) or renews
   * one (only the snapshot: the page already has the frames, the pushes bring the rest).
   */
  watch(serverId: string, frames: boolean, leaseId?: string): WatchResult | null {
    const snapshot = this.source.inspect(serverId);
    if (!snapshot) return null;
    const renewing = leaseId !== undefined && this.leases.get(leaseId)?.serverId === serverId;
    const id = renewing ? leaseId : randomUUID();
    this.leases.delete(id);
    this.leases.set(id, { serverId, frames, expiresAt: this.clock.now() + LEASE_MS });
    while (this.leases.size > MAX_LEASES) this.leases.delete(this.leases.keys().next().value!);
    this.applyTails();
    this.ensureTimer();
    if (renewing) return { leaseId: id, leaseMs: LEASE_MS, snapshot, frames: null };
    const tail = frames ? this.source.tail(serverId) : null;
    // Frames held now travel in this reply, not in the next push; so does this snapshot. A reply is
    // not a push: the first change after it goes out at once.
    tail?.takeFresh();
    const fresh = this.source.inspect(serverId) ?? snapshot;
    if (!this.lastPushed.has(serverId))
      this.lastPushed.set(serverId, { key: pushKey(fresh), at: -Infinity, version: this.source.version(serverId), framesAt: -Infinity, urgent: this.urgent(serverId), urgentAt: -Infinity });
    return { leaseId: id, leaseMs: LEASE_MS, snapshot: fresh, frames: tail ? tail.frames() : null };
  }

  unwatch(leaseId: string): void {
    if (!this.leases.delete(leaseId)) return;
    this.applyTails();
    if (this.leases.size === 0) this.stopTimer();
  }

  /** One server's snapshot, computed now (CLI, diagnostics). */
  snapshot(serverId: string): InspectorSnapshot | null {
    return this.source.inspect(serverId);
  }

  /** Every server's snapshot (the diagnostics bundle). */
  snapshots(): InspectorSnapshot[] {
    return this.source.serverIds().flatMap((id) => this.source.inspect(id) ?? []);
  }

  leaseIds(): string[] {
    return [...this.leases.keys()];
  }

  /** Servers someone is watching now (tests, diagnostics). */
  watched(): string[] {
    return [...new Set([...this.leases.values()].map((l) => l.serverId))];
  }

  dispose(): void {
    this.stopTimer();
    this.leases.clear();
    this.applyTails();
  }

  private tick(): void {
    const now = this.clock.now();
    for (const [id, lease] of this.leases) if (lease.expiresAt <= now) this.leases.delete(id);
    this.applyTails();
    if (this.leases.size === 0) return this.stopTimer();
    for (const serverId of this.watched()) {
      try {
        this.pushServer(serverId, now);
      } catch (err) {
        this.logger.error('inspector push failed', { serverId, error: String(err) });
      }
    }
  }

  private pushServer(serverId: string, now: number): void {
    const last = this.lastPushed.get(serverId) ?? { key: '', at: -Infinity, version: null, framesAt: -Infinity, urgent: null, urgentAt: -Infinity };
    this.lastPushed.set(serverId, last);
    if (this.tailsOn.has(serverId) && now - last.framesAt >= PUSH_EVERY_MS) {
      const fresh = this.source.tail(serverId)?.takeFresh() ?? [];
      if (fresh.length > 0) {
        last.framesAt = now;
        this.pushes.frames(serverId, fresh);
      }
    }
    const urgent = this.urgent(serverId);
    const urgentNow = urgent !== last.urgent && now - last.urgentAt >= PUSH_EVERY_MS;
    if (now - last.at < PUSH_EVERY_MS && !urgentNow) return;
    const version = this.source.version(serverId);
    if (version === last.version && now - last.at < RECHECK_MS) return;
    const snap = this.source.inspect(serverId);
    if (!snap) return;
    const key = pushKey(snap);
    last.version = version;
    if (key === last.key) {
      last.urgent = urgent;
      last.at = now - PUSH_EVERY_MS; // nothing new: look again on the next change, not a second later
      return;
    }
    last.key = key;
    last.at = now;
    if (urgentNow) last.urgentAt = now;
    last.urgent = urgent;
    this.pushes.snapshot(snap);
  }

  private urgent(serverId: string): number | null {
    return this.source.urgent?.(serverId) ?? null;
  }

  /** The tail records for exactly the servers some lease wants frames of (a new session's tail too). */
  private applyTails(): void {
    const want = new Set([...this.leases.values()].filter((l) => l.frames).map((l) => l.serverId));
    for (const id of want) this.source.tail(id)?.enable();
    for (const id of this.tailsOn) if (!want.has(id)) this.source.tail(id)?.disable();
    this.tailsOn = want;
    const watched = new Set(this.watched());
    for (const id of this.lastPushed.keys()) if (!watched.has(id)) this.lastPushed.delete(id);
  }

  private ensureTimer(): void {
    // One timer for every watched server; it stops with the last lease.
    if (this.timer === null) this.timer = this.clock.setInterval(() => this.tick(), TICK_MS);
  }

  private stopTimer(): void {
    if (this.timer !== null) this.clock.clearInterval(this.timer);
    this.timer = null;
  }
}

/** A snapshot's content apart from when it was taken. */
const pushKey = (snap: InspectorSnapshot): string => JSON.stringify({ ...snap, takenAt: '' });
