// Protocol constants of the Hybrid DNS Server (§2.3, §3.2, §4.1, §5.1).

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/** models.py::EventType — the 23 values the unified router and subscribe_events accept (§5.1). */
export const UNIFIED_EVENT_TYPES = [
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
] as const;
export const UNIFIED_EVENT_SET: ReadonlySet<string> = new Set(UNIFIED_EVENT_TYPES);
export const PRIORITIES = ['low', 'normal', 'high', 'critical'] as const;

/** Admin-only event types (§2.2). */
export const ADMIN_ONLY_EVENTS: ReadonlySet<string> = new Set(['user_login', 'user_logout', 'session_expired']);

/** subscription_manager.py defaults: the router's real defaults, never expire (§3.2 note, Q3). */
export const ROUTER_DEFAULTS: ReadonlySet<string> = new Set([
  'health_update',
  'system_status',
  'connection_established',
  'subscription_updated',
  'ping',
  'pong',
]);

/** Connection-local defaults shown in U1 (20 for admins, in the vector's set order). */
export const LOCAL_DEFAULTS_ADMIN = [
  'zone_created',
  'health_update',
  'record_deleted',
  'security_alert',
  'user_logout',
  'ping',
  'bind_reload',
  'system_status',
  'zone_deleted',
  'pong',
  'record_updated',
  'rpz_update',
  'connection_established',
  'config_change',
  'user_login',
  'threat_detected',
  'record_created',
  'zone_updated',
  'session_expired',
  'subscription_updated',
];
export const LOCAL_DEFAULTS_USER = LOCAL_DEFAULTS_ADMIN.filter((t) => !ADMIN_ONLY_EVENTS.has(t));

/** U11 supported_types. */
export const UNIFIED_SUPPORTED_TYPES = [
  'ping',
  'pong',
  'subscribe_events',
  'unsubscribe_events',
  'subscribe_category',
  'get_subscription_info',
  'get_connection_status',
  'health_check',
  'set_message_preferences',
  'get_message_preferences',
];

/** The dns and health groups of §5.1, shared by the category mapping and the legacy connection types. */
const DNS_EVENTS = [
  'zone_created',
  'zone_updated',
  'zone_deleted',
  'record_created',
  'record_updated',
  'record_deleted',
  'bind_reload',
  'config_change',
];
const HEALTH_EVENTS = ['health_update', 'health_alert', 'forwarder_status_change', 'system_status'];

/** subscribe_category mapping (§4.1). */
export const CATEGORY_EVENTS: Readonly<Record<string, readonly string[]>> = {
  health: HEALTH_EVENTS,
  dns: DNS_EVENTS,
  security: ['security_alert', 'rpz_update', 'threat_detected'],
  user: ['user_login', 'user_logout', 'session_expired'],
  connection: ['connection_established', 'subscription_updated', 'ping', 'pong'],
  system: [],
};

/** Legacy enum: the 18 values, in L1 order (§5.1 item 2). */
export const LEGACY_ALL_EVENTS = [
  'health_update',
  'health_alert',
  'forwarder_status_change',
  'zone_created',
  'zone_updated',
  'zone_deleted',
  'record_created',
  'record_updated',
  'record_deleted',
  'security_alert',
  'rpz_update',
  'threat_detected',
  'system_status',
  'bind_reload',
  'config_change',
  'user_login',
  'user_logout',
  'session_expired',
];

/** Legacy connection types and their fixed subscriptions (§2.3). "unified" is the /api/websocket/ws case. */
export const LEGACY_TYPE_EVENTS: Readonly<Record<string, readonly string[]>> = {
  health: HEALTH_EVENTS,
  dns_management: DNS_EVENTS,
  security: ['security_alert', 'rpz_update', 'threat_detected', 'system_status'],
  system: ['system_status', 'bind_reload', 'config_change', 'user_login', 'user_logout'],
  admin: LEGACY_ALL_EVENTS,
  unified: ['system_status'],
};
export const LEGACY_ROUTED_TYPES: ReadonlySet<string> = new Set(['health', 'dns_management', 'security', 'system', 'admin']);

export const UNIFIED_MAX_CONNECTIONS = 500; // §6.6
export const LEGACY_MAX_CONNECTIONS = 100; // §6.6
export const UNIFIED_UNHEALTHY_QUEUE = 90; // §6.2 queue >= 90 -> unhealthy
export const UNIFIED_MAX_CONSECUTIVE_ERRORS = 5; // §6.4
export const SUBSCRIPTION_TTL_USER_MS = 24 * HOUR; // Q21
export const SUBSCRIPTION_TTL_ADMIN_MS = 168 * HOUR;
/** Per-socket send-buffer bound; beyond it frames are dropped (keeps storms bounded). */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
export const WS_MAX_PAYLOAD = 16 * 1024 * 1024; // §6.1
