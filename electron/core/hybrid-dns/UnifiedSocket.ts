/**
 * The unified stack (§2.2, §4.1, §6.2): `/api/unified/ws`.
 * - After `connection_established`, subscribe to the valid names only (one bad name rejects all).
 * - Answer every server `ping` with a `pong` carrying its connection_id, or be dropped after ~3 min.
 * - Re-send `subscribe_events` every 30–60 min: subscriptions expire silently (Q21).
 * - Never send `get_subscription_info` (poisons the queue, Q7) or `health_check` (always fails, Q8).
 * - Q7: server pings are written directly, everything else through one outbound queue that can die
 *   silently. Pings alone therefore prove nothing: after a quiet spell, probe the queue with
 *   `get_connection_status` and report a stall when no queued frame answers in time.
 */
import { MINUTE } from '../../../shared/domain/ids';
import type { Clock, TimerHandle } from '../platform';
import { Emitter } from '../util/Emitter';
import { UNIFIED_ADMIN_SUBSCRIPTIONS, UNIFIED_SUBSCRIBABLE, UNIFIED_SUBSCRIPTIONS } from './wire/eventTypes';
import { UnifiedPingSchema, UnifiedWelcomeSchema, type Envelope } from './wire/frames';
import { WireSocket, type WireSocketOptions } from './WireSocket';

export interface UnifiedSocketOptions extends Omit<WireSocketOptions, 'path'> {
  clock: Clock;
  /** Re-subscribe period bounds; a jittered value in [min, max] is used each time. */
  resubscribeMinMs?: number;
  resubscribeMaxMs?: number;
  random?: () => number;
  /** Q7 queue probe (see the header); 0 disables. */
  queueProbeMs?: number;
  queueProbeTimeoutMs?: number;
}

export class UnifiedSocket extends WireSocket {
  private welcomed = false;
  private isAdmin = false;
  private resubscribeTimer: TimerHandle | null = null;
  pongsSent = 0;
  subscribesSent = 0;
  lastSubscribeAt: number | null = null;
  probesSent = 0;
  private lastQueuedAt = 0;
  private probeSentAt: number | null = null;
  private probeTimer: TimerHandle | null = null;
  private readonly stallE = new Emitter<number>();
  /** The outbound queue looks dead: only direct-write frames for this many ms (Q7). */
  readonly onDidStall = this.stallE.event;

  constructor(private readonly uopts: UnifiedSocketOptions) {
    super({ ...uopts, path: '/api/unified/ws' });
    this.onDidClose(() => {
      this.stopResubscribe();
      this.stopProbe();
    });
  }

  /** Every received frame: `direct` for server pings (written around the queue), else `queued`. */
  sawFrame(kind: 'direct' | 'queued'): void {
    if (kind === 'queued') this.lastQueuedAt = this.uopts.clock.now();
  }

  get established(): boolean {
    return this.welcomed;
  }

  /** Returns true when the frame was the welcome (connection_established). */
  handleControl(env: Envelope): boolean {
    if (env.type === 'ping') {
      const ping = UnifiedPingSchema.safeParse(env);
      // A ping without an id still gets a pong: an empty one counts for the server (§4.1).
      this.send({ type: 'pong', data: ping.success ? { connection_id: ping.data.data.connection_id } : {} });
      this.pongsSent++;
      return false;
    }
    if (env.type !== 'connection_established') return false;
    const welcome = UnifiedWelcomeSchema.safeParse(env);
    this.isAdmin = welcome.success && welcome.data.data.is_admin;
    this.welcomed = true;
    this.subscribe();
    this.lastQueuedAt = this.uopts.clock.now();
    this.scheduleProbe(this.uopts.queueProbeMs ?? 0);
    return true;
  }

  subscriptionList(): string[] {
    const list: string[] = [...UNIFIED_SUBSCRIPTIONS, ...(this.isAdmin ? UNIFIED_ADMIN_SUBSCRIPTIONS : [])];
    return list.filter((t) => UNIFIED_SUBSCRIBABLE.has(t));
  }

  /** A forced re-subscription (the inspector's "Re-subscribe now"): false before the welcome. */
  resubscribe(): boolean {
    if (!this.welcomed) return false;
    this.subscribe();
    return true;
  }

  override dispose(): void {
    this.stopResubscribe();
    this.stopProbe();
    this.stallE.dispose();
    super.dispose();
  }

  private scheduleProbe(delayMs: number): void {
    this.stopProbe();
    if (!(this.uopts.queueProbeMs && this.uopts.queueProbeMs > 0)) return;
    this.probeTimer = this.uopts.clock.setTimeout(() => this.probeTick(), Math.max(delayMs, 1));
  }

  private probeTick(): void {
    this.probeTimer = null;
    const now = this.uopts.clock.now();
    const probeMs = this.uopts.queueProbeMs ?? 0;
    if (this.probeSentAt !== null) {
      if (this.lastQueuedAt < this.probeSentAt) return this.stallE.fire(now - this.lastQueuedAt);
      this.probeSentAt = null;
    }
    const quiet = now - this.lastQueuedAt;
    if (quiet < probeMs) return this.scheduleProbe(probeMs - quiet);
    this.send({ type: 'get_connection_status', data: {} });
    this.probesSent++;
    this.probeSentAt = now;
    this.scheduleProbe(this.uopts.queueProbeTimeoutMs ?? 10_000);
  }

  private stopProbe(): void {
    if (this.probeTimer !== null) this.uopts.clock.clearTimeout(this.probeTimer);
    this.probeTimer = null;
  }

  private subscribe(): void {
    this.send({ type: 'subscribe_events', data: { event_types: this.subscriptionList() } });
    this.subscribesSent++;
    this.lastSubscribeAt = this.uopts.clock.now();
    this.stopResubscribe();
    const min = this.uopts.resubscribeMinMs ?? 30 * MINUTE;
    const max = this.uopts.resubscribeMaxMs ?? 60 * MINUTE;
    const delay = min + (this.uopts.random ?? Math.random)() * (max - min);
    this.resubscribeTimer = this.uopts.clock.setTimeout(() => this.subscribe(), delay);
  }

  private stopResubscribe(): void {
    if (this.resubscribeTimer !== null) this.uopts.clock.clearTimeout(this.resubscribeTimer);
    this.resubscribeTimer = null;
  }
}
