import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import type { ServerStatus } from '../../../shared/domain/serverState';
import type { ServerVerdict, VerdictLevel } from '../../../shared/domain/verdict';
import { FleetExporter, type FleetReadings } from '../../../electron/core/export/FleetExporter';
import type { QpsBaselineView } from '../../../shared/domain/analytics';

const status = (over: Partial<ServerStatus> & { serverId: string }): ServerStatus => ({
  name: over.serverId.toUpperCase(),
  state: 'live',
  since: '2026-12-06T22:00:00.000Z',
  lastDataAt: '2026-12-06T22:00:00.000Z',
  stack: 'legacy',
  reconnect: null,
  forwarders: [],
  bindRunning: true,
  ...over,
});

const alert = (serverId: string, severity: Alert['severity'], status: Alert['status'] = 'active'): Alert => ({
  id: `${serverId}-${severity}-${Math.random()}`,
  serverId,
  key: 'k',
  rule: 'r',
  severity,
  title: 't',
  detail: '',
  status,
  raisedAt: '2026-12-06T22:00:00.000Z',
  lastSeenAt: '2026-12-06T22:00:00.000Z',
  resolvedAt: null,
  ack: null,
  snoozedUntil: null,
  eventId: null,
  count: 1,
});

const verdict = (serverId: string, level: VerdictLevel): ServerVerdict => ({ serverId, name: serverId, level, reasons: [], acknowledged: false, since: '2026-12-06T22:00:00.000Z' });

function exporterOver(readings: FleetReadings): { exporter: FleetExporter; set: (r: FleetReadings) => void } {
  let current = readings;
  const exporter = new FleetExporter({ source: { read: () => Promise.resolve(current) } });
  return { exporter, set: (r) => (current = r) };
}

const fwd = (id: number, name: string, st: 'healthy' | 'unhealthy') => ({
  id,
  name,
  type: 'public',
  status: st,
  healthyServers: 1,
  totalServers: 1,
  lastChecked: null,
});

describe('FleetExporter', () => {
  it('exposes each QPS baseline and whether the rate is outside its band; nothing while learning or unknown', async () => {
    const view = (serverId: string, state: QpsBaselineView['state'], expectedQps: number | null): QpsBaselineView => ({
      serverId,
      state,
      currentQps: state === 'unknown' ? null : 50,
      expectedQps,
      bandLowQps: expectedQps === null ? null : expectedQps * 0.6,
      bandHighQps: expectedQps === null ? null : expectedQps / 0.6,
      learnedHours: 30,
      warmupHours: 24,
      outsideSince: null,
      detail: '',
    });
    const { exporter } = exporterOver({
      servers: [status({ serverId: 'dns-a' }), status({ serverId: 'dns-b' }), status({ serverId: 'dns-c' }), status({ serverId: 'dns-d' })],
      openAlerts: [],
      qps: new Map(),
      baselines: [view('dns-a', 'low', 100), view('dns-b', 'normal', 55), view('dns-c', 'learning', null), view('dns-d', 'unknown', 80)],
    });
    const text = await exporter.scrape();
    expect(text).toContain('dnsfleet_qps_baseline{server="dns-a"} 100');
    expect(text).toContain('dnsfleet_qps_anomaly{server="dns-a"} 1');
    expect(text).toContain('dnsfleet_qps_anomaly{server="dns-b"} 0');
    expect(text).not.toMatch(/dnsfleet_qps_(baseline|anomaly)\{server="dns-c"\}/);
    expect(text).toContain('dnsfleet_qps_baseline{server="dns-d"} 80');
    expect(text).not.toContain('dnsfleet_qps_anomaly{server="dns-d"}');
  });

  it('exposes a live server: live 1, its state, BIND, forwarders and query rate', async () => {
    const { exporter } = exporterOver({
      servers: [status({ serverId: 'dns-a', forwarders: [fwd(1, 'google', 'healthy'), fwd(2, 'quad9', 'unhealthy')] })],
      openAlerts: [],
      qps: new Map([['dns-a', 42.5]]), verdicts: [],
    });
    const text = await exporter.scrape();
    expect(text).toContain('dnsfleet_server_live{server="dns-a"} 1');
    expect(text).toContain('dnsfleet_server_state{server="dns-a",state="live"} 1');
    expect(text).toContain('dnsfleet_server_state{server="dns-a",state="offline"} 0');
    expect(text).toContain('dnsfleet_bind_running{server="dns-a"} 1');
    expect(text).toContain('dnsfleet_forwarder_healthy{server="dns-a",forwarder="google"} 1');
    expect(text).toContain('dnsfleet_forwarder_healthy{server="dns-a",forwarder="quad9"} 0');
    expect(text).toContain('dnsfleet_queries_per_second{server="dns-a"} 42.5');
    expect(text).toContain('dnsfleet_server_info{server="dns-a",name="DNS-A"} 1');
    expect(text).toContain('# TYPE dnsfleet_events_total counter');
  });

  it('never reports a silent server as healthy: no BIND, forwarder or rate series while it is not live', async () => {
    const { exporter, set } = exporterOver({
      servers: [status({ serverId: 'dns-a', forwarders: [fwd(1, 'google', 'healthy')] })],
      openAlerts: [],
      qps: new Map([['dns-a', 10]]), verdicts: [],
    });
    expect(await exporter.scrape()).toContain('dnsfleet_bind_running{server="dns-a"} 1');
    set({ servers: [status({ serverId: 'dns-a', state: 'stale', forwarders: [fwd(1, 'google', 'healthy')] })], openAlerts: [], qps: new Map(), verdicts: [] });
    const text = await exporter.scrape();
    expect(text).toContain('dnsfleet_server_live{server="dns-a"} 0');
    expect(text).toContain('dnsfleet_server_state{server="dns-a",state="stale"} 1');
    expect(text).toContain('dnsfleet_server_state{server="dns-a",state="live"} 0');
    expect(text).not.toMatch(/^dnsfleet_bind_running\{/m);
    expect(text).not.toMatch(/^dnsfleet_forwarder_healthy\{/m);
    expect(text).not.toMatch(/^dnsfleet_queries_per_second\{/m);
  });

  it('drops the series of a server that was removed', async () => {
    const { exporter, set } = exporterOver({ servers: [status({ serverId: 'dns-a' }), status({ serverId: 'dns-b' })], openAlerts: [], qps: new Map(), verdicts: [] });
    expect(await exporter.scrape()).toContain('dnsfleet_server_live{server="dns-b"} 1');
    set({ servers: [status({ serverId: 'dns-a' })], openAlerts: [], qps: new Map(), verdicts: [] });
    expect(await exporter.scrape()).not.toContain('server="dns-b"');
  });

  it('escapes hostile forwarder names and keeps repeated names apart', async () => {
    const evil = 'evil"} 1\ndnsfleet_server_live{server="dns-x"} 1\\';
    const { exporter } = exporterOver({
      servers: [status({ serverId: 'dns-a', forwarders: [fwd(1, evil, 'unhealthy'), fwd(2, 'twin', 'healthy'), fwd(3, 'twin', 'unhealthy')] })],
      openAlerts: [],
      qps: new Map(), verdicts: [],
    });
    const text = await exporter.scrape();
    expect(text).toContain('forwarder="evil\\"} 1\\ndnsfleet_server_live{server=\\"dns-x\\"} 1\\\\"} 0');
    expect(text).not.toMatch(/^dnsfleet_server_live\{server="dns-x"\}/m);
    expect(text).toContain('dnsfleet_forwarder_healthy{server="dns-a",forwarder="twin"} 1');
    expect(text).toContain('dnsfleet_forwarder_healthy{server="dns-a",forwarder="twin (id 3)"} 0');
  });

  it('counts open alerts per server and severity, zero for the quiet ones', async () => {
    const { exporter } = exporterOver({
      servers: [status({ serverId: 'dns-a' }), status({ serverId: 'dns-b' })],
      openAlerts: [alert('dns-a', 'critical'), alert('dns-a', 'critical', 'acknowledged'), alert('dns-a', 'warning', 'snoozed')],
      qps: new Map(), verdicts: [],
    });
    const text = await exporter.scrape();
    expect(text).toContain('dnsfleet_alerts_open{server="dns-a",severity="critical"} 2');
    expect(text).toContain('dnsfleet_alerts_open{server="dns-a",severity="warning"} 1');
    expect(text).toContain('dnsfleet_alerts_open{server="dns-b",severity="critical"} 0');
  });

  it('exports the core verdict per server: 1 for its level, 0 for the others, following a change', async () => {
    const servers = [status({ serverId: 'dns-a' }), status({ serverId: 'dns-b', state: 'reconnecting' })];
    const { exporter, set } = exporterOver({ servers, openAlerts: [], qps: new Map(), verdicts: [verdict('dns-a', 'ok'), verdict('dns-b', 'blind')] });
    const text = await exporter.scrape();
    expect(text).toContain('dnsfleet_server_verdict{server="dns-a",level="ok"} 1');
    expect(text).toContain('dnsfleet_server_verdict{server="dns-a",level="critical"} 0');
    expect(text).toContain('dnsfleet_server_verdict{server="dns-b",level="blind"} 1');
    expect(text.match(/^dnsfleet_server_verdict\{server="dns-a",level="[a-z]+"\} 1$/gm)).toHaveLength(1);
    // A verdict for a server no longer configured leaves no series behind.
    set({ servers: [servers[0]!], openAlerts: [], qps: new Map(), verdicts: [verdict('dns-a', 'critical'), verdict('dns-b', 'blind')] });
    const after = await exporter.scrape();
    expect(after).toContain('dnsfleet_server_verdict{server="dns-a",level="critical"} 1');
    expect(after).toContain('dnsfleet_server_verdict{server="dns-a",level="ok"} 0');
    expect(after).not.toContain('server="dns-b"');
  });

  it('escapes a hostile server name in its label', async () => {
    const evil = 'DNS "A"} 1\ndnsfleet_server_live{server="dns-x"} 1\\';
    const { exporter } = exporterOver({ servers: [status({ serverId: 'dns-a', name: evil })], openAlerts: [], qps: new Map(), verdicts: [] });
    const text = await exporter.scrape();
    expect(text).toContain('dnsfleet_server_info{server="dns-a",name="DNS \\"A\\"} 1\\ndnsfleet_server_live{server=\\"dns-x\\"} 1\\\\"} 1');
    expect(text).not.toMatch(/^dnsfleet_server_live\{server="dns-x"\}/m);
  });

  it('counts stored events by server, category and severity', async () => {
    const { exporter } = exporterOver({ servers: [status({ serverId: 'dns-a' })], openAlerts: [], qps: new Map(), verdicts: [] });
    exporter.countEvents([
      { serverId: 'dns-a', category: 'health', severity: 'warning' },
      { serverId: 'dns-a', category: 'health', severity: 'warning' },
      { serverId: 'dns-a', category: 'security', severity: 'critical' },
    ]);
    const text = await exporter.scrape();
    expect(text).toContain('dnsfleet_events_total{server="dns-a",category="health",severity="warning"} 2');
    expect(text).toContain('dnsfleet_events_total{server="dns-a",category="security",severity="critical"} 1');
  });

  it('uses its own registry and adds the process metrics when asked', async () => {
    const withProcess = new FleetExporter({ source: { read: () => Promise.resolve({ servers: [], openAlerts: [], qps: new Map(), verdicts: [] }) }, processMetrics: true });
    const text = await withProcess.scrape();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(withProcess.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});
