/**
 * Events sent against events stored. The emulators count every event frame they wrote to a socket
 * (frames a full send buffer refused are the server's own drops, counted apart); the monitor's event
 * log is read directly once the monitor has stopped and flushed. Derived events (threats found by
 * REST polls, state changes) are the client's own and are compared separately.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { SoakFleet } from './fleet';

export interface ServerLedger {
  server: string;
  stack: 'legacy' | 'unified';
  sent: number;
  /** frames the server itself did not write (its send buffer was over its bound) */
  serverDropped: number;
  stored: number;
  lost: number;
  /** stored wire events beyond what was sent (a duplicate, or garbage taken for an event) */
  extra: number;
  threatsAdded: number;
  threatsStored: number;
}

/** An alert the monitor raised (stored in its log whether or not the storm gate let it notify). */
export interface RaisedAlert {
  server: string;
  key: string;
  severity: string;
  title: string;
  at: number;
}

export interface Ledger {
  servers: ServerLedger[];
  alerts: RaisedAlert[];
  sent: number;
  stored: number;
  lost: number;
  extra: number;
  serverDropped: number;
  derivedStored: number;
}

interface Row {
  server_id: string;
  derived: number;
  type: string;
  n: number;
}

export function readLedger(dataDir: string, fleet: SoakFleet, sent: Map<string, { sent: number; dropped: number }>): Ledger {
  const db = new Database(join(dataDir, 'events.db'), { readonly: true, fileMustExist: true });
  let rows: Row[];
  let alerts: RaisedAlert[];
  try {
    rows = db.prepare('SELECT server_id, derived, type, count(*) AS n FROM all_events GROUP BY server_id, derived, type').all() as Row[];
    const raw = db.prepare('SELECT server_id, key, severity, title, raised_at FROM alerts ORDER BY raised_at').all() as { server_id: string; key: string; severity: string; title: string; raised_at: string }[];
    alerts = raw.map((a) => ({ server: a.server_id, key: a.key, severity: a.severity, title: a.title, at: Date.parse(a.raised_at) }));
  } finally {
    db.close();
  }
  const servers = fleet.servers.map((s): ServerLedger => {
    const mine = rows.filter((r) => r.server_id === s.id);
    const stored = mine.filter((r) => r.derived === 0).reduce((a, r) => a + r.n, 0);
    const count = sent.get(s.id) ?? { sent: 0, dropped: 0 };
    return {
      server: s.id,
      stack: s.stack,
      sent: count.sent,
      serverDropped: count.dropped,
      stored,
      lost: Math.max(0, count.sent - stored),
      extra: Math.max(0, stored - count.sent),
      threatsAdded: s.threatsAdded,
      threatsStored: mine.filter((r) => r.derived === 1 && r.type === 'threat_detected').reduce((a, r) => a + r.n, 0),
    };
  });
  const sum = (k: 'sent' | 'stored' | 'lost' | 'extra' | 'serverDropped'): number => servers.reduce((a, s) => a + s[k], 0);
  return {
    servers,
    alerts,
    sent: sum('sent'),
    stored: sum('stored'),
    lost: sum('lost'),
    extra: sum('extra'),
    serverDropped: sum('serverDropped'),
    derivedStored: rows.filter((r) => r.derived === 1).reduce((a, r) => a + r.n, 0),
  };
}
