/**
 * Probe benchmark (`npm run bench -- --only probes`): the cost of probing `servers` servers x 6
 * probes (3 zone SOAs, an internal name, a public name, a blocked name) through the real
 * ProbeService (scheduler, DNS client, judge with latency baselines, SOA drift; the event and metric
 * sinks only count) against emulated DNS responders on 127.0.0.1 (in a child process, so
 * the CPU measured here is the prober's alone). Time is compressed: sets run every
 * `intervalSeconds` (3 s) instead of 30 s, i.e. 10x the real rate; the CPU share at the real 30 s
 * interval is the measured share divided by the compression. Memory is this process's heap and RSS
 * growth with the scheduler running, after a warm-up of one interval.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ServerConfigSchema } from '../../shared/domain/serverConfig';
import { systemClock } from '../../electron/core/platform';
import { ProbeService } from '../../electron/core/probes/ProbeService';
import { DEFAULT_PROBE_SETTINGS } from '../../electron/core/probes/probeSettings';
import { nullLogger } from '../../electron/core/util/logger';

const ROOT = join(import.meta.dirname, '../..');
const REAL_INTERVAL_S = 30;
const FORWARDERS = [
  { id: 1, name: 'Corporate AD', type: 'active_directory', status: 'healthy' as const, healthyServers: 2, totalServers: 2, lastChecked: null },
  { id: 3, name: 'Public DNS', type: 'public', status: 'healthy' as const, healthyServers: 2, totalServers: 2, lastChecked: null },
];

export interface ProbeBenchResult {
  servers: number;
  probesPerSet: number;
  intervalSeconds: number;
  realIntervalSeconds: number;
  measuredSeconds: number;
  sets: number;
  probes: number;
  answered: number;
  skippedTicks: number;
  latencyMs: { p50: number; p95: number; max: number };
  /** CPU time of this process (user+system) per wall second while measuring, at the compressed rate. */
  cpuShareCompressed: number;
  /** The same at the real 30 s interval (divided by the compression). */
  cpuShareAt30s: number;
  cpuMsPerProbe: number;
  heapGrowthMb: number;
  /** Transition events and metric points the run produced (a healthy fleet: few events, 2 points a set). */
  events: number;
  metricPoints: number;
  rssMb: number;
  loadAverage: number;
}

export async function runProbeBench(opts: { servers?: number; responders?: number; intervalSeconds?: number; seconds?: number } = {}): Promise<ProbeBenchResult> {
  const servers = opts.servers ?? 200;
  const intervalSeconds = opts.intervalSeconds ?? 3;
  const seconds = opts.seconds ?? 60;
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['tests/bench/dnsResponders.ts', String(opts.responders ?? 10)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const ports: number[] = [];
    for await (const line of createInterface({ input: child.stdout! })) {
      ports.push((JSON.parse(line) as { dnsPort: number }).dnsPort);
      if (ports.length === (opts.responders ?? 10)) break;
    }
    const configs = Array.from({ length: servers }, (_, i) =>
      ServerConfigSchema.parse({ id: `p-${i}`, name: `p-${i}`, url: `https://dns-${i}.example`, username: 'monitor', dns: { host: '127.0.0.1', port: ports[i % ports.length], internalName: 'host.corp.example' } }),
    );
    const zones = ['corp.local', 'branch.corp.local', '10.in-addr.arpa'].map((name) => ({ name }));
    const settings = { ...DEFAULT_PROBE_SETTINGS, intervalSeconds, timeoutMs: 2000 };
    // The whole probe path but the sinks: scheduler, client, judge (baselines) and drift across 200 servers.
    let events = 0;
    let points = 0;
    const service = new ProbeService({
      clock: systemClock,
      logger: nullLogger,
      settings: () => settings,
      zones: () => zones.map((z, i) => ({ ...z, serial: 2026120600 + i })),
      status: (id) => ({ serverId: id, name: id, state: 'live', since: '', lastDataAt: null, stack: 'legacy', reconnect: null, forwarders: FORWARDERS, bindRunning: true }),
      openKeys: () => new Set(),
      emit: (e) => void (events += e.length),
      metric: () => void points++,
      apiGraceMs: 30_000,
    });
    const scheduler = service.scheduler;
    const latencies: number[] = [];
    let measuring = false;
    let sets = 0;
    let probes = 0;
    let answered = 0;
    scheduler.onDidComplete((d) => {
      if (!measuring) return;
      sets++;
      for (const r of d.results) {
        probes++;
        if (r.latencyMs !== null) {
          answered++;
          latencies.push(r.latencyMs);
        }
      }
    });
    service.setServers(configs);
    await wait(intervalSeconds * 1000 + 500); // warm-up: every server has run once
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const skipped0 = scheduler.skipped;
    measuring = true;
    await wait(seconds * 1000);
    measuring = false;
    const cpu = process.cpuUsage(cpu0);
    const wallS = (performance.now() - t0) / 1000;
    const heap1 = process.memoryUsage().heapUsed;
    const rss = process.memoryUsage().rss;
    service.dispose();
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const compression = REAL_INTERVAL_S / intervalSeconds;
    latencies.sort((a, b) => a - b);
    const q = (p: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
    return {
      servers,
      probesPerSet: 6,
      intervalSeconds,
      realIntervalSeconds: REAL_INTERVAL_S,
      measuredSeconds: round(wallS),
      sets,
      probes,
      answered,
      skippedTicks: scheduler.skipped - skipped0,
      latencyMs: { p50: q(0.5), p95: q(0.95), max: q(1) },
      cpuShareCompressed: round(cpuS / wallS, 4),
      cpuShareAt30s: round(cpuS / wallS / compression, 4),
      cpuMsPerProbe: round((cpuS * 1000) / Math.max(1, probes), 3),
      heapGrowthMb: round((heap1 - heap0) / 1024 / 1024),
      events,
      metricPoints: points,
      rssMb: round(rss / 1024 / 1024),
      loadAverage: round(loadavg()[0] ?? 0),
    };
  } finally {
    child.kill('SIGTERM');
  }
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(JSON.stringify(await runProbeBench({ seconds: Number(process.argv[2] ?? '30') }), null, 2) + '\n');
}
