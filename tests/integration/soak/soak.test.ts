import { describe, expect, it } from 'vitest';
import { defaultOptions, FAST_SCALE, FAULT_KINDS } from '../../soak/options';
import { runSoak } from '../../soak/soak';

// The soak harness of `npm run soak`, shrunk to a minute so CI runs it: the real `dnsfleet monitor
// --json` process against four emulated servers (both stacks, two over TLS), a fault every 7 s
// from every kind, on the compressed time scale (FAST_SCALE: 1 s health, 5 s watchdog).
describe('soak harness, one minute', () => {
  it('keeps the monitor running, loses no event, and sees every fault honestly and recovers from it', async () => {
    const report = await runSoak(
      defaultOptions({ minutes: 1, servers: 4, seed: 7, faultEveryMs: 7000, faults: FAULT_KINDS, scale: FAST_SCALE, rssEveryMs: 5000, verbose: false }),
      { warmupMs: 20_000, maxPeakMb: 1024 },
    );
    const failed = report.invariants.filter((i) => !i.ok);
    expect(failed, JSON.stringify({ failed, faults: report.faults, exits: report.exits }, null, 2)).toEqual([]);
    expect(report.exits).toEqual([]);
    // Traffic really flowed and was really counted on both sides.
    expect(report.events.sent).toBeGreaterThan(100);
    expect(report.events.stored).toBe(report.events.sent);
    // Each kind drew a target (disk-full only where a tmpfs can be mounted, i.e. as root).
    const kinds = new Set(report.faults.map((f) => f.kind));
    const diskLeftOut = report.notes.some((n) => n.startsWith('disk-full left out'));
    expect(kinds.size).toBeGreaterThanOrEqual(diskLeftOut ? 6 : 7);
    // A fault that cuts the link shows as a state other than live (never green while blind).
    for (const f of report.faults.filter((x) => x.kind === 'restart' || x.kind === 'hang' || x.kind === 'ban')) expect(f.leftLiveAs).not.toBeNull();
  }, 150_000);
});
