/**
 * Wire event vocabulary (§5.1): which names the unified router accepts, the name variants seen
 * in the ecosystem (Q24) and the category of every known type. Unknown names map to `other`.
 */
import type { EventCategory } from '../../../../shared/domain/fleetEvent';

/** models.py::EventType — the only names `subscribe_events` accepts (one bad name rejects all). */
export const UNIFIED_SUBSCRIBABLE = new Set([
  'health_update',
  'health_alert',
  'forwarder_status_change',
  'system_status',
  'zone_created',
  'zone_updated',
  'zone_deleted',
  'record_created',
  'record_updated',
  'record_deleted',
  'bind_reload',
  'config_change',
  'security_alert',
  'rpz_update',
  'threat_detected',
  'user_login',
  'user_logout',
  'session_expired',
  'connection_established',
  'subscription_updated',
  'ping',
  'pong',
  'admin_broadcast',
]);

/** §4.1 recommended list; router defaults left out on purpose (they only produce "Already subscribed"). */
export const UNIFIED_SUBSCRIPTIONS = [
  'health_alert',
  'forwarder_status_change',
  'zone_created',
  'zone_updated',
  'zone_deleted',
  'record_created',
  'record_updated',
  'record_deleted',
  'bind_reload',
  'config_change',
  'security_alert',
  'rpz_update',
  'threat_detected',
  'admin_broadcast',
] as const;
export const UNIFIED_ADMIN_SUBSCRIPTIONS = ['user_login', 'user_logout', 'session_expired'] as const;

/**
 * Q24 aliases: documentation / frontend spelling -> code spelling. A Map, because the key is a
 * server's string: in a plain object `constructor` or `__proto__` would find Object's own members.
 */
export const TYPE_ALIASES: ReadonlyMap<string, string> = new Map([
  ['rpz_updated', 'rpz_update'],
  ['forwarder_status_changed', 'forwarder_status_change'],
  ['threat_feed_updated', 'threat_feed_update'],
  ['bulk_operation_complete', 'bulk_operation_completed'],
]);

const GROUPS: ReadonlyArray<[EventCategory, string[]]> = [
  [
    'health',
    [
      'health_update',
      'health_alert',
      'forwarder_status_change',
      'forwarder_health_check',
      'performance_alert',
      'anomaly_alert',
      'resource_usage',
    ],
  ],
  [
    'system',
    [
      'system_status',
      'system_metrics',
      'bind_status_update',
      'network_interface_metrics',
      'network_metrics',
      'disk_metrics',
      'backup_started',
      'backup_completed',
      'backup_failed',
      'restore_started',
      'restore_completed',
      'restore_failed',
      'maintenance_started',
      'maintenance_completed',
      'service_started',
      'service_stopped',
      'service_restarted',
      'bind_reload',
      'config_change',
    ],
  ],
  [
    'dns',
    [
      'zone_created',
      'zone_updated',
      'zone_deleted',
      'record_created',
      'record_updated',
      'record_deleted',
      'zone_imported',
      'zone_exported',
      'record_bulk_operation',
      'bind_config_change',
      'config_backup',
      'config_restore',
      'query_update',
      'dns_query_log',
      'dns_query_batch',
      'dns_query_statistics',
      'dns_query_stats',
      'dns_query_blocked',
      'dns_query_allowed',
      'dns_analytics_update',
      'dns_query_stream',
      'dns_query_realtime',
    ],
  ],
  [
    'security',
    [
      'security_alert',
      'rpz_update',
      'threat_detected',
      'security_threat_detected',
      'rpz_rule_created',
      'rpz_rule_updated',
      'rpz_rule_deleted',
      'threat_feed_update',
      'threat_feed_error',
      'malware_blocked',
      'phishing_blocked',
      'suspicious_activity',
    ],
  ],
  [
    'user',
    [
      'user_login',
      'user_logout',
      'session_expired',
      'user_created',
      'user_updated',
      'user_deleted',
      'session_created',
      'authentication_failed',
      'permission_denied',
    ],
  ],
  [
    'connection',
    [
      'connection_established',
      'subscription_updated',
      'ping',
      'pong',
      'heartbeat',
      'connection_closed',
      'connection_error',
      'subscription_created',
      'subscription_deleted',
      'error',
      'validation_error',
      'connection_status',
    ],
  ],
  ['admin', ['admin_broadcast']],
];
const CATEGORY = new Map<string, EventCategory>();
for (const [category, types] of GROUPS) for (const t of types) CATEGORY.set(t, category);

export const canonicalType = (type: string): string => TYPE_ALIASES.get(type) ?? type;
export const categoryOf = (type: string): EventCategory => CATEGORY.get(type) ?? 'other';
