/** Scripted fleets for UI tests and screenshots. */
import { SERVER_STATES } from '../../../shared/domain/serverState';
import type { FakeCore } from './FakeCore';
import { fleetEvent, forwarders, serverStatus } from './fakeData';
import { sampleAnalytics } from './fakeAnalytics';

const TYPES = [
  { type: 'forwarder_status_change', category: 'health', title: 'Forwarder Quad9 is unhealthy', severity: 'warning' },
  { type: 'zone_updated', category: 'dns', title: 'Zone corp.example updated (serial 2024061501)', severity: 'info' },
  { type: 'threat_detected', category: 'security', title: 'Blocked malware.example for 10.0.4.17', severity: 'error' },
  { type: 'bind_down', category: 'system', title: 'BIND stopped', severity: 'critical' },
  { type: 'connection_state', category: 'connection', title: 'Connection is live again', severity: 'info' },
] as const;

/** Adds n events spread over the last hours across the given servers, oldest first. */
export function seedEvents(core: FakeCore, servers: string[], n: number): void {
  const now = Date.now();
  const events = Array.from({ length: n }, (_, i) => {
    const t = TYPES[i % TYPES.length]!;
    const at = new Date(now - (n - i) * 37_000).toISOString();
    return fleetEvent({ serverId: servers[i % servers.length]!, type: t.type, category: t.category, severity: t.severity, title: `${t.title} #${i + 1}`, occurredAt: at, receivedAt: at, derived: i % 2 === 0 });
  });
  core.events = [...events].reverse();
}

export const scenarios = {
  empty: () => {},
  /** One tile per state, for the badge checks. */
  allStates: (core: FakeCore) => {
    for (const state of SERVER_STATES) core.setServer(serverStatus(`srv-${state}`, state, { name: `Server ${state}` }));
  },
  /** A realistic NOC picture for screenshots. */
  mixed: (core: FakeCore) => {
    core.setServer(serverStatus('dns-fra-1', 'live', { name: 'dns-fra-1 (Frankfurt)' }));
    core.setServer(serverStatus('dns-fra-2', 'live', { name: 'dns-fra-2 (Frankfurt)', forwarders: forwarders(2, 3) }));
    core.setServer(serverStatus('dns-ams-1', 'stale', { name: 'dns-ams-1 (Amsterdam)', lastDataAt: new Date(Date.now() - 95_000).toISOString(), detail: 'no data for 95 s' }));
    core.setServer(serverStatus('dns-lon-1', 'reconnecting', { name: 'dns-lon-1 (London)', detail: 'ECONNREFUSED', lastDataAt: new Date(Date.now() - 300_000).toISOString() }));
    core.setServer(serverStatus('dns-nyc-1', 'needs-2fa', { name: 'dns-nyc-1 (New York)' }));
    core.setServer(serverStatus('dns-sfo-1', 'tls-untrusted', { name: 'dns-sfo-1 (San Francisco)' }));
    core.setServer(serverStatus('dns-sin-1', 'live', { name: 'dns-sin-1 (Singapore)', bindRunning: false }));
    core.setServer(serverStatus('dns-lab', 'disabled', { name: 'dns-lab', forwarders: [], bindRunning: null }));
    seedEvents(core, ['dns-fra-1', 'dns-fra-2', 'dns-ams-1', 'dns-sin-1'], 400);
    scriptHistory(core, 'dns-fra-2');
    core.raiseAlert({ serverId: 'dns-fra-2', title: 'Forwarder Quad9 unhealthy', severity: 'error' });
    core.raiseAlert({ serverId: 'dns-sin-1', key: 'bind', rule: 'bind-down', title: 'BIND is not running', severity: 'critical' });
    core.raiseAlert({ serverId: 'dns-ams-1', key: 'connection', rule: 'stale', title: 'No data for 95 s', severity: 'warning', status: 'acknowledged', ack: { by: 'alice', at: new Date().toISOString(), note: 'known, ISP maintenance' } });
    core.analytics.set('dns-fra-2', sampleAnalytics('dns-fra-2'));
    const fleet = sampleAnalytics(null);
    core.analytics.set('*', { ...fleet, baselines: [...fleet.baselines, { ...fleet.baselines[0]!, serverId: 'dns-fra-1', state: 'learning', expectedQps: null, bandLowQps: null, bandHighQps: null, learnedHours: 5, detail: 'Learning: 5 of 24 hours of history seen; 80.0 qps now.' }] });
  },
};

/**
 * Chart history for one server, as shares of the chosen range back from now so every range shows
 * it: a reload, a config change, a maintenance window, a connection gap, and a forwarder that failed.
 */
export function scriptHistory(core: FakeCore, serverId: string): void {
  const H = 3_600_000;
  core.history.annotations.set(serverId, [
    { kind: 'bind-reload', agoMs: 0.8 * H, text: 'BIND reloaded: rndc reload by ops' },
    { kind: 'config-change', agoMs: 0.7 * H, text: 'Configuration changed: named.conf.options' },
    { kind: 'gap', agoMs: 0.5 * H, spanMs: 0.1 * H, text: 'Not live for 360 s: no data from the server; events in this span may be missing' },
    { kind: 'maintenance', agoMs: 0.25 * H, spanMs: 0.1 * H, text: 'Maintenance window: kernel update' },
  ]);
  core.history.forwarders.set(serverId, [
    { forwarderId: 1, name: 'Cloudflare', spans: [{ status: 'healthy', share: 1 }] },
    {
      forwarderId: 2,
      name: 'Quad9',
      spans: [
        { status: 'healthy', share: 0.4 },
        { status: 'unknown', share: 0.1 },
        { status: 'unhealthy', share: 0.5 },
      ],
    },
  ]);
}
