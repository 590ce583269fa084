/**
 * The soak part of `npm run bench`: a 10-minute `npm run soak` (50 servers, a fault a minute, the
 * protocol's real intervals); --quick runs one minute of 5 servers on the compressed scale.
 * Returns the figures, not the per-fault detail (that is in the JSON report `npm run soak` writes).
 */
import { MINUTE, SECOND } from '../../shared/domain/ids';
import { defaultOptions, FAST_SCALE, REAL_SCALE } from '../soak/options';
import { runSoak } from '../soak/soak';

export async function soakBench(quick: boolean): Promise<Record<string, unknown>> {
  const minutes = quick ? 1 : 10;
  const report = await runSoak(
    defaultOptions({
      minutes,
      servers: quick ? 5 : 50,
      scale: quick ? FAST_SCALE : REAL_SCALE,
      faultEveryMs: quick ? 7 * SECOND : MINUTE,
      rssEveryMs: quick ? 5 * SECOND : MINUTE,
      verbose: false,
    }),
    { warmupMs: quick ? 20 * SECOND : 5 * MINUTE, maxSlopeMbPerMin: quick ? undefined : 1, maxPeakMb: 1024 },
  );
  const { servers: _perServer, alerts: _alerts, ...events } = report.events;
  return {
    minutes,
    servers: report.servers,
    rssMb: report.rss.samples.map((s) => s.rssMb),
    rssSlopeMbPerMin: report.rss.slopeMbPerMin,
    rssPeakMb: report.rss.peakMb,
    events,
    faults: report.faultSummary,
    alerts: report.alerts,
    exits: report.exits.length,
    invariants: report.invariants,
    ok: report.ok,
  };
}
