/**
 * A day of history for one demo server, written into a data dir before the app starts, so the
 * README's chart picture shows a real 24 h range from the event log's rollups: traffic, load,
 * a BIND reload, a configuration change, a zone update, a connection gap and a forwarder outage.
 */
import { SqliteEventLog } from '../../electron/core/eventlog/SqliteEventLog';
import { demoServerOptions } from '../../electron/emulator/demoFleet';
import type { FleetEvent } from '../../shared/domain/fleetEvent';

const MIN = 60_000;
const HOUR = 60 * MIN;

function event(serverId: string, type: string, at: number, title: string, data: unknown = {}, category: FleetEvent['category'] = 'system'): FleetEvent {
  const iso = new Date(at).toISOString();
  return { id: `seed-${type}-${at}`, serverId, type, category, severity: 'info', occurredAt: iso, receivedAt: iso, title, summary: '', data, derived: type !== 'bind_reload', dedupKey: `seed:${serverId}:${type}:${at}` };
}

/** Seeds `demo-<index + 1>`; returns the name of the forwarder that had an outage. */
export async function seedHistory(dataDir: string, index: number, now = Date.now()): Promise<string> {
  const serverId = `demo-${index + 1}`;
  const forwarders = demoServerOptions(index).forwarders ?? [];
  const failing = forwarders[0] ?? { id: 1, name: 'Quad9' };
  const log = SqliteEventLog.open({ dataDir, applyRetention: false });
  const gap = { from: now - 7 * HOUR, to: now - 6.4 * HOUR };
  const outage = { from: now - 3 * HOUR, to: now - 2.2 * HOUR };
  let queries = 0;
  let blocked = 0;
  for (let t = now - 24 * HOUR; t < now - 2 * MIN; t += MIN) {
    if (t >= gap.from && t < gap.to) continue;
    const day = Math.sin(((t % (24 * HOUR)) / (24 * HOUR)) * 2 * Math.PI - Math.PI / 2);
    const qps = 30 + 18 * day + 3 * Math.sin(t / (7 * MIN));
    queries += qps * 60;
    blocked += qps * 60 * (0.07 + 0.02 * Math.sin(t / (3 * HOUR)));
    log.appendMetric(serverId, 'qps', t, qps);
    log.appendMetric(serverId, 'queriesToday', t, Math.round(queries));
    log.appendMetric(serverId, 'blockedToday', t, Math.round(blocked));
    log.appendMetric(serverId, 'cpu', t, 22 + 10 * day + 4 * Math.sin(t / (11 * MIN)));
    log.appendMetric(serverId, 'memory', t, 48 + 3 * Math.sin(t / (5 * HOUR)));
    log.appendMetric(serverId, 'forwardersTotal', t, forwarders.length);
    log.appendMetric(serverId, 'forwardersHealthy', t, forwarders.length - (t >= outage.from && t < outage.to ? 1 : 0));
  }
  const change = (at: number, oldStatus: string, newStatus: string) =>
    event(serverId, 'forwarder_status_change', at, `Forwarder ${failing.name} is ${newStatus}`, { forwarderId: failing.id, forwarderName: failing.name, oldStatus, newStatus, healthyServers: 0, totalServers: 2 }, 'health');
  log.append([
    event(serverId, 'bind_reload', now - 15 * HOUR, 'rndc reload: server reload successful'),
    event(serverId, 'zone_updated', now - 11 * HOUR, 'Zone corp.local updated (serial 2025082902)', { zoneId: 1, zoneName: 'corp.local', serial: 2025082902 }, 'dns'),
    event(serverId, 'connection_gap', gap.from, 'No data', { from: new Date(gap.from).toISOString(), to: new Date(gap.to).toISOString(), seconds: (gap.to - gap.from) / 1000 }, 'connection'),
    event(serverId, 'config_change', now - 4.5 * HOUR, 'named.conf.options: forwarders changed'),
    change(outage.from, 'healthy', 'unhealthy'),
    change(outage.to, 'unhealthy', 'healthy'),
  ]);
  await log.close();
  return failing.name;
}
