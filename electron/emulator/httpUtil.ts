// Small HTTP helpers: REST results, raw handshake refusals (uvicorn answers pre-accept closes with
// 403 and an empty body, §1.7; nginx answers 502/503 with HTML, Q26) and body reading.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { pyDumps, REST_STYLE } from './frames';

export interface RestResult {
  status: number;
  /** JSON value (serialised like Starlette's JSONResponse) or a preformatted string */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

const REASONS: Record<number, string> = {
  200: 'OK',
  202: 'Accepted',
  307: 'Temporary Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  422: 'Unprocessable Entity',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Timeout',
};

export const reason = (status: number): string => REASONS[status] ?? 'Error';

/** nginx's default error page, what a client sees while the backend is down. */
export function nginxHtml(status: number): string {
  const title = `${status} ${reason(status)}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n`;
}

export const html = (status: number): RestResult => ({ status, body: nginxHtml(status), contentType: 'text/html' });
export const json = (status: number, body: unknown, headers?: Record<string, string>): RestResult => ({ status, body, headers });
export const detail = (status: number, msg: string, headers?: Record<string, string>): RestResult => json(status, { detail: msg }, headers);

export function writeResult(res: ServerResponse, r: RestResult): void {
  if (res.writableEnded || res.destroyed) return;
  const isString = typeof r.body === 'string' && r.contentType !== undefined;
  const payload = r.body === undefined ? '' : isString ? (r.body as string) : pyDumps(r.body, REST_STYLE);
  res.writeHead(r.status, {
    'content-type': r.contentType ? `${r.contentType}; charset=utf-8` : 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...r.headers,
  });
  res.end(payload);
}

/** Answer an Upgrade request with a plain HTTP response and drop the socket. */
export function refuseUpgrade(socket: Duplex, status: number, body = '', contentType = 'text/plain'): void {
  if (socket.destroyed) return;
  const head = [
    `HTTP/1.1 ${status} ${reason(status)}`,
    `date: ${new Date().toUTCString()}`,
    'connection: close',
    `content-length: ${Buffer.byteLength(body)}`,
  ];
  if (body) head.push(`content-type: ${contentType}`);
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  socket.once('finish', () => socket.destroy());
}

export function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Client IP as the server sees it (IPv4-mapped IPv6 normalised). */
export function clientIp(req: IncomingMessage): string {
  const a = req.socket.remoteAddress ?? 'unknown';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}
