/**
 * The /metrics endpoint of `dnsfleet monitor --metrics-listen host:port`. Plain node:http: GET
 * /metrics only (404 for any other path, 405 for another method). Loopback unless the operator says
 * --metrics-allow-remote: the page names every server and its health, and has no authentication.
 */
import { createServer, type Server } from 'node:http';
import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FleetExporter } from '../../core/export/FleetExporter';
import type { Logger } from '../../core/platform';

export interface ListenAddress {
  host: string;
  port: number;
}

/**
 * Parses `127.0.0.1:9469`, `[::1]:9469` or `localhost:9469`. Throws a message for the operator when
 * the address is malformed or not loopback without allowRemote.
 */
export function parseListenAddress(text: string, allowRemote: boolean): ListenAddress {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text.trim());
  if (!m) throw new Error(`--metrics-listen takes host:port (e.g. 127.0.0.1:9469), not "${text}"`);
  const host = (m[1] ?? m[2])!;
  const port = Number(m[3]);
  if (!(port >= 0 && port <= 65535)) throw new Error(`--metrics-listen: port ${m[3]} is out of range`);
  if (host !== 'localhost' && isIP(host) === 0) throw new Error(`--metrics-listen: "${host}" is not an IP address`);
  if (!allowRemote && !isLoopback(host)) {
    throw new Error(
      `--metrics-listen ${text} is not a loopback address; /metrics has no authentication and names every server, ` +
        'so add --metrics-allow-remote to serve it beyond this machine (and restrict who can reach the port)',
    );
  }
  return { host, port };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export interface MetricsServer {
  /** The bound address (the real port when 0 was asked for). */
  readonly address: ListenAddress;
  close(): Promise<void>;
}

export async function startMetricsServer(exporter: FleetExporter, at: ListenAddress, logger: Logger): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    if (req.method !== 'GET') {
      return void res.writeHead(405, { allow: 'GET', 'content-type': 'text/plain' }).end('method not allowed\n');
    }
    exporter.scrape().then(
      (body) => res.writeHead(200, { 'content-type': exporter.contentType }).end(body),
      (err: unknown) => {
        logger.error('scrape failed', { err });
        res.writeHead(500, { 'content-type': 'text/plain' }).end('scrape failed\n');
      },
    );
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await listen(server, at);
  const bound = server.address() as AddressInfo;
  return {
    address: { host: at.host, port: bound.port },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, at: ListenAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port, at.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
