// Front door of the emulated server: every HTTP request and Upgrade passes the scripted faults in
// the order a real deployment applies them: fail2ban (firewall) -> hang (frozen host) -> restart
// (nginx 502 while the backend is down) -> injected REST failures -> the app itself.
// The control API (/__emulator/...) bypasses all of them so tests can always steer the emulator.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { EmulatorContext } from './context';
import { clientIp, html, nginxHtml, readBody, refuseUpgrade, writeResult, type RestResult } from './httpUtil';
import type { LegacyHub } from './legacySocket';
import type { RestApi } from './rest';
import type { UnifiedHub } from './unifiedSocket';

export const CONTROL_PREFIX = '/__emulator/';

/** RST where the handle allows it (plain TCP); a TLS socket can only be destroyed. */
function resetSocket(socket: IncomingMessage['socket']): void {
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}

export class Gate {
  /** requests and upgrades swallowed while hanging; reset when the hang ends or on close */
  private readonly held = new Set<Duplex>();

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly rest: RestApi,
    private readonly legacy: LegacyHub,
    private readonly unified: UnifiedHub,
    private readonly control: (req: IncomingMessage, res: ServerResponse, path: string) => void,
  ) {}

  private failureFor(path: string): number | undefined {
    for (const [prefix, status] of this.ctx.flags.restFailures) if (path.startsWith(prefix)) return status;
    return undefined;
  }

  private count(path: string): void {
    const m = this.ctx.counters.requestsByPath;
    m.set(path, (m.get(path) ?? 0) + 1);
  }

  private hold(socket: Duplex): void {
    this.held.add(socket);
    socket.once('close', () => this.held.delete(socket));
  }

  /** Half-open: the client's packets were never processed; reset them when the hang ends. */
  releaseHeld(): void {
    for (const s of this.held) s.destroy();
    this.held.clear();
  }

  onRequest(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (path.startsWith(CONTROL_PREFIX)) return this.control(req, res, path);
    this.count(path);
    const ip = clientIp(req);
    const method = req.method ?? 'GET';
    const { flags, fail2ban } = this.ctx;
    if (fail2ban.isBanned(ip)) return resetSocket(req.socket); // iptables REJECT with tcp-reset
    if (flags.hanging) return this.hold(req.socket);
    const finish = (r: RestResult): void => {
      fail2ban.record(ip, method, path, r.status);
      writeResult(res, r);
    };
    if (Date.now() < flags.downUntil) return finish(html(502));
    const failure = this.failureFor(path);
    if (failure !== undefined) {
      return finish(
        failure >= 502 && failure <= 504
          ? html(failure)
          : failure === 500
            ? { status: 500, body: { message: 'An unexpected internal server error occurred', error_code: 'INTERNAL_SERVER_ERROR' } }
            : { status: failure, body: { detail: `Simulated failure (${failure})` } },
      );
    }
    let bodyPromise: Promise<string> | null = null;
    this.rest
      .handle({
        method,
        path,
        query: url.searchParams,
        headers: req.headers,
        ip,
        body: () => (bodyPromise ??= readBody(req)),
      })
      .then(finish, (err: unknown) => {
        this.ctx.log.warn('emulator REST handler failed', { path, error: String(err) });
        finish({ status: 500, body: { message: 'An unexpected internal server error occurred', error_code: 'INTERNAL_SERVER_ERROR' } });
      });
  }

  onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    this.count(path);
    const ip = clientIp(req);
    const { flags, fail2ban, counters } = this.ctx;
    if (flags.closed || fail2ban.isBanned(ip)) return void socket.destroy();
    if (flags.hanging) return this.hold(socket);
    const refuse = (status: number, body = '', type?: string): void => {
      counters.handshakesRefused++;
      fail2ban.record(ip, 'GET', path, status);
      refuseUpgrade(socket, status, body, type);
    };
    if (Date.now() < flags.downUntil) return refuse(502, nginxHtml(502), 'text/html');
    const failure = this.failureFor(path);
    if (failure !== undefined) return refuse(failure, failure >= 502 ? nginxHtml(failure) : '', 'text/html');
    if (path === '/api/unified/ws') return this.unified.handleUpgrade(req, socket, head, url, ip);
    if (path === '/api/websocket/ws') return this.legacy.handleUpgrade(req, socket, head, url, 'unified');
    const m = /^\/api\/websocket\/ws\/([^/]+)$/.exec(path);
    if (m?.[1]) return this.legacy.handleUpgrade(req, socket, head, url, decodeURIComponent(m[1]));
    refuse(403); // Starlette closes a websocket to an unknown route before accept
  }
}
