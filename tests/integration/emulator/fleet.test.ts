import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoFleet, startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { connect, get, token, until, type TestSocket } from './helpers';

let servers: EmulatedServer[] = [];
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

describe('demo fleet, CLI and scale', () => {
  it('startDemoFleet: three named servers, 2–4 forwarders each, deterministic with a seed, background query_update', async () => {
    servers = await startDemoFleet({ seed: 7, backgroundQueryRatePerSec: 50 });
    expect(servers.map((s) => s.name)).toEqual(['dns-hq-1', 'dns-hq-2', 'dns-branch-1']);
    const summaries = await Promise.all(
      servers.map(
        async (s) => (await get(s, '/api/health/summary')).body as { total_forwarders: number; forwarder_details: Array<{ name: string }> },
      ),
    );
    for (const h of summaries) expect(h.total_forwarders).toBeGreaterThanOrEqual(2);
    for (const h of summaries) expect(h.total_forwarders).toBeLessThanOrEqual(4);
    const again = await startDemoFleet({ seed: 7, count: 1 });
    servers.push(...again);
    const first = (await get(again[0] as EmulatedServer, '/api/health/summary')).body as { forwarder_details: Array<{ name: string }> };
    expect(first.forwarder_details.map((f) => f.name)).toEqual(summaries[0]?.forwarder_details.map((f) => f.name));
    const ws = connect(servers[0] as EmulatedServer, '/api/unified/ws', await token(servers[0] as EmulatedServer));
    sockets.push(ws);
    await ws.next((f) => (f.msg['data'] as Record<string, unknown> | undefined)?.['type'] === 'query_update', 2000);
  });

  it('cli.ts prints one JSON line per server and exits cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/emulator/cli.ts', '--count', '2', '--base-port', '0', '--health-interval-ms', '100'],
      {
        cwd: fileURLToPath(new URL('../../..', import.meta.url)),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const lines: Array<{ name: string; url: string; port: number }> = [];
    const rl = createInterface({ input: child.stdout });
    rl.on('line', (l) => lines.push(JSON.parse(l) as { name: string; url: string; port: number }));
    await until(() => lines.length === 2, 15_000);
    expect(lines.map((l) => l.name)).toEqual(['dns-hq-1', 'dns-hq-2']);
    expect((await get(lines[0] as { url: string }, '/api/unified/ws/info')).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 20_000);

  it('50 servers x 400 events/s (20,000/s aggregate) for 1 s: every event reaches its unified client', async () => {
    servers = await Promise.all(Array.from({ length: 50 }, (_, i) => startEmulator({ name: `bench-${i}`, fail2ban: false })));
    const clients = await Promise.all(
      servers.map(async (s) => {
        const ws = connect(s, '/api/unified/ws', await token(s));
        sockets.push(ws);
        await ws.type('connection_established');
        return ws;
      }),
    );
    const t0 = performance.now();
    const results = await Promise.all(servers.map((s) => s.control.storm({ eventsPerSecond: 400, durationMs: 1000 })));
    const elapsed = performance.now() - t0;
    expect(results.every((r) => r.sent === 400)).toBe(true);
    expect(elapsed).toBeLessThan(10_000); // ~1.0–1.4 s on an idle 2-core box; generous for shared CI
    const isQuery = (c: TestSocket): number =>
      c.frames.filter((f) => (f.msg['data'] as Record<string, unknown> | undefined)?.['type'] === 'query_update').length;
    await until(() => clients.every((c) => isQuery(c) === 400), 15_000);
    expect(servers.reduce((n, s) => n + s.control.stats().framesDropped, 0)).toBe(0);
  }, 60_000);
});
