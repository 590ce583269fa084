// The legacy stack, /api/websocket/ws/{type} (§2.3, §3.3, §4.2, websocket/manager.py): lax auth,
// one socket per (user id, type), global health_update / system_status loops.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { LEGACY_MAX_CONNECTIONS, LEGACY_ROUTED_TYPES, LEGACY_TYPE_EVENTS } from './constants';
import type { EmulatorContext } from './context';
import { controlFrame, isoUtc, legacyIdlePing, pyTypeName } from './frames';
import { refuseUpgrade } from './httpUtil';
import { corkAll, ServerSocket } from './serverSocket';
import { healthSummary } from './snapshots';

interface LegacyConn {
  key: string;
  type: string;
  events: readonly string[];
  sock: ServerSocket;
}

export class LegacyHub {
  private readonly conns = new Map<string, LegacyConn>();
  private healthTimer: NodeJS.Timeout | null = null;
  private systemTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly wss: WebSocketServer,
  ) {}

  get openCount(): number {
    return this.conns.size;
  }

  /** Runs `emit` with every socket corked: its frames leave in one write per socket. */
  corked(emit: () => void): void {
    corkAll([...this.conns.values()].map((c) => c.sock), emit);
  }

  /** type is the path segment after /api/websocket/ws/, or 'unified' for the bare /api/websocket/ws. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, type: string): void {
    const refuse = (why: string): void => {
      this.ctx.counters.handshakesRefused++;
      this.ctx.log.debug('legacy handshake refused', { why, type });
      refuseUpgrade(socket, 403);
    };
    // Q6: in any other migration mode the routed endpoint hands off to the unified manager and fails.
    if (this.ctx.flags.migrationMode !== 'disabled') return refuse('migration mode');
    const token = url.searchParams.get('token');
    if (!token) return refuse('token required'); // 1008 pre-accept -> 403
    if (type !== 'unified' && !LEGACY_ROUTED_TYPES.has(type)) return refuse('invalid connection type');
    const claims = this.ctx.tokens.legacyClaims(token);
    if (claims === 'no_sub') return refuse('authentication failed'); // 4001 pre-accept -> 403
    if (this.conns.size >= LEGACY_MAX_CONNECTIONS) return refuse('overloaded'); // 1013 -> 403
    const userId = typeof claims['user_id'] === 'number' ? claims['user_id'] : 1;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, `${userId}:${type}`, type));
  }

  private accept(ws: WebSocket, key: string, type: string): void {
    if (this.ctx.flags.closed) return void ws.terminate();
    const old = this.conns.get(key);
    if (old) {
      this.conns.delete(key);
      old.sock.close(1000, 'Replaced by new connection');
    }
    const events = LEGACY_TYPE_EVENTS[type] ?? ['system_status'];
    const conn: LegacyConn = { key, type, events, sock: undefined as unknown as ServerSocket };
    conn.sock = new ServerSocket(ws, this.ctx, {
      onText: (text) => this.onMessage(conn, text),
      onBinary: () => this.send(conn, 'error', { message: "Internal error: 'text'" }),
      onIdle: () => conn.sock.send(legacyIdlePing(this.ctx.now())), // L7
      onClose: () => {
        if (this.conns.get(key) === conn) this.conns.delete(key);
        this.stopIdleLoops();
      },
    });
    this.conns.set(key, conn);
    this.ctx.counters.legacyAccepted++;
    this.send(conn, 'connection_established', { connection_type: type, subscribed_events: [...events] }); // L1
    this.ensureLoops();
  }

  private send(conn: LegacyConn, type: string, data: unknown): void {
    conn.sock.send(controlFrame(type, data, this.ctx.now()));
  }

  private onMessage(conn: LegacyConn, text: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return this.send(conn, 'error', { message: 'Invalid JSON format' });
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
      return this.send(conn, 'error', { message: `Message error: '${pyTypeName(msg)}' object has no attribute 'get'` });
    }
    const m = msg as Record<string, unknown>;
    const data = (typeof m['data'] === 'object' && m['data'] !== null ? m['data'] : {}) as Record<string, unknown>;
    switch (m['type']) {
      case 'ping':
        return this.send(conn, 'pong', { timestamp: isoUtc(this.ctx.now()) }); // L4
      case 'get_system_info':
        return this.send(conn, 'system_info', {
          router_stats: { legacy_connections: this.conns.size, unified_connections: 0, migration_mode: this.ctx.flags.migrationMode },
          feature_flags: { migration_mode: this.ctx.flags.migrationMode },
          timestamp: isoUtc(this.ctx.now()),
        });
      case 'subscribe_events': // an echo only; changes nothing (§4.2)
        return this.send(conn, 'subscription_updated', { subscribed_events: data['event_types'] ?? [] });
      default:
        return this.send(conn, 'error', { message: `Unknown message type: ${typeof m['type'] === 'string' ? m['type'] : 'None'}` });
    }
  }

  // ---- loops (§2.3: global, started by the first socket of a looping type) ----

  private has(types: readonly string[]): boolean {
    for (const c of this.conns.values()) if (types.includes(c.type)) return true;
    return false;
  }

  private ensureLoops(): void {
    const { timers, t } = this.ctx;
    if (!this.healthTimer && this.has(['health', 'admin'])) {
      this.healthTimer = timers.interval(() => this.pushHealthUpdate(), t.healthIntervalMs);
      this.pushHealthUpdate(); // "immediately when the first socket starts the loop"
    }
    if (!this.systemTimer && this.has(['system', 'admin'])) {
      // The first sample takes ~1 s (psutil.cpu_percent(interval=1)), see L3 vs L1 timestamps.
      const first = Math.min(1000, t.systemIntervalMs);
      this.systemTimer = timers.timeout(() => {
        this.pushSystemStatus();
        this.systemTimer = timers.interval(() => this.pushSystemStatus(), t.systemIntervalMs);
      }, first);
    }
  }

  private stopIdleLoops(): void {
    if (this.healthTimer && !this.has(['health', 'admin'])) {
      this.ctx.timers.clear(this.healthTimer);
      this.healthTimer = null;
    }
    if (this.systemTimer && !this.has(['system', 'admin'])) {
      this.ctx.timers.clear(this.systemTimer);
      this.systemTimer = null;
    }
  }

  private broadcast(eventType: string, data: unknown, onlyTypes?: readonly string[]): void {
    let frame: string | null = null;
    let delivered = false;
    for (const c of this.conns.values()) {
      if (onlyTypes ? !onlyTypes.includes(c.type) : !c.events.includes(eventType)) continue;
      frame ??= controlFrame(eventType, data, this.ctx.now());
      delivered = c.sock.send(frame) || delivered;
    }
    if (delivered) this.ctx.counters.eventsSent++;
  }

  /** L2 to every socket subscribed to health_update (health, admin). */
  pushHealthUpdate(): void {
    this.broadcast('health_update', healthSummary(this.ctx.state, this.ctx.now()));
  }

  /** L3 to every socket subscribed to system_status. */
  pushSystemStatus(): void {
    const m = this.ctx.state.sampleMetrics();
    this.broadcast('system_status', {
      ...m,
      bind9_running: this.ctx.state.bindRunning,
      active_connections: this.conns.size,
      timestamp: isoUtc(this.ctx.now()),
    });
  }

  /** L6: POST /api/auth/logout -> admin-type sockets only. */
  userLogout(userId: number, username: string): void {
    this.broadcast('user_logout', { user_id: userId, username, logout_time: isoUtc(this.ctx.now()) }, ['admin']);
  }

  /** L5: POST /api/realtime/alerts/acknowledge/{id}. */
  alertAcknowledged(alertId: string): void {
    this.broadcast('health_alert', { type: 'alert_acknowledged', alert_id: alertId, timestamp: isoUtc(this.ctx.now()) });
  }

  /** POST /api/realtime/broadcast/test?message= -> system_status {type:"test_broadcast"}. */
  testBroadcast(message: string): void {
    this.broadcast('system_status', { type: 'test_broadcast', message, timestamp: isoUtc(this.ctx.now()) });
  }

  /** Any frame to all sockets (or those of one connection type). */
  sendRaw(frame: string, connectionType?: string): number {
    let n = 0;
    for (const c of this.conns.values()) if (!connectionType || c.type === connectionType) n += c.sock.send(frame) ? 1 : 0;
    return n;
  }

  closeAll(code: number, reason: string): void {
    for (const c of [...this.conns.values()]) c.sock.close(code, reason);
  }

  protocolTick(): void {
    for (const c of this.conns.values()) c.sock.protocolTick();
  }

  resumeAfterHang(): void {
    for (const c of this.conns.values()) c.sock.resetKeepalive();
  }

  /** Cut every socket (a firewall reset); the close handlers tidy up as after any disconnect. */
  resetAll(): void {
    for (const c of [...this.conns.values()]) c.sock.ws.terminate();
  }

  terminateAll(): void {
    for (const c of this.conns.values()) c.sock.terminate();
    this.conns.clear();
    this.healthTimer = null;
    this.systemTimer = null;
  }
}
