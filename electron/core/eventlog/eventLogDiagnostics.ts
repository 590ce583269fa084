/**
 * What a support engineer needs to know about `events.db` without the file itself: its schema
 * version and the migrations behind it, how big it is, how many rows each part holds, and which
 * servers fill it. Read-only queries on a connection the caller already has (the app's reading
 * connection, or the CLI's query_only one), so it works while another process writes the file.
 */
import type { Database } from 'better-sqlite3';
import { statSync } from 'node:fs';
import { MIGRATIONS, SCHEMA_VERSION, schemaVersion } from './migrations';

/** The busiest servers listed by name; the rest are summed, so a huge fleet keeps the file small. */
const TOP_SERVERS = 200;

export interface EventLogFacts {
  path: string;
  schema: { version: number; latest: number; migrations: { version: number; description: string }[] };
  files: { databaseBytes: number | null; walBytes: number | null; pageSize: number; pageCount: number; freePages: number };
  counts: { stored: number; indexed: number; inbox: number; telemetry: number; alerts: number; openAlerts: number; connectionGaps: number; ftsPending: number };
  /** History events (not telemetry) per server, busiest first: read from the server index, no table scan. */
  byServer: { serverId: string; events: number }[];
  /** Servers past TOP_SERVERS, and their events together. */
  otherServers: { servers: number; events: number };
  oldestEventAt: string | null;
  newestEventAt: string | null;
}

const count = (db: Database, sql: string): number => Number(db.prepare(sql).pluck().get() ?? 0);
const fileSize = (path: string): number | null => {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
};

/**
 * Keys are `occurredMs * 1024 + n` (migrations.ts), so the ends of the key range are the oldest and
 * newest times. Asked of each table (a rowid lookup), not of the all_events view (a scan).
 */
function keyTime(db: Database, fn: 'min' | 'max'): string | null {
  const keys = ['events', 'events_inbox'].map((t) => db.prepare(`SELECT ${fn}(key) FROM ${t}`).pluck().get() as number | null).filter((k): k is number => k !== null);
  return keys.length === 0 ? null : new Date(Math.floor(Math[fn](...keys) / 1024)).toISOString();
}

/** `severity > 0` lets SQLite count from the partial server index (telemetry is most rows and not in it). */
const HISTORY_BY_SERVER = `SELECT server_id AS serverId, sum(n) AS events FROM (
  SELECT server_id, count(*) AS n FROM events WHERE severity > 0 GROUP BY server_id
  UNION ALL SELECT server_id, count(*) AS n FROM events_inbox WHERE severity > 0 GROUP BY server_id
) GROUP BY server_id ORDER BY events DESC`;

export function eventLogFacts(db: Database): EventLogFacts {
  const path = db.name;
  const servers = db.prepare(HISTORY_BY_SERVER).all() as { serverId: string; events: number }[];
  const rest = servers.slice(TOP_SERVERS);
  const indexed = count(db, 'SELECT count(*) FROM events');
  const inbox = count(db, 'SELECT count(*) FROM events_inbox');
  return {
    path,
    schema: { version: schemaVersion(db), latest: SCHEMA_VERSION, migrations: MIGRATIONS.map(({ version, description }) => ({ version, description })) },
    files: {
      databaseBytes: path === ':memory:' ? null : fileSize(path),
      walBytes: path === ':memory:' ? null : fileSize(`${path}-wal`),
      pageSize: db.pragma('page_size', { simple: true }) as number,
      pageCount: db.pragma('page_count', { simple: true }) as number,
      freePages: db.pragma('freelist_count', { simple: true }) as number,
    },
    counts: {
      // Rows are committed to the inbox first and moved into the indexed table right after.
      stored: indexed + inbox,
      indexed,
      inbox,
      telemetry: count(db, 'SELECT (SELECT count(*) FROM events WHERE telemetry = 1) + (SELECT count(*) FROM events_inbox WHERE telemetry = 1)'),
      alerts: count(db, 'SELECT count(*) FROM alerts'),
      openAlerts: count(db, "SELECT count(*) FROM alerts WHERE status != 'resolved'"),
      connectionGaps: count(db, 'SELECT count(*) FROM connection_gaps'),
      ftsPending: count(db, 'SELECT count(*) FROM fts_pending'),
    },
    byServer: servers.slice(0, TOP_SERVERS),
    otherServers: { servers: rest.length, events: rest.reduce((n, s) => n + s.events, 0) },
    oldestEventAt: keyTime(db, 'min'),
    newestEventAt: keyTime(db, 'max'),
  };
}
