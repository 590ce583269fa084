// HTTP control API under /__emulator/... so e2e tests and the demo can drive an emulator living in
// another process. POST bodies are JSON, validated with zod; answers are {"ok":true,...} or 400/404.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { readBody, writeResult } from './httpUtil';
import type { EmulatorControl } from './types';

const status = z.enum(['healthy', 'unhealthy', 'degraded', 'unknown', 'disabled']);
const schemas = {
  forwarder: z.object({ id: z.number().int(), status, pushNow: z.boolean().optional() }),
  bind: z.object({ running: z.boolean() }),
  restart: z.object({ downMs: z.number().min(0).max(3_600_000), wait: z.boolean().optional() }),
  hang: z.object({ on: z.boolean() }),
  storm: z.object({
    eventsPerSecond: z.number().min(0),
    durationMs: z.number().min(0),
    kind: z.enum(['query_update', 'mixed']).optional(),
    wait: z.boolean().optional(),
  }),
  queryRate: z.object({ perSecond: z.number().min(0).max(10_000) }),
  zone: z.union([
    z.object({ delete: z.number().int() }),
    z.object({
      id: z.number().int(),
      name: z.string(),
      zoneType: z.enum(['master', 'slave', 'forward']),
      serial: z.number().int(),
      isActive: z.boolean(),
      updatedAt: z.string().optional(),
    }),
  ]),
  threat: z.object({ domain: z.string(), clientIp: z.string(), category: z.string(), action: z.string().optional() }),
  emit: z.object({ type: z.string(), data: z.unknown(), priority: z.enum(['low', 'normal', 'high', 'critical']).optional() }),
  raw: z.object({ stack: z.enum(['legacy', 'unified']), frame: z.string() }),
  disconnectUnified: z.object({ reason: z.string() }),
  migrationMode: z.object({ mode: z.enum(['disabled', 'testing', 'unified_only']) }),
  sessionBroken: z.object({ broken: z.boolean() }),
  restFailure: z.object({ path: z.string().nullable(), status: z.number().int().min(0).max(599).optional() }),
  user: z.object({ username: z.string() }),
  ban: z.object({ ms: z.number().min(0).max(86_400_000), ip: z.string().optional() }),
  rpz: z.object({ domain: z.string().min(1).max(253), rule: z.object({ action: z.enum(['nxdomain', 'redirect']), redirect: z.string().max(253).optional() }).nullable() }),
  rpzEnforced: z.object({ on: z.boolean() }),
  forwarderDns: z.object({ id: z.number().int(), delayMs: z.number().min(0).max(60_000).optional(), domains: z.array(z.string().max(253)).max(50).optional() }),
};

type Action = (body: unknown) => unknown;

export function createControlApi(control: EmulatorControl, info: () => Record<string, unknown>) {
  const p =
    <T extends z.ZodType>(schema: T, fn: (v: z.infer<T>) => unknown): Action =>
    (body) =>
      fn(schema.parse(body));
  const posts: Record<string, Action> = {
    forwarder: p(schemas.forwarder, (b) => control.setForwarderStatus(b.id, b.status, { pushNow: b.pushNow })),
    bind: p(schemas.bind, (b) => control.setBindRunning(b.running)),
    restart: p(schemas.restart, (b) => {
      const done = control.restart(b.downMs);
      return b.wait ? done.then(() => ({})) : undefined;
    }),
    hang: p(schemas.hang, (b) => control.hang(b.on)),
    replace: () => control.replaceConnections(),
    'disconnect-unified': p(schemas.disconnectUnified, (b) => control.disconnectUnified(b.reason)),
    storm: p(schemas.storm, (b) => {
      const done = control.storm({ eventsPerSecond: b.eventsPerSecond, durationMs: b.durationMs, kind: b.kind });
      return b.wait === false ? undefined : done;
    }),
    'query-rate': p(schemas.queryRate, (b) => control.setQueryRate(b.perSecond)),
    zone: p(schemas.zone, (b) => ('delete' in b ? control.deleteZone(b.delete) : control.upsertZone(b))),
    threat: p(schemas.threat, (b) => control.addThreat(b)),
    emit: p(schemas.emit, (b) => control.emitUnified(b.type, b.data, b.priority)),
    raw: p(schemas.raw, (b) => (b.stack === 'legacy' ? control.sendRawLegacy(b.frame) : control.sendRawUnified(b.frame))),
    'push-health': () => control.pushHealthUpdate(),
    'push-system': () => control.pushSystemStatus(),
    'migration-mode': p(schemas.migrationMode, (b) => control.setMigrationMode(b.mode)),
    'unified-session-broken': p(schemas.sessionBroken, (b) => control.setUnifiedSessionBroken(b.broken)),
    'expire-tokens': () => control.expireTokens(),
    'expire-subscriptions': () => control.expireSubscriptions(),
    'rest-failure': p(schemas.restFailure, (b) => control.setRestFailure(b.path, b.status)),
    'lock-user': p(schemas.user, (b) => control.users.lock(b.username)),
    'unlock-user': p(schemas.user, (b) => control.users.unlock(b.username)),
    'clear-bans': () => control.clearBans(),
    ban: p(schemas.ban, (b) => control.ban(b.ms, b.ip)),
    'dns-rpz': p(schemas.rpz, (b) => control.dns.setRpzRule(b.domain, b.rule)),
    'dns-rpz-enforced': p(schemas.rpzEnforced, (b) => control.dns.setRpzEnforced(b.on)),
    'dns-hung': p(schemas.hang, (b) => control.dns.setHung(b.on)),
    'dns-forwarder': p(schemas.forwarderDns, (b) => {
      if (b.delayMs !== undefined) control.dns.setForwarderDelay(b.id, b.delayMs);
      if (b.domains) control.dns.setForwarderDomains(b.id, b.domains);
    }),
  };

  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const name = path.slice('/__emulator/'.length);
    try {
      if (req.method === 'GET' && name === 'stats') return writeResult(res, { status: 200, body: control.stats() });
      if (req.method === 'GET' && name === 'info') return writeResult(res, { status: 200, body: info() });
      if (name === 'failed-attempts' && req.method === 'GET') {
        const u = new URL(req.url ?? '', 'http://x').searchParams.get('username') ?? '';
        return writeResult(res, { status: 200, body: { username: u, failedAttempts: control.users.failedAttempts(u) } });
      }
      const action = posts[name];
      if (!action || req.method !== 'POST')
        return writeResult(res, { status: 404, body: { ok: false, error: `unknown control ${req.method} ${path}` } });
      const text = await readBody(req);
      const result = await action(text.trim() ? (JSON.parse(text) as unknown) : {});
      writeResult(res, { status: 200, body: { ok: true, ...(typeof result === 'object' && result !== null ? result : {}) } });
    } catch (err) {
      writeResult(res, { status: 400, body: { ok: false, error: err instanceof Error ? err.message : String(err) } });
    }
  };
}
