/**
 * Forwards alert transitions (firing, resolved) to the configured targets through the persistent
 * AlertOutbox: a transition is written to the outbox first, then delivered in order per target; a
 * failed delivery is retried with capped exponential backoff (full jitter), so nothing is lost while
 * an endpoint is down and, since an entry is marked delivered once and never queued twice, nothing is
 * delivered twice after it comes back. A 4xx other than 408/429 means the receiver refuses this body:
 * the entry is marked rejected (visible per alert) rather than blocking the queue forever.
 */
import type { Alert } from '../../../shared/domain/alert';
import { severityRank, type Severity } from '../../../shared/domain/fleetEvent';
import type { Clock, Logger, TimerHandle } from '../platform';
import { Emitter, type Event } from '../util/Emitter';
import type { AlertOutbox, OutboxEntry, Transition } from './AlertOutbox';

export interface ForwardTarget {
  /** Stable name of the target in the outbox (e.g. `alertmanager`). */
  id: string;
  url: string;
  /** A URL that is a secret, read from the keychain at send time (then `url` is only a placeholder). */
  resolveUrl?(): Promise<string>;
  /** The request body for one transition (JSON text). */
  format(alert: Alert, transition: Transition, now: number): string;
  /**
   * Alertmanager forgets a firing alert it has not heard of for its resolve_timeout (5 min by default),
   * so open alerts are re-asserted periodically in one body; targets that count each post leave this out.
   */
  formatOpen?(alerts: readonly Alert[], now: number): string;
  /** Extra headers for one body (a signature), made at send time: a secret is never stored in the outbox. */
  headers?(body: string): Promise<Record<string, string>>;
}

/** Sends one JSON body; resolves with the HTTP status, rejects when the endpoint cannot be reached. */
export type Sender = (url: string, body: string, headers?: Record<string, string>) => Promise<number>;

export interface DeliveryAttempt {
  target: string;
  seq: number;
  alertId: string;
  transition: Transition;
  outcome: 'delivered' | 'failed' | 'rejected';
  error?: string;
}

export interface AlertForwarderDeps {
  clock: Clock;
  logger: Logger;
  outbox: AlertOutbox;
  targets: readonly ForwardTarget[];
  send: Sender;
  minSeverity: Severity;
  random?: () => number;
}

const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 5 * 60_000;
/** Longer than one send may take (httpSender gives up after 10 s). */
const LEASE_MS = 30_000;

export class AlertForwarder {
  private readonly attempts: Emitter<DeliveryAttempt>;
  readonly onDidAttempt: Event<DeliveryAttempt>;
  private readonly busy = new Set<string>();
  private readonly timers = new Map<string, TimerHandle>();
  private disposed = false;

  constructor(private readonly deps: AlertForwarderDeps) {
    this.attempts = new Emitter<DeliveryAttempt>((err) => deps.logger.error('delivery listener failed', { err }));
    this.onDidAttempt = this.attempts.event;
    deps.outbox.prune(deps.clock.now());
    for (const t of deps.targets) this.pump(t);
  }

  /** Feed every alert change (AlertEngine.onDidChange): new ones fire, resolved ones resolve. */
  observe(alert: Alert): void {
    if (this.disposed || severityRank(alert.severity) < severityRank(this.deps.minSeverity)) return;
    const now = this.deps.clock.now();
    const transitions: Transition[] = alert.status === 'resolved' ? ['firing', 'resolved'] : ['firing'];
    for (const target of this.deps.targets) {
      let queued = false;
      // A firing never delivered before the resolve still goes first: the receiver sees start and end.
      for (const tr of transitions) queued = this.deps.outbox.enqueue(target.id, alert.id, tr, target.format(alert, tr, now), now) || queued;
      if (queued) this.pump(target);
    }
  }

  /**
   * Re-asserts the open alerts to the targets that want it (see formatOpen). Only when a target's queue
   * is empty and idle: every firing it holds was delivered and no resolve is on its way, so a refresh can
   * never overtake a resolve and re-open an alert that is over.
   */
  async refresh(open: readonly Alert[]): Promise<void> {
    const alerts = open.filter((a) => a.status !== 'resolved' && severityRank(a.severity) >= severityRank(this.deps.minSeverity));
    for (const target of this.deps.targets) {
      if (!target.formatOpen || alerts.length === 0 || this.disposed || this.busy.has(target.id) || this.deps.outbox.head(target.id)) continue;
      this.busy.add(target.id);
      try {
        const body = target.formatOpen(alerts, this.deps.clock.now());
        const status = await this.deps.send(await urlOf(target), body, await target.headers?.(body));
        if (status < 200 || status >= 300) this.deps.logger.info('alert refresh not taken', { target: target.id, status });
      } catch (err) {
        this.deps.logger.info('alert refresh failed', { target: target.id, err });
      } finally {
        this.busy.delete(target.id);
        this.pump(target);
      }
    }
  }

  deliveries(alertId: string): OutboxEntry[] {
    return this.deps.outbox.forAlert(alertId);
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers.values()) this.deps.clock.clearTimeout(t);
    this.timers.clear();
    this.attempts.dispose();
  }

  /** Delivers the target's due entries in order until one fails or none is due. */
  private pump(target: ForwardTarget): void {
    if (this.disposed || this.busy.has(target.id)) return;
    const head = this.deps.outbox.head(target.id);
    if (!head) return;
    const wait = head.nextAt - this.deps.clock.now();
    if (wait > 0) return this.schedule(target, wait);
    // Held by another process sharing this data dir: look again when its lease runs out.
    if (!this.deps.outbox.lease(head.seq, this.deps.clock.now(), LEASE_MS)) return this.schedule(target, LEASE_MS);
    this.busy.add(target.id);
    void this.deliver(target, head).then((outcome) => {
      this.busy.delete(target.id);
      this.pump(target);
      // Told after the next step is scheduled, so a listener sees the outbox as it will stay.
      if (outcome && !this.disposed) this.attempts.fire(outcome);
    });
  }

  private async deliver(target: ForwardTarget, entry: OutboxEntry): Promise<DeliveryAttempt | undefined> {
    const attempt = (outcome: DeliveryAttempt['outcome'], error?: string): DeliveryAttempt => ({
      target: target.id,
      seq: entry.seq,
      alertId: entry.alertId,
      transition: entry.transition,
      outcome,
      ...(error === undefined ? {} : { error }),
    });
    let status: number;
    try {
      status = await this.deps.send(await urlOf(target), entry.body, await target.headers?.(entry.body));
    } catch (err) {
      const error = (err as Error)?.message ?? String(err);
      return this.retryLater(entry, error) ? attempt('failed', error) : undefined;
    }
    // Recorded even when disposed meanwhile (settings changed, a new forwarder took over): the receiver
    // has this body, and an entry left pending would be sent again once its lease ran out.
    if (!this.deps.outbox.isOpen) return undefined;
    if (status >= 200 && status < 300) {
      this.deps.outbox.markDelivered(entry.seq, this.deps.clock.now());
      return attempt('delivered');
    }
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
      this.deps.outbox.markRejected(entry.seq, `HTTP ${status}`);
      this.deps.logger.warn('alert delivery rejected', { target: target.id, alertId: entry.alertId, status });
      return attempt('rejected', `HTTP ${status}`);
    }
    return this.retryLater(entry, `HTTP ${status}`) ? attempt('failed', `HTTP ${status}`) : undefined;
  }

  /** Records the failure and when to try again; false once the outbox is closed (nothing is recorded then). */
  private retryLater(entry: OutboxEntry, error: string): boolean {
    if (!this.deps.outbox.isOpen) return false;
    const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(entry.attempts, 20));
    const delay = Math.max(FIRST_RETRY_MS / 2, Math.round(ceiling * (this.deps.random ?? Math.random)()));
    this.deps.outbox.markFailed(entry.seq, error, this.deps.clock.now() + delay);
    this.deps.logger.info('alert delivery failed, will retry', { target: entry.target, attempts: entry.attempts + 1, retryInMs: delay, error });
    return true;
  }

  private schedule(target: ForwardTarget, ms: number): void {
    const old = this.timers.get(target.id);
    if (old !== undefined) this.deps.clock.clearTimeout(old);
    this.timers.set(
      target.id,
      this.deps.clock.setTimeout(() => {
        this.timers.delete(target.id);
        this.pump(target);
      }, ms),
    );
  }
}

const urlOf = (target: ForwardTarget): Promise<string> => (target.resolveUrl ? target.resolveUrl() : Promise.resolve(target.url));
