/**
 * Is there a tray host on this Linux desktop? Electron draws its tray icon as a StatusNotifierItem,
 * which only shows when some process owns org.kde.StatusNotifierWatcher on the session bus (KDE,
 * XFCE, GNOME with the AppIndicator extension...). Electron has no API for this, so we ask D-Bus,
 * bounded in time; any failure answers "no", and the window then minimises instead of vanishing.
 */
import { execFile } from 'node:child_process';

export type RunCommand = (file: string, args: string[], timeoutMs: number) => Promise<string>;

const WATCHER = 'org.kde.StatusNotifierWatcher';
const PROBE_TIMEOUT_MS = 1500;

export const runCommand: RunCommand = (file, args, timeoutMs) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, windowsHide: true }, (err, stdout) => (err ? reject(err) : resolve(String(stdout))));
  });

export async function linuxTrayHostAnswers(run: RunCommand = runCommand): Promise<boolean> {
  const viaGdbus = ['call', '--session', '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus', '--method', 'org.freedesktop.DBus.NameHasOwner', WATCHER];
  const viaDbusSend = ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', `string:${WATCHER}`];
  for (const [file, args] of [['gdbus', viaGdbus], ['dbus-send', viaDbusSend]] as const) {
    try {
      // gdbus prints "(true,)"; dbus-send prints "boolean true".
      return /\btrue\b/.test(await run(file, [...args], PROBE_TIMEOUT_MS));
    } catch {
      continue; // tool missing or no session bus: try the other, then answer no
    }
  }
  return false;
}
