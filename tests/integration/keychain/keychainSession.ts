/** Spawns commands inside a private D-Bus session with its own gnome-keyring (stack.md). */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SessionRun {
  code: number;
  stdout: string;
  stderr: string;
  /** JSON lines of stdout. */
  results: Record<string, unknown>[];
}

export const PROBE = 'node_modules/.bin/tsx tests/integration/keychain/keychainProbe.ts';

/** A keyring home (XDG_DATA_HOME) that can outlive one session, to test persistence. */
export function keyringHome(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'dnsfleet-keyring-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `unlock`: the login keyring password fed to `--unlock`, or null to start the daemon locked.
 * Each command runs after the daemon is up; the session (bus and daemon) ends with the last one.
 */
export function inKeychainSession(home: string, unlock: string | null, commands: string[], env: Record<string, string> = {}): Promise<SessionRun> {
  const daemon = unlock === null ? 'gnome-keyring-daemon --components=secrets </dev/null >/dev/null' : `printf %s '${unlock}' | gnome-keyring-daemon --unlock --components=secrets >/dev/null`;
  const runtime = mkdtempSync(join(tmpdir(), 'dnsfleet-runtime-'));
  const script = [daemon, ...commands].join(' && ');
  return run('dbus-run-session', ['--', 'sh', '-c', script], { ...baseEnv(), XDG_DATA_HOME: home, XDG_RUNTIME_DIR: runtime, ...env }).finally(() =>
    rmSync(runtime, { recursive: true, force: true }),
  );
}

/** Runs without any session bus: DBUS_SESSION_BUS_ADDRESS as given (or unset) and no X display. */
export function withoutKeychain(command: string, busAddress: string | null, env: Record<string, string> = {}): Promise<SessionRun> {
  const e = { ...baseEnv(), ...env };
  if (busAddress !== null) e.DBUS_SESSION_BUS_ADDRESS = busAddress;
  return run('sh', ['-c', command], e);
}

function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY'].includes(k)) env[k] = v;
  return env;
}

function run(cmd: string, args: string[], env: Record<string, string>): Promise<SessionRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const results = stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr, results });
    });
  });
}
