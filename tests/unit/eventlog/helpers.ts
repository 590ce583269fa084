/** Shared set-up for event log tests: a temp data dir per test, closed and removed afterwards. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../../electron/core/platform';
import { SqliteEventLog, type SqliteEventLogOptions } from '../../../electron/core/eventlog/SqliteEventLog';

/** Real timers, a chosen "now" (so retention by age is deterministic). */
export function clockAt(nowMs: number): Clock & { set(ms: number): void } {
  let now = nowMs;
  return { ...systemClock, now: () => now, set: (ms) => (now = ms) };
}

export interface Harness {
  dir: string;
  open(opts?: Partial<SqliteEventLogOptions>): SqliteEventLog;
  cleanup(): Promise<void>;
}

export function harness(): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'dnsfleet-eventlog-'));
  const opened: SqliteEventLog[] = [];
  return {
    dir,
    open: (opts = {}) => {
      const log = SqliteEventLog.open({ dataDir: dir, ...opts });
      opened.push(log);
      return log;
    },
    cleanup: async () => {
      for (const log of opened.splice(0)) await log.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the next commit that inserted events. */
export function nextCommit(log: SqliteEventLog): Promise<number> {
  return new Promise((resolve) => {
    const off = log.onDidCommit((b) => {
      if (b.events.length === 0) return;
      off();
      resolve(b.events.length);
    });
  });
}
