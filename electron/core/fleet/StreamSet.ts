/**
 * The push side of one connection attempt: the legacy socket(s) or the unified socket, each
 * with two independent checks. The LinkProbe pings (protocol control frames) and reports a
 * silent link within seconds; the data watchdog (2.5 x the interval of the stream the socket
 * relies on, or the configured window) is fed only by frames the Normaliser accepted, so a
 * server sending garbage does not look alive. Reports `established` once every socket got its
 * welcome, `ended` on the first close (the session tears the whole set down and reconnects) and
 * `stale` when either check gives up.
 */
import type { ServerConfig } from '../../../shared/domain/serverConfig';
import { LegacySocket, type LegacyType } from '../hybrid-dns/LegacySocket';
import type { Ingested, Normaliser, Stack } from '../hybrid-dns/Normaliser';
import type { TlsRequestOptions } from '../hybrid-dns/tls';
import { UnifiedSocket } from '../hybrid-dns/UnifiedSocket';
import type { SocketClose } from '../hybrid-dns/WireSocket';
import type { ConnectionInspector } from '../inspector/ConnectionInspector';
import type { Clock, Logger } from '../platform';
import { LinkProbe } from './LinkProbe';
import type { SessionTuning } from './tuning';
import { Watchdog } from './Watchdog';

export interface StreamSink {
  established(): void;
  ingested(out: Ingested, at: number): void;
  ended(close: SocketClose, socket: string): void;
  stale(silentMs: number, windowMs: number, detail?: string): void;
}

interface Entry {
  socket: LegacySocket | UnifiedSocket;
  watchdog: Watchdog;
  probe: LinkProbe;
}

export class StreamSet {
  private readonly entries: Entry[] = [];
  private finished = false;
  private isEstablished = false;
  /** Sees sockets, pings and frames as they happen (the connection inspector). */
  inspector: ConnectionInspector | null = null;
  private detached = false;

  constructor(
    readonly stack: Stack,
    private readonly config: ServerConfig,
    private readonly token: string,
    private readonly tls: TlsRequestOptions,
    private readonly normaliser: Normaliser,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly tuning: SessionTuning,
    private readonly sink: StreamSink,
  ) {}

  open(): void {
    const base = {
      baseUrl: this.config.url,
      token: this.token,
      tls: this.tls,
      logger: this.logger,
      handshakeTimeoutMs: this.tuning.handshakeTimeoutMs,
    };
    if (this.stack === 'unified') {
      const socket = new UnifiedSocket({
        ...base,
        clock: this.clock,
        resubscribeMinMs: this.tuning.resubscribeMinMs,
        resubscribeMaxMs: this.tuning.resubscribeMaxMs,
        random: this.tuning.random,
        queueProbeMs: this.tuning.unifiedQueueProbeMs,
        queueProbeTimeoutMs: this.tuning.unifiedQueueProbeTimeoutMs,
      });
      socket.onDidStall((quietMs) => {
        if (!this.finished)
          this.sink.stale(
            quietMs,
            this.tuning.unifiedQueueProbeMs,
            `only pings for ${Math.round(quietMs / 1000)} s: the server's send queue is stuck (Q7)`,
          );
      });
      this.add(socket, this.tuning.unifiedPingIntervalMs);
    } else {
      const types: LegacyType[] = this.config.legacyTypes === 'health+system' ? ['health', 'system'] : ['admin'];
      for (const t of types) {
        const interval = t === 'system' ? this.tuning.legacySystemIntervalMs : this.tuning.legacyHealthIntervalMs;
        this.add(new LegacySocket(t, base), interval);
      }
    }
    this.inspector?.attemptStarted();
    for (const e of this.entries) this.inspector?.socketCreated(e.socket.label, this.stack, e.socket);
    for (const e of this.entries) e.socket.open();
  }

  /** Sends subscribe_events again on every welcomed unified socket; false when there is none. */
  resubscribe(): boolean {
    let sent = false;
    for (const e of this.entries) if (e.socket instanceof UnifiedSocket && e.socket.established) sent = e.socket.resubscribe() || sent;
    return sent;
  }

  get established(): boolean {
    return this.isEstablished;
  }

  get sockets(): ReadonlyArray<LegacySocket | UnifiedSocket> {
    return this.entries.map((e) => e.socket);
  }

  /** Ends every socket; no sink callback fires afterwards. */
  dispose(): void {
    if (!this.detached) for (const e of this.entries) this.inspector?.socketClosed(e.socket.label, this.clock.now(), 1000, 'closed by this client');
    this.detached = true;
    this.finished = true;
    for (const e of this.entries) {
      e.watchdog.stop();
      e.probe.stop();
      e.socket.close(1000, 'client closing');
      e.socket.dispose();
    }
  }

  private add(socket: LegacySocket | UnifiedSocket, intervalMs: number): void {
    const windowMs =
      this.config.watchdogSeconds !== undefined ? this.config.watchdogSeconds * 1000 : intervalMs * this.tuning.watchdogFactor;
    const watchdog = new Watchdog(this.clock, windowMs, (silent) => {
      if (!this.finished) this.sink.stale(silent, windowMs);
    });
    const t = this.tuning;
    const ping = (): boolean => {
      const sent = socket.ping();
      if (sent) this.inspector?.pingSent(socket.label);
      return sent;
    };
    const probe = new LinkProbe(this.clock, t.linkPingIntervalMs, t.linkPongTimeoutMs, ping, (silent, deadline) => {
      if (this.finished) return;
      this.sink.stale(silent, deadline, `no answer from the server for ${Math.round(silent / 1000)} s (ping unanswered)`);
    });
    this.entries.push({ socket, watchdog, probe });
    socket.onDidOpen(() => {
      this.inspector?.socketOpened(socket.label, this.clock.now());
      watchdog.start();
      probe.start();
    });
    socket.onDidPong(() => {
      const at = this.clock.now();
      this.inspector?.pongHeard(socket.label, at);
      probe.heard(at);
    });
    socket.onDidReceive((raw) => this.receive(socket, watchdog, probe, raw));
    socket.onDidClose((close) => {
      watchdog.stop();
      probe.stop();
      // After dispose() the next attempt may already own this label in the inspector.
      if (!this.detached) this.inspector?.socketClosed(socket.label, this.clock.now(), close.code, close.reason || (close.error ?? ''));
      if (close.oversize) {
        this.normaliser.counters.rejected++;
        this.inspector?.rejected(close.reason, '', this.clock.now(), socket.label);
        this.logger.warn('frame rejected', { reason: close.reason, socket: socket.label });
      }
      if (this.finished) return;
      this.finished = true;
      this.sink.ended(close, socket.label);
    });
  }

  private receive(socket: LegacySocket | UnifiedSocket, watchdog: Watchdog, probe: LinkProbe, raw: string): void {
    if (this.finished) return;
    const at = this.clock.now();
    probe.heard(at); // any bytes prove the link; only valid frames prove the data (below)
    this.inspector?.beginFrame(socket.label, this.stack);
    const out = this.normaliser.ingest(raw, this.stack, at);
    this.inspector?.endFrame(raw, at);
    if (!isValid(out)) return;
    watchdog.feed();
    if (socket instanceof UnifiedSocket) socket.sawFrame(isDirectWrite(out) ? 'direct' : 'queued');
    let welcomed = false;
    for (const env of out.control) if (socket.handleControl(env)) welcomed = true;
    if (out.events.length > 0 || out.signals.length > 0) this.sink.ingested(out, at);
    if (welcomed && !this.isEstablished && this.entries.every((e) => e.socket.established)) {
      this.isEstablished = true;
      this.sink.established();
    }
  }
}

/** A frame the Normaliser understood (events, control, or a duplicate of a valid frame). */
function isValid(out: Ingested): boolean {
  return out.rejected === null || out.events.length > 0 || out.control.length > 0;
}

/** Server pings (and connection_test) bypass the unified outbound queue (§3.1, Q7). */
function isDirectWrite(out: Ingested): boolean {
  return out.events.length === 0 && out.control.length > 0 && out.control.every((e) => e.type === 'ping' || e.type === 'connection_test');
}
