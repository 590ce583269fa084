/**
 * Exporter benchmark (`npm run bench -- --only exporter`): the time one /metrics scrape takes at
 * `servers` servers, each live with 4 forwarders, a query rate, a verdict and a few open alerts, plus an event
 * counter series per server, category and severity. Synthetic snapshots stand in for the core (the
 * scrape reads them through the same FleetReadingsSource interface); process metrics are on, as in
 * `dnsfleet monitor`. Reports p50/p95/max over `scrapes` scrapes after a warm-up, and the body size.
 */
import { loadavg } from 'node:os';
import { EVENT_CATEGORIES, SEVERITIES } from '../../shared/domain/fleetEvent';
import type { Alert } from '../../shared/domain/alert';
import type { ServerStatus } from '../../shared/domain/serverState';
import type { ServerVerdict } from '../../shared/domain/verdict';
import { FleetExporter, type FleetReadings } from '../../electron/core/export/FleetExporter';

export interface ExporterBenchResult {
  servers: number;
  scrapes: number;
  /** Wall time of one scrape. */
  scrapeMs: { p50: number; p95: number; max: number };
  /** CPU time of one scrape (user + system), less sensitive than wall time to a busy machine. */
  scrapeCpuMs: { p50: number; p95: number };
  /** 1-minute load average when the bench started: read the wall times against it. */
  loadAverage: number;
  bodyBytes: number;
  seriesLines: number;
}

function syntheticReadings(servers: number): FleetReadings {
  const statuses: ServerStatus[] = [];
  const openAlerts: Alert[] = [];
  const qps = new Map<string, number>();
  const verdicts: ServerVerdict[] = [];
  for (let i = 0; i < servers; i++) {
    const serverId = `dns-${String(i).padStart(3, '0')}`;
    const forwarders = ['internal', 'google', 'cloudflare', 'quad9'].map((name, id) => ({
      id,
      name,
      type: id === 0 ? 'internal' : 'public',
      status: (i + id) % 7 === 0 ? ('unhealthy' as const) : ('healthy' as const),
      healthyServers: 2,
      totalServers: 2,
      lastChecked: null,
    }));
    const at = '2026-12-06T22:00:00.000Z';
    statuses.push({ serverId, name: `DNS ${i}`, state: i % 10 === 0 ? 'reconnecting' : 'live', since: at, lastDataAt: at, stack: 'unified', reconnect: null, forwarders, bindRunning: i % 13 !== 0 });
    qps.set(serverId, 100 + i);
    const level = i % 10 === 0 ? 'blind' : i % 3 === 0 ? 'critical' : 'ok';
    verdicts.push({ serverId, name: `DNS ${i}`, level, reasons: [], acknowledged: false, since: at });
    if (i % 3 === 0) openAlerts.push({ id: `a${i}`, serverId, key: 'bind', rule: 'bind', severity: 'critical', title: 'BIND down', detail: '', status: 'active', raisedAt: at, lastSeenAt: at, resolvedAt: null, ack: null, snoozedUntil: null, eventId: null, count: 1 });
  }
  return { servers: statuses, openAlerts, qps, verdicts };
}

export async function runExporterBench(opts: { servers: number; scrapes: number }): Promise<ExporterBenchResult> {
  const readings = syntheticReadings(opts.servers);
  const exporter = new FleetExporter({ source: { read: () => Promise.resolve(readings) }, processMetrics: true });
  for (const s of readings.servers)
    for (const category of EVENT_CATEGORIES)
      for (const severity of SEVERITIES) exporter.countEvents([{ serverId: s.serverId, category, severity }]);
  let body = '';
  for (let i = 0; i < 20; i++) body = await exporter.scrape();
  const loadAverage = round(loadavg()[0]!);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < opts.scrapes; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    body = await exporter.scrape();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return {
    servers: opts.servers,
    scrapes: opts.scrapes,
    scrapeMs: { p50: quantile(times, 0.5), p95: quantile(times, 0.95), max: quantile(times, 1) },
    scrapeCpuMs: { p50: quantile(cpu, 0.5), p95: quantile(cpu, 0.95) },
    loadAverage,
    bodyBytes: Buffer.byteLength(body),
    seriesLines: body.split('\n').filter((l) => l && !l.startsWith('#')).length,
  };
}

const round = (ms: number) => Math.round(ms * 100) / 100;
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
}
