/** Alert <-> alerts row (acknowledgement flattened into three columns). */
import type { Database } from 'better-sqlite3';
import { AlertSchema, type Alert } from '../../../shared/domain/alert';

interface AlertRow {
  id: string;
  server_id: string;
  key: string;
  rule: string;
  severity: string;
  title: string;
  detail: string;
  status: string;
  raised_at: string;
  last_seen_at: string;
  resolved_at: string | null;
  ack_by: string | null;
  ack_at: string | null;
  ack_note: string | null;
  snoozed_until: string | null;
  event_id: string | null;
  count: number;
}

function fromAlertRow(r: AlertRow): Alert | null {
  const parsed = AlertSchema.safeParse({
    id: r.id,
    serverId: r.server_id,
    key: r.key,
    rule: r.rule,
    severity: r.severity,
    title: r.title,
    detail: r.detail,
    status: r.status,
    raisedAt: r.raised_at,
    lastSeenAt: r.last_seen_at,
    resolvedAt: r.resolved_at,
    ack: r.ack_at !== null ? { by: r.ack_by ?? '', at: r.ack_at, note: r.ack_note ?? '' } : null,
    snoozedUntil: r.snoozed_until,
    eventId: r.event_id,
    count: r.count,
  });
  // A row that no longer fits the schema (hand-edited file) is skipped rather than crashing the UI.
  return parsed.success ? parsed.data : null;
}

/** Stored alerts overlaid with those not yet committed; most recently seen first. */
export function listAlerts(db: Database, pending: readonly Alert[], opts: { includeResolved: boolean; limit: number }): Alert[] {
  const limit = Math.max(1, Math.min(10_000, Math.floor(opts.limit)));
  const rows = db
    .prepare(`SELECT * FROM alerts ${opts.includeResolved ? '' : "WHERE status != 'resolved'"} ORDER BY last_seen_at DESC LIMIT ?`)
    .all(limit + pending.length) as AlertRow[];
  const byId = new Map<string, Alert>();
  for (const r of rows) {
    const a = fromAlertRow(r);
    if (a) byId.set(a.id, a);
  }
  for (const a of pending) byId.set(a.id, a);
  return [...byId.values()]
    .filter((a) => opts.includeResolved || a.status !== 'resolved')
    .sort((a, b) => (a.lastSeenAt < b.lastSeenAt ? 1 : a.lastSeenAt > b.lastSeenAt ? -1 : 0))
    .slice(0, limit);
}
