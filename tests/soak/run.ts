/**
 * `npm run soak -- --minutes N [--servers 50] [--seed S] [--fault-every SECONDS] [--faults a,b] [--fast]
 *  [--out report.json]`: the soak and chaos harness against the real `dnsfleet monitor --json`.
 * Prints the report, writes it as JSON (default soak-report.json in the temp dir), and exits 1 when
 * an invariant fails. Everything runs on 127.0.0.1 and stops by itself.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MINUTE, SECOND } from '../../shared/domain/ids';
import { defaultOptions, FAST_SCALE, FAULT_KINDS, REAL_SCALE, type FaultKind } from './options';
import { formatReport, runSoak } from './soak';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    servers: { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
    'fault-every': { type: 'string' },
    faults: { type: 'string' },
    fast: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});

const number = (name: string, v: string | undefined, min: number, max: number): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) {
    process.stderr.write(`soak: --${name} takes a number from ${min} to ${max}\n`);
    process.exit(2);
  }
  return n;
};

const faults = values.faults ? (values.faults.split(',') as FaultKind[]) : FAULT_KINDS;
const unknown = faults.filter((f) => !(FAULT_KINDS as readonly string[]).includes(f));
if (unknown.length > 0) {
  process.stderr.write(`soak: unknown fault(s) ${unknown.join(', ')}; known: ${FAULT_KINDS.join(', ')}\n`);
  process.exit(2);
}
const minutes = number('minutes', values.minutes, 0.5, 24 * 60);
const opts = defaultOptions({
  minutes,
  servers: number('servers', values.servers, 1, 200),
  seed: number('seed', values.seed, 0, 2 ** 31),
  faultEveryMs: values['fault-every'] ? number('fault-every', values['fault-every'], 1, 3600) * SECOND : MINUTE,
  faults,
  scale: values.fast ? FAST_SCALE : REAL_SCALE,
  rssEveryMs: values.fast ? 5 * SECOND : MINUTE,
  reportPath: values.out ?? join(tmpdir(), 'soak-report.json'),
});
// Warm-up: JIT, SQLite page caches, every session's first polls. With 50 servers a 60-minute run reached
// its plateau at minute 4, so the first 5 minutes (or half of a shorter run) are left out of the slope.
// A slope needs minutes of samples to mean anything: shorter runs report it without judging it.
const warmupMs = Math.min(5 * MINUTE, (minutes * MINUTE) / 2);
const report = await runSoak(opts, { warmupMs, maxSlopeMbPerMin: minutes >= 5 ? 1 : undefined, maxPeakMb: 1024 });
process.stdout.write(formatReport(report) + '\n');
process.stderr.write(`soak: report written to ${opts.reportPath}\n`);
process.exit(report.ok ? 0 : 1);
