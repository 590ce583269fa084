/**
 * When the next connection attempt happens, and what the user sees meanwhile: `reconnecting`
 * (or `offline`, or `replaced`) with the attempt number and the next try time. All waits go
 * through the one ReconnectPolicy, so user requests and OS resume stay inside the fail2ban budget.
 */
import type { ServerState } from '../../../shared/domain/serverState';
import type { Clock, Logger, TimerHandle } from '../platform';
import { jitter, ReconnectPolicy, type FailureKind } from './backoff';
import type { StatusTracker } from './StatusTracker';
import type { SessionTuning } from './tuning';

export class RetryScheduler {
  readonly policy: ReconnectPolicy;
  private timer: TimerHandle | null = null;
  /** Hears every wait chosen (the connection inspector's reconnect list). */
  onScheduled: ((at: number, state: ServerState, cause: string, delayMs: number, attempt: number) => void) | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly tuning: SessionTuning,
    private readonly tracker: StatusTracker,
    /** Drops the current attempt's sockets and polls before a wait begins. */
    private readonly teardown: () => void,
    private readonly attempt: () => void,
    private readonly log?: Logger,
  ) {
    this.policy = new ReconnectPolicy({ ...tuning.backoff, random: tuning.random });
  }

  afterFailure(kind: FailureKind, detail: string, unreachable = false): void {
    this.schedule(this.policy.nextDelay(kind, this.clock.now()), unreachable ? 'offline' : 'reconnecting', detail);
  }

  /** 1000 "Replaced by new connection": another login took the slot; only slow retries (§6.7). */
  replaced(): void {
    const t = this.tuning;
    const detail = 'Another connection with the same account replaced this one. Use a dedicated monitoring account.';
    this.schedule(jitter(t.replacedRetryMinMs, t.replacedRetryMaxMs, t.random), 'replaced', detail);
  }

  /** Q5: "User disconnected" right after connecting settles within seconds. */
  soon(detail: string): void {
    const t = this.tuning;
    this.schedule(jitter(t.userDisconnectedRetryMinMs, t.userDisconnectedRetryMaxMs, t.random), 'reconnecting', detail);
  }

  /** User request or OS resume: now, unless the fail2ban budget is spent (then at the earliest safe time). */
  now(current: ServerState): void {
    this.policy.reset();
    const wait = this.policy.budgetWait(this.clock.now());
    if (wait === 0) return this.attempt();
    const detail = `waiting ${Math.ceil(wait / 1000)} s: too many failed requests recently (fail2ban would ban this client)`;
    this.schedule(wait, current === 'replaced' ? 'reconnecting' : current, detail);
  }

  schedule(delayMs: number, state: ServerState, detail: string): void {
    this.teardown();
    this.cancel();
    const now = this.clock.now();
    const nextAt = new Date(now + delayMs).toISOString();
    this.tracker.setState(state, { detail, reconnect: { attempt: this.policy.attempts, nextAt }, at: now, cause: detail });
    // One line per wait: an operator reading the log sees the monitor is still trying, and why.
    this.log?.info(`retrying in ${Math.ceil(delayMs / 1000)} s`, { state, attempt: this.policy.attempts, detail });
    this.onScheduled?.(now, state, detail, delayMs, this.policy.attempts);
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.attempt();
    }, delayMs);
  }

  cancel(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
