/** Platform pieces shared by the Node hosts (CLI, browser host, demo). */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { defaultPaths } from '../core/compose';
import type { AppPaths } from '../core/platform';

/** The per-user data dir, same place the Electron host uses (userData), so all hosts share one log. */
export function defaultDataDir(): string {
  if (process.env.DNSFLEET_DATA_DIR) return process.env.DNSFLEET_DATA_DIR;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'DNS Fleet Monitor');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'DNS Fleet Monitor');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'DNS Fleet Monitor');
}

export function nodePaths(dataDir?: string): AppPaths {
  return defaultPaths(dataDir ?? defaultDataDir());
}

/**
 * Resolves once SIGINT or SIGTERM arrives (or `ms` elapses, or `orWhen` resolves), and keeps the process
 * alive until then. The core's timers are unref'd (a library must not pin its host's event loop),
 * and signal listeners do not count as work either: without this handle `dnsfleet monitor` exited
 * with code 0 as soon as its servers were all between attempts (restart, outage, disabled, locked).
 */
export function untilStopped(ms?: number, orWhen?: Promise<string>): Promise<string> {
  return new Promise((resolve) => {
    const keepAlive = setInterval(() => undefined, 2 ** 31 - 1);
    const done = (why: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      if (timer) clearTimeout(timer);
      clearInterval(keepAlive);
      resolve(why);
    };
    const onInt = () => done('SIGINT');
    const onTerm = () => done('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    const timer = ms !== undefined ? setTimeout(() => done('timeout'), ms) : undefined;
    void orWhen?.then(done);
  });
}
