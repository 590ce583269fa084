/**
 * Per-type shaping of one wire envelope into the parts of a FleetEvent: title, summary, severity,
 * a clean `data` object and, for frames that carry state, a Signal. Payload strings are only
 * copied and truncated, never interpreted (hostile payloads are just data).
 */
import { redactAnyCaseHead, redactedHead } from '../util/redact';
import type { EventCategory, Severity } from '../../../shared/domain/fleetEvent';
import type { ForwarderStatusChangeData, ZoneChangeData } from '../../../shared/domain/eventTypes';
import { boundData } from './boundedData';
import { toForwarderSnapshot, type Signal } from './signals';
import { categoryOf } from './wire/eventTypes';
import {
  ForwarderStatusWire,
  HealthSummarySchema,
  LegacySystemStatusSchema,
  MessageDataSchema,
  SystemMetricsSchema,
} from './wire/frames';
import { parseNestedSubtype, parseQueryUpdate } from './wire/hotFrames';

export interface Shaped {
  type: string;
  category: EventCategory;
  severity: Severity;
  title: string;
  summary: string;
  data: unknown;
  signal?: Signal;
}
export type ShapeResult = Shaped | { rejected: string };

/** A text field cut to `max`, masked first when it is cut (half a secret is no longer recognised downstream). */
const clip = (v: unknown, max = 200): string =>
  typeof v === 'string' ? (v.length > max ? redactedHead(v, max) + '…' : v) : v === undefined || v === null ? '' : clip(String(v), max);
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
/** A Map: `priority` is the server's string, and `constructor` must not find Object's. */
const PRIORITY_SEVERITY: ReadonlyMap<string, Severity> = new Map([
  ['low', 'debug'],
  ['normal', 'info'],
  ['high', 'warning'],
  ['critical', 'critical'],
  ['urgent', 'critical'],
]);
const SEVERITIES = new Set<Severity>(['debug', 'info', 'warning', 'error', 'critical']);

function severityOf(priority: string | undefined, severity: string | undefined, fallback: Severity): Severity {
  if (severity && SEVERITIES.has(severity as Severity)) return severity as Severity;
  return (priority && PRIORITY_SEVERITY.get(priority)) || fallback;
}

export function shapeEnvelope(type: string, data: unknown, at: number, priority?: string, severity?: string): ShapeResult {
  switch (type) {
    case 'health_update':
      return shapeHealth(data, at);
    case 'system_status':
      return shapeSystemStatus(data, at);
    case 'health_alert':
      return shapeHealthAlert(data);
    case 'forwarder_status_change':
      return shapeForwarderChange(data);
    case 'zone_created':
    case 'zone_updated':
    case 'zone_deleted':
      return shapeZone(type, data);
    case 'user_login':
    case 'user_logout':
    case 'session_expired': {
      const d = obj(data);
      return base(type, 'info', `${type.replace('_', ' ')}: ${clip(d.username)}`, '', d);
    }
    case 'admin_broadcast': {
      const d = obj(data);
      return base(type, severityOf(priority, undefined, 'info'), 'Admin broadcast', clip(d.message, 500), d);
    }
    case 'error':
    case 'validation_error': {
      const m = MessageDataSchema.safeParse(data);
      return base(
        type,
        'warning',
        type === 'error' ? 'Server reported an error' : 'Server rejected a request',
        m.success ? clip(m.data.message, 500) : '',
        obj(data),
      );
    }
    default: {
      const d = obj(data);
      const fallback: Severity = ['security_alert', 'threat_detected'].includes(type) ? 'warning' : 'info';
      return base(
        type,
        severityOf(priority, severity, fallback),
        type.replace(/_/g, ' '),
        clip(d.message ?? d.description ?? '', 500),
        data ?? null,
      );
    }
  }
}

function base(type: string, severity: Severity, title: string, summary: string, data: unknown, signal?: Signal): Shaped {
  return { type, category: categoryOf(type), severity, title: clip(title, 200), summary, data: boundData(data), ...(signal ? { signal } : {}) };
}

function shapeHealth(data: unknown, at: number): ShapeResult {
  const parsed = HealthSummarySchema.safeParse(data);
  if (!parsed.success) return { rejected: 'health_update payload is not a health summary' };
  const h = parsed.data;
  const forwarders = h.forwarder_details.map(toForwarderSnapshot);
  const summary = h.error
    ? clip(h.error, 300)
    : `${h.healthy_forwarders}/${h.total_forwarders} healthy, ${h.unhealthy_forwarders} unhealthy, ${h.degraded_forwarders} degraded`;
  const d = {
    total: h.total_forwarders,
    healthy: h.healthy_forwarders,
    unhealthy: h.unhealthy_forwarders,
    degraded: h.degraded_forwarders,
    forwarders,
  };
  // A failed summary (error + zeros) says nothing about forwarders: no signal, so nothing is "cleared".
  const signal: Signal | undefined = h.error ? undefined : { kind: 'forwarders', at, forwarders };
  // A periodic snapshot is telemetry: it repeats every 30 s, and each real change is its own
  // derived forwarder_status_change event with the right severity. Only a failed summary warns.
  return base('health_update', h.error ? 'warning' : 'debug', 'Forwarder health update', summary, d, signal);
}

function shapeSystemStatus(data: unknown, at: number): ShapeResult {
  const nested = parseNestedSubtype(data);
  if (nested) return shapeSubtype(nested.type, nested.data, at);
  const legacy = LegacySystemStatusSchema.safeParse(data);
  if (legacy.success) {
    const s = legacy.data;
    const d = { cpu: s.cpu_usage, memory: s.memory_usage, disk: s.disk_usage, bindRunning: s.bind9_running };
    const signal: Signal = {
      kind: 'system',
      at,
      cpu: s.cpu_usage,
      memory: s.memory_usage,
      disk: s.disk_usage,
      bindRunning: s.bind9_running,
    };
    return base(
      'system_status',
      'debug',
      'System status',
      `CPU ${s.cpu_usage}%, memory ${s.memory_usage}%, disk ${s.disk_usage}%, BIND ${s.bind9_running ? 'running' : 'NOT running'}`,
      d,
      signal,
    );
  }
  const d = obj(data);
  if (d.type === 'test_broadcast') return base('system_status', 'info', 'Test broadcast', clip(d.message, 500), d);
  if (typeof d.error === 'string') return base('system_status', 'warning', 'System status unavailable', clip(d.error, 300), d);
  return base('system_status', 'info', 'System status', '', data ?? null);
}

function shapeSubtype(subtype: string, data: Record<string, unknown>, at: number): ShapeResult {
  if (subtype === 'system_metrics') {
    const m = SystemMetricsSchema.safeParse(data);
    if (!m.success) return { rejected: 'system_metrics payload without numbers' };
    const s = m.data;
    const signal: Signal = { kind: 'system', at, cpu: s.cpu_usage, memory: s.memory_usage, disk: s.disk_usage, bindRunning: null };
    return base(
      'system_metrics',
      'debug',
      'System metrics',
      `CPU ${s.cpu_usage}%, memory ${s.memory_usage}%, disk ${s.disk_usage}%`,
      { cpu: s.cpu_usage, memory: s.memory_usage, disk: s.disk_usage },
      signal,
    );
  }
  if (subtype === 'query_update') return shapeQuery(data, at);
  if (subtype === 'anomaly_alert') {
    const anomalies = Array.isArray(data.anomalies) ? data.anomalies.slice(0, 20).map(obj) : [];
    return base('anomaly_alert', 'warning', 'Anomaly detected', anomalies.map((a) => clip(a.description, 200)).join('; '), { anomalies });
  }
  return base(subtype, 'info', subtype.replace(/_/g, ' '), '', data);
}

function shapeQuery(data: Record<string, unknown>, at: number): ShapeResult {
  const v = parseQueryUpdate(data);
  if (!v) return { rejected: 'query_update payload malformed' };
  const d = {
    domain: v.query_domain,
    queryType: v.query_type,
    clientIp: v.client_ip,
    blocked: v.blocked,
    // As the server reports it (BIND's query log carries no timing, so usually 0.0); null when absent.
    responseTime: typeof v.response_time === 'number' && Number.isFinite(v.response_time) ? v.response_time : null,
    qps: v.current_qps,
    queriesToday: v.total_queries_today,
    blockedToday: v.blocked_queries_today,
  };
  const signal: Signal = {
    kind: 'queries',
    at,
    qps: v.current_qps,
    queriesToday: v.total_queries_today,
    blockedToday: v.blocked_queries_today,
  };
  return base(
    'query_update',
    'debug',
    // What an operator scans a list of samples for: allowed or blocked, type, domain, client.
    `${v.blocked ? 'Blocked' : 'Allowed'} ${clip(v.query_type, 20) || '?'} ${clip(v.query_domain) || '(no domain)'} from ${clip(v.client_ip, 60) || '?'}`,
    `${v.blocked ? 'blocked' : 'allowed'} query for ${clip(v.query_domain)} (${clip(v.query_type, 20)}) from ${clip(v.client_ip, 60)}, ${v.current_qps} qps now`,
    d,
    signal,
  );
}

function shapeHealthAlert(data: unknown): ShapeResult {
  const d = obj(data);
  // The only live health_alert is the acknowledgement echo: it does not mean a new alert (§5.2).
  if (d.type === 'alert_acknowledged')
    return base('health_alert', 'info', 'Health alert acknowledged', `alert ${clip(d.alert_id, 100)}`, d);
  // The server's words about its forwarders (rare frames): masked in any case, like forwarder names.
  const message = typeof d.message === 'string' ? redactAnyCaseHead(d.message) : d.message;
  return base('health_alert', 'warning', 'Health alert', clip(message, 500), { ...d, message });
}

function shapeForwarderChange(data: unknown): ShapeResult {
  const d = obj(data);
  if (typeof d.forwarder_id !== 'number') return base('forwarder_status_change', 'warning', 'Forwarder status changed', '', d);
  const newStatus = ForwarderStatusWire.parse(d.new_status);
  const shaped: ForwarderStatusChangeData = {
    forwarderId: d.forwarder_id,
    // A forwarder's name, as in signals.ts toForwarderSnapshot: registered secrets masked in any case.
    forwarderName: clip(redactAnyCaseHead(String(d.forwarder_name ?? `#${d.forwarder_id}`), 1024)),
    oldStatus: d.old_status === undefined || d.old_status === null ? null : ForwarderStatusWire.parse(d.old_status),
    newStatus,
    healthyServers: typeof d.healthy_servers === 'number' ? d.healthy_servers : 0,
    totalServers: typeof d.total_servers === 'number' ? d.total_servers : 0,
  };
  const severity: Severity = newStatus === 'unhealthy' ? 'error' : newStatus === 'healthy' ? 'info' : 'warning';
  return base(
    'forwarder_status_change',
    severity,
    `Forwarder ${shaped.forwarderName} is ${newStatus}`,
    `${shaped.oldStatus ?? '?'} -> ${newStatus}`,
    shaped,
  );
}

function shapeZone(type: string, data: unknown): ShapeResult {
  const d = obj(data);
  const shaped: ZoneChangeData = {
    zoneId: typeof d.zone_id === 'number' ? d.zone_id : -1,
    zoneName: clip(d.zone_name ?? d.name),
    serial: typeof d.serial === 'number' ? d.serial : null,
  };
  return base(type, 'info', `Zone ${shaped.zoneName} ${type.slice(5)}`, '', shaped);
}
