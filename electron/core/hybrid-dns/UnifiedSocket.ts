/**
 * The unified stack (§2.2, §4.1, §6.2): `/api/unified/ws`.
 * - After `connection_established`, subscribe to the valid names only (one bad name rejects all).
 * - Answer every server `ping` with a `pong` carrying its connection_id, or be dropped after ~3 min.
 * - Re-send `subscribe_events` every 30–60 min: subscriptions expire silently (Q21).
 * - Never send `get_subscription_info` (poisons the queue, Q7) or `health_check` (always fails, Q8).
 */
import { MINUTE } from '../../../shared/domain/ids';
import type { Clock, TimerHandle } from '../platform';
import { UNIFIED_ADMIN_SUBSCRIPTIONS, UNIFIED_SUBSCRIBABLE, UNIFIED_SUBSCRIPTIONS } from './wire/eventTypes';
import { UnifiedPingSchema, UnifiedWelcomeSchema, type Envelope } from './wire/frames';
import { WireSocket, type WireSocketOptions } from './WireSocket';

export interface UnifiedSocketOptions extends Omit<WireSocketOptions, 'path'> {
  clock: Clock;
  /** Re-subscribe period bounds; a jittered value in [min, max] is used each time. */
  resubscribeMinMs?: number;
  resubscribeMaxMs?: number;
  random?: () => number;
}

export class UnifiedSocket extends WireSocket {
  private welcomed = false;
  private isAdmin = false;
  private resubscribeTimer: TimerHandle | null = null;
  pongsSent = 0;
  subscribesSent = 0;

  constructor(private readonly uopts: UnifiedSocketOptions) {
    super({ ...uopts, path: '/api/unified/ws' });
    this.onDidClose(() => this.stopResubscribe());
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
    return true;
  }

  subscriptionList(): string[] {
    const list: string[] = [...UNIFIED_SUBSCRIPTIONS, ...(this.isAdmin ? UNIFIED_ADMIN_SUBSCRIPTIONS : [])];
    return list.filter((t) => UNIFIED_SUBSCRIBABLE.has(t));
  }

  override dispose(): void {
    this.stopResubscribe();
    super.dispose();
  }

  private subscribe(): void {
    this.send({ type: 'subscribe_events', data: { event_types: this.subscriptionList() } });
    this.subscribesSent++;
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
