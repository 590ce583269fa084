/**
 * Starts the real app for e2e tests: the browser host with the demo fleet (three emulators on
 * loopback), in a child process, exactly as `npm run demo` does where Electron cannot run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningApp {
  url: string;
  emulators: { name: string; url: string }[];
  dataDir: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  healthIntervalMs?: number;
  timeoutMs?: number;
  /** Start the three-server demo fleet (default true); without it the app only serves what dataDir holds. */
  demo?: boolean;
  /** An existing data dir (e.g. a seeded event log); removed on stop like a fresh one. */
  dataDir?: string;
}

export async function startApp(opts: StartOptions = {}): Promise<RunningApp> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'dnsfleet-e2e-'));
  const demo = opts.demo ?? true;
  const args = ['electron/hosts/web.ts', ...(demo ? ['--demo'] : []), '--json', '--port', '0', '--data-dir', dataDir, '--health-interval-ms', String(opts.healthIntervalMs ?? 1000)];
  const child: ChildProcess = spawn('node_modules/.bin/tsx', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const emulators: { name: string; url: string }[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    let found: string | null = null;
    const timer = setTimeout(() => reject(new Error(`app did not start in time:\n${stderr}`)), opts.timeoutMs ?? 30_000);
    child.on('exit', (code) => reject(new Error(`app exited with ${code}:\n${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { kind: string; url: string; name: string };
        if (msg.kind === 'url') found = msg.url;
        if (msg.kind === 'emulator') emulators.push({ name: msg.name, url: msg.url });
      } catch {
        return;
      }
      if (found && emulators.length >= (demo ? 3 : 0)) {
        clearTimeout(timer);
        resolve(found);
      }
    });
  });
  return {
    url,
    emulators,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Drive an emulator through its control API (electron/emulator control endpoints). */
export async function emulatorControl(emulatorUrl: string, action: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${emulatorUrl}/__emulator/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`emulator ${action}: HTTP ${res.status}`);
  return res.json();
}
