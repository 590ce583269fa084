// Data bodies shared by the WebSocket loops and the REST snapshot endpoints (§5.2, §7.3).
// Key order follows the server's code, because clients may compare frames byte for byte.
import { isoUtc, pyFloat } from './frames';
import type { ForwarderRecord, ServerState } from './state';

const countBy = (fs: ForwarderRecord[], s: string): number => fs.filter((f) => f.status === s).length;

/** health_service.py::get_forwarder_health_summary (L2 data, GET /api/health/summary). */
export function healthSummary(state: ServerState, nowMs: number): Record<string, unknown> {
  const fs = [...state.forwarders.values()];
  return {
    total_forwarders: fs.length,
    active_forwarders: fs.filter((f) => f.isActive !== false).length,
    health_check_enabled: fs.filter((f) => f.isActive !== false).length,
    healthy_forwarders: countBy(fs, 'healthy'),
    unhealthy_forwarders: countBy(fs, 'unhealthy'),
    degraded_forwarders: countBy(fs, 'degraded'),
    unknown_forwarders: countBy(fs, 'unknown'),
    last_updated: isoUtc(nowMs),
    forwarder_details: fs.map((f) => ({
      id: f.id,
      name: f.name,
      type: f.type,
      is_active: f.isActive !== false,
      health_check_enabled: f.isActive !== false,
      status: f.status,
      healthy_servers: f.healthyServers,
      total_servers: f.totalServers,
      last_checked: f.lastChecked,
    })),
  };
}

/** GET /api/forwarders/health/summary: active forwarders only. */
export function forwardersHealthSummary(state: ServerState): Record<string, unknown> {
  const fs = [...state.forwarders.values()].filter((f) => f.isActive !== false);
  return {
    total_forwarders: fs.length,
    healthy_forwarders: countBy(fs, 'healthy'),
    unhealthy_forwarders: countBy(fs, 'unhealthy'),
    degraded_forwarders: countBy(fs, 'degraded'),
    unknown_forwarders: countBy(fs, 'unknown'),
    forwarder_details: fs.map((f) => ({
      id: f.id,
      name: f.name,
      type: f.type,
      status: f.status,
      healthy_servers: f.healthyServers,
      total_servers: f.totalServers,
      last_checked: f.lastChecked,
    })),
  };
}

const alerting = (state: ServerState): ForwarderRecord[] =>
  [...state.forwarders.values()].filter((f) => f.status === 'unhealthy' || f.status === 'degraded');

function serverStatuses(f: ForwarderRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < f.totalServers; i++) {
    const ok = i < f.healthyServers;
    out[`10.${f.id}.0.${i + 1}`] = {
      status: ok ? 'healthy' : 'unhealthy',
      response_time: ok ? pyFloat(12.5 + i) : null,
      error_message: ok ? null : 'Timeout',
      checked_at: f.lastChecked,
    };
  }
  return out;
}

/** GET /api/health/alerts: ids embed the current unix time, so they change on every call (Q16). */
export function healthAlerts(state: ServerState, nowMs: number): Record<string, unknown> {
  const unix = Math.floor(nowMs / 1000);
  const alerts = alerting(state).map((f) => ({
    id: `health_${f.id}_${unix}`,
    type: 'health_status',
    level: f.status === 'unhealthy' ? 'critical' : 'warning',
    forwarder_id: f.id,
    forwarder_name: f.name,
    message: `Forwarder ${f.name} is ${f.status}`,
    details: { status: f.status, healthy_servers: f.healthyServers, total_servers: f.totalServers, metric: 'status' },
    created_at: isoUtc(nowMs),
    acknowledged: false,
  }));
  return {
    alerts,
    total_alerts: alerts.length,
    critical_alerts: alerts.filter((a) => a.level === 'critical').length,
    warning_alerts: alerts.filter((a) => a.level === 'warning').length,
    generated_at: isoUtc(nowMs),
  };
}

/** GET /api/dashboard/health-alerts: stable ids forwarder_<id> (Q16). */
export function dashboardHealthAlerts(state: ServerState, nowMs: number): Record<string, unknown> {
  const alerts = alerting(state).map((f) => ({
    id: `forwarder_${f.id}`,
    level: f.status === 'unhealthy' ? 'critical' : 'warning',
    title: `Forwarder ${f.status === 'unhealthy' ? 'Down' : 'Degraded'}: ${f.name}`,
    message: `${f.healthyServers}/${f.totalServers} servers healthy`,
    timestamp: f.lastChecked ?? isoUtc(nowMs),
    forwarder_id: f.id,
    forwarder_name: f.name,
    status: f.status,
    healthy_servers: f.healthyServers,
    total_servers: f.totalServers,
    server_details: serverStatuses(f),
  }));
  return {
    alerts,
    total_alerts: alerts.length,
    critical_alerts: alerts.filter((a) => a.level === 'critical').length,
    warning_alerts: alerts.filter((a) => a.level === 'warning').length,
  };
}

export function unhealthyList(state: ServerState): Record<string, unknown> {
  const list = [...state.forwarders.values()]
    .filter((f) => f.status !== 'healthy' && f.status !== 'disabled')
    .map((f) => ({
      id: f.id,
      name: f.name,
      type: f.type,
      status: f.status,
      healthy_servers: f.healthyServers,
      total_servers: f.totalServers,
      last_checked: f.lastChecked,
      server_statuses: serverStatuses(f),
    }));
  return { unhealthy_forwarders: list, count: list.length };
}

/** GET /api/dashboard/bind-status: a stopped BIND reports "unknown" (Q19). */
export function bindStatus(state: ServerState, nowMs: number): Record<string, unknown> {
  if (!state.bindRunning) {
    return { status: 'unknown', uptime: null, version: null, config_valid: null, zones_loaded: 0, cache_size: 0 };
  }
  return {
    status: 'active',
    uptime: Math.floor((nowMs - state.bindStartedAt) / 1000),
    version: 'BIND 9.18.28-1~deb12u2-Debian (Extended Support Version) <id:>',
    config_valid: true,
    zones_loaded: [...state.zones.values()].filter((z) => z.isActive).length,
    cache_size: 1024 + (state.queriesToday % 4096),
  };
}

/** GET /api/zones/ item (Zone schema). */
function zoneItem(z: ServerState['zones'] extends Map<number, infer Z> ? Z : never): Record<string, unknown> {
  return {
    id: z.id,
    name: z.name,
    zone_type: z.zoneType,
    email: `hostmaster.${z.name}`,
    description: null,
    refresh: 10800,
    retry: 3600,
    expire: 604800,
    minimum: 86400,
    serial: z.serial,
    is_active: z.isActive,
    file_path: `/etc/bind/zones/db.${z.name}`,
    master_servers: null,
    forwarders: null,
    created_by: 1,
    updated_by: 1,
    created_at: z.createdAt,
    updated_at: z.updatedAt,
    record_count: 4 + (z.id % 7),
  };
}

export function zonesPage(state: ServerState, q: URLSearchParams): Record<string, unknown> {
  const activeOnly = q.get('active_only') === 'true';
  const limit = Math.max(1, Math.min(1000, Number(q.get('limit') ?? 100) || 100));
  const skip = Math.max(0, Number(q.get('skip') ?? 0) || 0);
  const all = [...state.zones.values()].filter((z) => !activeOnly || z.isActive).sort((a, b) => a.id - b.id);
  const items = all.slice(skip, skip + limit).map(zoneItem);
  const pages = Math.max(1, Math.ceil(all.length / limit));
  const page = Math.floor(skip / limit) + 1;
  return { items, total: all.length, page, per_page: limit, pages, has_next: page < pages, has_prev: page > 1 };
}

export function dashboardStats(state: ServerState, nowMs: number): Record<string, unknown> {
  const m = state.sampleMetrics();
  const fs = [...state.forwarders.values()];
  const zs = [...state.zones.values()];
  return {
    queries: {
      total_today: state.queriesToday,
      blocked_today: state.blockedToday,
      cached_hits: Math.floor(state.queriesToday * 0.6),
      average_response_time: pyFloat(0.0),
    },
    security: { blocked_domains: 1500 + state.threats.length, threats_blocked: state.blockedToday, rpz_zones_active: 3 },
    system: {
      uptime: Math.floor((nowMs - state.startedAt) / 1000),
      memory_usage: m.memory_usage,
      cpu_usage: m.cpu_usage,
      cache_size: 1024,
    },
    forwarders: { healthy: countBy(fs, 'healthy'), unhealthy: fs.length - countBy(fs, 'healthy'), total: fs.length },
    zones: {
      authoritative: zs.filter((z) => z.zoneType !== 'forward').length,
      forward: zs.filter((z) => z.zoneType === 'forward').length,
      total: zs.length,
    },
  };
}

/** GET /api/realtime/security/live?hours= */
export function securityLive(state: ServerState, q: URLSearchParams, nowMs: number): Record<string, unknown> {
  const hours = Math.max(1, Number(q.get('hours') ?? 1) || 1);
  const since = isoUtc(nowMs - hours * 3_600_000);
  const recent = state.threats.filter((t) => t.timestamp >= since);
  const cats = new Map<string, number>();
  for (const t of recent) cats.set(t.category, (cats.get(t.category) ?? 0) + t.frequency);
  return {
    recent_threats: recent.slice(0, 50),
    threat_categories: [...cats].map(([category, count]) => ({ category, count })),
    period_hours: hours,
    timestamp: isoUtc(nowMs),
  };
}
