/**
 * One way out of the app, whatever asked for it: tray Quit, Cmd+Q, Windows log-off
 * (query-session-end / session-end), Linux and macOS shutdown (powerMonitor), a crash restart.
 * The event log is flushed first (core.dispose closes it and stops its writer thread), bounded by
 * FLUSH_DEADLINE_MS so a stuck disk never holds up a log-off; then the app exits.
 */
import type { CoreHandle } from '../core/api/CoreHandle';
import type { Clock, Logger } from '../core/platform';

export const FLUSH_DEADLINE_MS = 2000;

export interface ShutdownDeps {
  exit: (code: number) => void;
  clock: Clock;
  logger: Logger;
  deadlineMs?: number;
}

export class ShutdownCoordinator {
  private readonly stops: (() => void | Promise<void>)[] = [];
  private core: Promise<CoreHandle | null> = Promise.resolve(null);
  private running: Promise<void> | null = null;

  constructor(private readonly deps: ShutdownDeps) {}

  /** True once a shutdown began: the window's close handler then lets the window go. */
  get inProgress(): boolean {
    return this.running !== null;
  }

  /** The core, or its pending start: a quit during the keychain probe still closes it cleanly. */
  setCore(core: Promise<CoreHandle | null>): void {
    this.core = core.catch(() => null);
  }

  /** Runs before the core is disposed (IPC, tray, notifications, timers), in order. */
  add(stop: () => void | Promise<void>): void {
    this.stops.push(stop);
  }

  /** Idempotent: every caller gets the same shutdown. */
  run(reason: string, exitCode = 0): Promise<void> {
    this.running ??= this.shutdown(reason, exitCode);
    return this.running;
  }

  private async shutdown(reason: string, exitCode: number): Promise<void> {
    const { logger, clock } = this.deps;
    logger.info('shutting down', { reason });
    const started = clock.now();
    let timer: ReturnType<Clock['setTimeout']> | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = clock.setTimeout(() => resolve('deadline'), this.deps.deadlineMs ?? FLUSH_DEADLINE_MS);
    });
    const outcome = await Promise.race([this.closeAll().then(() => 'flushed' as const), deadline]);
    if (timer !== undefined) clock.clearTimeout(timer);
    if (outcome === 'deadline') logger.error('the event log did not finish flushing in time; exiting anyway', { reason, ms: clock.now() - started });
    else logger.info('event log flushed', { reason, ms: clock.now() - started });
    this.deps.exit(exitCode);
  }

  private async closeAll(): Promise<void> {
    for (const stop of this.stops.splice(0)) {
      try {
        await stop();
      } catch (err) {
        this.deps.logger.warn('a shutdown step failed', { err });
      }
    }
    try {
      await (await this.core)?.dispose();
    } catch (err) {
      this.deps.logger.error('the core did not close cleanly', { err });
    }
  }
}
