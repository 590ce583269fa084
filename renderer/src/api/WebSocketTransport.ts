/**
 * The browser host: the contract over one WebSocket to /bridge. Reconnects with jittered exponential
 * backoff (reset only after a minimum uptime), queues invokes while down, and fails them as data
 * (never throws) when they cannot be answered.
 */
import type { ApiResult, InvokeChannel, InvokeRequest, InvokeResponse, PushChannel, PushPayload } from '../../../shared/ipc/contract';
import { ListenerSet, type ConnectionState, type FleetClient } from './FleetClient';

/** The subset of the DOM WebSocket this transport uses (tests pass a `ws` socket). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface WebSocketTransportOptions {
  url: string;
  token: string;
  createSocket?: (url: string, protocols: string[]) => SocketLike;
  /** Backoff bounds; tests shorten them. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** An invoke unanswered this long resolves as `unavailable`. */
  requestTimeoutMs?: number;
}

const OPEN = 1;
const STABLE_UPTIME_MS = 10_000;

interface Pending {
  frame: string;
  sent: boolean;
  resolve: (r: ApiResult<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class WebSocketTransport implements FleetClient {
  readonly kind = 'web' as const;
  private state: ConnectionState = 'reconnecting';
  private socket: SocketLike | null = null;
  private nextId = 1;
  private attempt = 0;
  private pending = new Map<number, Pending>();
  private pushListeners = new Map<string, ListenerSet<unknown>>();
  private connectionListeners = new ListenerSet<ConnectionState>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stableTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly opts: WebSocketTransportOptions) {
    this.connect();
  }

  get connection(): ConnectionState {
    return this.state;
  }

  invoke<C extends InvokeChannel>(channel: C, req: InvokeRequest<C>): Promise<ApiResult<InvokeResponse<C>>> {
    if (this.state === 'closed') return Promise.resolve(unavailable('the connection to the app core is closed'));
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(id, unavailable('the app core did not answer in time')), this.opts.requestTimeoutMs ?? 30_000);
      const entry: Pending = { frame: JSON.stringify({ id, channel, payload: req }), sent: false, resolve: resolve as Pending['resolve'], timer };
      this.pending.set(id, entry);
      this.trySend(entry);
    });
  }

  on<C extends PushChannel>(channel: C, listener: (payload: PushPayload<C>) => void): () => void {
    let set = this.pushListeners.get(channel);
    if (!set) this.pushListeners.set(channel, (set = new ListenerSet()));
    return set.add(listener as (p: unknown) => void);
  }

  onDidChangeConnection(listener: (state: ConnectionState) => void): () => void {
    return this.connectionListeners.add(listener);
  }

  dispose(): void {
    this.setState('closed');
    clearTimeout(this.retryTimer);
    clearTimeout(this.stableTimer);
    this.socket?.close(1000, 'page closed');
    for (const id of [...this.pending.keys()]) this.settle(id, unavailable('the page is closing'));
    this.pushListeners.clear();
    this.connectionListeners.clear();
  }

  private connect(): void {
    const create = this.opts.createSocket ?? ((url, protocols) => new WebSocket(url, protocols) as unknown as SocketLike);
    const socket = create(this.opts.url, ['dnsfleet.v1', `dnsfleet.token.${this.opts.token}`]);
    this.socket = socket;
    socket.onopen = () => this.onOpen();
    socket.onmessage = (ev) => this.onMessage(ev.data);
    socket.onclose = () => this.onClose(socket);
    socket.onerror = () => {}; // a close always follows; handled there
  }

  private onOpen(): void {
    this.setState('open');
    this.stableTimer = setTimeout(() => (this.attempt = 0), STABLE_UPTIME_MS);
    for (const entry of this.pending.values()) this.trySend(entry);
  }

  private onClose(socket: SocketLike): void {
    if (socket !== this.socket) return;
    this.socket = null;
    clearTimeout(this.stableTimer);
    // What was sent is lost with the socket; what was only queued goes out after the reconnect.
    for (const [id, entry] of this.pending) if (entry.sent) this.settle(id, unavailable('lost connection to the app core'));
    if (this.state === 'closed') return;
    this.setState('reconnecting');
    const min = this.opts.minDelayMs ?? 500;
    const max = this.opts.maxDelayMs ?? 15_000;
    const delay = Math.min(max, min * 2 ** this.attempt) * (0.75 + Math.random() * 0.5);
    this.attempt++;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private onMessage(data: unknown): void {
    let frame: { id?: unknown; result?: ApiResult<unknown>; push?: unknown; payload?: unknown };
    try {
      frame = JSON.parse(String(data)) as typeof frame;
    } catch {
      return;
    }
    if (typeof frame.push === 'string') return this.pushListeners.get(frame.push)?.fire(frame.payload);
    if (typeof frame.id === 'number' && frame.result) this.settle(frame.id, frame.result);
  }

  private trySend(entry: Pending): void {
    if (entry.sent || !this.socket || this.socket.readyState !== OPEN) return;
    this.socket.send(entry.frame);
    entry.sent = true;
  }

  private settle(id: number, result: ApiResult<unknown>): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(result);
  }

  private setState(next: ConnectionState): void {
    if (this.state === next) return;
    this.state = next;
    this.connectionListeners.fire(next);
  }
}

const unavailable = (message: string) => ({ ok: false as const, error: { code: 'unavailable' as const, message } });
