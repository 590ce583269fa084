/**
 * `dnsfleet analytics`: query analytics from the event log's rollups (top domains and clients,
 * blocked and NXDOMAIN ratio) for one server or the fleet, and what each server's QPS baseline has
 * learned (qps-baseline.json). Reads in place; safe while a monitor is writing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AnalyticsRangeSchema, type QueryAnalytics } from '../../../shared/domain/analytics';
import { AnalyticsSettingsSchema, type AnalyticsSettings } from '../../core/analytics/analyticsSettings';
import { baselineFileStore } from '../../core/analytics/baselineFile';
import { band, expectedQps } from '../../core/analytics/QpsModel';
import { EventLogReader } from '../../core/eventlog/EventLogReader';
import { DB_FILE } from '../../core/eventlog/openDatabase';
import { ConfSettingsStore } from '../../core/settings/ConfSettingsStore';
import { nullLogger } from '../../core/util/logger';
import { terminalText } from './terminalText';

interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface BaselineSummary {
  server: string;
  learnedHours: number;
  warmupHours: number;
  /** What is usual at this hour of the week; null while learning. */
  usualQps: number | null;
  bandLowQps: number | null;
  bandHighQps: number | null;
}

export async function analyticsCommand(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { 'data-dir': { type: 'string' }, server: { type: 'string' }, range: { type: 'string', default: '1h' }, top: { type: 'string', default: '10' }, json: { type: 'boolean', default: false } },
      strict: true,
    }));
  } catch (err) {
    return fail(io, (err as Error).message);
  }
  const dataDir = values['data-dir'];
  if (!dataDir) return fail(io, 'analytics needs --data-dir <dir>');
  if (!existsSync(join(dataDir, DB_FILE))) return fail(io, `no event log in ${dataDir} (expected ${DB_FILE})`);
  const range = AnalyticsRangeSchema.safeParse(values.range);
  if (!range.success) return fail(io, '--range takes 15m, 1h or 24h');
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > 50) return fail(io, '--top takes a whole number from 1 to 50');
  const log = EventLogReader.open(dataDir);
  try {
    const queries = log.queryAnalytics({ serverId: values.server ?? null, range: range.data, top });
    const baselines = readBaselines(dataDir, values.server ?? null, analyticsSettings(dataDir));
    io.stdout.write(values.json ? JSON.stringify({ queries, baselines }) + '\n' : render(queries, baselines));
    return 0;
  } catch (err) {
    return fail(io, (err as Error).message);
  } finally {
    log.close();
  }
}

function analyticsSettings(dataDir: string): AnalyticsSettings {
  if (!existsSync(join(dataDir, 'settings.json'))) return AnalyticsSettingsSchema.parse({});
  const store = ConfSettingsStore.open({ dataDir, logger: nullLogger });
  try {
    return store.get().analytics;
  } finally {
    store.dispose();
  }
}

export function readBaselines(dataDir: string, serverId: string | null, s: AnalyticsSettings, now = Date.now()): BaselineSummary[] {
  const out: BaselineSummary[] = [];
  for (const [server, m] of baselineFileStore(dataDir).load()) {
    if (serverId !== null && server !== serverId) continue;
    const usual = expectedQps(m, now, s.qpsWarmupHours);
    const b = usual === null ? null : band(usual, s.qpsBandPercent);
    out.push({ server, learnedHours: m.learnedHours, warmupHours: s.qpsWarmupHours, usualQps: usual, bandLowQps: b?.low ?? null, bandHighQps: b?.high ?? null });
  }
  return out;
}

const pct = (r: number | null) => (r === null ? 'no samples' : `${(r * 100).toFixed(1)} %`);
const qps = (v: number | null) => (v === null ? '-' : v.toFixed(v >= 100 ? 0 : 1));

function render(q: QueryAnalytics, baselines: BaselineSummary[]): string {
  const lines = [
    `${q.serverId === null ? 'Fleet' : terminalText(q.serverId)}, last ${q.range} (since ${new Date(q.fromMs).toISOString()}): ${q.samples} query samples`,
    q.source,
    `Blocked: ${pct(q.blockedRatio)}   NXDOMAIN: ${q.nxdomainRatio === null ? 'unknown' : pct(q.nxdomainRatio)}`,
  ];
  if (q.nxdomainRatio === null) lines.push(`  (${q.nxdomainNote})`);
  for (const [title, rows] of [['Top domains', q.topDomains], ['Top clients', q.topClients]] as const) {
    lines.push('', `${title}${q.approximate ? ' (estimates: count, at least count - error)' : ''}:`);
    if (rows.length === 0) lines.push('  (none)');
    for (const h of rows) lines.push(`  ${String(h.count).padStart(8)}${h.error > 0 ? ` (-${h.error})` : ''}  ${terminalText(h.key)}`);
  }
  lines.push('', 'QPS baselines:');
  if (baselines.length === 0) lines.push('  (none saved yet)');
  for (const b of baselines)
    lines.push(
      `  ${terminalText(b.server)}: ${b.usualQps === null ? `learning (${b.learnedHours} of ${b.warmupHours} h)` : `usually ${qps(b.usualQps)} qps at this hour (band ${qps(b.bandLowQps)}-${qps(b.bandHighQps)}), ${b.learnedHours} h learned`}`,
    );
  return lines.join('\n') + '\n';
}

function fail(io: CliIo, msg: string): number {
  io.stderr.write(`dnsfleet analytics: ${msg}\n`);
  return 2;
}
