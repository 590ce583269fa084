/**
 * events.db held by another process at start (issue 17.9): SQLITE_BUSY is not damage. The log waits
 * for the lock and opens the file; if it is never let go, the log runs in memory for the session,
 * says why, and leaves the file where it is (it used to be renamed `.corrupt-…`, and all history
 * disappeared from the UI).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleEvents } from '../../fixtures/eventlog/sampleEvents';
import { harness, type Harness } from '../../unit/eventlog/helpers';

let h: Harness;
let holder: ChildProcess | null = null;
beforeEach(() => {
  h = harness();
});
afterEach(async () => {
  await killHolder();
  await h.cleanup();
});

/** tsx runs the script in a child of its own: the whole process group is killed, or the lock outlives it. */
async function killHolder(): Promise<void> {
  if (holder && holder.exitCode === null && holder.signalCode === null) {
    const exited = new Promise((r) => holder!.once('exit', r));
    process.kill(-holder.pid!, 'SIGKILL');
    await exited;
  }
  holder = null;
}

/** Resolves once another process holds an exclusive lock on the log for `ms`. */
async function holdLock(ms: number): Promise<void> {
  holder = spawn('node_modules/.bin/tsx', ['tests/integration/eventlog/lockHolder.ts', join(h.dir, 'events.db'), String(ms)], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  await new Promise<void>((resolve, reject) => {
    holder!.stdout!.once('data', () => resolve());
    holder!.once('exit', (code) => reject(new Error(`lock holder exited (${code})`)));
  });
}

async function logWithThreeEvents(): Promise<void> {
  const log = h.open();
  log.append(sampleEvents(3, { startMs: Date.now() - 60_000 }));
  await log.flush();
  await log.close();
}

const movedAside = (): string[] => readdirSync(h.dir).filter((f) => f.includes('corrupt'));

describe('an event log locked by another process at start', () => {
  it('waits for the lock and opens the same file, history intact', async () => {
    await logWithThreeEvents();
    // Longer than better-sqlite3's default busy timeout (5 s), after which the file used to be moved aside.
    await holdLock(6500);
    const log = h.open();
    expect(movedAside()).toEqual([]);
    expect(log.notices()).toEqual([]);
    expect(log.persistent).toBe(true);
    expect(log.count({})).toBe(3);
  }, 60_000);

  it('never moves a locked file aside: past the wait it runs in memory, says so, and leaves the file as it was', async () => {
    await logWithThreeEvents();
    await holdLock(60_000);
    const log = h.open({ openWaitMs: 1500 });
    expect(movedAside()).toEqual([]);
    expect(log.persistent).toBe(false);
    expect(log.health().state).toBe('degraded');
    expect(log.notices().join('\n')).toMatch(/in use by another program/);
    log.append(sampleEvents(2, { startMs: Date.now() - 1000 }));
    await log.flush();
    expect(log.count({})).toBe(2);
    await log.close();
    await killHolder();
    // The file is still the log it was.
    const again = h.open();
    expect(again.notices()).toEqual([]);
    expect(again.count({})).toBe(3);
  }, 60_000);
});
