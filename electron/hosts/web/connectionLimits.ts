/**
 * Slow and idle connections must not lock the page out (slowloris): any local process can open
 * connections without the token. Headers must arrive within HEADERS_TIMEOUT_MS; at most
 * MAX_IDLE_CONNECTIONS may sit without a request in progress (half-sent headers, idle keep-alive),
 * and a new one evicts the oldest; the total stays well under the usual 1,024 open files, which
 * the event log, the logs and the server connections also need.
 */
import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';

export const HEADERS_TIMEOUT_MS = 10_000;
export const MAX_IDLE_CONNECTIONS = 64;
export const MAX_CONNECTIONS = 512;

export const HTTP_SERVER_OPTIONS: ServerOptions = {
  headersTimeout: HEADERS_TIMEOUT_MS,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  maxHeaderSize: 16 * 1024,
  // How often Node looks for requests past their timeouts (its default is 30 s).
  connectionsCheckingInterval: 1_000,
};

/** Applies the caps to a server; returns how many idle connections were evicted so far. */
export function limitConnections(server: Server): { evicted(): number } {
  server.maxConnections = MAX_CONNECTIONS;
  // Insertion order is age order: the first key is the connection idle the longest.
  const idle = new Map<Socket, true>();
  let evicted = 0;
  const markIdle = (socket: Socket) => {
    idle.delete(socket);
    if (socket.destroyed) return;
    idle.set(socket, true);
    while (idle.size > MAX_IDLE_CONNECTIONS) {
      const oldest = idle.keys().next().value as Socket;
      idle.delete(oldest);
      oldest.destroy();
      evicted++;
    }
  };
  server.on('connection', (socket: Socket) => {
    markIdle(socket);
    socket.once('close', () => idle.delete(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    idle.delete(socket);
    res.once('finish', () => markIdle(socket));
  });
  // A WebSocket (a tab) is in use for as long as it lives; a refused upgrade is closed at once.
  server.on('upgrade', (req) => idle.delete(req.socket));
  return { evicted: () => evicted };
}
