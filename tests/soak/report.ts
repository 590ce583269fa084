/**
 * The end of a soak run: the figures (RSS every minute and its slope after warm-up, events sent vs.
 * stored, alerts vs. faults, time back to `live` vs. bound, process exits) and the invariants that
 * decide the exit code.
 */
import type { Ledger } from './ledger';
import type { ProcessExit, StateChange } from './monitor';
import type { FaultOutcome } from './outcomes';

export interface RssSample {
  atMs: number;
  rssMb: number;
}

export interface RssLimits {
  warmupMs: number;
  /** fail when the post-warm-up slope is steeper (needs 4+ samples after warm-up; undefined = report only) */
  maxSlopeMbPerMin?: number;
  maxPeakMb: number;
}

export interface SoakReport {
  startedAt: string;
  minutes: number;
  servers: { total: number; legacy: number; unified: number; tls: number };
  seed: number;
  context: Record<string, unknown>;
  rss: {
    samples: RssSample[];
    peakMb: number;
    warmupMs: number;
    slopeMbPerMin: number | null;
    samplesAfterWarmup: number;
    /** the slope over the run's second half only: caches that fill once show in the first */
    slopeSecondHalfMbPerMin: number | null;
  };
  events: Ledger & { monitorEventLines: number };
  faults: FaultOutcome[];
  /** every state line the monitor printed, so a report can be judged again offline */
  stateHistory: StateChange[];
  faultSummary: Record<string, { injected: number; withAlert: number; ok: number; pending: number; failed: number; maxBackS: number | null; maxBoundS: number | null }>;
  skippedFaults: { at: number; reason: string }[];
  /** raised: stored by the monitor; notified: printed (the storm gate caps notifications fleet-wide) */
  alerts: { raised: number; byKey: Record<string, number>; notified: number };
  exits: ProcessExit[];
  monitorStopCode: number | null;
  notes: string[];
  invariants: { name: string; ok: boolean; detail: string }[];
  ok: boolean;
}

/** Least-squares slope in MB per minute, or null with fewer than 2 points. */
export function slopeMbPerMin(samples: RssSample[]): number | null {
  if (samples.length < 2) return null;
  const xs = samples.map((s) => s.atMs / 60_000);
  const mx = xs.reduce((a, x) => a + x, 0) / xs.length;
  const my = samples.reduce((a, s) => a + s.rssMb, 0) / samples.length;
  let num = 0;
  let den = 0;
  samples.forEach((s, i) => {
    num += (xs[i]! - mx) * (s.rssMb - my);
    den += (xs[i]! - mx) ** 2;
  });
  return den === 0 ? null : num / den;
}

export function summariseFaults(faults: FaultOutcome[]): SoakReport['faultSummary'] {
  const out: SoakReport['faultSummary'] = {};
  for (const f of faults) {
    const s = (out[f.kind] ??= { injected: 0, withAlert: 0, ok: 0, pending: 0, failed: 0, maxBackS: null, maxBoundS: null });
    s.injected++;
    if (f.alerts > 0) s.withAlert++;
    s[f.verdict]++;
    if (f.backAfterMs !== null) s.maxBackS = Math.max(s.maxBackS ?? 0, Math.round(f.backAfterMs / 100) / 10);
    if (f.boundMs !== null) s.maxBoundS = Math.max(s.maxBoundS ?? 0, Math.round(f.boundMs / 1000));
  }
  return out;
}

export function invariants(r: Omit<SoakReport, 'invariants' | 'ok'>, limits: RssLimits): SoakReport['invariants'] {
  const failed = r.faults.filter((f) => f.verdict === 'failed');
  const list = [
    { name: 'no process exits', ok: r.exits.length === 0, detail: `${r.exits.length} exit(s) the harness did not ask for` },
    { name: 'monitor stopped cleanly on SIGTERM', ok: r.monitorStopCode === 0, detail: `exit code ${r.monitorStopCode}` },
    { name: 'no event lost', ok: r.events.lost === 0, detail: `sent ${r.events.sent}, stored ${r.events.stored}, lost ${r.events.lost}` },
    { name: 'nothing stored that was not sent', ok: r.events.extra === 0, detail: `${r.events.extra} stored wire event(s) beyond what the servers sent` },
    {
      name: 'every fault seen honestly and recovered within its bound',
      ok: failed.length === 0,
      detail: failed.length === 0 ? `${r.faults.length} fault(s)` : failed.map((f) => `#${f.n} ${f.kind} ${f.server ?? ''}: ${f.why}`).join('; '),
    },
    { name: 'some faults injected', ok: r.faults.length > 0, detail: `${r.faults.length} injected, ${r.skippedFaults.length} skipped` },
    { name: 'RSS peak bounded', ok: r.rss.peakMb <= limits.maxPeakMb, detail: `peak ${r.rss.peakMb} MB, limit ${limits.maxPeakMb} MB` },
  ];
  if (limits.maxSlopeMbPerMin !== undefined && r.rss.samplesAfterWarmup >= 4) {
    const slope = r.rss.slopeMbPerMin;
    list.push({
      name: 'RSS flat after warm-up',
      ok: slope !== null && slope <= limits.maxSlopeMbPerMin,
      detail: `slope ${slope?.toFixed(2)} MB/min over ${r.rss.samplesAfterWarmup} samples, limit ${limits.maxSlopeMbPerMin} MB/min`,
    });
  }
  return list;
}

export function formatReport(r: SoakReport): string {
  const lines = [
    `soak: ${r.minutes} min, ${r.servers.total} servers (${r.servers.legacy} legacy, ${r.servers.unified} unified, ${r.servers.tls} TLS), seed ${r.seed}`,
    `RSS MB by minute: ${r.rss.samples.map((s) => s.rssMb).join(' ')}`,
    `RSS peak ${r.rss.peakMb} MB; slope after ${Math.round(r.rss.warmupMs / 60_000)} min warm-up: ${r.rss.slopeMbPerMin?.toFixed(2) ?? 'n/a'} MB/min; over the second half: ${r.rss.slopeSecondHalfMbPerMin?.toFixed(2) ?? 'n/a'} MB/min`,
    `events: sent ${r.events.sent}, stored ${r.events.stored}, lost ${r.events.lost}, extra ${r.events.extra}; server-side drops ${r.events.serverDropped}; derived stored ${r.events.derivedStored}`,
    `faults: ${r.faults.length} injected, ${r.skippedFaults.length} skipped; process exits ${r.exits.length}`,
    `alerts: ${r.alerts.raised} raised (${Object.entries(r.alerts.byKey).map(([k, n]) => `${k} ${n}`).join(', ')}), ${r.alerts.notified} notified`,
    ...Object.entries(r.faultSummary).map(
      ([k, s]) =>
        `  ${k.padEnd(13)} ${s.injected} injected, ${s.withAlert} with a connection alert, ok ${s.ok}, pending ${s.pending}, failed ${s.failed}; back to live max ${s.maxBackS ?? '-'} s (bound max ${s.maxBoundS ?? '-'} s)`,
    ),
    ...r.notes.map((n) => `note: ${n}`),
    ...r.invariants.map((i) => `${i.ok ? 'PASS' : 'FAIL'}  ${i.name}: ${i.detail}`),
    r.ok ? 'soak: all invariants hold' : 'soak: INVARIANTS FAILED',
  ];
  return lines.join('\n');
}
