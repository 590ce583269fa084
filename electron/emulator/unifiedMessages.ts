// Client -> server messages on the unified stack (§4.1, unified_manager.py::handle_user_message)
// and the endpoint-level errors of unified_websocket.py (§3.2, §6.4).
import { randomUUID } from 'node:crypto';
import {
  ADMIN_ONLY_EVENTS,
  CATEGORY_EVENTS,
  ROUTER_DEFAULTS,
  SUBSCRIPTION_TTL_ADMIN_MS,
  SUBSCRIPTION_TTL_USER_MS,
  UNIFIED_EVENT_SET,
  UNIFIED_MAX_CONSECUTIVE_ERRORS,
  UNIFIED_SUPPORTED_TYPES,
  PRIORITIES,
} from './constants';
import { endpointErrorFrame, isoUtc, pyFloat, pythonJsonError } from './frames';
import type { UnifiedConn, UnifiedHub } from './unifiedSocket';
import type { EventPriority } from './types';

type Data = Record<string, unknown>;
const ADMIN_COMMANDS = new Set([
  'get_connection_stats',
  'get_router_stats',
  'get_all_connections',
  'disconnect_user',
  'broadcast_admin_message',
  'get_event_queue_status',
  'get_system_metrics',
  'clear_event_queue',
]);

export function handleUnifiedBinary(hub: UnifiedHub, conn: UnifiedConn): void {
  // receive_text() fails on a binary frame (KeyError 'text'); these errors add up (§6.4).
  conn.consecutiveErrors++;
  hub.enqueue(conn, endpointErrorFrame("Message handling error: 'text'", 'MESSAGE_HANDLER_ERROR', true, hub.ctx.now()));
  if (conn.consecutiveErrors >= UNIFIED_MAX_CONSECUTIVE_ERRORS) hub.disconnect(conn, 'User disconnected');
}

export function handleUnifiedText(hub: UnifiedHub, conn: UnifiedConn, text: string): void {
  const now = hub.ctx.now();
  conn.consecutiveErrors = 0; // reset on every received text frame, before parsing (§6.4)
  conn.lastActivity = now;
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch (err) {
    return void hub.enqueue(conn, endpointErrorFrame(`Invalid JSON format: ${pythonJsonError(text, err)}`, 'MESSAGE_ERROR', true, now)); // U10
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
    return void hub.enqueue(conn, endpointErrorFrame('Message must be a JSON object', 'MESSAGE_ERROR', true, now));
  }
  const m = msg as Data;
  if (!('type' in m)) return void hub.enqueue(conn, endpointErrorFrame("Message must contain 'type' field", 'MESSAGE_ERROR', true, now));
  const type = String(m['type']);
  const data = 'data' in m ? m['data'] : {};
  try {
    dispatch(hub, conn, type, data);
  } catch (err) {
    hub.reply(conn, 'error', { message: `Message processing error: ${err instanceof Error ? err.message : String(err)}` });
  }
}

/** data.get(...) on a non-dict raises like Python would. */
function asDict(data: unknown): Data {
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) return data as Data;
  const name = data === null ? 'NoneType' : Array.isArray(data) ? 'list' : typeof data === 'string' ? 'str' : 'int';
  throw new Error(`'${name}' object has no attribute 'get'`);
}

const pyRepr = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));

function dispatch(hub: UnifiedHub, conn: UnifiedConn, type: string, data: unknown): void {
  const { ctx } = hub;
  const now = (): string => isoUtc(ctx.now());
  if (ADMIN_COMMANDS.has(type) && conn.isAdmin) return adminCommand(hub, conn, type, data);
  switch (type) {
    case 'ping': // U3
      return hub.reply(conn, 'pong', {
        timestamp: now(),
        connection_health: true,
        uptime: pyFloat(Math.round((ctx.now() - conn.connectedAt) * 1000) / 1e6),
      });
    case 'pong': {
      ctx.counters.pongsReceived++;
      conn.lastPongMono = performance.now(); // counts even when the id mismatches
      const id = typeof data === 'object' && data !== null ? (data as Data)['connection_id'] : undefined;
      if (id !== undefined && id !== conn.id) hub.reply(conn, 'error', { message: 'Invalid pong response' });
      return;
    }
    case 'subscribe_events':
    case 'unsubscribe_events': {
      const list = asDict(data)['event_types'] ?? [];
      const names = Array.isArray(list) ? (list as unknown[]) : [];
      const bad = names.find((n) => typeof n !== 'string' || !UNIFIED_EVENT_SET.has(n));
      if (bad !== undefined) {
        return hub.reply(conn, 'validation_error', { message: `Invalid data: ${pyRepr(bad)} is not a valid EventType` }); // U12
      }
      return type === 'subscribe_events' ? subscribe(hub, conn, names as string[]) : unsubscribe(hub, conn, names as string[]);
    }
    case 'subscribe_category':
      return subscribeCategory(hub, conn, asDict(data)['categories']);
    case 'get_subscription_info':
      return subscriptionInfo(hub, conn);
    case 'get_connection_status': // U13
      return hub.reply(conn, 'connection_status', {
        user_id: conn.userId,
        username: conn.username,
        connected_at: isoUtc(conn.connectedAt),
        is_healthy: true,
        subscriptions: ['health_update', 'system_status', ...hub.activeSubs(conn.username)],
        message_count: conn.messageCount,
        last_activity: isoUtc(conn.lastActivity),
        connection_id: conn.id,
      });
    case 'health_check': // U14, Q8
      return hub.reply(conn, 'error', { message: "Message processing error: object of type 'Queue' has no len()" });
    case 'set_message_preferences': {
      const p = asDict(data)['preferences'];
      conn.preferences = typeof p === 'object' && p !== null ? (p as Data) : {};
      return hub.reply(conn, 'message_preferences_updated', { preferences: conn.preferences, updated_at: now() });
    }
    case 'get_message_preferences':
      return hub.reply(conn, 'message_preferences', {
        preferences: conn.preferences,
        default_preferences: { batch_messages: true, compress_data: false, max_message_rate: 100, priority_filter: 'normal' },
      });
    default: // U11 (admin commands from non-admins land here too)
      return hub.reply(conn, 'error', { message: `Unknown message type: ${type}`, supported_types: UNIFIED_SUPPORTED_TYPES });
  }
}

function subscribe(hub: UnifiedHub, conn: UnifiedConn, names: string[]): void {
  const active = new Set(hub.activeSubs(conn.username));
  const map = hub.subs.get(conn.username) ?? new Map<string, number>();
  hub.subs.set(conn.username, map);
  const added: string[] = [];
  const errors: string[] = [];
  const ttl = conn.isAdmin ? SUBSCRIPTION_TTL_ADMIN_MS : SUBSCRIPTION_TTL_USER_MS;
  for (const t of names) {
    if (ADMIN_ONLY_EVENTS.has(t) && !conn.isAdmin) errors.push(`Permission denied for event type: ${t}`);
    else if (ROUTER_DEFAULTS.has(t) || active.has(t)) errors.push(`Already subscribed to event type: ${t}`);
    else {
      map.set(t, hub.ctx.now() + ttl); // an active subscription is not renewed (Q21)
      active.add(t);
      added.push(t);
      if (!conn.local.includes(t)) conn.local.push(t);
    }
  }
  hub.reply(conn, 'subscription_updated', { subscriptions: added, updated_at: isoUtc(hub.ctx.now()), errors }); // U4
}

function unsubscribe(hub: UnifiedHub, conn: UnifiedConn, names: string[]): void {
  const map = hub.subs.get(conn.username);
  for (const t of names) {
    if (ROUTER_DEFAULTS.has(t)) continue; // the six router defaults cannot be removed
    map?.delete(t);
    conn.local = conn.local.filter((x) => x !== t);
  }
  // Q3: after an unsubscribe the reply lists the connection-local set.
  hub.reply(conn, 'subscription_updated', { subscriptions: [...conn.local], updated_at: isoUtc(hub.ctx.now()), errors: [] });
}

function subscribeCategory(hub: UnifiedHub, conn: UnifiedConn, cats: unknown): void {
  const ok: string[] = [];
  const errors: string[] = [];
  const map = hub.subs.get(conn.username) ?? new Map<string, number>();
  hub.subs.set(conn.username, map);
  const ttl = conn.isAdmin ? SUBSCRIPTION_TTL_ADMIN_MS : SUBSCRIPTION_TTL_USER_MS;
  for (const c of Array.isArray(cats) ? cats : []) {
    const events = typeof c === 'string' ? CATEGORY_EVENTS[c] : undefined;
    if (!events) errors.push(`Invalid category: ${String(c)}`);
    else if (c === 'user' && !conn.isAdmin) errors.push(`Permission denied for category: ${c}`);
    else {
      for (const t of events) if (!ROUTER_DEFAULTS.has(t) && !map.has(t)) map.set(t, hub.ctx.now() + ttl);
      ok.push(c as string);
    }
  }
  hub.reply(conn, 'category_subscription_updated', { categories: ok, errors, updated_at: isoUtc(hub.ctx.now()) });
}

/** Q7(a): once a subscribe_events has succeeded, the reply holds enum objects and kills the queue. */
function subscriptionInfo(hub: UnifiedHub, conn: UnifiedConn): void {
  const subs = hub.activeSubs(conn.username);
  if (subs.length > 0) {
    conn.poisoned = true;
    hub.ctx.log.debug('unified queue poisoned by get_subscription_info', { username: conn.username });
    return;
  }
  hub.reply(conn, 'subscription_info', {
    user_id: conn.username,
    total_subscriptions: 0,
    active_subscriptions: 0,
    default_subscriptions: [...ROUTER_DEFAULTS],
    subscribed_event_types: [...ROUTER_DEFAULTS],
    subscription_details: [],
    last_updated: isoUtc(hub.ctx.now()),
  });
}

function adminCommand(hub: UnifiedHub, conn: UnifiedConn, type: string, data: unknown): void {
  const { ctx } = hub;
  const now = isoUtc(ctx.now());
  const conns = [...hub.conns.values()];
  switch (type) {
    case 'get_connection_stats':
    case 'get_router_stats':
      return hub.reply(conn, type === 'get_connection_stats' ? 'connection_stats' : 'router_stats', {
        total_connections: conns.length,
        total_users: conns.length,
        total_messages_sent: ctx.counters.framesSent,
        timestamp: now,
      });
    case 'get_all_connections':
      return hub.reply(conn, 'all_connections', {
        connections: conns.map((c) => ({
          user_id: c.userId,
          username: c.username,
          is_admin: c.isAdmin,
          connected_at: isoUtc(c.connectedAt),
          connection_id: c.id,
        })),
        total_count: conns.length,
      });
    case 'disconnect_user': {
      const d = asDict(data);
      const target = hub.conns.get(String(d['user_id']));
      const reason = typeof d['reason'] === 'string' ? d['reason'] : 'Admin disconnect';
      hub.reply(conn, 'user_disconnected', { user_id: d['user_id'] ?? null, reason });
      if (target) hub.disconnect(target, reason);
      return;
    }
    case 'broadcast_admin_message': {
      const d = asDict(data);
      const p = (PRIORITIES as readonly string[]).includes(String(d['priority'])) ? (d['priority'] as EventPriority) : 'normal';
      const message = String(d['message'] ?? '');
      hub.reply(conn, 'admin_broadcast_sent', { event_id: randomUUID(), message, priority: p, sent_at: now });
      return hub.emit('admin_broadcast', { message, from_admin: conn.username, broadcast_time: now }, p); // U8
    }
    case 'get_event_queue_status':
      return hub.reply(conn, 'event_queue_status', {
        queue_size: 0,
        max_queue_size: 10000,
        queue_full: false,
        background_services_running: true,
        active_background_tasks: 4,
      });
    case 'get_system_metrics': {
      const m = ctx.state.sampleMetrics();
      return hub.reply(conn, 'system_metrics', {
        system: {
          cpu_usage: m.cpu_usage,
          memory_usage: m.memory_usage,
          memory_available: 2147483648,
          disk_usage: m.disk_usage,
          disk_free: 32212254720,
        },
        process: { memory_rss: 157286400, memory_vms: 734003200, cpu_percent: pyFloat(1.5), num_threads: 12 },
        websocket: {
          total_connections: conns.length,
          event_queue_size: 0,
          total_messages_sent: ctx.counters.framesSent,
          total_events_processed: ctx.counters.framesSent,
        },
      });
    }
    default:
      return hub.reply(conn, 'event_queue_cleared', { cleared_events: 0, cleared_at: now });
  }
}
