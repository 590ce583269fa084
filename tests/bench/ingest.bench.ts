/**
 * Ingest benchmark: N emulated servers (in a child process, so the client's numbers are its own)
 * push an aggregate unified query_update storm; the real FleetService validates, normalises and
 * de-duplicates every frame and hands batches to `writer`. Measures frame-received -> onDidEmit
 * push and -> writer commit latency, throughput, client CPU and RSS. Baseline: a bare ws client
 * per server doing only JSON.parse on the same storm.
 *
 * A short warm-up storm runs first and is reported apart (`warmup`): in it the emulator and the
 * client are both still being compiled by V8 and, on two cores, take each other's CPU. With
 * `cores: 'one'` the client process (main and writer threads, and the baseline) is pinned to
 * CPU 0 and the emulator to CPU 1 (Linux taskset), which is what "on one core" asks.
 *   tsx tests/bench/ingest.bench.ts [servers] [eventsPerSecond] [seconds]
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import WebSocket from 'ws';
import { FleetService } from '../../electron/core/fleet/FleetService';
import { isoToMs } from '../../electron/core/util/isoTime';
import { systemClock } from '../../electron/core/platform';
import { nullLogger } from '../../electron/core/util/logger';
import type { FleetEvent } from '../../shared/domain/fleetEvent';
import { ServerConfigSchema } from '../../shared/domain/serverConfig';
import { MemoryCredentials } from '../integration/connectivity/helpers';

export interface IngestBenchOptions {
  servers: number;
  eventsPerSecond: number;
  seconds: number;
  writer: (events: FleetEvent[]) => Promise<void> | void;
  /** Seconds of storm before the measured one (default 5). */
  warmupSeconds?: number;
  /** 'one': the client on CPU 0 and the emulator on CPU 1; 'shared' (default): wherever the OS puts them. */
  cores?: 'one' | 'shared';
}
interface Percentiles {
  p50: number;
  p99: number;
  max: number;
  samples: number;
}
export interface IngestBenchResult {
  servers: number;
  eventsPerSecond: number;
  seconds: number;
  sent: number;
  pipeline: {
    received: number;
    written: number;
    eventsPerSec: number;
    pushLatencyMs: Percentiles;
    commitLatencyMs: Percentiles;
    cpuMs: number;
    /** Client CPU (all threads) per event received, in µs. */
    cpuUsPerEvent: number;
    rejected: number;
    duplicates: number;
    rssBeforeMb: number;
    rssPeakMb: number;
    rssAfterMb: number;
    heapPeakMb: number;
    /** RSS every 5 s from the start of the storm: "flat after warm-up" is read here. */
    rssTimelineMb: number[];
    /** p99 commit latency of each 10 s of the storm: a steady state, or a queue that grows? */
    commitP99ByWindowMs: number[];
  };
  baseline: { received: number; eventsPerSec: number; cpuMs: number; cpuUsPerEvent: number; rssAfterMb: number; heapPeakMb: number };
  warmup: { seconds: number; pushLatencyMs: Percentiles; commitLatencyMs: Percentiles };
  /** Whether the one-core placement was applied (it needs taskset and two CPUs). */
  pinned: boolean;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const mb = (n: number): number => Math.round((n / 1048576) * 10) / 10;

/**
 * Latencies (whole ms, as Date.now() gives them) counted in a fixed histogram: percentiles exact to
 * the ms, and the benchmark's own memory does not grow with the storm (keeping 1.2M samples twice
 * added ~40 MB to the RSS it reports). Beyond MAX_MS a sample counts as MAX_MS.
 */
class Samples {
  private static readonly MAX_MS = 120_000;
  private readonly counts = new Uint32Array(Samples.MAX_MS + 1);
  n = 0;
  private maxSeen = 0;
  push(v: number): void {
    const ms = Math.min(Samples.MAX_MS, Math.max(0, Math.round(v)));
    this.counts[ms]!++;
    this.n++;
    if (ms > this.maxSeen) this.maxSeen = ms;
  }
  percentiles(): Percentiles {
    const at = (q: number): number => {
      if (this.n === 0) return 0;
      const rank = Math.min(this.n - 1, Math.floor(q * this.n));
      let seen = 0;
      for (let ms = 0; ms <= this.maxSeen; ms++) {
        seen += this.counts[ms]!;
        if (seen > rank) return ms;
      }
      return this.maxSeen;
    };
    return { p50: at(0.5), p99: at(0.99), max: this.maxSeen, samples: this.n };
  }
}

/** How many promises are unfinished, and a wait for none to be. */
class Outstanding {
  private n = 0;
  private idle: (() => void)[] = [];
  track(p: Promise<unknown>): void {
    this.n++;
    void p.finally(() => {
      if (--this.n === 0) for (const wake of this.idle.splice(0)) wake();
    });
  }
  settled(): Promise<void> {
    return this.n === 0 ? Promise.resolve() : new Promise((r) => this.idle.push(r));
  }
}

async function startEmulators(count: number, pin: boolean): Promise<{ child: ChildProcess; urls: string[] }> {
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  const args = ['electron/emulator/cli.ts', '--count', String(count), '--query-rate', '0'];
  const child = spawn(pin ? 'taskset' : tsx, pin ? ['-c', '1', tsx, ...args] : args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const urls: string[] = [];
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    urls.push((JSON.parse(line) as { url: string }).url);
    if (urls.length === count) break;
  }
  return { child, urls };
}

/** Puts every thread of this process on CPU 0 (threads started later inherit it); false if it cannot. */
function pinSelf(cpuList: string): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpuList, String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const post = async (url: string, path: string, body: unknown): Promise<unknown> =>
  (await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();

async function storm(urls: string[], eventsPerSecond: number, seconds: number): Promise<number> {
  const per = eventsPerSecond / urls.length;
  await Promise.all(urls.map((u) => post(u, '/__emulator/storm', { eventsPerSecond: per, durationMs: seconds * 1000, wait: true })));
  return Math.round(per * seconds) * urls.length;
}

async function runPipeline(urls: string[], opts: IngestBenchOptions): Promise<IngestBenchResult['pipeline'] & { sent: number; warmup: IngestBenchResult['warmup'] }> {
  const creds = new MemoryCredentials();
  const configs = urls.map((url, i) => {
    const id = `bench-${String(i).padStart(2, '0')}`;
    void creds.set(id, 'password', 'monitor-pass');
    return ServerConfigSchema.parse({ id, name: id, url, username: 'monitor', stack: 'unified', pollSeconds: 3600 });
  });
  const fleet = new FleetService({ clock: systemClock, logger: nullLogger, credentials: creds });
  // Warm-up samples go to `warmup` (each batch picks its target when it arrives), so these hold
  // the measured storm only.
  const push = new Samples();
  const commit = new Samples();
  const warmup = { push: new Samples(), commit: new Samples() };
  const commitWindows: Samples[] = [];
  let measuring = false;
  let stormStarted = 0;
  let received = 0;
  let written = 0;
  let rssPeak = 0;
  // Writer calls run concurrently, as in the app (FleetService appends and moves on); each one
  // resolves when its batch is committed, which is when the renderer push happens.
  // Only a count of unfinished writes is kept: an array of every write's promise held each batch's
  // receive times (1.2 million numbers) to the end of the storm, counted as the client's growth.
  const writes = new Outstanding();
  fleet.onDidEmitEvents((batch) => {
    const now = Date.now();
    // The harness runs on the thread it measures: each receive time is parsed once, with the
    // event log's own ISO parser (Date.parse twice per event was a sixth of this thread's samples).
    const stormEvents = batch.filter((e) => e.type === 'query_update');
    const receivedMs = stormEvents.map((e) => isoToMs(e.receivedAt));
    const counted = measuring;
    const pushes = counted ? push : warmup.push;
    const commits = counted ? commit : warmup.commit;
    for (const r of receivedMs) pushes.push(now - r);
    if (counted) received += stormEvents.length;
    writes.track(
      Promise.resolve(opts.writer(batch)).then(() => {
        const at = Date.now();
        // Writes before the measured storm (connect snapshot, warm-up) count apart.
        const window = counted && stormStarted > 0 ? (commitWindows[Math.max(0, Math.floor((at - stormStarted) / 10_000))] ??= new Samples()) : null;
        for (const r of receivedMs) {
          commits.push(at - r);
          window?.push(at - r);
        }
        if (counted) written += stormEvents.length;
      }),
    );
  });
  const allLive = new Promise<void>((resolve) =>
    fleet.onDidChangeState(() => fleet.statuses().every((s) => s.state === 'live') && resolve()),
  );
  fleet.setServers(configs);
  await allLive;
  const warmupSeconds = opts.warmupSeconds ?? 5;
  if (warmupSeconds > 0) await storm(urls, opts.eventsPerSecond, warmupSeconds);
  await writes.settled();
  measuring = true;
  const rssBefore = process.memoryUsage().rss;
  let heapPeak = 0;
  let ticks = 0;
  const rssTimeline: number[] = [];
  const peak = setInterval(() => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
    if (++ticks % 20 === 0) rssTimeline.push(mb(m.rss));
  }, 250);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  stormStarted = Date.now();
  const sent = await storm(urls, opts.eventsPerSecond, opts.seconds);
  await new Promise((r) => setTimeout(r, 500));
  await writes.settled();
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(peak);
  const counters = configs.map((c) => fleet.session(c.id)!.diagnostics().frames);
  await fleet.dispose();
  return {
    sent,
    received,
    written,
    eventsPerSec: Math.round(received / elapsed),
    pushLatencyMs: push.percentiles(),
    commitLatencyMs: commit.percentiles(),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    cpuUsPerEvent: Math.round((cpu.user + cpu.system) / Math.max(1, received)),
    rejected: counters.reduce((a, c) => a + c.rejected, 0),
    duplicates: counters.reduce((a, c) => a + c.duplicates, 0),
    rssBeforeMb: mb(rssBefore),
    rssPeakMb: mb(Math.max(rssPeak, rssBefore)),
    rssAfterMb: mb(process.memoryUsage().rss),
    heapPeakMb: mb(heapPeak),
    rssTimelineMb: rssTimeline,
    commitP99ByWindowMs: [...commitWindows].map((w) => w?.percentiles().p99 ?? 0),
    warmup: { seconds: warmupSeconds, pushLatencyMs: warmup.push.percentiles(), commitLatencyMs: warmup.commit.percentiles() },
  };
}

async function runBaseline(urls: string[], opts: IngestBenchOptions): Promise<IngestBenchResult['baseline']> {
  let received = 0;
  const sockets = await Promise.all(
    urls.map(async (url) => {
      const login = (await post(url, '/api/auth/login', { username: 'monitor', password: 'monitor-pass' })) as { access_token: string };
      const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/unified/ws?token=${encodeURIComponent(login.access_token)}`);
      ws.on('message', (data) => {
        const msg = JSON.parse(data.toString()) as { type?: string; data?: { type?: string; connection_id?: string } };
        if (msg.type === 'ping') ws.send(JSON.stringify({ type: 'pong', data: { connection_id: msg.data?.connection_id } }));
        else if (msg.data?.type === 'query_update') received++;
      });
      await new Promise((r) => ws.once('open', r));
      return ws;
    }),
  );
  let heapPeak = 0;
  const peak = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 250);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await storm(urls, opts.eventsPerSecond, opts.seconds);
  await new Promise((r) => setTimeout(r, 500));
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(peak);
  for (const ws of sockets) ws.close();
  return {
    received,
    eventsPerSec: Math.round(received / elapsed),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    cpuUsPerEvent: Math.round((cpu.user + cpu.system) / Math.max(1, received)),
    rssAfterMb: mb(process.memoryUsage().rss),
    heapPeakMb: mb(heapPeak),
  };
}

export async function runIngestBench(opts: IngestBenchOptions): Promise<IngestBenchResult> {
  const wantPin = opts.cores === 'one' && cpus().length >= 2;
  const { child, urls } = await startEmulators(opts.servers, wantPin);
  const pinned = wantPin && pinSelf('0');
  try {
    // The baseline first: after the storm the event log's writer works off its search index
    // backlog in this process, and that CPU would be counted against the bare client.
    const baseline = await runBaseline(urls, opts);
    const pipeline = await runPipeline(urls, opts);
    const { sent, warmup, ...rest } = pipeline;
    return { servers: opts.servers, eventsPerSecond: opts.eventsPerSecond, seconds: opts.seconds, sent, pipeline: rest, baseline, warmup, pinned };
  } finally {
    if (pinned) pinSelf(`0-${cpus().length - 1}`);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [servers = 50, eps = 20_000, seconds = 60] = process.argv.slice(2).filter((a) => a !== '--one-core').map(Number);
  const cores = process.argv.includes('--one-core') ? 'one' : 'shared';
  const result = await runIngestBench({ servers, eventsPerSecond: eps, seconds, cores, writer: () => undefined });
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}
