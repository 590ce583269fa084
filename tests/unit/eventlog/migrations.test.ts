import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { msToKey } from '../../../electron/core/eventlog/eventRows';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../electron/core/eventlog/migrations';
import { FIXTURE_EVENTS, FIXTURE_GAP, fixturePath } from '../../fixtures/eventlog/makeFixtures';
import { clockAt, harness, type Harness } from './helpers';

const NOW = Date.UTC(2025, 5, 2);
let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(async () => {
  await h.cleanup();
});

const userVersion = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true });
  } finally {
    db.close();
  }
};

describe('event log migrations', () => {
  it('numbers migrations 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('creates a new log at the latest version', async () => {
    const log = h.open({ clock: clockAt(NOW) });
    await log.close();
    expect(userVersion(join(h.dir, 'events.db'))).toBe(SCHEMA_VERSION);
  });

  for (const version of [1, 2, 3, 4, 5]) {
    it(`upgrades a version ${version} log without losing events, alerts or gaps`, async () => {
      copyFileSync(fixturePath(version), join(h.dir, 'events.db'));
      expect(userVersion(join(h.dir, 'events.db'))).toBe(version);
      const log = h.open({ clock: clockAt(NOW) });
      expect(log.notices()).toEqual([]);
      expect(log.count({})).toBe(FIXTURE_EVENTS + 1);
      // Search works over rows written before the search index existed (v1) or by it (v2).
      expect(log.query({ search: 'BIND stopped' }, null, 100).items).toHaveLength(FIXTURE_EVENTS / 5);
      const [alert] = log.listAlerts({ includeResolved: true, limit: 10 });
      expect(alert).toMatchObject({ id: 'al-1', status: 'acknowledged', ack: { by: 'alice', note: 'restarting named' } });
      expect(log.query({ acknowledged: true }, null, 10).items.map((e) => e.id)).toEqual(['fx-000000003']);
      expect(log.gaps(FIXTURE_GAP.serverId, 0)).toEqual([{ serverId: FIXTURE_GAP.serverId, fromMs: Date.parse(FIXTURE_GAP.from), toMs: Date.parse(FIXTURE_GAP.to) }]);
      log.append([{ ...log.query({}, null, 1).items[0]!, id: 'new', dedupKey: 'new-after-upgrade', occurredAt: '2025-06-01T23:00:00.000Z' }]);
      await log.close();
      expect(userVersion(join(h.dir, 'events.db'))).toBe(SCHEMA_VERSION);
    });
  }

  it('keeps de-duplicating across the upgrade to hashed keys (v3 -> v4)', async () => {
    copyFileSync(fixturePath(3), join(h.dir, 'events.db'));
    const log = h.open({ clock: clockAt(NOW) });
    const stored = log.query({}, null, 100).items;
    const derived = stored.find((e) => e.derived)!;
    const live = stored.find((e) => !e.derived)!;
    // The same change re-derived after a restart, and a live frame seen again, are both dropped ...
    log.append([{ ...derived, id: 'again-derived' }, { ...live, id: 'again-live' }]);
    // ... while a new change is stored.
    log.append([{ ...derived, id: 'new-derived', dedupKey: `${derived.dedupKey}:next` }]);
    await log.flush();
    expect(log.count({})).toBe(FIXTURE_EVENTS + 2);
    expect(log.query({}, null, 100).items.map((e) => e.id)).not.toContain('again-derived');
    expect(log.query({}, null, 100).items.map((e) => e.id)).not.toContain('again-live');
    expect(log.metricSeries('dns-east-1', 'cpu', '1m', 0)).toHaveLength(1);
  });

  it('upgrading to version 6 marks stored query samples and status frames as telemetry, nothing else', async () => {
    const path = join(h.dir, 'events.db');
    copyFileSync(fixturePath(5), path);
    const db = new Database(path);
    const insert = db.prepare(
      `INSERT INTO events(key, id, server_id, type, category, severity, received_ms, title, summary, data, derived, dedup_key, dedup_hash)
       VALUES (?, ?, 'dns-east-1', ?, ?, ?, 0, 't', 's', '{}', 0, ?, ?)`,
    );
    const at = msToKey(NOW - 3_600_000);
    insert.run(at, 'sample', 'query_update', 1, 0, 'k-sample', 1);
    insert.run(at + 1, 'status', 'system_status', 3, 0, 'k-status', 2);
    // A server's low-priority admin message is also `debug`, and it is history.
    insert.run(at + 2, 'admin', 'admin_broadcast', 6, 0, 'k-admin', 3);
    insert.run(at + 3, 'failed-health', 'health_update', 0, 2, 'k-health', 4);
    db.close();
    const log = h.open({ clock: clockAt(NOW) });
    await log.close();
    const check = new Database(path, { readonly: true });
    try {
      const rows = check.prepare('SELECT id, telemetry FROM events WHERE key >= ? ORDER BY key').all(at) as { id: string; telemetry: number }[];
      expect(rows).toEqual([
        { id: 'sample', telemetry: 1 },
        { id: 'status', telemetry: 1 },
        { id: 'admin', telemetry: 0 },
        { id: 'failed-health', telemetry: 0 },
      ]);
      expect(check.prepare('SELECT count(*) FROM events WHERE telemetry = 0').pluck().get()).toBe(FIXTURE_EVENTS + 1 + 2);
    } finally {
      check.close();
    }
  });

  it('moves aside a log written by a newer version instead of touching it', async () => {
    const path = join(h.dir, 'events.db');
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const log = h.open({ clock: clockAt(NOW) });
    expect(log.notices()[0]).toMatch(/newer version/);
    expect(readdirSync(h.dir).some((f) => f.startsWith('events.db.corrupt-'))).toBe(true);
    expect(existsSync(path)).toBe(true);
    expect(log.count({})).toBe(0);
  });
});
