/**
 * One WebSocket to a server, as events. Knows URLs and tokens but no frame semantics beyond
 * what each stack's subclass needs to keep the server happy. The token travels only as `?token=`
 * (§1.6); the URL is never logged unredacted. A refused handshake reports its HTTP status
 * (pre-accept closes all arrive as 403, §1.7).
 */
import WebSocket from 'ws';
import type { Logger } from '../platform';
import { Emitter, type Event } from '../util/Emitter';
import { redactString } from '../util/redact';
import type { TlsRequestOptions } from './tls';

export interface SocketClose {
  code: number;
  reason: string;
  /** False when the handshake never completed. */
  wasOpen: boolean;
  /** HTTP status of a refused handshake (403, 502...), else null. */
  httpStatus: number | null;
  error: string | null;
  tls: boolean;
  /** The server sent a frame over MAX_FRAME_BYTES (counted as a rejected frame). */
  oversize?: boolean;
}

/**
 * The largest frame accepted from a server. Real frames are a few KB (a health_update with every
 * forwarder is under 100 KB); a larger one is a broken or hostile server, and ws would otherwise
 * buffer up to 100 MB per frame. uvicorn applies 16 MiB the other way (§6.1).
 */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
export const OVERSIZE_REASON = `frame larger than ${MAX_FRAME_BYTES / 1024 / 1024} MiB refused`;

export interface WireSocketOptions {
  baseUrl: string;
  path: string;
  token: string;
  tls: TlsRequestOptions;
  logger: Logger;
  handshakeTimeoutMs: number;
}

export class WireSocket {
  private ws: WebSocket | null = null;
  private opened = false;
  private failure: { httpStatus: number | null; error: string | null; tls: boolean } = { httpStatus: null, error: null, tls: false };
  private readonly frames = new Emitter<string>();
  private readonly openE = new Emitter<void>();
  private readonly closed = new Emitter<SocketClose>();
  private readonly pongE = new Emitter<void>();
  private oversize = false;
  readonly onDidReceive: Event<string> = this.frames.event;
  /** A protocol pong (control frame) answered one of our pings: the link carries traffic. */
  readonly onDidPong: Event<void> = this.pongE.event;
  readonly onDidOpen: Event<void> = this.openE.event;
  readonly onDidClose: Event<SocketClose> = this.closed.event;

  constructor(protected readonly opts: WireSocketOptions) {}

  get label(): string {
    return this.opts.path;
  }

  open(): void {
    const url = new URL(this.opts.path, toWs(this.opts.baseUrl));
    url.searchParams.set('token', this.opts.token);
    this.opts.logger.debug('opening socket', { url: redactString(url.toString()) });
    // ws hands these options to tls.connect unchanged, so Node's checkServerIdentity contract
    // (return an Error to refuse) applies; @types/ws declares a different signature.
    const options = {
      handshakeTimeout: this.opts.handshakeTimeoutMs,
      perMessageDeflate: true,
      maxPayload: MAX_FRAME_BYTES,
      ...this.opts.tls,
    } as unknown as WebSocket.ClientOptions;
    const ws = new WebSocket(url, options);
    this.ws = ws;
    ws.on('unexpected-response', (_req, res) => {
      this.failure = { httpStatus: res.statusCode ?? null, error: `handshake refused: HTTP ${res.statusCode}`, tls: false };
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => {
      this.opened = true;
      this.openE.fire();
    });
    ws.on('message', (data, isBinary) => {
      // The server never sends binary (§2.1); a binary frame is still passed on to be rejected.
      this.frames.fire(isBinary ? '\u0000binary' : data.toString());
    });
    ws.on('pong', () => this.pongE.fire());
    ws.on('error', (e: Error & { code?: string }) => {
      // ws stops reading and closes 1009; say why in words instead of "Max payload size exceeded".
      if (e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') this.oversize = true;
      if (this.failure.error === null)
        this.failure = {
          httpStatus: null,
          error: redactString(e.message),
          tls: /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|fingerprint/i.test(`${e.code ?? ''} ${e.message}`),
        };
    });
    ws.on('close', (code, reason) => {
      this.ws = null;
      const said = this.oversize ? OVERSIZE_REASON : reason.toString();
      this.closed.fire({ code, reason: said, wasOpen: this.opened, ...this.failure, oversize: this.oversize });
      this.dispose();
    });
  }

  send(message: unknown): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  /**
   * A WebSocket protocol ping (control frame). The server's ASGI stack answers it by itself and
   * nginx passes it through (§6.1), so an answer proves the link and the server process are
   * alive whatever the application's push interval. False when the socket is not open.
   */
  ping(): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.ping();
    return true;
  }

  /** Drops the link without a closing handshake (used when the peer is believed dead). */
  terminate(): void {
    this.ws?.terminate();
  }

  close(code = 1000, reason = 'client closing'): void {
    if (!this.ws) return;
    if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
    else this.ws.close(code, reason);
  }

  dispose(): void {
    this.frames.dispose();
    this.openE.dispose();
    this.pongE.dispose();
    // onDidClose listeners stay until the close event has fired once.
    if (!this.ws) this.closed.dispose();
    else this.ws.terminate();
  }
}

const toWs = (base: string): string => base.replace(/^http/, 'ws');
