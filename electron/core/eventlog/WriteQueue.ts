/**
 * The main thread's half of group commit. Events wait in a bounded backlog and are handed to the
 * writer (WriterChannel) at most every `batchMs`, or as soon as `batchMax` wait; a few batches may
 * be in flight at once so the writer never idles. The bound counts events waiting here plus those
 * posted but not yet acknowledged; beyond it the oldest waiting events are dropped and counted.
 * In-flight batches are kept by sequence number so that a commit can report the inserted events.
 */
import type { Alert } from '../../../shared/domain/alert';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { Clock, Logger, TimerHandle } from '../platform';
import { BacklogQueue } from './BacklogQueue';
import { describeDamage } from './damage';
import { packEvents } from './packedRows';
import { mayHoldSecret, redactString } from '../util/redact';
import type { DiskHealth } from './DiskHealth';
import type { CommitBatch } from './EventLog';
import type { MetricRollups } from './MetricRollups';
import type { QueryRollups } from '../analytics/QueryRollups';
import type { WriterChannel } from './WriterChannel';
import type { CoreStats, FromWriter, WriterStats } from './writerProtocol';

const MAX_IN_FLIGHT = 4;
/** Under a backlog a batch may hold this many times `batchMax`: fewer, larger transactions keep up. */
const BACKLOG_BATCH_FACTOR = 10;

export interface QueueOptions {
  batchMs: number;
  batchMax: number;
  maxBacklog: number;
  retryMs: number;
}

export class WriteQueue {
  private readonly queue: BacklogQueue<FleetEvent>;
  /** Alerts not yet committed (listAlerts overlays them) ... */
  private readonly alerts = new Map<string, Alert>();
  /** ... and those of them not yet handed to the writer. */
  private readonly alertsToSend = new Map<string, Alert>();
  /** Posted batches; `reported`: how many of their events a commit has already announced. */
  private readonly inFlight = new Map<number, { events: FleetEvent[]; alerts: Alert[]; reported: number }>();
  private readonly calls = new Map<number, () => void>();
  private inFlightEvents = 0;
  private seq = 0;
  private timer: TimerHandle | null = null;
  private retryTimer: TimerHandle | null = null;
  private closed = false;
  private writerGone = false;
  private dropped = 0;
  private core: CoreStats = { committed: 0, duplicates: 0, batches: 0, maxBatchMs: 0, chunkSize: 0, retentionDeleted: 0, maxIndexChunkMs: 0, commitMs: 0, indexMs: 0, inbox: 0, promoted: 0, promoteMs: 0, maxPromoteMs: 0, keyLookups: 0 };

  constructor(
    private readonly channel: WriterChannel,
    private readonly deps: { clock: Clock; logger: Logger; health: DiskHealth; rollups: MetricRollups; queryRollups?: QueryRollups; onCommit: (batch: CommitBatch) => void },
    private readonly opts: QueueOptions,
  ) {
    this.queue = new BacklogQueue(opts.maxBacklog);
    channel.onReply((m) => this.onReply(m));
  }

  get backlog(): number {
    return this.queue.size + this.inFlightEvents;
  }

  get stats(): WriterStats & CoreStats {
    return { ...this.core, dropped: this.dropped };
  }

  append(events: readonly FleetEvent[]): void {
    if (this.closed) return;
    let excess = this.queue.push(events);
    const over = this.backlog - this.opts.maxBacklog;
    if (over > 0) this.queue.drop(over);
    excess += Math.max(0, over);
    if (excess > 0) this.noteDropped(excess);
    this.schedule();
  }

  saveAlert(raised: Alert): void {
    const alert = maskAlert(raised);
    this.alerts.set(alert.id, alert);
    this.alertsToSend.set(alert.id, alert);
    this.schedule();
  }

  pendingAlerts(): Alert[] {
    return [...this.alerts.values()];
  }

  /** Hands everything waiting to the writer and resolves once it was handled (or refused). */
  async flush(): Promise<void> {
    this.cancelTimer();
    this.post(Infinity);
    await this.request('flush');
  }

  request(t: 'flush' | 'index' | 'close'): Promise<void> {
    // Nobody would answer: flush(), indexNow() and close() after the writer thread died must not hang (app quit).
    if (this.writerGone) return Promise.resolve();
    const id = ++this.seq;
    this.channel.setBusy(true);
    return new Promise((resolve) => {
      this.calls.set(id, resolve);
      this.channel.post({ t, id, now: this.deps.clock.now() });
    });
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    this.cancelTimer();
    if (this.retryTimer) this.deps.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.request('close');
  }

  schedule(): void {
    if (this.closed || this.deps.health.retrying) return;
    // batchMax waiting: hand them over now. This used to re-arm a 0 ms timer on every append,
    // and in a storm appends came faster than a millisecond apart, so it never fired: 24,000
    // events waited 1.1 s at the start of the storm benchmark with nothing in flight.
    if (this.queue.size >= this.opts.batchMax) {
      this.cancelTimer();
      this.post(MAX_IN_FLIGHT);
    }
    // The rest (or all, when few) goes at most batchMs from now; a pending timer is never re-armed.
    if (this.timer || !this.hasWork) return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.post(MAX_IN_FLIGHT);
    }, this.opts.batchMs);
  }

  private get hasWork(): boolean {
    return this.queue.size > 0 || this.alertsToSend.size > 0 || this.deps.rollups.pending > 0 || (this.deps.queryRollups?.pending ?? 0) > 0;
  }

  /** Posts batches while fewer than `maxInFlight` are unacknowledged; the rest waits here. */
  private post(maxInFlight: number): void {
    if (this.deps.health.retrying) return;
    for (;;) {
      if (!this.hasWork || this.inFlight.size >= maxInFlight) return;
      const events = this.queue.peek(this.opts.batchMax * BACKLOG_BATCH_FACTOR);
      this.queue.drop(events.length);
      const alerts = [...this.alertsToSend.values()];
      this.alertsToSend.clear();
      // Rollup deltas travel with the batch: the writer keeps it across a failed write.
      const rollups = this.deps.rollups.pendingDeltas();
      this.deps.rollups.committed(rollups);
      const queryRollups = this.deps.queryRollups?.take() ?? [];
      const seq = ++this.seq;
      this.inFlight.set(seq, { events, alerts, reported: 0 });
      this.inFlightEvents += events.length;
      this.channel.setBusy(true);
      this.channel.post({ t: 'batch', seq, now: this.deps.clock.now(), rows: packEvents(events, this.deps.clock.now()), alerts, rollups, queryRollups });
    }
  }

  private onReply(m: FromWriter): void {
    if (m.t === 'log') return this.deps.logger[m.level](m.msg, m.fields);
    if (m.t === 'stopped') return this.stopped(m.message);
    if (m.t === 'damaged') return this.deps.health.damaged(describeDamage(m, m.problems));
    if (m.t !== 'failed') this.core = m.stats;
    if (m.t === 'committed') this.committed(m.seq, m.upTo, m.duplicates, m.done);
    else if (m.t === 'failed') this.failed(m.code, m.message);
    else if (m.t === 'done') {
      this.calls.get(m.id)?.();
      this.calls.delete(m.id);
    }
    if (this.inFlight.size === 0 && this.calls.size === 0) this.channel.setBusy(false);
  }

  private committed(seq: number, upTo: number, duplicates: number[], done: boolean): void {
    const batch = this.inFlight.get(seq);
    if (!batch) return;
    const from = batch.reported;
    batch.reported = Math.max(from, upTo);
    this.inFlightEvents -= batch.reported - from;
    // The batch's alerts went into its first transaction.
    for (const a of batch.alerts) if (this.alerts.get(a.id) === a) this.alerts.delete(a.id);
    if (done) this.inFlight.delete(seq);
    const dupes = new Set(duplicates);
    const events = batch.events.slice(from, batch.reported).filter((_, i) => !dupes.has(from + i));
    this.deps.health.writeSucceeded(this.backlog);
    this.deps.onCommit({ events, committedAt: this.deps.clock.now() });
    if (!done) return;
    if (this.queue.size >= this.opts.batchMax) this.post(MAX_IN_FLIGHT);
    else if (this.queue.size > 0 || this.alertsToSend.size > 0) this.schedule();
  }

  private failed(code: string, message: string): void {
    const err = Object.assign(new Error(message), { code });
    this.deps.health.writeFailed(err, this.backlog);
    if (this.retryTimer || this.closed) return;
    this.retryTimer = this.deps.clock.setTimeout(() => {
      this.retryTimer = null;
      this.deps.health.retrying = false;
      this.channel.post({ t: 'retry', now: this.deps.clock.now() });
      this.post(MAX_IN_FLIGHT);
    }, this.opts.retryMs);
  }

  /** The writer is gone: say so, and let anyone awaiting flush() or close() go on. */
  private stopped(message: string): void {
    if (!this.closed) this.deps.health.writeFailed(Object.assign(new Error(message), { code: 'WRITER_STOPPED' }), this.backlog);
    this.closed = true;
    this.writerGone = true;
    for (const resolve of this.calls.values()) resolve();
    this.calls.clear();
  }

  private noteDropped(count: number): void {
    this.dropped += count;
    this.deps.health.eventsDropped(count, this.dropped);
  }

  private cancelTimer(): void {
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}

/** An alert as stored: its text masked like an event's (a title may quote what a server sent). */
function maskAlert(a: Alert): Alert {
  const text = `${a.id}\u0000${a.serverId}\u0000${a.key}\u0000${a.rule}\u0000${a.title}\u0000${a.detail}\u0000${a.eventId ?? ''}\u0000${a.ack?.note ?? ''}`;
  if (!mayHoldSecret(text)) return a;
  const r = redactString;
  return { ...a, id: r(a.id), serverId: r(a.serverId), key: r(a.key), rule: r(a.rule), title: r(a.title), detail: r(a.detail), eventId: a.eventId === null ? null : r(a.eventId), ack: a.ack ? { ...a.ack, note: r(a.ack.note) } : null };
}
