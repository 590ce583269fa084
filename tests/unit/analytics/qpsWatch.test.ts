import { afterEach, describe, expect, it } from 'vitest';
import { AnalyticsSettingsSchema } from '../../../electron/core/analytics/analyticsSettings';
import { memoryBaselineStore, type BaselineStore } from '../../../electron/core/analytics/baselineFile';
import { QpsWatch } from '../../../electron/core/analytics/QpsWatch';
import type { Signal } from '../../../electron/core/alerts/signals';
import { nullLogger } from '../../../electron/core/util/logger';
import { HOUR, MINUTE, SECOND } from '../../../shared/domain/ids';
import { FakeClock } from '../alerts/support/FakeClock';

const settings = AnalyticsSettingsSchema.parse({});

function rig(store: BaselineStore = memoryBaselineStore(), clock = new FakeClock(Date.UTC(2026, 10, 2, 0, 0, 0))) {
  const signals: Signal[] = [];
  const watch = new QpsWatch({ clock, logger: nullLogger, settings: () => settings, report: (s) => signals.push(s), nameOf: (id) => `Server ${id}`, store });
  let total = 0;
  /** The server answers `qps` for `ms`, reporting its counter every 10 s as query samples do. */
  const run = (qps: number, ms: number) => {
    for (let t = 0; t < ms; t += 10 * SECOND) {
      total += qps * 10;
      watch.observeCounter('dns-01', 'samples', total);
      clock.advance(10 * SECOND);
    }
  };
  return { clock, watch, signals, run, store };
}

const disposeAll: (() => void)[] = [];
afterEach(() => {
  for (const d of disposeAll.splice(0)) d();
});

describe('QpsWatch: a time-of-day-aware baseline and its anomaly alert', () => {
  it('says "learning" until it has seen the warm-up hours, then "normal" at the usual rate', () => {
    const r = rig();
    disposeAll.push(() => r.watch.dispose());
    r.run(100, 2 * HOUR);
    expect(r.watch.view('dns-01')).toMatchObject({ state: 'learning', expectedQps: null, learnedHours: 2, warmupHours: 24 });
    expect(r.watch.view('dns-01')!.currentQps).toBeCloseTo(100);
    r.run(100, 23 * HOUR);
    expect(r.watch.view('dns-01')).toMatchObject({ state: 'normal' });
    expect(r.watch.view('dns-01')!.expectedQps).toBeCloseTo(100);
    expect(r.signals.filter((s) => s.kind === 'raise')).toEqual([]);
  });

  it('a halved rate sustained for the minimum duration raises one anomaly alert; restored, it resolves', () => {
    const r = rig();
    disposeAll.push(() => r.watch.dispose());
    r.run(100, 25 * HOUR);
    r.run(50, 5 * MINUTE);
    expect(r.watch.view('dns-01')!.state).toBe('low');
    expect(r.signals.filter((s) => s.kind === 'raise')).toEqual([]);
    r.run(50, 20 * MINUTE);
    const raises = r.signals.filter((s) => s.kind === 'raise');
    expect(raises).toHaveLength(1);
    expect(raises[0]).toMatchObject({ serverId: 'dns-01', key: 'qps_anomaly', severity: 'warning', title: 'Query rate dropped on Server dns-01' });
    r.run(100, 15 * MINUTE);
    expect(r.signals.at(-1)).toEqual({ kind: 'resolve', serverId: 'dns-01', key: 'qps_anomaly' });
    expect(r.signals.filter((s) => s.kind === 'raise')).toHaveLength(1);
  });

  it('a short dip does not alert, and a server quiet both usually and now is not judged', () => {
    const r = rig();
    disposeAll.push(() => r.watch.dispose());
    r.run(0.5, 25 * HOUR);
    r.run(0.1, 30 * MINUTE);
    expect(r.watch.view('dns-01')!.state).toBe('quiet');
    r.run(0.5, HOUR);
    expect(r.signals.filter((s) => s.kind === 'raise')).toEqual([]);
  });

  it('an unknown rate (no counter arriving) neither raises nor resolves', () => {
    const r = rig();
    disposeAll.push(() => r.watch.dispose());
    r.run(100, 25 * HOUR);
    r.run(20, 15 * MINUTE);
    expect(r.signals.at(-1)).toMatchObject({ kind: 'raise', key: 'qps_anomaly' });
    const before = r.signals.length;
    r.clock.advance(2 * HOUR);
    expect(r.watch.view('dns-01')).toMatchObject({ state: 'unknown', currentQps: null });
    expect(r.signals.length).toBe(before);
  });

  it('keeps what it learned across a restart', () => {
    const store = memoryBaselineStore();
    const first = rig(store);
    first.run(100, 25 * HOUR);
    first.watch.dispose();
    expect(store.saved.get('dns-01')!.learnedHours).toBe(25);
    const second = rig(store, first.clock);
    disposeAll.push(() => second.watch.dispose());
    second.run(100, 2 * MINUTE);
    expect(second.watch.view('dns-01')).toMatchObject({ state: 'normal', learnedHours: 25 });
  });

  it('judges each hour of the week against its own history', () => {
    const r = rig();
    disposeAll.push(() => r.watch.dispose());
    // Busy in the day (08-18 local), quiet at night, for two days.
    for (let h = 0; h < 48; h++) {
      const hour = new Date(r.clock.now()).getHours();
      r.run(hour >= 8 && hour < 18 ? 200 : 20, HOUR);
    }
    // The night rate in the daytime is an anomaly; at night it is not.
    while (new Date(r.clock.now()).getHours() !== 10) r.run(new Date(r.clock.now()).getHours() >= 8 && new Date(r.clock.now()).getHours() < 18 ? 200 : 20, HOUR);
    r.run(20, 20 * MINUTE);
    expect(r.watch.view('dns-01')!.state).toBe('low');
    expect(r.signals.filter((s) => s.kind === 'raise')).toHaveLength(1);
  });
});
