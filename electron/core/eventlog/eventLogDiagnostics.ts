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

/** Keys are `occurredMs * 1024 + n` (migrations.ts), so the ends of the key range are the oldest and newest times. */
function keyTime(db: Database, fn: 'min' | 'max'): string | null {
  const key = db.prepare(`SELECT ${fn}(key) FROM all_events`).pluck().get() as number | null;
  return key === null ? null : new Date(Math.floor(key / 1024)).toISOString();
}

export function eventLogFacts(db: Database): EventLogFacts {
  const path = db.name;
  const servers = db
    .prepare('SELECT server_id AS serverId, count(*) AS events FROM all_events GROUP BY server_id ORDER BY events DESC')
    .all() as { serverId: string; events: number }[];
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
      telemetry: count(db, 'SELECT count(*) FROM events WHERE telemetry = 1'),
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
