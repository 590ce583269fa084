import { describe, expect, it } from 'vitest';
import type { ProbeResult, ServerProbes } from '../../../shared/domain/probe';
import type { ServerStatus } from '../../../shared/domain/serverState';
import { FleetExporter, type FleetReadings } from '../../../electron/core/export/FleetExporter';

const status = (serverId: string): ServerStatus => ({
  serverId,
  name: serverId.toUpperCase(),
  state: 'live',
  since: '2026-12-06T22:00:00.000Z',
  lastDataAt: '2026-12-06T22:00:00.000Z',
  stack: 'legacy',
  reconnect: null,
  forwarders: [],
  bindRunning: true,
});
const result = (probe: string, over: Partial<ProbeResult>): ProbeResult => ({
  probe,
  kind: probe.startsWith('soa:') ? 'soa' : 'public',
  name: probe,
  qtype: 'A',
  at: '2026-12-06T22:00:00.000Z',
  outcome: 'answered',
  rcode: 'NOERROR',
  latencyMs: 3,
  transport: 'udp',
  serial: null,
  healthy: true,
  detail: '',
  ...over,
});
const view = (serverId: string, results: ProbeResult[]): ServerProbes => ({ serverId, intervalMs: 30_000, lastSetAt: '2026-12-06T22:00:00.000Z', target: '127.0.0.1:53 over UDP', results });

describe('probe metrics in the Prometheus exposition', () => {
  it('histograms answered latencies per server and probe, and exports the last success of each probe that ran', async () => {
    const readings: FleetReadings = { servers: [status('hq1')], openAlerts: [], qps: new Map() };
    const exporter = new FleetExporter({ source: { read: () => Promise.resolve(readings) } });
    exporter.observeProbes(view('hq1', [result('public', { latencyMs: 4 }), result('soa:corp.local', { latencyMs: 30 })]));
    exporter.observeProbes(
      view('hq1', [
        result('public', { outcome: 'timeout', latencyMs: null, rcode: null, healthy: false }),
        result('soa:corp.local', { latencyMs: 40 }),
        result('internal', { outcome: 'not-configured', latencyMs: null, healthy: false }),
      ]),
    );
    const text = await exporter.scrape();
    expect(text).toContain('dnsfleet_probe_latency_seconds_bucket{le="0.005",server="hq1",probe="public"} 1');
    expect(text).toContain('dnsfleet_probe_latency_seconds_count{server="hq1",probe="soa:corp.local"} 2');
    expect(text).toContain('dnsfleet_probe_latency_seconds_sum{server="hq1",probe="soa:corp.local"} 0.07');
    expect(text).toContain('dnsfleet_probe_success{server="hq1",probe="public"} 0');
    expect(text).toContain('dnsfleet_probe_success{server="hq1",probe="soa:corp.local"} 1');
    expect(text).not.toContain('probe="internal"');
  });

  it('drops the success series of a server no longer configured', async () => {
    let readings: FleetReadings = { servers: [status('hq1')], openAlerts: [], qps: new Map() };
    const exporter = new FleetExporter({ source: { read: () => Promise.resolve(readings) } });
    exporter.observeProbes(view('hq1', [result('public', {})]));
    expect(await exporter.scrape()).toContain('dnsfleet_probe_success{server="hq1",probe="public"} 1');
    readings = { servers: [], openAlerts: [], qps: new Map() };
    expect(await exporter.scrape()).not.toContain('dnsfleet_probe_success{');
  });
});
