import type { Alert } from '../../../shared/domain/alert';
import type { ServerStatus } from '../../../shared/domain/serverState';
import type { TrayPresenter } from '../platform';

/**
 * Folds the fleet into the tray's one glance: the worst of server states and active alerts.
 * Anything not `live` or `disabled` counts as at least `unknown`: never green while blind.
 */
export function summarize(servers: ServerStatus[], alerts: Alert[]): Parameters<TrayPresenter['update']>[0] {
  const active = alerts.filter((a) => a.status === 'active');
  let worst: 'ok' | 'warning' | 'critical' | 'unknown' = 'ok';
  const rank = { ok: 0, unknown: 1, warning: 2, critical: 3 } as const;
  const raise = (w: keyof typeof rank) => {
    if (rank[w] > rank[worst]) worst = w;
  };
  for (const s of servers) if (s.state !== 'live' && s.state !== 'disabled') raise('unknown');
  for (const a of active) raise(a.severity === 'critical' || a.severity === 'error' ? 'critical' : a.severity === 'warning' ? 'warning' : 'ok');
  if (servers.length === 0) worst = 'unknown';
  return { worst, activeAlerts: active.length, servers: servers.map((s) => ({ id: s.serverId, name: s.name, state: s.state })) };
}

export class TraySummary {
  private last = '';
  constructor(private readonly tray: TrayPresenter | undefined) {}

  update(servers: ServerStatus[], alerts: Alert[]): void {
    if (!this.tray) return;
    const summary = summarize(servers, alerts);
    const key = JSON.stringify(summary);
    if (key === this.last) return; // the tray redraws only when something it shows changed
    this.last = key;
    this.tray.update(summary);
  }
}
