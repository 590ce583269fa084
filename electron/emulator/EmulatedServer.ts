// startEmulator(): one Hybrid DNS Server on 127.0.0.1 (HTTP or HTTPS), REST + both WebSocket stacks
// behind one Gate, with a control object and an HTTP control API. close() stops everything quickly.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { WS_MAX_PAYLOAD } from './constants';
import { createContext } from './context';
import { createControl } from './control';
import { createControlApi } from './controlApi';
import { DnsResponder } from './dns/DnsResponder';
import { Gate } from './gate';
import { LegacyHub } from './legacySocket';
import { RestApi } from './rest';
import { fingerprint256, selfSignedCert, type CertPair } from './tls';
import type { EmulatedServer, EmulatorOptions } from './types';
import { UnifiedHub } from './unifiedSocket';

export async function startEmulator(opts: EmulatorOptions = {}): Promise<EmulatedServer> {
  const ctx = createContext(opts);
  const useTls = opts.tls === true || opts.tlsCert !== undefined;
  const cert: CertPair | undefined = useTls ? (opts.tlsCert ?? (await selfSignedCert())) : undefined;

  // autoPong off: a hanging server must not answer protocol pings (ServerSocket answers otherwise).
  const wss = new WebSocketServer({
    noServer: true,
    autoPong: false,
    perMessageDeflate: false,
    maxPayload: WS_MAX_PAYLOAD,
    clientTracking: false,
  });
  const legacy = new LegacyHub(ctx, wss);
  const unified = new UnifiedHub(ctx, wss);
  const rest = new RestApi(ctx, legacy, unified);
  let gate: Gate | null = null;
  const control = createControl(ctx, legacy, unified, () => gate as Gate);

  const server: Server = cert ? createHttpsServer({ key: cert.key, cert: cert.cert }) : createHttpServer();
  server.keepAliveTimeout = 5000;
  const sockets = new Set<Socket>();
  // Raw TCP sockets (also under TLS): destroyed on close(), including upgraded ones.
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  if (ctx.t.protocolPingIntervalMs > 0) {
    ctx.timers.interval(() => {
      legacy.protocolTick();
      unified.protocolTick();
    }, ctx.t.protocolPingIntervalMs);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `${cert ? 'https' : 'http'}://127.0.0.1:${port}`;
  const fp = cert ? fingerprint256(cert.cert) : undefined;
  const info = (): Record<string, unknown> => ({
    name: ctx.name,
    url,
    port,
    fingerprint256: fp ?? null,
    migrationMode: ctx.flags.migrationMode,
  });
  const dns = opts.dns ? new DnsResponder(ctx.dns, ctx.log) : null;
  if (dns) {
    const dnsOpts = typeof opts.dns === 'object' ? opts.dns : {};
    await dns.start({ port: dnsOpts.port, tls: dnsOpts.tls && cert ? cert : undefined });
  }
  const controlApi = createControlApi(control, info);
  gate = new Gate(ctx, rest, legacy, unified, (req, res, path) => void controlApi(req, res, path));
  const g = gate;
  // A bug in a handler must never take the host process (a test runner, the demo) down.
  const guard = (what: string, fn: () => void, onError: () => void): void => {
    try {
      fn();
    } catch (err) {
      ctx.log.error(`emulator ${what} handler failed`, { error: err instanceof Error ? err.message : String(err) });
      onError();
    }
  };
  server.on('request', (req, res) =>
    guard(
      'request',
      () => g.onRequest(req, res),
      () => res.destroy(),
    ),
  );
  server.on('upgrade', (req, socket, head: Buffer) =>
    guard(
      'upgrade',
      () => g.onUpgrade(req, socket, head),
      () => socket.destroy(),
    ),
  );
  ctx.log.info('emulator started', { name: ctx.name, url });

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      ctx.flags.closed = true;
      ctx.timers.clearAll();
      for (const fn of [...ctx.onClose]) fn();
      legacy.terminateAll();
      unified.terminateAll();
      g.releaseHeld();
      const dnsClosed = dns ? dns.close() : Promise.resolve();
      server.close(() => void dnsClosed.then(() => resolve()));
      server.closeAllConnections();
      for (const s of sockets) s.destroy();
      ctx.timers.clearAll(); // timers armed by the terminations above
      ctx.log.info('emulator closed', { name: ctx.name });
    });
    return closing;
  };

  return {
    name: ctx.name,
    url,
    port,
    fingerprint256: fp,
    caPem: cert?.cert,
    dnsPort: dns?.port,
    dotPort: dns?.dotPort ?? undefined,
    control,
    close,
  };
}
