// tsx electron/emulator/cli.ts --count 3 --base-port 0 [--tls] [--health-interval-ms N] [--seed N]
// Starts N demo servers, prints one JSON line per server {name,url,port,fingerprint256} and runs until
// SIGINT/SIGTERM, then closes everything cleanly. Output goes to stdout directly (no console.*).
import { parseArgs } from 'node:util';
import { startDemoFleet } from './demoFleet';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '3' },
      'base-port': { type: 'string', default: '0' },
      tls: { type: 'boolean', default: false },
      'health-interval-ms': { type: 'string' },
      seed: { type: 'string', default: '42' },
      'query-rate': { type: 'string', default: '2' },
    },
    strict: true,
  });
  const num = (v: string | undefined, name: string): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`);
    return n;
  };
  const servers = await startDemoFleet({
    count: Math.min(200, num(values.count, 'count') ?? 3),
    basePort: num(values['base-port'], 'base-port'),
    tls: values.tls,
    healthIntervalMs: num(values['health-interval-ms'], 'health-interval-ms'),
    seed: num(values.seed, 'seed'),
    backgroundQueryRatePerSec: num(values['query-rate'], 'query-rate'),
  });
  for (const s of servers) {
    process.stdout.write(`${JSON.stringify({ name: s.name, url: s.url, port: s.port, fingerprint256: s.fingerprint256 ?? null })}\n`);
  }
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void Promise.all(servers.map((s) => s.close())).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`emulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
