/** Pure model of the tray: icon, tooltip and menu for one fleet summary (tested under Node). */
import type { ServerState } from '../../shared/domain/serverState';
import type { TrayPresenter } from '../core/platform';

export type TraySummary = Parameters<TrayPresenter['update']>[0];
export type TrayWorst = TraySummary['worst'];

/**
 * What the icon shows. `blind` (grey) is "some servers are not reporting": never green while blind.
 * `maintenance` and `disabled` have icons for the fleet verdict's levels of the same names.
 */
export type TrayLevel = 'ok' | 'warning' | 'critical' | 'blind' | 'maintenance' | 'disabled';
export const TRAY_LEVELS: readonly TrayLevel[] = ['ok', 'warning', 'critical', 'blind', 'maintenance', 'disabled'];

/** The tray shows the fleet verdict's level as it is (the core decides it: electron/core/verdict). */
export const trayLevel = (worst: TrayWorst): TrayLevel => worst;

/**
 * The icon file per platform (scripts/make-icons.mjs draws them, one shape per level): macOS
 * template images (the system recolours them for light and dark menu bars), an ICO on Windows,
 * 22 px PNGs on Linux. Electron picks the @2x file next to a PNG on HiDPI screens.
 */
export function trayIconFile(level: TrayLevel, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return `tray/darwin/tray-${level}Template.png`;
  if (platform === 'win32') return `tray/win32/tray-${level}.ico`;
  return `tray/linux/tray-${level}.png`;
}

const LEVEL_TEXT: Record<TrayLevel, string> = {
  ok: 'all servers live, no active alerts',
  warning: 'warnings',
  critical: 'critical alerts',
  blind: 'some servers are not reporting',
  maintenance: 'maintenance',
  disabled: 'all servers disabled',
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

/** "2 live, 1 not reporting, 1 disabled" */
export function serverCounts(s: TraySummary): string {
  const live = s.servers.filter((x) => x.state === 'live').length;
  const disabled = s.servers.filter((x) => x.state === 'disabled').length;
  const blind = s.servers.length - live - disabled;
  const parts = [`${live} live`];
  if (blind > 0) parts.push(`${blind} not reporting`);
  if (disabled > 0) parts.push(`${disabled} disabled`);
  return parts.join(', ');
}

export function trayTooltip(s: TraySummary): string {
  const parts = [`DNS Fleet Monitor: ${LEVEL_TEXT[trayLevel(s.worst)]}`];
  if (s.activeAlerts > 0) parts.push(`${s.activeAlerts} active alert${s.activeAlerts === 1 ? '' : 's'}`);
  if (s.servers.length === 0) parts.push('no servers configured');
  else parts.push(serverCounts(s));
  return parts.join(' · ');
}

export const STARTING_TOOLTIP = 'DNS Fleet Monitor: starting… (waiting for the keychain)';

export type TrayAction = 'open' | 'acknowledge-all' | 'snooze-all' | 'maintenance' | 'quit';
export type TrayMenuEntry =
  | { kind: 'header'; label: string }
  | { kind: 'server'; id: string; label: string }
  | { kind: 'more'; label: string }
  | { kind: 'separator' }
  | { kind: 'action'; action: TrayAction; label: string; enabled: boolean };

const MAX_SERVERS_IN_MENU = 30;

export function trayMenuModel(s: TraySummary): TrayMenuEntry[] {
  const servers = [...s.servers].sort((a, b) => a.name.localeCompare(b.name));
  const shown: TrayMenuEntry[] = servers
    .slice(0, MAX_SERVERS_IN_MENU)
    .map((x) => ({ kind: 'server', id: x.id, label: `${STATE_MARK[x.state]} ${x.name}: ${x.state}` }));
  if (servers.length > MAX_SERVERS_IN_MENU) shown.push({ kind: 'more', label: `… and ${servers.length - MAX_SERVERS_IN_MENU} more` });
  const alerts = s.activeAlerts > 0;
  return [
    { kind: 'header', label: trayTooltip(s).replace('DNS Fleet Monitor: ', '') },
    { kind: 'separator' },
    ...shown,
    ...(shown.length > 0 ? [{ kind: 'separator' } as const] : []),
    { kind: 'action', action: 'acknowledge-all', label: `Acknowledge all (${s.activeAlerts})`, enabled: alerts },
    { kind: 'action', action: 'snooze-all', label: 'Snooze all for 1 hour', enabled: alerts },
    { kind: 'action', action: 'maintenance', label: 'Maintenance…', enabled: servers.length > 0 },
    { kind: 'separator' },
    { kind: 'action', action: 'open', label: 'Open DNS Fleet Monitor', enabled: true },
    { kind: 'action', action: 'quit', label: 'Quit', enabled: true },
  ];
}
