// One accepted WebSocket, as both stacks see it: bounded sends, hang-aware (nothing leaves and
// nothing is processed while hanging), uvicorn-style protocol keepalive (§6.1) and a client-silence
// timer (legacy idle ping L7 / unified heartbeat U9 after idleTimeoutMs, §6.2/§6.3).
import type { RawData, WebSocket } from 'ws';
import { MAX_BUFFERED_BYTES } from './constants';
import type { EmulatorContext } from './context';

export interface SocketHandlers {
  onText(text: string): void;
  onBinary(): void;
  onIdle(): void;
  onClose(): void;
}

export class ServerSocket {
  private alive = true;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  lastClientFrameAt: number;

  constructor(
    readonly ws: WebSocket,
    private readonly ctx: EmulatorContext,
    private readonly h: SocketHandlers,
  ) {
    this.lastClientFrameAt = ctx.now();
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (ctx.flags.hanging) return; // a frozen server processes nothing
      this.lastClientFrameAt = ctx.now();
      this.armIdle();
      try {
        if (isBinary) h.onBinary();
        else h.onText(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'));
      } catch (err) {
        ctx.log.error('emulator socket handler failed', { error: err instanceof Error ? err.message : String(err) });
      }
    });
    // autoPong is off on the server so that a hanging server does not answer pings either.
    ws.on('ping', (data: Buffer) => {
      if (!ctx.flags.hanging && ws.readyState === ws.OPEN) ws.pong(data);
    });
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('error', (err: Error) => ctx.log.debug('emulator socket error', { error: err.message }));
    ws.on('close', () => {
      this.closed = true;
      ctx.timers.clear(this.idleTimer);
      h.onClose();
    });
    this.armIdle();
  }

  get isOpen(): boolean {
    return !this.closed && this.ws.readyState === this.ws.OPEN;
  }

  /**
   * Holds writes until uncork(): frames sent in between leave in one TCP write. A storm tick's
   * frames went out one syscall each, and the load generator then needed a core of its own.
   * ws has no public cork; its socket is a net.Socket (or tls.TLSSocket), which nests corks.
   */
  cork(): void {
    (this.ws as unknown as { _socket?: { cork(): void } })._socket?.cork();
  }

  uncork(): void {
    (this.ws as unknown as { _socket?: { uncork(): void } })._socket?.uncork();
  }

  /** Write one text frame unless hanging, closed or over the buffer bound. */
  send(frame: string): boolean {
    if (this.ctx.flags.hanging || !this.isOpen) return false;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.ctx.counters.framesDropped++;
      return false;
    }
    this.ws.send(frame);
    this.ctx.counters.framesSent++;
    return true;
  }

  close(code: number, reason: string): void {
    if (!this.isOpen) return;
    this.ws.close(code, reason);
    // Do not wait for a closing handshake from a dead client forever.
    this.ctx.timers.timeout(() => this.terminate(), 2000);
  }

  terminate(): void {
    this.closed = true;
    this.ctx.timers.clear(this.idleTimer);
    this.ws.terminate();
  }

  /** Called by the hub every protocolPingIntervalMs: uvicorn closes 1011 on a missed pong. */
  protocolTick(): void {
    if (this.ctx.flags.hanging || !this.isOpen) return;
    if (!this.alive) {
      this.close(1011, 'keepalive ping timeout');
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  /** After a hang ends: the client had nothing to answer, do not count that against it. */
  resetKeepalive(): void {
    this.alive = true;
    this.armIdle();
  }

  private armIdle(): void {
    this.ctx.timers.clear(this.idleTimer);
    if (this.closed || this.ctx.t.idleTimeoutMs <= 0) return;
    this.idleTimer = this.ctx.timers.timeout(() => {
      this.idleTimer = null;
      if (!this.ctx.flags.hanging) this.h.onIdle();
      this.armIdle();
    }, this.ctx.t.idleTimeoutMs);
  }
}

/** Runs `emit` with every given socket corked: the frames it sends leave in one write per socket. */
export function corkAll(socks: readonly ServerSocket[], emit: () => void): void {
  for (const s of socks) s.cork();
  try {
    emit();
  } finally {
    for (const s of socks) s.uncork();
  }
}
