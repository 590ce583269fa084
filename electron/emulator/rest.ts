// REST routing: auth kinds R (real JWT), P (placeholder, no auth in practice), N (none) per §7.3/§7.4;
// FastAPI's redirect_slashes (307) and the 404 handler body (Q26).
import { PRIORITIES, UNIFIED_EVENT_SET, UNIFIED_EVENT_TYPES, UNIFIED_SUPPORTED_TYPES } from './constants';
import type { EmulatorContext } from './context';
import { isoUtc } from './frames';
import { detail, json, type RestResult } from './httpUtil';
import type { LegacyHub } from './legacySocket';
import { AuthRoutes, notFound, realAuth, type RestRequest } from './restAuth';
import * as snap from './snapshots';
import type { UserRecord } from './state';
import type { EventPriority } from './types';
import type { UnifiedHub } from './unifiedSocket';

type Handler = (req: RestRequest, user: UserRecord | null, m: RegExpMatchArray | null) => RestResult | Promise<RestResult>;
interface Route {
  method: string;
  path: string | RegExp;
  auth: 'R' | 'P' | 'N';
  handler: Handler;
}

export class RestApi {
  private readonly routes: Route[];
  private readonly auth: AuthRoutes;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly legacy: LegacyHub,
    private readonly unified: UnifiedHub,
  ) {
    this.auth = new AuthRoutes(ctx, legacy);
    this.routes = this.table();
  }

  private table(): Route[] {
    const { ctx, legacy, unified } = this;
    const st = ctx.state;
    const now = (): number => ctx.now();
    const ok = (body: unknown): RestResult => json(200, body);
    const r = (method: string, path: string | RegExp, auth: Route['auth'], handler: Handler): Route => ({ method, path, auth, handler });
    return [
      r('POST', '/api/auth/login', 'N', (q) => this.auth.login(q)),
      r('POST', '/api/auth/refresh', 'N', (q) => this.auth.refresh(q)),
      r('GET', '/api/auth/me', 'R', (_q, u) => this.auth.me(u as UserRecord)),
      r('POST', '/api/auth/logout', 'R', (_q, u) => this.auth.logout(u as UserRecord)),
      // P: placeholder dependency (§7.4)
      r('GET', '/api/health/summary', 'P', () => ok(snap.healthSummary(st, now()))),
      r('GET', '/api/health/alerts', 'P', () => ok(snap.healthAlerts(st, now()))),
      r('GET', '/api/health/unhealthy', 'P', () => ok(snap.unhealthyList(st))),
      r('POST', '/api/health/check/all', 'P', () => ok({ message: 'Health check started for all forwarders' })),
      r('GET', '/api/forwarders/health/summary', 'P', () => ok(snap.forwardersHealthSummary(st))),
      r('POST', '/api/forwarders/health/refresh', 'P', () => ok({ message: 'Health check refresh initiated' })),
      r('GET', '/api/system/status', 'P', () => {
        const b = snap.bindStatus(st, now());
        return ok({ data: { status: b['status'], version: b['version'], uptime: b['uptime'] ?? 0 }, success: true });
      }),
      r('GET', '/api/system/bind/status', 'P', () => ok({ data: { running: st.bindRunning }, success: true })),
      r('GET', '/api/system/health', 'P', () =>
        ok({
          status: st.bindRunning ? 'healthy' : 'unhealthy',
          bind9_running: st.bindRunning,
          config_valid: true,
          issues: st.bindRunning ? [] : ['BIND9 service is not running'],
          details: { timestamp: isoUtc(now()) },
        }),
      ),
      r('GET', '/api/rpz/rules', 'P', () => ok([])),
      // R: real JWT (§7.4)
      r('GET', '/api/dashboard/health-alerts', 'R', () => ok(snap.dashboardHealthAlerts(st, now()))),
      r('GET', '/api/dashboard/bind-status', 'R', () => ok(snap.bindStatus(st, now()))),
      r('GET', '/api/dashboard/stats', 'R', () => ok(snap.dashboardStats(st, now()))),
      r('GET', '/api/zones/', 'R', (q) => ok(snap.zonesPage(st, q.query))),
      r('GET', '/api/events/events/', 'R', () => ok([])), // almost always empty (§7.2)
      // N: no auth at all
      r('GET', '/api/realtime/security/live', 'N', (q) => ok(snap.securityLive(st, q.query, now()))),
      r('GET', '/api/realtime/health/live', 'N', () =>
        ok({ health_summary: snap.healthSummary(st, now()), recent_alerts: [], timestamp: isoUtc(now()) }),
      ),
      r('POST', /^\/api\/realtime\/alerts\/acknowledge\/([^/]+)$/, 'N', (_q, _u, m) => {
        const id = decodeURIComponent(m?.[1] ?? '');
        legacy.alertAcknowledged(id); // L5
        return ok({ success: true, message: 'Alert acknowledged', alert_id: id, timestamp: isoUtc(now()) });
      }),
      r('POST', '/api/realtime/broadcast/test', 'N', (q) => {
        legacy.testBroadcast(q.query.get('message') ?? 'Test message');
        return ok({ success: true, message: 'Test broadcast sent' });
      }),
      r('GET', '/api/websocket/ws/stats', 'N', () => ok(this.wsStats())),
      r('POST', '/api/websocket/ws/broadcast', 'N', async (q) => {
        const n = legacy.sendRaw(await q.body(), q.query.get('connection_type') ?? undefined); // as-is (§7.5)
        return ok({ message: 'Message broadcasted', recipients: n });
      }),
      r('GET', '/api/unified/ws/info', 'N', () =>
        ok({
          endpoint: '/api/unified/ws',
          authentication: 'JWT token via query parameter "token"',
          supported_event_types: [...UNIFIED_EVENT_TYPES],
          supported_message_types: UNIFIED_SUPPORTED_TYPES,
          event_priorities: [...PRIORITIES],
          limits: { max_connections: 500, max_connections_per_user: 1, ping_interval: 30 },
        }),
      ),
      r('GET', '/api/unified/ws/health', 'N', () =>
        ok({ status: 'healthy', total_connections: unified.openCount, timestamp: isoUtc(now()) }),
      ),
      r('POST', '/api/unified/ws/broadcast', 'N', async (q) => {
        const type = q.query.get('event_type') ?? '';
        const prio = q.query.get('priority') ?? 'normal';
        if (!UNIFIED_EVENT_SET.has(type) || !(PRIORITIES as readonly string[]).includes(prio))
          return detail(400, 'Invalid event type or priority');
        let data: unknown;
        try {
          data = JSON.parse((await q.body()) || '{}');
        } catch {
          return detail(400, 'Invalid JSON body');
        }
        unified.emit(type, data, prio as EventPriority);
        return ok({ message: 'Event broadcasted', event_type: type, priority: prio });
      }),
      r('GET', '/health', 'N', () => ok({ status: 'healthy', timestamp: '2024-08-15T10:00:00Z' })),
    ];
  }

  wsStats(): Record<string, unknown> {
    const mode = this.ctx.flags.migrationMode;
    return {
      router_stats: {
        legacy_connections: this.legacy.openCount,
        unified_connections: this.unified.openCount,
        total_connections: this.legacy.openCount + this.unified.openCount,
      },
      feature_flags: {
        migration_mode: mode,
        unified_enabled: mode !== 'disabled',
        legacy_enabled: mode !== 'unified_only',
        rollout_percentage: 0,
      },
      legacy_stats: { total_connections: this.legacy.openCount },
      unified_stats: { total_connections: this.unified.openCount },
    };
  }

  private find(method: string, path: string): { route: Route; m: RegExpMatchArray | null } | 'method' | null {
    let methodMismatch = false;
    for (const route of this.routes) {
      // false = no match; null = exact string match; array = regex match
      const m = typeof route.path === 'string' ? (route.path === path ? null : false) : (path.match(route.path) ?? false);
      if (m === false) continue;
      if (route.method === method) return { route, m };
      methodMismatch = true;
    }
    return methodMismatch ? 'method' : null;
  }

  async handle(req: RestRequest): Promise<RestResult> {
    const hit = this.find(req.method, req.path);
    if (hit === 'method') return detail(405, 'Method Not Allowed');
    if (!hit) {
      // FastAPI redirect_slashes: /api/zones -> 307 /api/zones/ (§7.1) and the other way round.
      const alt = req.path.endsWith('/') ? req.path.slice(0, -1) : `${req.path}/`;
      if (typeof this.find(req.method, alt) === 'object' && this.find(req.method, alt) !== null) {
        const qs = req.query.toString();
        return { status: 307, body: '', contentType: 'text/plain', headers: { location: qs ? `${alt}?${qs}` : alt } };
      }
      return notFound(this.ctx, req);
    }
    let user: UserRecord | null = null;
    if (hit.route.auth === 'R') {
      const a = realAuth(this.ctx, req);
      if ('status' in a) return a;
      user = a;
    }
    return hit.route.handler(req, user, hit.m);
  }
}
