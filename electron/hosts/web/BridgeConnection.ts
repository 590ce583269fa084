/** One browser tab on the bridge: answers its invokes, forwards pushes, and polices its limits. */
import type { WebSocket } from 'ws';
import type { CoreHandle } from '../../core/api/CoreHandle';
import type { Logger } from '../../core/platform';
import { dispatchInvoke } from '../../../shared/ipc/dispatch';
import { invalidFrame, parseClientFrame, type ServerFrame } from './bridgeFrames';

/** A tab that falls this far behind on pushes is dropped; it reconnects and reloads its snapshot. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** More concurrent invokes than this from one tab is a bug or abuse; answer `unavailable`. */
const MAX_IN_FLIGHT = 64;

export class BridgeConnection {
  private inFlight = 0;
  private alive = true;

  constructor(
    private readonly socket: WebSocket,
    private readonly core: CoreHandle,
    private readonly logger: Logger,
  ) {
    // One bad frame must never end the process: whatever escapes onMessage is logged and answered.
    socket.on('message', (data, isBinary) => {
      this.onMessage(data.toString(), isBinary).catch((err: unknown) => {
        this.logger.error('bridge frame handling failed', { err });
        this.send(invalidFrame(null, 'the frame could not be handled'));
      });
    });
    socket.on('pong', () => (this.alive = true));
    socket.on('error', (err) => this.logger.warn('bridge socket error', { err }));
  }

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  /** Sends an already-serialised push frame (serialised once for all tabs). */
  sendPush(text: string): void {
    if (!this.isOpen) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.logger.warn('dropping a tab that cannot keep up with pushes');
      this.socket.close(1013, 'too slow');
      return;
    }
    this.socket.send(text);
  }

  /** Called by the heartbeat: terminate tabs that did not answer the previous ping. */
  heartbeat(): void {
    if (!this.alive) {
      this.socket.terminate();
      return;
    }
    this.alive = false;
    if (this.isOpen) this.socket.ping();
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  private async onMessage(text: string, isBinary: boolean): Promise<void> {
    if (isBinary) return this.send(invalidFrame(null, 'binary frames are not accepted'));
    const parsed = parseClientFrame(text);
    if (!parsed.ok) {
      this.logger.warn('invalid bridge frame', { reason: parsed.message.slice(0, 200) });
      return this.send(invalidFrame(parsed.id, parsed.message));
    }
    const { id, channel, payload } = parsed.frame;
    if (this.inFlight >= MAX_IN_FLIGHT) {
      return this.send({ id, result: { ok: false, error: { code: 'unavailable', message: 'too many requests in flight' } } });
    }
    this.inFlight++;
    try {
      const result = await dispatchInvoke(this.core.handlers, channel, payload, (ch, err) => this.logger.error('handler failed', { channel: ch, err }));
      this.send({ id, result });
    } finally {
      this.inFlight--;
    }
  }

  private send(frame: ServerFrame): void {
    if (this.isOpen) this.socket.send(JSON.stringify(frame));
  }
}
