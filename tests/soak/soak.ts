/**
 * One soak run: start the fleet, start the real `dnsfleet monitor --json`, inject a fault every
 * interval while the traffic runs, then end the faults, let the servers come back, freeze the
 * emulators so the counts are final, stop the monitor (it flushes) and compare.
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChaosMonkey } from './faults';
import { SoakFleet } from './fleet';
import { readLedger } from './ledger';
import { MonitorProcess } from './monitor';
import type { SoakOptions } from './options';
import { faultOutcomes } from './outcomes';
import { Random } from './random';
import { formatReport, invariants, slopeMbPerMin, summariseFaults, type RssLimits, type RssSample, type SoakReport } from './report';
import { SmallDisk } from './smallDisk';

const DISK_MB = 256;

export async function runSoak(opts: SoakOptions, limits: RssLimits): Promise<SoakReport> {
  const log = (msg: string): void => {
    if (opts.verbose) process.stderr.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
  };
  const dir = mkdtempSync(join(tmpdir(), 'dnsfleet-soak-'));
  const notes: string[] = [];
  const disk = opts.faults.includes('disk-full') ? SmallDisk.mount(join(dir, 'data'), DISK_MB) : null;
  if (disk && 'unavailable' in disk) notes.push(`disk-full left out: ${disk.unavailable}`);
  const smallDisk = disk instanceof SmallDisk ? disk : null;
  const fleet = await SoakFleet.start(opts.servers, opts.scale, opts.seed);
  try {
    return await withFleet(opts, limits, { dir, fleet, smallDisk, notes, log });
  } finally {
    await fleet.close();
    smallDisk?.unmount();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface RunParts {
  dir: string;
  fleet: SoakFleet;
  smallDisk: SmallDisk | null;
  notes: string[];
  log: (msg: string) => void;
}

async function withFleet(opts: SoakOptions, limits: RssLimits, p: RunParts): Promise<SoakReport> {
  const { dir, fleet, log } = p;
  const dataDir = join(dir, 'data');
  fleet.writeFleetFile(join(dir, 'fleet.json'), opts.scale);
  const monitor = new MonitorProcess(
    ['--config', join(dir, 'fleet.json'), '--data-dir', dataDir],
    // No keychain on purpose (passwords come from the environment): never touch the user's.
    { ...fleet.clientEnv(), DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/soak-bus' },
    log,
  );
  const random = new Random(opts.seed);
  const chaos = new ChaosMonkey(fleet, monitor, p.smallDisk, opts.scale, random, opts.faults, opts.seed);
  const startedAt = Date.now();
  monitor.start();
  const allLive = await monitor.waitUntil(() => fleet.servers.every((s) => monitor.stateOf(s.id) === 'live'), 120_000);
  if (!allLive) p.notes.push(`not every server was live 120 s after start: ${fleet.servers.filter((s) => monitor.stateOf(s.id) !== 'live').map((s) => `${s.id}=${monitor.stateOf(s.id) ?? '?'}`).join(', ')}`);
  log(`fleet of ${fleet.servers.length} ${allLive ? 'live' : 'partly live'} after ${Math.round((Date.now() - startedAt) / 1000)} s`);
  fleet.startThreats(opts.scale.threatEveryMs, random);

  const { rss, interrupted } = await soakPhase(opts, monitor, chaos, log, startedAt);
  chaos.endAll();
  if (interrupted) p.notes.push('interrupted before its time was up; no drain');
  else await drain(opts, fleet, monitor, log);
  const runEnd = Date.now();
  fleet.quiesce();
  // Frames already written are read and committed by the monitor before it is asked to stop.
  await new Promise((r) => setTimeout(r, 3000));
  const sent = new Map(fleet.servers.map((s) => [s.id, fleet.eventsSent(s)]));
  const stopCode = await monitor.stop();
  const ledger = readLedger(dataDir, fleet, sent);
  return buildReport(opts, limits, { startedAt, runEnd, rss, ledger, monitor, chaos, stopCode, notes: p.notes, fleet });
}

/** The timed part: a fault every interval, an RSS sample every rssEveryMs, until the time is up. */
async function soakPhase(
  opts: SoakOptions,
  monitor: MonitorProcess,
  chaos: ChaosMonkey,
  log: (m: string) => void,
  startedAt: number,
): Promise<{ rss: RssSample[]; interrupted: boolean }> {
  const samples: RssSample[] = [];
  const sample = (): void => {
    const bytes = monitor.rssBytes();
    if (bytes !== null) samples.push({ atMs: Date.now() - startedAt, rssMb: Math.round(bytes / 1048576) });
  };
  sample();
  const rssTimer = setInterval(sample, opts.rssEveryMs);
  const endAt = Date.now() + opts.minutes * 60_000;
  // Ctrl-C (or SIGTERM) ends the timed part early: the faults still end, the counts are still made.
  // The terminal's SIGINT reaches the monitor too, so the monitor is marked as told to stop.
  let interrupted = false;
  let wake = (): void => undefined;
  const onSignal = (): void => {
    interrupted = true;
    monitor.expectStop();
    log('interrupted: ending the faults and counting');
    wake();
  };
  const pause = (ms: number): Promise<void> => new Promise((r) => ((wake = r as () => void), setTimeout(r, ms)));
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    while (!interrupted && Date.now() + opts.faultEveryMs <= endAt) {
      await pause(opts.faultEveryMs);
      if (interrupted) break;
      const f = await chaos.injectNext();
      log(f ? `fault #${f.n} ${f.kind} ${f.server ?? '(data dir)'}: ${f.detail}` : 'no fault this round: no live server free');
    }
    if (!interrupted) await pause(Math.max(0, endAt - Date.now()));
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    clearInterval(rssTimer);
    sample();
  }
  return { rss: samples, interrupted };
}

/** After the last fault: wait (bounded) until every server that can be live is live again. */
async function drain(opts: SoakOptions, fleet: SoakFleet, monitor: MonitorProcess, log: (m: string) => void): Promise<void> {
  // A replaced session deliberately waits 5-10 min and an untrusted certificate waits for a human.
  const candidates = fleet.servers.filter((s) => !s.certChanged && monitor.stateOf(s.id) !== 'replaced');
  const ok = await monitor.waitUntil(() => candidates.every((s) => monitor.stateOf(s.id) === 'live'), opts.scale.drainMs);
  log(ok ? 'every server live again' : `drain ended with ${candidates.filter((s) => monitor.stateOf(s.id) !== 'live').length} server(s) not live`);
}

interface Collected {
  startedAt: number;
  runEnd: number;
  rss: RssSample[];
  ledger: ReturnType<typeof readLedger>;
  monitor: MonitorProcess;
  chaos: ChaosMonkey;
  stopCode: number | null;
  notes: string[];
  fleet: SoakFleet;
}

function buildReport(opts: SoakOptions, limits: RssLimits, c: Collected): SoakReport {
  const faults = faultOutcomes(c.chaos.faults, c.monitor.history, c.ledger.alerts, opts.scale, c.runEnd);
  const after = c.rss.filter((s) => s.atMs >= limits.warmupMs);
  const servers = c.fleet.servers;
  const partial: Omit<SoakReport, 'invariants' | 'ok'> = {
    startedAt: new Date(c.startedAt).toISOString(),
    minutes: opts.minutes,
    servers: { total: servers.length, legacy: servers.filter((s) => s.stack === 'legacy').length, unified: servers.filter((s) => s.stack === 'unified').length, tls: servers.filter((s) => s.tls).length },
    seed: opts.seed,
    context: { scale: opts.scale, faultEveryMs: opts.faultEveryMs, cpus: cpus().length, loadavg: loadavg(), node: process.version, monitorStarts: c.monitor.starts },
    rss: {
      samples: c.rss,
      peakMb: Math.max(0, ...c.rss.map((s) => s.rssMb)),
      warmupMs: limits.warmupMs,
      slopeMbPerMin: slopeMbPerMin(after),
      samplesAfterWarmup: after.length,
      slopeSecondHalfMbPerMin: slopeMbPerMin(c.rss.filter((s) => s.atMs >= (c.runEnd - c.startedAt) / 2)),
    },
    events: { ...c.ledger, monitorEventLines: c.monitor.eventLines },
    faults,
    stateHistory: c.monitor.history,
    faultSummary: summariseFaults(faults),
    skippedFaults: c.chaos.skipped,
    alerts: { raised: c.ledger.alerts.length, byKey: countBy(c.ledger.alerts.map((a) => a.key.split(':')[0]!)), notified: c.monitor.alerts.length },
    exits: c.monitor.exits,
    monitorStopCode: c.stopCode,
    notes: c.notes,
  };
  const inv = invariants(partial, limits);
  const report: SoakReport = { ...partial, invariants: inv, ok: inv.every((i) => i.ok) };
  if (opts.reportPath) writeFileSync(opts.reportPath, JSON.stringify(report, null, 2));
  return report;
}

/** Alert keys embed server strings (a threat's domain): counted in a Map, never on an object. */
function countBy(keys: string[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return Object.fromEntries(counts);
}

export { formatReport };
