/**
 * The QPS baseline of every server and its anomaly alert. Fed the servers' query counters, it measures
 * each server's rate every tick, folds it into the server's QpsModel and judges it against the band
 * (qpsJudgement.ts). A rate outside the band for `qpsMinDurationMinutes` raises one `qps_anomaly`
 * alert through the alert engine; back inside for as long resolves it. An unknown rate (no counter
 * lately) neither confirms nor clears: a silent server is the connection rule's to report.
 */
import type { QpsBaselineView } from '../../../shared/domain/analytics';
import { MINUTE, SECOND } from '../../../shared/domain/ids';
import { RULE } from '../alerts/alertRules';
import type { Signal } from '../alerts/signals';
import type { Clock, Logger, TimerHandle } from '../platform';
import { Emitter, type Event } from '../util/Emitter';
import type { AnalyticsSettings } from './analyticsSettings';
import type { BaselineStore } from './baselineFile';
import { CounterRate, type RateWindow } from './CounterRate';
import { judgeRate } from './qpsJudgement';
import { emptyModel, observe, type QpsModel } from './QpsModel';

export const QPS_ANOMALY_RULE = RULE.qpsAnomaly;

/** Which counter: the one in the query samples (preferred while it flows), or the polled one. */
export type CounterSource = 'samples' | 'poll';

export interface QpsWatchDeps {
  clock: Clock;
  logger: Logger;
  settings: () => AnalyticsSettings;
  /** Raises and resolves through the alert engine (AlertEngine.report). */
  report: (signal: Signal) => void;
  nameOf: (serverId: string) => string;
  store?: BaselineStore;
  tickMs?: number;
  rate?: Partial<RateWindow>;
}

interface Watched {
  model: QpsModel;
  samples: CounterRate;
  poll: CounterRate;
  outsideSince: number | null;
  insideSince: number | null;
  /** What the open alert says; 'maybe' after a restart (the engine may have reloaded one). */
  raised: 'low' | 'high' | 'maybe' | null;
  view: QpsBaselineView | null;
  samplesAt: number;
}

const DEFAULT_RATE: RateWindow = { windowMs: 3 * MINUTE, staleMs: 3 * MINUTE, minSpanMs: 20 * SECOND };

export class QpsWatch {
  private readonly servers = new Map<string, Watched>();
  private readonly rateWindow: RateWindow;
  private readonly timer: TimerHandle;
  private readonly ticks = new Emitter<readonly QpsBaselineView[]>();
  private dirty = false;
  /** After each tick, with every server's view. */
  readonly onDidTick: Event<readonly QpsBaselineView[]> = this.ticks.event;

  constructor(private readonly deps: QpsWatchDeps) {
    this.rateWindow = { ...DEFAULT_RATE, ...deps.rate };
    for (const [id, model] of this.load()) this.servers.set(id, this.watched(model));
    this.timer = deps.clock.setInterval(() => this.tick(), deps.tickMs ?? 30 * SECOND);
  }

  observeCounter(serverId: string, source: CounterSource, total: number): void {
    let w = this.servers.get(serverId);
    if (!w) this.servers.set(serverId, (w = this.watched(emptyModel())));
    const now = this.deps.clock.now();
    // The polled counter may be another count than the samples' (another table on the server): it is
    // used only while no samples arrive, so the two never mix in one window.
    if (source === 'samples') w.samplesAt = now;
    else if (now - w.samplesAt < this.rateWindow.staleMs) return;
    w[source].add(now, total);
  }

  view(serverId: string): QpsBaselineView | null {
    return this.servers.get(serverId)?.view ?? null;
  }

  views(): QpsBaselineView[] {
    return [...this.servers.values()].flatMap((w) => (w.view ? [w.view] : []));
  }

  /** A server left the fleet: its baseline goes with it. */
  forget(serverId: string): void {
    if (this.servers.delete(serverId)) this.dirty = true;
  }

  tick(): void {
    const now = this.deps.clock.now();
    const s = this.deps.settings();
    for (const [id, w] of this.servers) {
      try {
        this.judge(id, w, now, s);
      } catch (err) {
        this.deps.logger.error('qps baseline failed', { serverId: id, err });
      }
    }
    if (this.dirty) this.save();
    this.ticks.fire(this.views());
  }

  dispose(): void {
    this.deps.clock.clearInterval(this.timer);
    this.save();
    this.ticks.dispose();
  }

  private judge(id: string, w: Watched, now: number, s: AnalyticsSettings): void {
    const qps = w.samples.rate(now) ?? w.poll.rate(now);
    if (qps !== null) {
      const learned = w.model.learnedHours;
      observe(w.model, now, qps);
      if (w.model.learnedHours !== learned) this.dirty = true;
    }
    const view = judgeRate(id, w.model, now, qps, s, w.outsideSince ?? now);
    w.view = view;
    if (view.state === 'low' || view.state === 'high') this.outside(id, w, view, now, s);
    else if (view.state === 'normal' || view.state === 'quiet') this.inside(id, w, now, s);
  }

  private outside(id: string, w: Watched, view: QpsBaselineView, now: number, s: AnalyticsSettings): void {
    w.insideSince = null;
    w.outsideSince ??= now;
    const direction = view.state as 'low' | 'high';
    if (now - w.outsideSince < s.qpsMinDurationMinutes * MINUTE || w.raised === direction) return;
    w.raised = direction;
    const name = this.deps.nameOf(id);
    this.deps.report({
      kind: 'raise',
      serverId: id,
      key: QPS_ANOMALY_RULE,
      rule: QPS_ANOMALY_RULE,
      severity: 'warning',
      title: `Query rate ${direction === 'low' ? 'dropped' : 'spiked'} on ${name}`,
      detail: `${view.detail} Outside the band for ${Math.round((now - w.outsideSince) / MINUTE)} min.`,
      eventId: null,
    });
  }

  private inside(id: string, w: Watched, now: number, s: AnalyticsSettings): void {
    w.outsideSince = null;
    if (w.raised === null) return;
    w.insideSince ??= now;
    if (now - w.insideSince < s.qpsMinDurationMinutes * MINUTE) return;
    w.raised = null;
    w.insideSince = null;
    this.deps.report({ kind: 'resolve', serverId: id, key: QPS_ANOMALY_RULE });
  }

  private watched(model: QpsModel): Watched {
    const w = this.rateWindow;
    return { model, samples: new CounterRate(w), poll: new CounterRate(w), outsideSince: null, insideSince: null, raised: 'maybe', view: null, samplesAt: -Infinity };
  }

  private load(): Map<string, QpsModel> {
    try {
      return this.deps.store?.load() ?? new Map();
    } catch (err) {
      this.deps.logger.warn('qps baselines unreadable; learning again', { err });
      return new Map();
    }
  }

  private save(): void {
    this.dirty = false;
    try {
      this.deps.store?.save(new Map([...this.servers].map(([id, w]) => [id, w.model])));
    } catch (err) {
      this.deps.logger.warn('could not save qps baselines', { err });
    }
  }
}
