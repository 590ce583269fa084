/**
 * Who may talk to the browser host: loopback only, the exact Host and Origin of this server
 * (DNS-rebinding and cross-site WebSocket defence) and the random per-run token.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The subprotocol the page asks for; the server echoes it (never the token one). */
export const BRIDGE_PROTOCOL = 'dnsfleet.v1';
/** The page may carry its token as a second subprotocol `dnsfleet.token.<token>`. */
export const TOKEN_PROTOCOL_PREFIX = 'dnsfleet.token.';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; hashing first makes unequal lengths safe to compare too. */
export function tokenMatches(expected: string, presented: string | null | undefined): boolean {
  if (!presented) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}

export interface OriginPolicy {
  hosts: ReadonlySet<string>;
  origins: ReadonlySet<string>;
}

export function originPolicy(port: number): OriginPolicy {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return { hosts, origins: new Set([...hosts].map((h) => `http://${h}`)) };
}

export type Refusal = { status: 401 | 403; reason: string };

/** Host must be ours; Origin, when sent (or always, for the WebSocket), must be ours too. */
export function checkHostAndOrigin(req: IncomingMessage, policy: OriginPolicy, requireOrigin: boolean): Refusal | null {
  const host = req.headers.host ?? '';
  if (!policy.hosts.has(host.toLowerCase())) return { status: 403, reason: 'host not allowed' };
  const origin = req.headers.origin;
  if (origin === undefined) return requireOrigin ? { status: 403, reason: 'origin required' } : null;
  if (!policy.origins.has(origin.toLowerCase())) return { status: 403, reason: 'origin not allowed' };
  return null;
}

/**
 * The token from the `Sec-WebSocket-Protocol` list (the page) or `?token=` (scripts). Never from a
 * cookie: a cookie for 127.0.0.1 is sent to every port of 127.0.0.1, so any local listener could read it.
 */
export function presentedToken(req: IncomingMessage): string | null {
  const url = requestUrl(req);
  if (!url) return null;
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return fromQuery;
  const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim());
  const fromProtocol = protocols.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
  return fromProtocol ? fromProtocol.slice(TOKEN_PROTOCOL_PREFIX.length) : null;
}

/**
 * The request target as a URL, or null: Node's parser accepts targets such as `http://[` that
 * `new URL` refuses, and a throw in a request listener would end the process.
 */
export function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

/**
 * The same policy as renderer/index.html, plus what only a header can say (frame-ancestors).
 * 'self' covers ws:// on the same host:port in CSP3 browsers; the explicit entries are for older ones.
 */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // The token is in the page URL: never let it leave in a Referer.
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  };
}
