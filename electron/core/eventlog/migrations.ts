/**
 * The event log's schema history. Each migration moves `PRAGMA user_version` from N-1 to N and is a
 * pure list of SQL statements, so fixture databases of every older version can be upgraded in tests.
 *
 * Key idea: `events.key` (the rowid) is `occurredMs * 1024 + n`. Rowid order is therefore time order,
 * so newest-first pages, keyset cursors, time ranges, retention by age and FTS5 (which returns
 * rowids in order) all ride the table's own b-tree without a separate time index.
 *
 * Migrations may call `fleet_dedup_hash(text)` (util/HashWindow.dedupHash), registered by migrate().
 */
import type { Database } from 'better-sqlite3';
import { dedupHash } from '../util/HashWindow';
import { DAY_KEYS } from './eventRows';

export interface Migration {
  version: number;
  description: string;
  statements: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'events and alerts',
    statements: [
      `CREATE TABLE events (
        key INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        server_id TEXT NOT NULL,
        type TEXT NOT NULL,
        category INTEGER NOT NULL,
        severity INTEGER NOT NULL,
        received_ms INTEGER NOT NULL,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        data TEXT NOT NULL,
        derived INTEGER NOT NULL,
        dedup_key TEXT NOT NULL UNIQUE
      )`,
      'CREATE INDEX events_server ON events(server_id)',
      'CREATE INDEX events_type ON events(type)',
      'CREATE INDEX events_severity ON events(severity)',
      `CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        server_id TEXT NOT NULL,
        key TEXT NOT NULL,
        rule TEXT NOT NULL,
        severity TEXT NOT NULL,
        title TEXT NOT NULL,
        detail TEXT NOT NULL,
        status TEXT NOT NULL,
        raised_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        resolved_at TEXT,
        ack_by TEXT,
        ack_at TEXT,
        ack_note TEXT,
        snoozed_until TEXT,
        event_id TEXT,
        count INTEGER NOT NULL
      )`,
      'CREATE INDEX alerts_event ON alerts(event_id)',
      'CREATE INDEX alerts_last_seen ON alerts(last_seen_at)',
    ],
  },
  {
    version: 2,
    description: 'full-text search over title, summary and data, indexed behind the writer',
    statements: [
      `CREATE VIRTUAL TABLE events_fts USING fts5(title, summary, data, content='events', content_rowid='key', tokenize='unicode61')`,
      // Tokenising is most of the cost of a write, so a storm is first made durable and indexed
      // right after, in small chunks (FtsIndexer); rows waiting here are searched by substring.
      // The writer lists new keys here in the same transaction (one statement per batch: a
      // per-row trigger would halve insert throughput).
      'CREATE TABLE fts_pending (key INTEGER PRIMARY KEY)',
      // An external-content FTS table must only be told to delete rows it has indexed.
      `CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
        INSERT INTO events_fts(events_fts, rowid, title, summary, data)
          SELECT 'delete', old.key, old.title, old.summary, old.data WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE key = old.key);
        DELETE FROM fts_pending WHERE key = old.key;
      END`,
      `INSERT INTO events_fts(events_fts) VALUES ('rebuild')`,
    ],
  },
  {
    version: 3,
    description: 'connection gaps and metric rollups',
    statements: [
      `CREATE TABLE connection_gaps (
        server_id TEXT NOT NULL,
        from_ms INTEGER NOT NULL,
        to_ms INTEGER NOT NULL,
        PRIMARY KEY (server_id, from_ms)
      ) WITHOUT ROWID`,
      `CREATE TABLE metric_rollups (
        server_id TEXT NOT NULL,
        name TEXT NOT NULL,
        resolution INTEGER NOT NULL,
        bucket_ms INTEGER NOT NULL,
        sum REAL NOT NULL,
        min REAL NOT NULL,
        max REAL NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (server_id, name, resolution, bucket_ms)
      ) WITHOUT ROWID`,
      // Gaps recorded as events before v3 become rows of the new table.
      `INSERT OR IGNORE INTO connection_gaps(server_id, from_ms, to_ms)
        SELECT server_id,
               CAST(round((julianday(json_extract(data, '$.from')) - 2440587.5) * 86400000) AS INTEGER),
               CAST(round((julianday(json_extract(data, '$.to')) - 2440587.5) * 86400000) AS INTEGER)
        FROM events WHERE type = 'connection_gap' AND json_valid(data)
          AND julianday(json_extract(data, '$.from')) IS NOT NULL AND julianday(json_extract(data, '$.to')) IS NOT NULL`,
    ],
  },
  {
    version: 4,
    description: 'de-duplication by a 53-bit hash, unique among derived events of a day',
    // A UNIQUE index over the dedupKey text put each insert on a random page of a b-tree as large
    // as the data: at a million rows that halved the insert rate, and it only ever caught derived
    // events (re-derived after a restart). Live events are de-duplicated on the writer thread
    // (writeStatements.ts). A column's UNIQUE cannot be dropped, so the table is rebuilt; keys
    // (rowids) are kept, so the search index stays valid.
    statements: [
      `CREATE TABLE events_v4 (
        key INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        server_id TEXT NOT NULL,
        type TEXT NOT NULL,
        category INTEGER NOT NULL,
        severity INTEGER NOT NULL,
        received_ms INTEGER NOT NULL,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        data TEXT NOT NULL,
        derived INTEGER NOT NULL,
        dedup_key TEXT NOT NULL,
        dedup_hash INTEGER NOT NULL
      )`,
      `INSERT INTO events_v4(key, id, server_id, type, category, severity, received_ms, title, summary, data, derived, dedup_key, dedup_hash)
        SELECT key, id, server_id, type, category, severity, received_ms, title, summary, data, derived, dedup_key, fleet_dedup_hash(dedup_key) FROM events`,
      'DROP TABLE events',
      'ALTER TABLE events_v4 RENAME TO events',
      // Periodic telemetry (severity debug: health_update, system_status, query_update) is most
      // of a storm and is common wherever it is asked for, so a scan finds it; leaving it out of
      // these two indexes saves two of a storm row's three index inserts. Queries that exclude
      // debug say `severity > 0` (filterSql.ts), which lets SQLite use them.
      'CREATE INDEX events_server ON events(server_id) WHERE severity > 0',
      'CREATE INDEX events_type ON events(type)',
      'CREATE INDEX events_severity ON events(severity) WHERE severity > 0',
      `CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
        INSERT INTO events_fts(events_fts, rowid, title, summary, data)
          SELECT 'delete', old.key, old.title, old.summary, old.data WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE key = old.key);
        DELETE FROM fts_pending WHERE key = old.key;
      END`,
      // Unique per day of occurrence: new entries land in today's part of the index, not on a
      // random page of all of it. A re-derived change carries the time it happened in its key
      // (differ.ts), so its copies share a day. Two derived keys with one hash (odds ~1e-4 over
      // ten million) must not fail the upgrade (the trigger above keeps the search index in step).
      `DELETE FROM events WHERE derived = 1 AND key NOT IN (SELECT min(key) FROM events WHERE derived = 1 GROUP BY key / ${DAY_KEYS}, dedup_hash)`,
      `CREATE UNIQUE INDEX events_derived_dedup ON events(key / ${DAY_KEYS}, dedup_hash) WHERE derived = 1`,
    ],
  },
  {
    version: 5,
    description: 'an inbox: events are committed first and indexed right after, behind the writer',
    // The three secondary indexes and the derived-event unique index cost more than the row itself
    // (~9 of 21 µs a row at a million rows), and they all sit on the path of a storm. New rows are
    // committed here, a table with no index but its key, and moved into `events` in budget-sized
    // chunks when the writer has nothing to commit (eventlog/InboxPromoter.ts). Readers see both
    // through `all_events`: SQLite merges the two key-ordered halves, so newest-first pages still
    // stop after a page's worth of rows.
    statements: [
      `CREATE TABLE events_inbox (
        key INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        server_id TEXT NOT NULL,
        type TEXT NOT NULL,
        category INTEGER NOT NULL,
        severity INTEGER NOT NULL,
        received_ms INTEGER NOT NULL,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        data TEXT NOT NULL,
        derived INTEGER NOT NULL,
        dedup_key TEXT NOT NULL,
        dedup_hash INTEGER NOT NULL
      )`,
      `CREATE VIEW all_events AS
        SELECT key, id, server_id, type, category, severity, received_ms, title, summary, data, derived, dedup_key, dedup_hash FROM events
        UNION ALL
        SELECT key, id, server_id, type, category, severity, received_ms, title, summary, data, derived, dedup_key, dedup_hash FROM events_inbox`,
    ],
  },
  {
    version: 6,
    description: 'telemetry kept apart from history by a class column; the time a server claimed, when it was not believable',
    // Query samples and periodic status frames (telemetry.ts) are most of what a fleet sends; retention
    // deletes them first, within their own budget, so they never push history out (Retention.ts). The
    // partial index lists them in key (= time) order, so "oldest telemetry" and its count need no scan.
    // `claimed_at` keeps what a server said when its time was implausible (far future, years back, not
    // a calendar date) and the event was stored at the time it was received instead (packedRows.ts).
    // ADD COLUMN with a constant default rewrites no row; the backfill rewrites only telemetry rows.
    statements: [
      'ALTER TABLE events ADD COLUMN telemetry INTEGER NOT NULL DEFAULT 0',
      'ALTER TABLE events ADD COLUMN claimed_at TEXT',
      'ALTER TABLE events_inbox ADD COLUMN telemetry INTEGER NOT NULL DEFAULT 0',
      'ALTER TABLE events_inbox ADD COLUMN claimed_at TEXT',
      // The rule of telemetry.ts as it stood at version 6.
      `UPDATE events SET telemetry = 1 WHERE severity = 0 AND derived = 0 AND type IN ('query_update', 'health_update', 'system_status', 'system_metrics')`,
      `UPDATE events_inbox SET telemetry = 1 WHERE severity = 0 AND derived = 0 AND type IN ('query_update', 'health_update', 'system_status', 'system_metrics')`,
      'CREATE INDEX events_telemetry ON events(telemetry) WHERE telemetry = 1',
      'DROP VIEW all_events',
      `CREATE VIEW all_events AS
        SELECT key, id, server_id, type, category, severity, received_ms, title, summary, data, derived, dedup_key, dedup_hash, telemetry, claimed_at FROM events
        UNION ALL
        SELECT key, id, server_id, type, category, severity, received_ms, title, summary, data, derived, dedup_key, dedup_hash, telemetry, claimed_at FROM events_inbox`,
    ],
  },
  {
    version: 7,
    description: 'query analytics rollups',
    // One row per server, resolution (1 min, 1 h) and bucket: counts of the query samples the server
    // pushed and bounded top-domain/top-client sketches (analytics/HeavyHitters.ts, JSON rows of
    // [key, count, error]). Analytics reads only these rows, never the raw samples.
    statements: [
      `CREATE TABLE query_rollups (
        server_id TEXT NOT NULL,
        resolution INTEGER NOT NULL,
        bucket_ms INTEGER NOT NULL,
        samples INTEGER NOT NULL,
        blocked INTEGER NOT NULL,
        domains TEXT NOT NULL,
        clients TEXT NOT NULL,
        PRIMARY KEY (server_id, resolution, bucket_ms)
      ) WITHOUT ROWID`,
      'CREATE INDEX query_rollups_time ON query_rollups(resolution, bucket_ms)',
    ],
  },
  {
    version: 8,
    description: '10-minute metric rollups',
    // The 24 h charts' steps as rows of their own (MetricRollups writes them from now on), made here
    // from each series' 1-minute rows of its last 25 hours (a 24 h window ending now, or later, reads
    // nothing older), merged the way a chart merged them. The series are found by seeking the primary
    // key from one (server, name) to the next, and each span is a key range: 1-minute rows are kept
    // 14 days, and a fleet's whole table is too big to scan at start-up (measured: 400 series of
    // 4 days, 2.4M rows, upgraded in 1.4 s on the loaded 2-core build machine).
    statements: [
      `WITH RECURSIVE series(pair) AS (
         SELECT (SELECT json_array(server_id, name) FROM metric_rollups ORDER BY server_id, name LIMIT 1)
         UNION ALL
         SELECT (SELECT json_array(m.server_id, m.name) FROM metric_rollups m
                 WHERE (m.server_id, m.name) > (json_extract(series.pair, '$[0]'), json_extract(series.pair, '$[1]'))
                 ORDER BY m.server_id, m.name LIMIT 1)
         FROM series WHERE series.pair IS NOT NULL
       ),
       spans AS (
         SELECT json_extract(pair, '$[0]') AS server_id, json_extract(pair, '$[1]') AS name FROM series WHERE pair IS NOT NULL
       ),
       newest AS (
         SELECT server_id, name,
                (SELECT max(bucket_ms) FROM metric_rollups m WHERE m.server_id = spans.server_id AND m.name = spans.name AND m.resolution = 60000) AS until_ms
         FROM spans
       )
       INSERT OR IGNORE INTO metric_rollups(server_id, name, resolution, bucket_ms, sum, min, max, count)
         SELECT m.server_id, m.name, 600000, (m.bucket_ms / 600000) * 600000, sum(m.sum), min(m.min), max(m.max), sum(m.count)
         FROM newest s JOIN metric_rollups m
           ON m.server_id = s.server_id AND m.name = s.name AND m.resolution = 60000 AND m.bucket_ms >= ((s.until_ms - 25 * 3600000) / 600000) * 600000
         WHERE s.until_ms IS NOT NULL
         GROUP BY m.server_id, m.name, (m.bucket_ms / 600000) * 600000`,
    ],
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Upgrades to `target` (default: latest), one transaction per version so a crash mid-way leaves
 * a consistent older version that the next start continues from.
 */
export function migrate(db: Database, target: number = SCHEMA_VERSION): { from: number; to: number } {
  const from = schemaVersion(db);
  db.function('fleet_dedup_hash', { deterministic: true }, (key: unknown) => dedupHash(String(key)));
  if (from > SCHEMA_VERSION) throw new Error(`the event log was written by a newer version (schema ${from} > ${SCHEMA_VERSION})`);
  for (const m of MIGRATIONS) {
    if (m.version <= from || m.version > target) continue;
    db.transaction(() => {
      for (const sql of m.statements) db.exec(sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: schemaVersion(db) };
}
