/**
 * Applies the alerting policy to what the alert engine raises, the same in every host: the host's
 * Notifier (native pop-up, CLI line) and the page (browser notification) receive only what the
 * policy lets through, with how to give it. Escalation: an unacknowledged critical alert is given
 * again every `escalateEveryMinutes`, louder, until someone acknowledges or snoozes it or it resolves.
 */
import type { Alert } from '../../../shared/domain/alert';
import { MINUTE } from '../../../shared/domain/ids';
import type { NotificationDelivery, NotificationPolicy } from '../../../shared/domain/notificationPolicy';
import type { Clock } from '../platform';
import { RULE } from './alertRules';
import { deliveryOf, notificationDecision } from './notificationPolicy';
import { TimerMap } from './TimerMap';

export interface AlertNotificationsDeps {
  clock: Clock;
  policy: () => NotificationPolicy;
  deliver: (alert: Alert, how: NotificationDelivery) => void;
  /** Local wall-clock time for quiet hours (tests pin it). */
  localTime?: () => Date;
}

const needsEscalation = (a: Alert): boolean => a.severity === 'critical' && a.status === 'active' && a.rule !== RULE.storm;

export class AlertNotifications {
  private readonly timers: TimerMap;
  private readonly latest = new Map<string, Alert>();
  private readonly repeats = new Map<string, number>();

  constructor(private readonly deps: AlertNotificationsDeps) {
    this.timers = new TimerMap(deps.clock);
  }

  /** The engine raised (or re-raised) an alert. */
  onRaise(alert: Alert): void {
    this.give(alert, 0);
    if (!needsEscalation(alert)) return this.forget(alert.id);
    this.latest.set(alert.id, alert);
    this.repeats.set(alert.id, 0);
    this.schedule(alert);
  }

  /** After a restart: open unacknowledged criticals keep escalating (not notified again now). */
  resume(open: readonly Alert[]): void {
    for (const alert of open) {
      if (!needsEscalation(alert) || this.latest.has(alert.id)) continue;
      this.latest.set(alert.id, alert);
      this.repeats.set(alert.id, 0);
      this.schedule(alert);
    }
  }

  /** Any change of an alert: acknowledged, snoozed or resolved ones stop escalating. */
  onChange(alert: Alert): void {
    if (!this.latest.has(alert.id)) return;
    if (needsEscalation(alert)) {
      this.latest.set(alert.id, alert);
      return;
    }
    this.forget(alert.id);
  }

  /** The policy changed: running escalations follow the new interval. */
  onPolicyChange(): void {
    for (const alert of this.latest.values()) this.schedule(alert);
  }

  dispose(): void {
    this.timers.dispose();
    this.latest.clear();
    this.repeats.clear();
  }

  private give(alert: Alert, repeat: number): void {
    const decision = notificationDecision(alert, this.deps.policy(), this.deps.localTime?.() ?? new Date(this.deps.clock.now()), repeat);
    if (decision.show) this.deps.deliver(alert, deliveryOf(decision));
  }

  private schedule(alert: Alert): void {
    const every = this.deps.policy().escalateEveryMinutes;
    if (!needsEscalation(alert) || every <= 0) return this.timers.clear(alert.id);
    this.timers.set(alert.id, every * MINUTE, () => this.escalate(alert.id));
  }

  private escalate(id: string): void {
    const alert = this.latest.get(id);
    if (!alert || !needsEscalation(alert)) return this.forget(id);
    const repeat = (this.repeats.get(id) ?? 0) + 1;
    this.repeats.set(id, repeat);
    this.give(alert, repeat);
    this.schedule(alert);
  }

  private forget(id: string): void {
    this.timers.clear(id);
    this.latest.delete(id);
    this.repeats.delete(id);
  }
}
