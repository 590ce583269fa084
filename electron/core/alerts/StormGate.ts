/**
 * Fleet-wide notification budget: at most `maxPerMinute` notifications in any sliding minute.
 * What does not fit is held and delivered as one "N more alerts" summary when the budget frees
 * up, so one root cause (a site outage, a threat storm) is a handful of pop-ups, not hundreds
 * (uptime-kuma#4779). Held alerts are still recorded and shown in the UI; only the pop-up is folded.
 */
import type { Alert } from '../../../shared/domain/alert';
import { severityRank, type Severity } from '../../../shared/domain/fleetEvent';
import { MINUTE } from '../../../shared/domain/ids';
import type { Clock, TimerHandle } from '../platform';
import { RULE } from './alertRules';

const SUMMARY_TITLES = 5;

export class StormGate {
  private delivered: number[] = [];
  private held: Alert[] = [];
  private flushTimer: TimerHandle | null = null;
  private summaries = 0;

  constructor(
    private readonly clock: Clock,
    private readonly maxPerMinute: number,
    private readonly deliver: (alert: Alert) => void,
  ) {}

  offer(alert: Alert): void {
    const now = this.clock.now();
    this.delivered = this.delivered.filter((t) => now - t < MINUTE);
    if (this.held.length === 0 && this.delivered.length < this.maxPerMinute) {
      this.send(alert, now);
      return;
    }
    this.held.push(alert);
    this.scheduleFlush(now);
  }

  dispose(): void {
    if (this.flushTimer !== null) this.clock.clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.held = [];
  }

  private scheduleFlush(now: number): void {
    if (this.flushTimer !== null) return;
    const oldest = this.delivered[0] ?? now;
    this.flushTimer = this.clock.setTimeout(() => this.flush(), Math.max(0, oldest + MINUTE - now));
  }

  private flush(): void {
    this.flushTimer = null;
    const held = this.held;
    this.held = [];
    const now = this.clock.now();
    this.delivered = this.delivered.filter((t) => now - t < MINUTE);
    if (held.length === 0) return;
    const only = held[0];
    this.send(held.length === 1 && only ? only : this.summarize(held, now), now);
  }

  private send(alert: Alert, now: number): void {
    this.delivered.push(now);
    this.deliver(alert);
  }

  /** A notification-only alert (never stored): the UI's alert list already has every one of them. */
  private summarize(held: Alert[], now: number): Alert {
    const worst = held.reduce<Severity>((w, a) => (severityRank(a.severity) > severityRank(w) ? a.severity : w), 'info');
    const servers = new Set(held.map((a) => a.serverId));
    const titles = held.slice(0, SUMMARY_TITLES).map((a) => a.title);
    const more = held.length > SUMMARY_TITLES ? ` and ${held.length - SUMMARY_TITLES} more` : '';
    const at = new Date(now).toISOString();
    return {
      id: `storm-${now}-${++this.summaries}`,
      serverId: servers.size === 1 ? (held[0]?.serverId ?? 'fleet') : 'fleet',
      key: 'storm',
      rule: RULE.storm,
      severity: worst,
      title: `${held.length} more alerts`,
      detail: `${titles.join('; ')}${more}. Open the alert list for all of them.`,
      status: 'active',
      raisedAt: at,
      lastSeenAt: at,
      resolvedAt: null,
      ack: null,
      snoozedUntil: null,
      eventId: null,
      count: held.length,
    };
  }
}
