/**
 * The periodic REST poll of a live session (config.pollSeconds, §6.6 limits). A poll is skipped
 * while the fail2ban budget is spent; a 401 hands over to the session's re-authentication.
 */
import type { RestClient } from '../hybrid-dns/RestClient';
import type { Clock, TimerHandle } from '../platform';
import type { ReconnectPolicy } from './backoff';
import type { Poller } from './Poller';

export interface PollLoopHooks {
  rest(): RestClient | null;
  token(): string | null;
  /** Whether the attempt that started this loop is still the current one. */
  current(): boolean;
  succeeded(at: number): void;
  unauthorized(rest: RestClient): Promise<void>;
}

export class PollLoop {
  private timer: TimerHandle | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly poller: Poller,
    private readonly policy: ReconnectPolicy,
  ) {}

  start(everyMs: number, hooks: PollLoopHooks): void {
    this.stop();
    this.timer = this.clock.setInterval(() => void this.tick(hooks), everyMs);
  }

  stop(): void {
    if (this.timer !== null) this.clock.clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(hooks: PollLoopHooks): Promise<void> {
    const now = this.clock.now();
    this.policy.checkUptime(now);
    const rest = hooks.rest();
    const token = hooks.token();
    if (!rest || !token || !this.policy.canRisk(now)) return;
    const r = await this.poller.poll(rest, token);
    if (!hooks.current()) return;
    if (r.kind === 'ok' && r.failures === 0) hooks.succeeded(this.clock.now());
    if (r.kind === 'unauthorized') await hooks.unauthorized(rest);
  }
}
