/**
 * Opens `events.db` so that start-up never crash-loops: an unreadable or corrupt file is moved aside
 * (events.db.corrupt-<timestamp>) with a notice and a fresh log is created; if even that fails the
 * log runs in memory for this session, degraded, and says so. A file another process holds locked
 * (SQLITE_BUSY, SQLITE_LOCKED) is not damaged: the open waits for it, and is never moved aside.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../platform';
import { migrate, schemaVersion } from './migrations';

export const DB_FILE = 'events.db';
/**
 * Above this size a full quick_check would delay start-up by seconds (measured: 3.9 s at 540 MB on
 * the CI machine, ~0.5 s at 64 MB); a shallow check of both ends of the events b-tree runs instead.
 */
export const QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024;
/**
 * How long start-up waits for a lock another process holds (a second instance's writer, a backup
 * tool, `sqlite3` open on the file) before running in memory for the session.
 */
export const OPEN_WAIT_MS = 15_000;

export interface OpenedDatabase {
  db: Database.Database;
  path: string;
  /** False when the log fell back to memory (nothing survives a restart). */
  persistent: boolean;
  notices: string[];
  integrity: { mode: 'quick_check' | 'shallow'; ms: number };
}

export function openEventDatabase(dataDir: string, logger: Logger, now: () => number, quickCheckMaxBytes = QUICK_CHECK_MAX_BYTES, waitMs = OPEN_WAIT_MS): OpenedDatabase {
  const path = join(dataDir, DB_FILE);
  const notices: string[] = [];
  try {
    mkdirSync(dataDir, { recursive: true });
    return { ...openChecked(path, quickCheckMaxBytes, waitMs), path, persistent: true, notices };
  } catch (err) {
    if (isLocked(err)) {
      logger.error('event log is locked by another process; keeping events in memory, the file is left as it is', { err, path });
      notices.push(`The event log at ${path} is in use by another program (${describe(err)}); it was left untouched, and events are kept in memory for this session. Close the other program and restart to see and keep history.`);
      return inMemory(path, notices);
    }
    logger.error('event log failed its start-up check', { err, path });
    const movedTo = moveAside(path, now, logger);
    if (movedTo) notices.push(`The event log was unreadable (${describe(err)}) and was moved aside to ${movedTo}; a new, empty log was started.`);
  }
  try {
    return { ...openChecked(path, quickCheckMaxBytes, waitMs), path, persistent: true, notices };
  } catch (err) {
    logger.error('event log cannot be created; keeping events in memory only', { err, path });
    notices.push(`The event log could not be created at ${path} (${describe(err)}); events are kept in memory for this session only.`);
    return inMemory(path, notices);
  }
}

function inMemory(path: string, notices: string[]): OpenedDatabase {
  const db = new Database(':memory:');
  configure(db);
  migrate(db);
  return { db, path: ':memory:', persistent: false, notices, integrity: { mode: 'shallow', ms: 0 } };
}

/** Another process holds the file: a reason to wait, never to move it aside. */
export function isLocked(err: unknown): boolean {
  return /^SQLITE_(BUSY|LOCKED)/.test(String((err as { code?: unknown })?.code ?? ''));
}

/**
 * Opens and checks the file, waiting up to `waitMs` for a lock another process holds. SQLite's busy
 * handler does the waiting, but some lock paths (a WAL being recovered, a reader in EXCLUSIVE
 * locking mode) can return SQLITE_BUSY before it runs out, so a locked attempt is tried again.
 */
function openChecked(path: string, quickCheckMaxBytes: number, waitMs: number): Pick<OpenedDatabase, 'db' | 'integrity'> {
  const until = performance.now() + waitMs;
  for (;;) {
    const left = Math.max(0, until - performance.now());
    try {
      return openOnce(path, quickCheckMaxBytes, left);
    } catch (err) {
      if (!isLocked(err) || left <= 0) throw err;
      // The busy handler returned early: give the other process a moment, synchronously (start-up).
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(100, left));
    }
  }
}

function openOnce(path: string, quickCheckMaxBytes: number, waitMs: number): Pick<OpenedDatabase, 'db' | 'integrity'> {
  const db = new Database(path, { timeout: Math.max(1, Math.floor(waitMs)) });
  try {
    const started = performance.now();
    const mode = checkIntegrity(db, path, quickCheckMaxBytes);
    const ms = performance.now() - started;
    configure(db);
    migrate(db);
    return { db, integrity: { mode, ms } };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Throws when the file is not a healthy SQLite database. */
function checkIntegrity(db: Database.Database, path: string, quickCheckMaxBytes: number): 'quick_check' | 'shallow' {
  // Reading the schema fails at once on a file that is not a database (SQLITE_NOTADB).
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  schemaVersion(db);
  const size = existsSync(path) ? statSync(path).size : 0;
  if (size <= quickCheckMaxBytes) {
    const result = db.pragma('quick_check(1)', { simple: true });
    if (result !== 'ok') throw new Error(`quick_check: ${String(result)}`);
    return 'quick_check';
  }
  // Large file: touch both ends of the events b-tree, where damage from a crash would show first.
  const hasEvents = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'events'").get();
  if (hasEvents) {
    db.prepare('SELECT * FROM events ORDER BY key DESC LIMIT 100').all();
    db.prepare('SELECT * FROM events ORDER BY key ASC LIMIT 100').all();
  }
  return 'shallow';
}

function configure(db: Database.Database): void {
  const fresh = db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number };
  // Must be chosen before the first table exists; lets retention give pages back to the OS.
  if (fresh.n === 0) db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  // In WAL mode NORMAL never corrupts; a power cut may lose the last commits, a process kill loses nothing committed.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  db.pragma('cache_size = -16000');
  db.pragma('temp_store = MEMORY');
}

function moveAside(path: string, now: () => number, logger: Logger): string | null {
  if (!existsSync(path)) return null;
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
  const target = `${path}.corrupt-${stamp}`;
  try {
    renameSync(path, target);
    for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
    return target;
  } catch (err) {
    logger.error('could not move the damaged event log aside', { err, path });
    return null;
  }
}

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e?.code ? `${e.code}: ${e.message ?? ''}`.trim() : String(e?.message ?? err);
}
