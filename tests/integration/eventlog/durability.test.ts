import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleEvents } from '../../fixtures/eventlog/sampleEvents';
import { harness, type Harness } from '../../unit/eventlog/helpers';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(async () => {
  await h.cleanup();
});

/** Runs stormWriter until it has committed at least `atLeast` events, then SIGKILLs it. */
async function killMidStorm(dataDir: string, atLeast: number): Promise<number> {
  // tsx runs the script in a child of its own: the whole process group gets the SIGKILL, so the
  // process that actually writes dies mid-storm (killing only tsx would orphan it).
  const child = spawn('node_modules/.bin/tsx', ['tests/integration/eventlog/stormWriter.ts', dataDir], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  let lastReported = 0;
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  for await (const line of createInterface({ input: child.stdout! })) {
    lastReported = Number(/committed (\d+)/.exec(line)?.[1] ?? lastReported);
    if (lastReported >= atLeast) {
      process.kill(-child.pid!, 'SIGKILL');
      break;
    }
  }
  expect(await exited).toBe('SIGKILL');
  return lastReported;
}

describe('event log durability', () => {
  it('loses nothing committed and stays intact when killed with SIGKILL mid-storm', async () => {
    const reported = await killMidStorm(h.dir, 20_000);
    expect(existsSync(join(h.dir, 'events.db-wal'))).toBe(true);
    const log = h.open();
    expect(log.notices()).toEqual([]);
    const stored = log.count({});
    // Everything reported as committed survived; at most the batch in flight (and what the
    // pipe had not yet delivered) may be missing or extra.
    expect(stored).toBeGreaterThanOrEqual(reported);
    expect(stored - reported).toBeLessThanOrEqual(5_000);
    await log.close();
    const db = new Database(join(h.dir, 'events.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 60_000);

  it('moves a corrupt file aside with a notice and starts a fresh log', async () => {
    writeFileSync(join(h.dir, 'events.db'), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 0xab)]));
    const log = h.open();
    expect(log.notices()).toHaveLength(1);
    expect(log.notices()[0]).toMatch(/unreadable .* moved aside to .*events\.db\.corrupt-/);
    expect(readdirSync(h.dir).filter((f) => f.startsWith('events.db.corrupt-'))).toHaveLength(1);
    expect(log.health().state).toBe('ok');
    // Recent events: retention (90 days) would delete ones from 2025 if its first step came first.
    log.append(sampleEvents(3, { startMs: Date.now() - 60_000 }));
    await log.flush();
    expect(log.count({})).toBe(3);
  });

  it('detects damage inside a database at start-up (quick_check) and recovers', async () => {
    const first = h.open();
    first.append(sampleEvents(3000));
    await first.flush();
    await first.close();
    const path = join(h.dir, 'events.db');
    const db = new Database(path);
    const root = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'events_server'").pluck().get() as number;
    db.close();
    // Scribble over one index b-tree page: the file header still reads as a healthy SQLite file.
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, (root - 1) * 4096);
    closeSync(fd);
    const log = h.open();
    expect(log.notices()[0]).toMatch(/moved aside/);
    expect(log.count({})).toBe(0);
  });

  it('keeps running in memory, visibly degraded, when the data dir cannot hold a database', async () => {
    const dir = join(h.dir, 'readonly');
    mkdirSync(dir);
    writeFileSync(join(dir, 'events.db'), 'not a database at all, and cannot be moved');
    chmodSync(dir, 0o500);
    try {
      const log = h.open({ dataDir: dir });
      if (process.getuid?.() === 0) {
        // root ignores directory permissions: the file is simply moved aside.
        expect(log.notices()[0]).toMatch(/moved aside/);
      } else {
        expect(log.persistent).toBe(false);
        expect(log.health().state).toBe('degraded');
      }
      // Recent events: ones from 2025 are past the 90 days retention keeps, and its first step may come first.
      log.append(sampleEvents(2, { startMs: Date.now() - 60_000 }));
      await log.flush();
      expect(log.count({})).toBe(2);
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});
