/** Starts the real browser host (no demo) in a child process, as `npm run web` does, for attack tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface WebHostProcess {
  child: ChildProcess;
  port: number;
  token: string;
  url: string;
  dataDir: string;
  stderr(): string;
  stop(): Promise<void>;
}

/** The token from the printed URL, whether it rides in the fragment or the query. */
export function tokenOf(url: string): string {
  const u = new URL(url);
  return new URLSearchParams(u.hash.slice(1)).get('token') ?? u.searchParams.get('token') ?? '';
}

/** `maxFiles` runs the host under `ulimit -n` (1024 is the usual desktop default). */
export async function startWebHost(extraArgs: string[] = [], opts: { maxFiles?: number } = {}): Promise<WebHostProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dnsfleet-hostile-'));
  const args = ['electron/hosts/web.ts', '--json', '--port', '0', '--data-dir', dataDir, ...extraArgs];
  const child = opts.maxFiles
    ? spawn('sh', ['-c', `ulimit -n ${opts.maxFiles} && exec node_modules/.bin/tsx "$@"`, 'sh', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } })
    : spawn('node_modules/.bin/tsx', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${err}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${err}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { kind?: string; url?: string };
        if (msg.kind === 'url' && msg.url) {
          clearTimeout(timer);
          resolve(msg.url);
        }
      } catch {
        /* not ours */
      }
    });
  });
  return {
    child,
    url,
    port: Number(new URL(url).port),
    token: tokenOf(url),
    dataDir,
    stderr: () => err,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
