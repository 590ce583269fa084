/** Pure model of the tray: icon, tooltip and menu for one fleet summary (tested under Node). */
import type { ServerState } from '../../shared/domain/serverState';
import type { TrayPresenter } from '../core/platform';

export type TraySummary = Parameters<TrayPresenter['update']>[0];
export type TrayWorst = TraySummary['worst'];

export const TRAY_STATES: readonly TrayWorst[] = ['ok', 'warning', 'critical', 'unknown'];

/** The icon file for the fleet's worst state; each state has its own shape, not only its own colour. */
export const trayIconFile = (worst: TrayWorst): string => `tray-${worst}.png`;

const WORST_TEXT: Record<TrayWorst, string> = {
  ok: 'all servers live, no active alerts',
  warning: 'warnings',
  critical: 'critical alerts',
  unknown: 'some servers are not reporting',
};

/** A text cue per state so the menu reads without colour. */
export const STATE_MARK: Record<ServerState, string> = {
  live: '●',
  connecting: '◌',
  authenticating: '◌',
  stale: '◐',
  reconnecting: '◌',
  'needs-2fa': '▲',
  'auth-failed': '✖',
  'account-locked': '✖',
  replaced: '▲',
  'tls-untrusted': '✖',
  offline: '○',
  disabled: '–',
};

export function trayTooltip(s: TraySummary): string {
  const notLive = s.servers.filter((x) => x.state !== 'live' && x.state !== 'disabled').length;
  const parts = [`DNS Fleet Monitor: ${WORST_TEXT[s.worst]}`];
  if (s.activeAlerts > 0) parts.push(`${s.activeAlerts} active alert${s.activeAlerts === 1 ? '' : 's'}`);
  if (notLive > 0) parts.push(`${notLive} of ${s.servers.length} servers not live`);
  if (s.servers.length === 0) parts.push('no servers configured');
  return parts.join(' · ');
}

export type TrayMenuEntry =
  { kind: 'server'; id: string; label: string } | { kind: 'separator' } | { kind: 'action'; action: 'show' | 'quit'; label: string };

const MAX_SERVERS_IN_MENU = 30;

export function trayMenuModel(s: TraySummary): TrayMenuEntry[] {
  const servers = [...s.servers].sort((a, b) => a.name.localeCompare(b.name));
  const shown: TrayMenuEntry[] = servers
    .slice(0, MAX_SERVERS_IN_MENU)
    .map((x) => ({ kind: 'server', id: x.id, label: `${STATE_MARK[x.state]} ${x.name}: ${x.state}` }));
  if (servers.length > MAX_SERVERS_IN_MENU)
    shown.push({ kind: 'server', id: '', label: `… and ${servers.length - MAX_SERVERS_IN_MENU} more` });
  return [
    ...shown,
    ...(shown.length > 0 ? [{ kind: 'separator' } as const] : []),
    { kind: 'action', action: 'show', label: 'Show DNS Fleet Monitor' },
    { kind: 'action', action: 'quit', label: 'Quit' },
  ];
}
