/**
 * A small JSON-over-HTTP(S) client for one server. Errors are data (never thrown): every call
 * resolves to a RestResult. Responses that fail2ban counts (429/500/502/503, §6.6) are reported
 * through `onBanCounted` so the session can stay inside its budget. Log lines carry the path only.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Logger } from '../platform';
import type { TlsRequestOptions } from './tls';

export type RestResult =
  | { ok: true; status: number; body: unknown }
  | { ok: false; status: number | null; body: unknown; error: string; banCounted: boolean; tls: boolean };

export const BAN_COUNTED_STATUS: ReadonlySet<number> = new Set([429, 500, 502, 503]);
const MAX_BODY = 32 * 1024 * 1024;
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|fingerprint|altnames|SSL/i;

export interface RestClientOptions {
  baseUrl: string;
  tls: TlsRequestOptions;
  logger: Logger;
  timeoutMs?: number;
  onBanCounted?: (status: number, path: string) => void;
}

export class RestClient {
  private readonly base: URL;
  private disposed = false;

  constructor(private readonly opts: RestClientOptions) {
    this.base = new URL(opts.baseUrl);
  }

  get(path: string, token?: string | null): Promise<RestResult> {
    return this.send('GET', path, undefined, token);
  }

  post(path: string, body: unknown, token?: string | null): Promise<RestResult> {
    return this.send('POST', path, body, token);
  }

  dispose(): void {
    this.disposed = true;
  }

  private send(method: string, path: string, body: unknown, token?: string | null): Promise<RestResult> {
    if (this.disposed) return Promise.resolve(failure(null, 'client disposed', false));
    const url = new URL(path, this.base);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const requester = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const req = requester(url, { method, headers, timeout: this.opts.timeoutMs ?? 15_000, agent: false, ...this.opts.tls }, (res) => {
        collect(res).then(
          (text) => resolve(this.result(res.statusCode ?? 0, text, path)),
          (e: Error) => resolve(failure(res.statusCode ?? null, e.message, false)),
        );
      });
      req.on('timeout', () => req.destroy(new Error(`request timed out (${method} ${path})`)));
      req.on('error', (e: NodeJS.ErrnoException) => {
        const isTls = TLS_CODES.test(`${e.code ?? ''} ${e.message}`);
        this.opts.logger.debug('request failed', { method, path, error: e.message });
        resolve(failure(null, e.message, false, isTls));
      });
      req.end(payload);
    });
  }

  private result(status: number, text: string, path: string): RestResult {
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text.slice(0, 200); // nginx answers 502/503 with HTML
    }
    if (status >= 200 && status < 300) return { ok: true, status, body: parsed };
    const banCounted = BAN_COUNTED_STATUS.has(status);
    if (banCounted) this.opts.onBanCounted?.(status, path);
    return failure(status, `HTTP ${status}${detailOf(parsed)}`, banCounted, false, parsed);
  }
}

function failure(status: number | null, error: string, banCounted: boolean, tls = false, body: unknown = null): RestResult {
  return { ok: false, status, body, error, banCounted, tls };
}

/** FastAPI `{"detail"}`, the 422/404 `{"message"}` or slowapi `{"error"}` (Q26). */
export function detailOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const b = body as Record<string, unknown>;
  const d = b.detail ?? b.message ?? b.error;
  return typeof d === 'string' ? ` ${d.slice(0, 200)}` : '';
}

function collect(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) res.destroy(new Error('response too large'));
      else chunks.push(c);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}
