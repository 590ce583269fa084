/**
 * A FleetService wired to an AlertEngine as compose.ts wires them (events then states), for tests
 * that drive the real adapter against the emulator and watch the alerts a user would get.
 */
import type { Alert } from '../../../shared/domain/alert';
import { AlertEngine } from '../../../electron/core/alerts/AlertEngine';
import type { AlertRulesConfig } from '../../../electron/core/alerts/alertRules';
import { systemClock } from '../../../electron/core/platform';
import { nullLogger } from '../../../electron/core/util/logger';
import { MemoryAlertStore } from '../../unit/alerts/support/fixtures';
import { harness, MemoryCredentials, type Harness } from '../connectivity/helpers';
import type { FleetServiceDeps } from '../../../electron/core/fleet/FleetService';

export interface AlertedFleet extends Harness {
  engine: AlertEngine;
  /** Every notification the operator would have got. */
  raised: Alert[];
  /** Every change of every alert record. */
  changed: Alert[];
  open(): Alert[];
  /** Resolves with the first open alert matching, waiting for alert changes (never polling). */
  waitAlert(pred: (a: Alert) => boolean, timeoutMs?: number): Promise<Alert>;
  /** Resolves once `n` more server statuses were published (polls and frames went on). */
  moreStatuses(n: number, timeoutMs?: number): Promise<void>;
  dispose(): Promise<void>;
}

export function alertedFleet(deps: Partial<FleetServiceDeps> = {}, rules: Partial<AlertRulesConfig> = {}, serverIds = ['dns-01']): AlertedFleet {
  const creds = new MemoryCredentials();
  for (const id of serverIds) void creds.set(id, 'password', 'monitor-pass');
  const h = harness({ credentials: creds, ...deps }, null);
  const engine = new AlertEngine({ clock: systemClock, logger: nullLogger, store: new MemoryAlertStore(), rules });
  const raised: Alert[] = [];
  const changed: Alert[] = [];
  const waiters = new Set<() => void>();
  engine.onDidRaise((a) => raised.push(a));
  engine.onDidChange((a) => {
    changed.push(a);
    for (const w of [...waiters]) w();
  });
  h.fleet.onDidEmitEvents((events) => engine.ingest(events));
  h.fleet.onDidChangeState((s) => engine.onServerStatus(s));
  const statusWaiters = new Set<() => void>();
  h.fleet.onDidChangeState(() => {
    for (const w of [...statusWaiters]) w();
  });
  const moreStatuses = (n: number, timeoutMs = 8000): Promise<void> =>
    new Promise((resolve, reject) => {
      let left = n;
      const tick = () => {
        if (--left > 0) return;
        statusWaiters.delete(tick);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        statusWaiters.delete(tick);
        reject(new Error(`timed out waiting for ${n} more statuses (${left} to go)`));
      }, timeoutMs);
      statusWaiters.add(tick);
    });
  const open = () => engine.list({ includeResolved: false, limit: 1000 });
  const waitAlert = (pred: (a: Alert) => boolean, timeoutMs = 8000): Promise<Alert> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = open().find(pred);
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for an alert; open: ${open().map((a) => `${a.serverId}/${a.key}`).join(', ')}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return {
    ...h,
    engine,
    raised,
    changed,
    open,
    waitAlert,
    moreStatuses,
    dispose: async () => {
      await h.fleet.dispose();
      engine.dispose();
    },
  };
}
