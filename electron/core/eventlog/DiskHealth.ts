/**
 * The event log's visible health: `degraded` while the disk refuses writes (full, I/O error,
 * read-only), `recovered` once it takes them again, back to `ok` after a quiet minute. Damage found
 * at run time (damage.ts) keeps it `degraded` for the session: writes that succeed do not undo it.
 */
import type { Clock, Logger, TimerHandle } from '../platform';
import { MINUTE } from '../../../shared/domain/ids';
import { Emitter } from '../util/Emitter';
import type { EventLogHealth } from './EventLog';

const RECOVERED_HOLD_MS = MINUTE;

export function isDiskError(err: unknown): boolean {
  const code = String((err as { code?: unknown })?.code ?? '');
  return /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB|BUSY|LOCKED)/.test(code) || code === 'ENOSPC' || code === 'EROFS' || code === 'EIO';
}

export class DiskHealth {
  private readonly changed = new Emitter<EventLogHealth>();
  readonly onDidChange = this.changed.event;
  private current: EventLogHealth = { state: 'ok', detail: 'The event log is writing normally.', backlog: 0 };
  private recoveredTimer: TimerHandle | null = null;
  private dropNotice: string | null = null;
  /** True while a retry is pending after a failed write (the writer waits for it). */
  retrying = false;
  /** What damage was found at run time, if any. */
  private damage: string | null = null;

  constructor(private readonly deps: { clock: Clock; logger: Logger }) {}

  get value(): EventLogHealth {
    return this.current;
  }

  /** A standing notice about dropped events, if any were dropped. */
  get notice(): string | null {
    return this.dropNotice;
  }

  setState(state: EventLogHealth['state'], detail: string, backlog: number): void {
    const changed = state !== this.current.state || detail !== this.current.detail;
    this.current = { state, detail, backlog };
    if (changed) this.changed.fire(this.current);
  }

  writeFailed(err: unknown, backlog: number): void {
    this.retrying = true;
    const code = String((err as { code?: unknown })?.code ?? 'error');
    const why = /FULL|ENOSPC/.test(code) ? 'the disk is full' : isDiskError(err) ? `the disk refused the write (${code})` : `a write failed (${code})`;
    if (this.current.state !== 'degraded') this.deps.logger.error('event log write failed; keeping events in memory', { err, backlog });
    this.cancelRecovered();
    // A writer thread that died is not retried: say what will bring it back.
    if (code === 'WRITER_STOPPED') return this.setState('degraded', `Events are not being saved: the event log's writer stopped. ${backlog} waiting in memory until the app restarts.`, backlog);
    this.setState('degraded', `Events are not being saved: ${why}. ${backlog} waiting in memory; retrying.`, backlog);
  }

  /** Damage found while running: shown until the app restarts (a successful write does not mend a page). */
  damaged(detail: string): void {
    if (this.damage === null) this.deps.logger.error('event log file is damaged', { detail });
    this.damage = detail;
    this.cancelRecovered();
    this.setState('degraded', detail, this.current.backlog);
  }

  get isDamaged(): boolean {
    return this.damage !== null;
  }

  writeSucceeded(backlog: number): void {
    this.current = { ...this.current, backlog };
    if (this.damage !== null) return this.setState('degraded', this.damage, backlog);
    if (this.current.state !== 'degraded') return;
    this.deps.logger.info('event log writes resumed', { backlog });
    this.setState('recovered', 'The disk takes writes again; events waiting in memory were saved.', backlog);
    this.recoveredTimer = this.deps.clock.setTimeout(() => {
      this.recoveredTimer = null;
      if (this.current.state === 'recovered') this.setState('ok', 'The event log is writing normally.', this.current.backlog);
    }, RECOVERED_HOLD_MS);
  }

  eventsDropped(count: number, total: number): void {
    if (this.dropNotice === null) this.deps.logger.warn('event log backlog is full; dropping the oldest events', { count });
    this.dropNotice = `${total} event(s) were dropped because the event log could not keep up (the oldest waiting events are dropped first).`;
    if (this.current.state === 'degraded') this.setState('degraded', this.current.detail.replace(/( \d+ event\(s\) dropped\.)?$/, ` ${total} event(s) dropped.`), this.current.backlog);
  }

  dispose(): void {
    this.cancelRecovered();
    this.changed.dispose();
  }

  private cancelRecovered(): void {
    if (this.recoveredTimer) this.deps.clock.clearTimeout(this.recoveredTimer);
    this.recoveredTimer = null;
  }
}
