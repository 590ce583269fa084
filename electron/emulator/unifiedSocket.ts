// The unified stack, /api/unified/ws (§1.7, §2.2, §3.2, §6.2, unified_manager.py): strict-ish auth
// before accept, one connection per username, app-level ping/pong, router subscriptions, events.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import {
  ADMIN_ONLY_EVENTS,
  LOCAL_DEFAULTS_ADMIN,
  LOCAL_DEFAULTS_USER,
  ROUTER_DEFAULTS,
  UNIFIED_EVENT_SET,
  UNIFIED_MAX_CONNECTIONS,
  UNIFIED_UNHEALTHY_QUEUE,
} from './constants';
import type { EmulatorContext } from './context';
import { controlFrame, eventFrame, isoLocal, isoUtc } from './frames';
import { refuseUpgrade } from './httpUtil';
import { maskForNonAdmin } from './masking';
import { corkAll, ServerSocket } from './serverSocket';
import { handleUnifiedBinary, handleUnifiedText } from './unifiedMessages';
import type { EventPriority } from './types';

export interface UnifiedConn {
  id: string; // 8 hex chars (§3.2 ping)
  username: string;
  userId: number;
  isAdmin: boolean;
  connectedAt: number; // ctx clock, for timestamps
  lastPongMono: number; // performance.now(), for the 180 s rule
  lastActivity: number;
  messageCount: number;
  local: string[]; // connection-local subscription set (U1), not used for routing (Q3)
  poisoned: boolean; // Q7: the outbound queue task died
  stuck: number; // messages stuck in a poisoned queue
  consecutiveErrors: number;
  preferences: Record<string, unknown>;
  sock: ServerSocket;
  pingTimer: NodeJS.Timeout | null;
}

export class UnifiedHub {
  readonly conns = new Map<string, UnifiedConn>(); // by username
  /** subscription_manager.py: username -> event type -> expiry (ctx clock ms). Survives reconnects. */
  readonly subs = new Map<string, Map<string, number>>();

  constructor(
    readonly ctx: EmulatorContext,
    private readonly wss: WebSocketServer,
  ) {
    const { timers, t } = ctx;
    timers.interval(() => this.pushSystemMetrics(), t.unifiedMetricsIntervalMs); // monitoring_service, ~61 s
    timers.interval(() => this.healthCheck(), Math.min(t.unifiedPingIntervalMs, t.pongTimeoutMs));
    this.setQueryRate(t.backgroundQueryRatePerSec);
  }

  private queryTimer: NodeJS.Timeout | null = null;

  /** The background rate of query_update samples (per second; 0 stops them): a resolver's traffic changing. */
  setQueryRate(perSecond: number): void {
    this.ctx.timers.clear(this.queryTimer);
    this.queryTimer = perSecond > 0 ? this.ctx.timers.interval(() => this.emitQueryUpdate(), 1000 / perSecond) : null;
  }

  /** Runs `emit` with every socket corked: its frames leave in one write per socket. */
  corked(emit: () => void): void {
    corkAll([...this.conns.values()].map((c) => c.sock), emit);
  }

  get openCount(): number {
    return this.conns.size;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, ip: string): void {
    const { ctx } = this;
    const refuse = (why: string): void => {
      ctx.counters.handshakesRefused++;
      ctx.log.debug('unified handshake refused', { why, ip });
      refuseUpgrade(socket, 403); // every pre-accept close is an HTTP 403 with an empty body (§1.7)
    };
    const token = url.searchParams.get('token');
    if (!token) return refuse('Authentication token required');
    if (ctx.lockout.isLocked(ip)) return refuse('IP locked out'); // Q11
    const claims = ctx.tokens.unifiedClaims(token);
    if (!claims) {
      ctx.lockout.fail(ip);
      return refuse('Authentication failed');
    }
    ctx.lockout.success(ip);
    if (ctx.flags.unifiedSessionBroken) return refuse('Invalid session'); // Q9
    if (this.conns.size >= UNIFIED_MAX_CONNECTIONS) return refuse('Server overloaded');
    const sub = claims['sub'] as string;
    const db = ctx.state.users.get(sub);
    const claimId = typeof claims['user_id'] === 'number' ? claims['user_id'] : undefined;
    const fromDb = db && !db.disabled && (claimId === undefined || claimId === db.id);
    const userId = fromDb ? db.id : (claimId ?? -1);
    const isAdmin = fromDb ? db.isAdmin : claims['is_admin'] === true;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, sub, userId, isAdmin));
  }

  private accept(ws: WebSocket, username: string, userId: number, isAdmin: boolean): void {
    const { ctx } = this;
    if (ctx.flags.closed) return void ws.terminate();
    const old = this.conns.get(username);
    if (old) {
      this.drop(old);
      old.sock.close(1000, 'Replaced by new connection'); // §2.2
    }
    const now = ctx.now();
    const conn: UnifiedConn = {
      id: randomBytes(4).toString('hex'),
      username,
      userId,
      isAdmin,
      connectedAt: now,
      lastPongMono: performance.now(),
      lastActivity: now,
      messageCount: 0,
      local: [...(isAdmin ? LOCAL_DEFAULTS_ADMIN : LOCAL_DEFAULTS_USER)],
      poisoned: false,
      stuck: 0,
      consecutiveErrors: 0,
      preferences: {},
      sock: undefined as unknown as ServerSocket,
      pingTimer: null,
    };
    conn.sock = new ServerSocket(ws, ctx, {
      onText: (text) => handleUnifiedText(this, conn, text),
      onBinary: () => handleUnifiedBinary(this, conn),
      onIdle: () =>
        this.reply(conn, 'heartbeat', {
          // U9
          server_time: isoUtc(ctx.now()),
          last_activity: isoUtc(conn.lastActivity),
          connection_healthy: true,
        }),
      onClose: () => {
        if (this.conns.get(username) === conn) this.drop(conn);
        else ctx.timers.clear(conn.pingTimer);
      },
    });
    this.conns.set(username, conn);
    ctx.counters.unifiedAccepted++;
    this.reply(conn, 'connection_established', {
      // U1
      user_id: userId,
      username,
      is_admin: isAdmin,
      subscriptions: [...conn.local],
      connected_at: isoUtc(now),
    });
    conn.pingTimer = ctx.timers.interval(() => this.ping(conn), ctx.t.unifiedPingIntervalMs);
    if (old && ctx.replaceCascade) {
      // Q5: the replaced connection's handler cleans up by username and hits the new one.
      ctx.timers.timeout(() => {
        if (this.conns.get(username) === conn) this.disconnect(conn, 'User disconnected');
      }, 50);
    }
  }

  private drop(conn: UnifiedConn): void {
    this.ctx.timers.clear(conn.pingTimer);
    conn.pingTimer = null;
    if (this.conns.get(conn.username) === conn) this.conns.delete(conn.username);
  }

  disconnect(conn: UnifiedConn, reason: string): void {
    this.drop(conn);
    conn.sock.close(1000, reason);
  }

  /** Queued send (models.py send_message): a poisoned queue swallows everything (Q7). */
  enqueue(conn: UnifiedConn, frame: string): boolean {
    if (conn.poisoned) {
      conn.stuck++;
      return false;
    }
    if (!conn.sock.send(frame)) return false;
    conn.messageCount++;
    return true;
  }

  reply(conn: UnifiedConn, type: string, data: unknown): void {
    this.enqueue(conn, controlFrame(type, data, this.ctx.now()));
  }

  /** U2: a direct write that bypasses the queue. */
  private ping(conn: UnifiedConn): void {
    const now = this.ctx.now();
    conn.sock.send(controlFrame('ping', { timestamp: isoUtc(now), connection_id: conn.id, expect_pong: true }, this.ctx.now()));
  }

  /** unified_manager.py::_health_monitor_loop: close unhealthy connections (§6.2). */
  private healthCheck(): void {
    if (this.ctx.flags.hanging) return;
    const mono = performance.now();
    for (const c of [...this.conns.values()]) {
      if (mono - c.lastPongMono > this.ctx.t.pongTimeoutMs || c.stuck >= UNIFIED_UNHEALTHY_QUEUE) {
        this.disconnect(c, 'Connection unhealthy');
      }
    }
  }

  // ---- routing (event_router.py) ----

  activeSubs(username: string): string[] {
    const now = this.ctx.now();
    const m = this.subs.get(username);
    if (!m) return [];
    for (const [type, exp] of m) if (exp <= now) m.delete(type); // Q21: expire silently
    return [...m.keys()];
  }

  routes(conn: UnifiedConn, type: string): boolean {
    if (!UNIFIED_EVENT_SET.has(type)) return true; // not a models.EventType: a future server; deliver to all
    if (ADMIN_ONLY_EVENTS.has(type) && !conn.isAdmin) return false;
    if (ROUTER_DEFAULTS.has(type)) return true;
    const exp = this.subs.get(conn.username)?.get(type);
    return exp !== undefined && exp > this.ctx.now();
  }

  /** emit_event -> broadcast_event: one uuid per event, masked data for non-admins (§5.5). */
  emit(type: string, data: unknown, priority: EventPriority = 'normal'): void {
    const id = randomUUID();
    let adminFrame: string | null = null;
    let userFrame: string | null = null;
    let delivered = false;
    for (const c of this.conns.values()) {
      if (!this.routes(c, type)) continue;
      if (c.isAdmin) adminFrame ??= eventFrame(type, data, this.ctx.now(), priority, id);
      else userFrame ??= eventFrame(type, maskForNonAdmin(type, data), this.ctx.now(), priority, id);
      delivered = this.enqueue(c, (c.isAdmin ? adminFrame : userFrame) as string) || delivered;
    }
    if (delivered) this.ctx.counters.eventsSent++;
  }

  /** U5 */
  pushSystemMetrics(): void {
    const m = this.ctx.state.sampleMetrics();
    this.emit('system_status', { type: 'system_metrics', data: { ...m, timestamp: isoUtc(this.ctx.now()) } });
  }

  /** U6: inner timestamp is BIND's local log time (Q18). */
  emitQueryUpdate(): void {
    const data = { timestamp: isoLocal(this.ctx.now()), ...this.ctx.state.nextQuery() };
    this.emit('system_status', { type: 'query_update', data });
  }

  sendRaw(frame: string): number {
    let n = 0;
    for (const c of this.conns.values()) n += c.sock.send(frame) ? 1 : 0;
    return n;
  }

  closeAll(code: number, reason: string): void {
    for (const c of [...this.conns.values()]) {
      this.drop(c);
      c.sock.close(code, reason);
    }
  }

  protocolTick(): void {
    for (const c of this.conns.values()) c.sock.protocolTick();
  }

  resumeAfterHang(): void {
    const mono = performance.now();
    for (const c of this.conns.values()) {
      c.lastPongMono = mono;
      c.sock.resetKeepalive();
    }
  }

  /** restart(): in-memory subscription state is lost with the process. */
  resetState(): void {
    this.subs.clear();
    this.ctx.lockout.clear();
  }

  /** Cut every socket (a firewall reset); the close handlers tidy up as after any disconnect. */
  resetAll(): void {
    for (const c of [...this.conns.values()]) c.sock.ws.terminate();
  }

  terminateAll(): void {
    for (const c of this.conns.values()) {
      this.drop(c);
      c.sock.terminate();
    }
    this.conns.clear();
  }
}
