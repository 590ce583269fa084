/**
 * The browser host's bridge: serves the built renderer on 127.0.0.1 and carries the IPC contract
 * over a token-protected WebSocket at /bridge. Adds no logic: frames in -> dispatchInvoke -> frames out.
 */
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { CoreHandle, PushMessage } from '../../core/api/CoreHandle';
import type { Logger } from '../../core/platform';
import { BridgeConnection } from './BridgeConnection';
import { MAX_FRAME_BYTES } from './bridgeFrames';
import { BRIDGE_PROTOCOL, checkHostAndOrigin, newToken, originPolicy, presentedToken, requestUrl, securityHeaders, tokenMatches, type OriginPolicy } from './security';
import { HTTP_SERVER_OPTIONS, limitConnections } from './connectionLimits';
import { EXPORTS_PREFIX, resolveExport, type ExportFile } from './exportFiles';
import { openStatic, resolveStatic } from './staticFiles';

export interface WebBridgeOptions {
  core: CoreHandle;
  /** Default 5317; 0 picks a free port. */
  port?: number;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** Where the core writes exports; when set, finished exports can be downloaded from /exports/<name>. */
  exportsDir?: string;
  logger: Logger;
}

export interface WebBridge {
  /** http://127.0.0.1:PORT/?token=… (print it for the user; it is the only way in). */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HEARTBEAT_MS = 30_000;

export async function startWebBridge(opts: WebBridgeOptions): Promise<WebBridge> {
  const token = newToken();
  const server = createServer(HTTP_SERVER_OPTIONS);
  limitConnections(server);
  const port = await listen(server, opts.port ?? 5317);
  const policy = originPolicy(port);
  const ctx: RequestContext = { token, policy, port, staticDir: opts.staticDir, exportsDir: opts.exportsDir, logger: opts.logger };

  const connections = new Set<BridgeConnection>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, handleProtocols: (p) => (p.has(BRIDGE_PROTOCOL) ? BRIDGE_PROTOCOL : false) });
  serveRequests(server, ctx, (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = new BridgeConnection(ws, opts.core, opts.logger);
      connections.add(conn);
      ws.on('close', () => connections.delete(conn));
    }),
  );
  const stopPush = opts.core.onPush((message) => {
    const text = serialisePush(message, opts.logger);
    if (text !== null) for (const conn of connections) conn.sendPush(text);
  });
  const heartbeat = setInterval(() => connections.forEach((c) => c.heartbeat()), HEARTBEAT_MS);
  heartbeat.unref();
  opts.logger.info('browser host listening', { port });

  return {
    // The page moves it to this tab's sessionStorage (scoped by origin, port included) and out of
    // the address bar; it never becomes a cookie (cookies are shared by every port of a host).
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      stopPush();
      clearInterval(heartbeat);
      for (const conn of connections) conn.close(1001, 'host stopping');
      await new Promise<void>((r) => wss.close(() => r()));
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Every listener that takes a request survives it: a failure closes that one connection only. */
function serveRequests(server: Server, ctx: RequestContext, upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void): void {
  server.on('request', (req, res) => {
    handleHttp(ctx, req, res).catch((err: unknown) => {
      ctx.logger.error('request failed', { err });
      res.destroy();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    try {
      if (admitUpgrade(ctx, req, socket)) upgrade(req, socket, head);
    } catch (err) {
      ctx.logger.error('upgrade failed', { err });
      socket.destroy();
    }
  });
}

/** Serialised once for all tabs; one push that cannot be (the core bounds event data) is dropped, not fatal. */
function serialisePush(message: PushMessage, logger: Logger): string | null {
  try {
    return JSON.stringify({ push: message.channel, payload: message.payload });
  } catch (err) {
    logger.error('push could not be serialised', { channel: message.channel, err });
    return null;
  }
}

interface RequestContext {
  token: string;
  policy: OriginPolicy;
  port: number;
  staticDir: string;
  exportsDir: string | undefined;
  logger: Logger;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

const STATUS_TEXT = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' } as const;

function admitUpgrade(ctx: RequestContext, req: IncomingMessage, socket: Duplex): boolean {
  const path = requestUrl(req)?.pathname;
  const refusal =
    path === undefined
      ? { status: 400 as const, reason: 'bad request target' }
      : path !== '/bridge'
      ? { status: 404 as const, reason: 'not found' }
      : (checkHostAndOrigin(req, ctx.policy, true) ?? (tokenMatches(ctx.token, presentedToken(req)) ? null : { status: 401 as const, reason: 'token required' }));
  if (!refusal) return true;
  ctx.logger.warn('refused bridge connection', { reason: refusal.reason, host: req.headers.host, origin: req.headers.origin });
  socket.end(`HTTP/1.1 ${refusal.status} ${STATUS_TEXT[refusal.status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  return false;
}

async function handleHttp(ctx: RequestContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = securityHeaders(ctx.port);
  const refuse = (status: number, text: string) => {
    res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  };
  const hostRefusal = checkHostAndOrigin(req, ctx.policy, false);
  if (hostRefusal) return refuse(hostRefusal.status, `${hostRefusal.reason}\n`);
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(405, 'method not allowed\n');
  // The built renderer is public code and carries no data: it is served without the token, so the
  // token never needs a cookie (cookies are not scoped by port: any local listener would get it).
  // Everything with data goes over /bridge, which requires the token, or is an export (below).
  const url = requestUrl(req);
  if (!url) return refuse(400, 'bad request target\n');
  if (url.pathname.startsWith(EXPORTS_PREFIX)) {
    // An export is data: it takes the token like the bridge (the page fetches it with ?token=).
    if (!tokenMatches(ctx.token, presentedToken(req))) return refuse(401, 'token required\n');
    const exported = ctx.exportsDir ? await resolveExport(ctx.exportsDir, url.pathname) : null;
    if (!exported) return refuse(404, 'not found\n');
    return sendFile(req, res, { ...headers, 'Content-Disposition': `attachment; filename="${exported.name}"`, 'Cache-Control': 'no-store' }, exported);
  }
  const file = await resolveStatic(ctx.staticDir, url.pathname);
  if (!file) return refuse(404, 'not found\n');
  res.writeHead(200, {
    ...headers,
    'Content-Type': file.contentType,
    'Content-Length': String(file.size),
    'Cache-Control': file.immutable ? 'private, max-age=31536000, immutable' : 'no-store',
  });
  if (req.method === 'HEAD') return void res.end();
  openStatic(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

function sendFile(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>, file: ExportFile): void {
  res.writeHead(200, { ...headers, 'Content-Type': file.contentType, 'Content-Length': String(file.size) });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file.path)
    .on('error', () => res.destroy())
    .pipe(res);
}
