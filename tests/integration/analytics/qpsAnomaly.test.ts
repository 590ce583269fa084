/**
 * Done-when of issue 16: "a halved query rate gives an anomaly alert". The real adapter against the
 * emulator, its query rate under the test's control; the baseline's clock runs on real timers but the
 * test moves it forward an hour at a time, so a day of history is learned in seconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalyticsSettingsSchema } from '../../../electron/core/analytics/analyticsSettings';
import { hourStart } from '../../../electron/core/analytics/QpsModel';
import { startQpsWatch } from '../../../electron/core/analytics/startQpsWatch';
import { systemClock, type Clock } from '../../../electron/core/platform';
import { nullLogger } from '../../../electron/core/util/logger';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import type { QpsBaselineView } from '../../../shared/domain/analytics';
import { defaultSettings } from '../../../electron/core/settings/settingsSchema';
import { HOUR, MINUTE } from '../../../shared/domain/ids';
import { alertedFleet, type AlertedFleet } from '../alerts/alertedFleet';
import { serverConfig } from '../connectivity/helpers';

/** Real timers; now() can be moved forward (never back). */
class LeapClock implements Clock {
  offset = 0;
  now = () => Date.now() + this.offset;
  setTimeout = systemClock.setTimeout;
  clearTimeout = systemClock.clearTimeout;
  setInterval = systemClock.setInterval;
  clearInterval = systemClock.clearInterval;
  leapTo(t: number): void {
    this.offset += Math.max(0, t - this.now());
  }
}

let emu: EmulatedServer | undefined;
let f: AlertedFleet | undefined;
let stop: (() => void) | undefined;
let dir: string | undefined;
afterEach(async () => {
  stop?.();
  await f?.dispose();
  await emu?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  f = emu = stop = dir = undefined;
});

describe('QPS anomaly against the emulator', () => {
  it('learns a day at one rate, alerts once when the rate halves, resolves when it is restored', async () => {
    const BASE = 20; // query_update samples per second, each standing for 10 queries: 200 qps
    emu = await startEmulator({ backgroundQueryRatePerSec: BASE });
    f = alertedFleet();
    f.fleet.setServers([serverConfig(emu.url, { stack: 'unified' })]);
    await f.waitState('live');
    const clock = new LeapClock();
    const settings = { ...defaultSettings(), analytics: AnalyticsSettingsSchema.parse({}) };
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-qps-'));
    const qps = startQpsWatch({
      dataDir: dir,
      clock,
      logger: nullLogger,
      fleet: f.fleet,
      alerts: f.engine,
      settings: { get: () => settings },
      tickMs: 100,
      rate: { windowMs: 1200, staleMs: 1200, minSpanMs: 700 },
    });
    stop = qps.dispose;
    /** The next tick whose view of dns-01 passes `pred`, measured after `after` (baseline clock). */
    const nextView = (pred: (v: QpsBaselineView) => boolean, after = clock.now(), timeoutMs = 10_000) =>
      new Promise<QpsBaselineView>((resolve, reject) => {
        const timer = setTimeout(() => (off(), reject(new Error(`no such view; last: ${JSON.stringify(qps.watch.view('dns-01'))}`))), timeoutMs);
        const off = qps.watch.onDidTick(() => {
          const v = qps.watch.view('dns-01');
          if (!v || clock.now() < after || !pred(v)) return;
          clearTimeout(timer);
          off();
          resolve(v);
        });
      });

    // A day of history: each hour is measured once the rate window has refilled, then the clock leaps.
    for (let h = 0; h < 25; h++) {
      clock.leapTo(hourStart(clock.now()) + HOUR + MINUTE);
      await nextView((v) => v.currentQps !== null);
    }
    const learned = await nextView((v) => v.state === 'normal');
    expect(learned.expectedQps).toBeGreaterThan(100);
    expect(f.open().filter((a) => a.key === 'qps_anomaly')).toEqual([]);

    emu.control.setQueryRate(BASE / 2);
    const low = await nextView((v) => v.state === 'low', clock.now() + 1300);
    expect(low.currentQps!).toBeLessThan(low.bandLowQps!);
    clock.leapTo(clock.now() + 11 * MINUTE);
    const alert = await f.waitAlert((a) => a.key === 'qps_anomaly');
    expect(alert).toMatchObject({ serverId: 'dns-01', rule: 'qps_anomaly', severity: 'warning', title: 'Query rate dropped on DNS 01' });

    emu.control.setQueryRate(BASE);
    await nextView((v) => v.state === 'normal', clock.now() + 1300);
    clock.leapTo(clock.now() + 11 * MINUTE);
    await nextView((v) => v.state === 'normal');
    expect(f.open().filter((a) => a.key === 'qps_anomaly')).toEqual([]);
    expect(f.changed.filter((a) => a.key === 'qps_anomaly' && a.status === 'resolved')).toHaveLength(1);
    expect(f.raised.filter((a) => a.key === 'qps_anomaly')).toHaveLength(1);
  }, 90_000);
});
