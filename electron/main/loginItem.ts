/**
 * "Start at login" (setting desktop.startAtLogin, off by default). macOS and Windows: Electron's
 * login item API. Linux has none in Electron, so an XDG autostart entry is written or removed
 * (~/.config/autostart/dns-fleet-monitor.desktop, the freedesktop convention every desktop reads).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/platform';
import type { AppLike } from './electronApi';

export const AUTOSTART_FILE = 'dns-fleet-monitor.desktop';

export interface LoginItemDeps {
  app: Pick<AppLike, 'setLoginItemSettings'>;
  platform: NodeJS.Platform;
  execPath: string;
  /** XDG_CONFIG_HOME or ~/.config (Linux). */
  configHome: string;
  logger: Logger;
}

/** Quotes a path for a desktop entry's Exec key (spaces, quotes, backslashes, dollar signs). */
export const desktopExec = (path: string): string => `"${path.replace(/(["`$\\])/g, '\\$1')}"`;

export function applyStartAtLogin(enabled: boolean, d: LoginItemDeps): void {
  try {
    if (d.platform !== 'linux') {
      d.app.setLoginItemSettings({ openAtLogin: enabled });
      return;
    }
    const dir = join(d.configHome, 'autostart');
    const file = join(dir, AUTOSTART_FILE);
    if (!enabled) return rmSync(file, { force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, ['[Desktop Entry]', 'Type=Application', 'Name=DNS Fleet Monitor', `Exec=${desktopExec(d.execPath)}`, 'X-GNOME-Autostart-enabled=true', ''].join('\n'));
  } catch (err) {
    d.logger.warn('could not change start at login', { err, enabled });
  }
}
