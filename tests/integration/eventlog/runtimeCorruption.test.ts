/**
 * Damage while the log runs (issue 17.10): pages of events.db overwritten behind SQLite's back. It
 * must show in the log's health (not only as "full-text indexing paused"), and an export must
 * salvage what can still be read and say how much it could not.
 */
import Database from 'better-sqlite3';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleEvents } from '../../fixtures/eventlog/sampleEvents';
import { harness, type Harness } from '../../unit/eventlog/helpers';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(async () => {
  await h.cleanup();
});

/** Overwrites `count` leaf pages from the middle of the events table with garbage; returns their numbers. */
function overwriteEventPages(dbPath: string, count: number): number[] {
  const db = new Database(dbPath);
  let pages: number[];
  let pageSize: number;
  try {
    // Everything into the main file first, so the garbage is what SQLite reads back.
    db.pragma('wal_checkpoint(TRUNCATE)');
    pageSize = db.pragma('page_size', { simple: true }) as number;
    const leaves = db.prepare("SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
    const mid = Math.floor(leaves.length / 2);
    pages = leaves.slice(mid, mid + count);
  } finally {
    db.close();
  }
  const fd = openSync(dbPath, 'r+');
  try {
    const garbage = Buffer.alloc(pageSize, 0xa5);
    for (const p of pages) writeSync(fd, garbage, 0, pageSize, (p - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
  return pages;
}

describe('damage found while the event log runs', () => {
  it('shows in the health line, and export skips the damaged pages and says how many rows it could not read', async () => {
    const log = h.open();
    const now = Date.now();
    log.append(sampleEvents(20_000, { startMs: now - 3_600_000, stepMs: 100 }));
    await log.flush();
    await log.indexNow();
    expect(log.health().state).toBe('ok');

    const pages = overwriteEventPages(join(h.dir, 'events.db'), 8);
    expect(pages).toHaveLength(8);
    // A commit after the damage, so that the readers' page caches are refreshed from the file.
    log.append(sampleEvents(10, { startMs: now - 1000, prefix: 'after' }));
    await log.flush();

    const out = join(h.dir, 'salvaged.ndjson');
    const result = await log.exportTo({}, 'ndjson', out);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(result.damaged).toBe(true);
    expect(lines).toHaveLength(result.rows);
    expect(result.rows).toBeGreaterThan(15_000);
    expect(result.rows).toBeLessThan(20_010);
    expect(result.unreadable).toBe(20_010 - result.rows);
    // The newest and the oldest rows are on either side of the damage: both were read.
    expect(lines[0]).toContain('after-');
    expect(lines.at(-1)).toContain('ev-000000000');

    expect(log.health().state).toBe('degraded');
    expect(log.health().detail).toMatch(/damaged/);
    // The writer's deeper check reports what it found.
    await vi.waitFor(() => expect(log.health().detail).toMatch(/a check found \d+/), { timeout: 30_000, interval: 50 });
  }, 120_000);
});
