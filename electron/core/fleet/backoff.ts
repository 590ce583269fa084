/**
 * The one reconnect policy (house rule 8; §6.6). Exponential backoff with full jitter, capped at
 * 5 min. A failure that fail2ban counts (HTTP 429/500/502/503, a refused handshake) waits at
 * least 15 s, and such failures are budgeted: never more than 20 in any 5 minutes per server,
 * because the 21st bans this client for 30 min. The attempt counter resets only after the
 * connection stayed healthy for a minimum uptime, so a flapping link keeps backing off.
 */
import { MINUTE, SECOND } from '../../../shared/domain/ids';

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  banFloorMs: number;
  minHealthyUptimeMs: number;
  /** fail2ban hybrid-dns-api: 20 failures / 5 min -> ban. We stay below `budget`. */
  budget: number;
  budgetWindowMs: number;
  random: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  baseMs: 2 * SECOND,
  capMs: 5 * MINUTE,
  banFloorMs: 15 * SECOND,
  minHealthyUptimeMs: 2 * MINUTE,
  budget: 18,
  budgetWindowMs: 5 * MINUTE,
  random: Math.random,
};

export type FailureKind = 'ban-counted' | 'network' | 'protocol';

export class ReconnectPolicy {
  private attempt = 0;
  private readonly banFailures: number[] = [];
  private healthySince: number | null = null;

  constructor(private readonly opts: BackoffOptions = DEFAULT_BACKOFF) {}

  get attempts(): number {
    return this.attempt;
  }

  /** Record one request answered 429/5xx or a refused handshake (also from REST polls). */
  recordBanCounted(now: number): void {
    this.banFailures.push(now);
    this.prune(now);
  }

  /** The budget this policy keeps to and the window it counts in. */
  get budget(): { budget: number; windowMs: number } {
    return { budget: this.opts.budget, windowMs: this.opts.budgetWindowMs };
  }

  banFailuresInWindow(now: number): number {
    this.prune(now);
    return this.banFailures.length;
  }

  /** True while another ban-counted failure would still stay within the budget. */
  canRisk(now: number): boolean {
    return this.banFailuresInWindow(now) < this.opts.budget;
  }

  /** Delay before the next attempt after a failure of this kind; increments the attempt. */
  nextDelay(kind: FailureKind, now: number): number {
    this.healthySince = null;
    const ceiling = Math.min(this.opts.capMs, this.opts.baseMs * 2 ** Math.min(this.attempt, 20));
    this.attempt++;
    const floor = kind === 'ban-counted' ? this.opts.banFloorMs : Math.min(SECOND, ceiling);
    let delay = floor + this.opts.random() * Math.max(0, Math.max(ceiling, floor) - floor);
    delay = Math.min(Math.max(delay, floor), Math.max(this.opts.capMs, floor));
    return Math.max(delay, this.budgetWait(now));
  }

  /** How long until the budget allows one more risky attempt (0 when it does now). */
  budgetWait(now: number): number {
    this.prune(now);
    if (this.banFailures.length < this.opts.budget) return 0;
    const oldest = this.banFailures[this.banFailures.length - this.opts.budget]!;
    return oldest + this.opts.budgetWindowMs - now + 1;
  }

  markHealthy(now: number): void {
    this.healthySince ??= now;
  }

  /** Called on each healthy tick: resets the backoff once the link proved itself. */
  checkUptime(now: number): void {
    if (this.healthySince !== null && now - this.healthySince >= this.opts.minHealthyUptimeMs) this.attempt = 0;
  }

  markUnhealthy(): void {
    this.healthySince = null;
  }

  /** User request or OS resume: start over (the fail2ban budget still applies). */
  reset(): void {
    this.attempt = 0;
    this.healthySince = null;
  }

  private prune(now: number): void {
    while (this.banFailures.length > 0 && now - this.banFailures[0]! >= this.opts.budgetWindowMs) this.banFailures.shift();
  }
}

/** Uniform jitter in [lo, hi]. */
export const jitter = (lo: number, hi: number, random: () => number = Math.random): number => lo + random() * (hi - lo);
