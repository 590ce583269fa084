/**
 * The connection inspector of one server session: one recorder, fed as things happen by the
 * session's sockets (StreamSet), the Normaliser (every message and rejection), the retry scheduler
 * and the poller, and read as a JSON snapshot by the inspector tab, `dnsfleet inspect` and the
 * diagnostics bundle. The hot path (one call per message) is a Map lookup and a counter; the tail
 * costs a redaction per frame, and only while someone watches it.
 */
import type { InspectorSnapshot, InspectorSocket, PollRecord, ReconnectRecord, RejectedFrame } from '../../../shared/domain/inspector';
import type { NormaliserCounters } from '../hybrid-dns/Normaliser';
import { redactedHead, redactString } from '../util/redact';
import { FrameRates } from './FrameRates';
import { FrameTail } from './FrameTail';
import { nearestRank, PingStats } from './PingStats';
import { isoOrNull, SubscriptionLedger } from './SubscriptionLedger';

type Stack = 'legacy' | 'unified';
const MAX_REJECTED = 20;
const MAX_RECONNECTS = 20;
const MAX_POLLS = 10;
const POLL_DURATIONS = 100;

/** What the inspector reads from a live socket when a snapshot is taken. */
export interface InspectedSocket {
  readonly established: boolean;
  readonly pongsSent?: number;
}

interface SocketRecord {
  label: string;
  stack: Stack;
  socket: InspectedSocket;
  openedAt: number | null;
  closedAt: number | null;
  closeReason: string | null;
  pingSentAt: number | null;
}

/** What the session knows at snapshot time and the inspector does not record itself. */
export interface InspectionContext {
  now: number;
  state: string;
  stack: Stack | null;
  counters: NormaliserCounters;
  requested: string[];
  requestsSent: number;
  lastRequestAt: number | null;
  tokenExpiresAt: number | null;
  nextRefreshAt: number | null;
  fail2ban: { used: number; budget: number; banAt: number; windowMs: number };
}

export class ConnectionInspector {
  readonly rates = new FrameRates();
  readonly pings = new PingStats();
  readonly tail = new FrameTail();
  readonly subscriptions = new SubscriptionLedger();
  private sockets = new Map<string, SocketRecord>();
  private readonly rejections: RejectedFrame[] = [];
  private readonly reconnects: ReconnectRecord[] = [];
  private reconnectTotal = 0;
  private readonly polls: PollRecord[] = [];
  private readonly pollDurations: number[] = [];
  private pollTotal = 0;
  private pollFailed = 0;
  /** The socket whose frame is being normalised, and the first message type seen in it. */
  private current: { label: string; stack: Stack } | null = null;
  private frameType: string | null = null;
  /**
   * Bumped by what a viewer should see at once (frames, rejections, sockets, reconnects): the
   * service recomputes a snapshot when it moved, else every 5 s (which is when ping and poll
   * records show: they come every 5 s anyway, and pushing each would keep the once-a-second
   * throttle busy just when a rejected frame should show).
   */
  version = 0;
  /** Rejected frames recorded so far: evidence a viewer must see without waiting for the throttle. */
  rejectedSeen = 0;

  constructor(private readonly hrNow: () => number = () => performance.now()) {}

  /** A new connection attempt opens its sockets: the previous attempt's records go. */
  attemptStarted(): void {
    this.sockets = new Map();
    this.subscriptions.reset();
  }

  socketCreated(label: string, stack: Stack, socket: InspectedSocket): void {
    this.version++;
    this.sockets.set(label, { label, stack, socket, openedAt: null, closedAt: null, closeReason: null, pingSentAt: null });
  }

  socketOpened(label: string, at: number): void {
    this.version++;
    const r = this.sockets.get(label);
    if (r) r.openedAt = at;
  }

  socketClosed(label: string, at: number, code: number, reason: string): void {
    this.version++;
    const r = this.sockets.get(label);
    if (!r || r.closedAt !== null) return;
    r.closedAt = at;
    r.closeReason = redactedHead(`${code}${reason ? ` ${reason}` : ''}`, 200);
  }

  pingSent(label: string): void {
    this.pings.sent++;
    const r = this.sockets.get(label);
    if (r) r.pingSentAt = this.hrNow();
  }

  pongHeard(label: string, at: number): void {
    const r = this.sockets.get(label);
    if (!r || r.pingSentAt === null) return;
    this.pings.record(at, this.hrNow() - r.pingSentAt);
    r.pingSentAt = null;
  }

  /** Before the Normaliser reads a frame of this socket. */
  beginFrame(label: string, stack: Stack): void {
    this.current = { label, stack };
    this.frameType = null;
  }

  /** After it: the tail keeps the frame (when enabled) under its first message's type. */
  endFrame(raw: string, at: number): void {
    this.version++;
    const cur = this.current;
    if (cur && this.tail.enabled) this.tail.record(at, cur.label, cur.stack, this.frameType ?? 'unparsed', raw);
    this.current = null;
  }

  /** Every message the Normaliser looks at (a batch's messages one by one). */
  message(type: string, data: unknown, at: number): void {
    this.version++;
    const key = type === 'system_status' ? nestedType(data) : type;
    this.frameType ??= key;
    this.rates.add(key, at);
    if (type === 'subscription_updated' && this.current?.stack === 'unified') this.subscriptions.reply(data, at);
    else if (type === 'connection_established' && this.current) this.subscriptions.welcome(this.current.stack, data, at);
    else if (type === 'validation_error') this.subscriptions.refuse(messageOf(data));
  }

  rejected(reason: string, raw: string, at: number, socket?: string): void {
    this.version++;
    this.rejectedSeen++;
    const label = socket ?? this.current?.label ?? '?';
    this.rejections.unshift({ at: new Date(at).toISOString(), socket: label, reason: redactedHead(reason, 300), length: raw.length, excerpt: redactedHead(raw, 200) });
    if (this.rejections.length > MAX_REJECTED) this.rejections.length = MAX_REJECTED;
  }

  reconnectScheduled(at: number, state: string, cause: string, delayMs: number, attempt: number): void {
    this.version++;
    this.reconnectTotal++;
    this.reconnects.unshift({ at: new Date(at).toISOString(), state, cause: redactString(cause), delayMs: Math.max(0, Math.round(delayMs)), attempt });
    if (this.reconnects.length > MAX_RECONNECTS) this.reconnects.length = MAX_RECONNECTS;
  }

  polled(record: PollRecord): void {
    this.pollTotal++;
    if (record.outcome !== 'ok') this.pollFailed++;
    this.polls.unshift({ ...record, error: record.error === null ? null : redactedHead(record.error, 300) });
    if (this.polls.length > MAX_POLLS) this.polls.length = MAX_POLLS;
    this.pollDurations.push(record.durationMs);
    if (this.pollDurations.length > POLL_DURATIONS) this.pollDurations.shift();
  }

  snapshot(serverId: string, ctx: InspectionContext): InspectorSnapshot {
    const p = this.pings.percentiles(ctx.now);
    const c = ctx.counters;
    return {
      serverId,
      takenAt: new Date(ctx.now).toISOString(),
      state: ctx.state,
      stack: ctx.stack,
      sockets: [...this.sockets.values()].map(socketView),
      subscriptions: this.subscriptions.view(ctx.requested, ctx.requestsSent, ctx.lastRequestAt),
      ping: { lastMs: this.pings.lastMs, lastAt: isoOrNull(this.pings.lastAt), p50Ms: p.p50, p95Ms: p.p95, samples: p.samples, sent: this.pings.sent, answered: this.pings.answered },
      frames: { total: this.rates.total, perMinute: masked(this.rates.lastMinute(ctx.now)), totals: masked(this.rates.totals()), events: c.events, control: c.control, duplicates: c.duplicates, rejected: c.rejected },
      rejected: [...this.rejections],
      reconnects: { total: this.reconnectTotal, recent: [...this.reconnects] },
      token: { expiresAt: isoOrNull(ctx.tokenExpiresAt), nextRefreshAt: isoOrNull(ctx.nextRefreshAt) },
      polls: { total: this.pollTotal, failed: this.pollFailed, p50Ms: this.pollP50(), recent: [...this.polls] },
      fail2ban: ctx.fail2ban,
      frameTail: { enabled: this.tail.enabled, held: this.tail.held, capacity: 500 },
    };
  }

  private pollP50(): number | null {
    return this.pollDurations.length === 0 ? null : nearestRank([...this.pollDurations].sort((a, b) => a - b), 0.5);
  }
}

/** Type names are the server's strings: masked like everything else it sent. */
const masked = (rows: Array<{ type: string; count: number }>) => rows.map((r) => ({ type: redactString(r.type), count: r.count }));

function socketView(r: SocketRecord): InspectorSocket {
  const state = r.closedAt !== null ? 'closed' : r.openedAt !== null ? 'open' : 'connecting';
  return {
    label: r.label,
    stack: r.stack,
    state,
    openedAt: isoOrNull(r.openedAt),
    closedAt: isoOrNull(r.closedAt),
    closeReason: r.closeReason,
    welcomed: r.socket.established,
    pongsSent: r.socket.pongsSent ?? 0,
  };
}

/** Unified system_status nests its kind (U5/U6): "system_status/query_update". */
function nestedType(data: unknown): string {
  const sub = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
  return typeof sub === 'string' && sub.length > 0 && sub.length <= 40 ? `system_status/${sub}` : 'system_status';
}

function messageOf(data: unknown): string {
  const m = typeof data === 'object' && data !== null ? (data as { message?: unknown }).message : undefined;
  return typeof m === 'string' ? m : 'validation_error';
}
