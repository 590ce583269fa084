/** Maintenance stays on the charts after it is over (one-off windows leave settings when they end). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryService } from '../../../electron/core/history/HistoryService';
import { MaintenanceRecorder } from '../../../electron/core/history/MaintenanceRecorder';
import type { SqliteEventLog } from '../../../electron/core/eventlog/SqliteEventLog';
import { HOUR, MINUTE } from '../../../shared/domain/ids';
import type { MaintenanceWindow } from '../../../shared/domain/maintenance';
import { clockAt, harness, type Harness } from '../eventlog/helpers';
import { NOW, SERVER, status } from './helpers';

let h: Harness;
let log: SqliteEventLog;
let windows: MaintenanceWindow[];
const service = () => new HistoryService({ log, clock: clockAt(NOW), statuses: () => [status()], verdicts: () => [], maintenance: () => windows });
const oneOff = (from: number, to: number): MaintenanceWindow => ({ id: 'now:dns-hq-1', serverId: SERVER, startsAt: from, endsAt: to, recurrence: 'none', timeZone: 'UTC', note: '' });

beforeEach(() => {
  h = harness();
  log = h.open({ clock: clockAt(NOW), applyRetention: false });
  windows = [];
});
afterEach(async () => h.cleanup());

describe('maintenance history', () => {
  it('records one span when a window that was in force ends, from the occurrence start', () => {
    windows = [oneOff(NOW - 50 * MINUTE, NOW - 10 * MINUTE)];
    const recorder = new MaintenanceRecorder(() => windows);
    expect(recorder.update([{ serverId: SERVER, untilMs: NOW - 10 * MINUTE }], NOW - 30 * MINUTE)).toEqual([]);
    expect(recorder.update([{ serverId: SERVER, untilMs: NOW - 10 * MINUTE }], NOW - 20 * MINUTE)).toEqual([]);
    windows = []; // over: the engine drops it from settings
    const [ended, ...rest] = recorder.update([], NOW - 10 * MINUTE);
    expect(rest).toEqual([]);
    expect(ended).toMatchObject({ type: 'maintenance_window', serverId: SERVER, category: 'admin', data: { from: new Date(NOW - 50 * MINUTE).toISOString(), to: new Date(NOW - 10 * MINUTE).toISOString() } });
  });

  it('draws a recorded span after its window left settings, even when it began before the range', async () => {
    windows = [oneOff(NOW - 2 * HOUR, NOW - 40 * MINUTE)];
    const recorder = new MaintenanceRecorder(() => windows);
    recorder.update([{ serverId: SERVER, untilMs: NOW - 40 * MINUTE }], NOW - 90 * MINUTE);
    windows = [];
    log.append(recorder.update([], NOW - 40 * MINUTE));
    await log.flush();
    const spans = service().annotations(SERVER, '1h').annotations.filter((a) => a.kind === 'maintenance');
    expect(spans.map((a) => [(NOW - a.atMs) / MINUTE, (NOW - a.untilMs!) / MINUTE])).toEqual([[120, 40]]);
    expect(spans[0]!.text).toMatch(/^Maintenance: 80 min in maintenance/);
  });

  it('does not shade a recurring occurrence twice when it was also recorded', async () => {
    const daily: MaintenanceWindow = { id: 'nightly', serverId: SERVER, startsAt: NOW - 30 * MINUTE - 24 * HOUR, endsAt: NOW - 20 * MINUTE - 24 * HOUR, recurrence: 'daily', timeZone: 'UTC', note: 'nightly' };
    windows = [daily];
    const recorder = new MaintenanceRecorder(() => windows);
    recorder.update([{ serverId: SERVER, untilMs: NOW - 20 * MINUTE }], NOW - 25 * MINUTE);
    log.append(recorder.update([], NOW - 20 * MINUTE));
    await log.flush();
    const spans = service().annotations(SERVER, '1h').annotations.filter((a) => a.kind === 'maintenance');
    expect(spans).toHaveLength(1);
    expect((NOW - spans[0]!.atMs) / MINUTE).toBe(30);
  });
});
