/**
 * A full disk, for real: the log lives on a 4 MB tmpfs (we run as root in CI); a filler file takes
 * the space. If mounting is not permitted, SQLite's max_page_count caps the file instead (same
 * SQLITE_FULL path) and the test says which it used.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventLogHealth } from '../../../electron/core/eventlog/EventLog';
import type { SqliteEventLog } from '../../../electron/core/eventlog/SqliteEventLog';
import { sampleEvents } from '../../fixtures/eventlog/sampleEvents';
import { harness, type Harness } from '../../unit/eventlog/helpers';

let h: Harness;
let mounted: string | null = null;
beforeEach(() => {
  h = harness();
});
afterEach(async () => {
  await h.cleanup().catch(() => undefined);
  if (mounted) execFileSync('umount', [mounted]);
  mounted = null;
});

const MAX_APPENDED = 3000;

function tryMountTmpfs(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir], { stdio: 'ignore' });
    mounted = dir;
    return true;
  } catch {
    return false;
  }
}

function untilHealth(log: SqliteEventLog, state: EventLogHealth['state']): Promise<EventLogHealth> {
  return new Promise((resolve) => {
    const off = log.onDidChangeHealth((health) => {
      if (health.state !== state) return;
      off();
      resolve(health);
    });
  });
}

describe('event log on a full disk', () => {
  it('shows a degraded state, keeps the backlog, and recovers when space returns', async () => {
    const dataDir = join(h.dir, 'small-disk');
    mkdirSync(dataDir);
    const realDisk = tryMountTmpfs(dataDir);
    process.stderr.write(`[diskFull] using ${realDisk ? 'a real 4 MB tmpfs' : 'PRAGMA max_page_count (mount not permitted)'}\n`);
    const log = h.open({ dataDir, batchMs: 5, retryMs: 30, maxBacklog: 50_000, applyRetention: false });
    const filler = join(dataDir, 'filler');
    if (realDisk) {
      const fs = statfsSync(dataDir);
      writeFileSync(filler, Buffer.alloc(Math.max(0, fs.bavail * fs.bsize - 600 * 1024)));
    } else {
      (log as unknown as { db: { pragma(s: string): unknown } }).db.pragma('max_page_count = 150');
    }
    const degraded = untilHealth(log, 'degraded');
    let appended = 0;
    // The writer thread leaves the main loop free, so this feeder could outrun the disk many times
    // over before the first refusal; cap it at what overfills the free space but fits once it is back.
    const feeder = setInterval(() => {
      if (appended >= MAX_APPENDED) return;
      log.append(sampleEvents(200, { from: appended, startMs: Date.now() - 60_000, stepMs: 1 }));
      appended += 200;
    }, 2);
    const health = await degraded;
    clearInterval(feeder);
    expect(health.detail).toMatch(/disk is full/);
    expect(log.health().state).toBe('degraded');
    expect(log.health().backlog).toBeGreaterThan(0);
    const storedWhileFull = log.count({});
    expect(storedWhileFull).toBeLessThan(appended);
    // Queries keep working while writes are refused.
    expect(log.query({}, null, 5).items).toHaveLength(5);

    const recovered = untilHealth(log, 'recovered');
    if (realDisk) rmSync(filler);
    else (log as unknown as { db: { pragma(s: string): unknown } }).db.pragma('max_page_count = 1000000');
    await recovered;
    await log.flush();
    expect(log.health().backlog).toBe(0);
    expect(log.stats().dropped).toBe(0);
    expect(log.count({})).toBe(appended);
  }, 30_000);
});
