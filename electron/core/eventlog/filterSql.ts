/** EventFilter -> SQL. Every user value is a bound parameter; only fixed SQL text is concatenated. */
import type { EventFilter } from '../../../shared/ipc/schemas';
import { categoryCode, msToKey, severityCode } from './eventRows';
import type { FieldTerm } from './searchFields';
import { EventQueryError, parseSearch, type ParsedSearch } from './searchQuery';

export interface Conditions {
  /** Conditions joined by AND (`1` when none). */
  where: string;
  params: unknown[];
}

/**
 * Everything but the search, against events alias `e`. `keyColumn` lets the FTS branch put the
 * time/keyset bounds on `f.rowid`, where FTS5 can use them.
 */
export function baseConditions(filter: EventFilter, opts: { beforeKey?: number; keyColumn?: string } = {}): Conditions {
  const key = opts.keyColumn ?? 'e.key';
  const conds: string[] = [];
  const params: unknown[] = [];
  const inList = (column: string, values: readonly unknown[] | undefined) => {
    if (!values || values.length === 0) return;
    conds.push(`${column} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
  };
  inList('e.server_id', filter.servers);
  inList('e.category', filter.categories?.map(categoryCode));
  inList('e.severity', filter.severities?.map(severityCode));
  // Without debug asked for, this term lets SQLite use the partial server and severity indexes (migration 4).
  if (filter.severities && filter.severities.length > 0 && !filter.severities.includes('debug')) conds.push('e.severity > 0');
  inList('e.type', filter.types);
  const bound = (sql: string, value: number) => {
    conds.push(sql);
    params.push(value);
  };
  if (filter.derived !== undefined) bound('e.derived = ?', filter.derived ? 1 : 0);
  if (filter.since !== undefined) bound(`${key} >= ?`, msToKey(parseTime(filter.since, 'since')));
  if (filter.until !== undefined) bound(`${key} < ?`, msToKey(parseTime(filter.until, 'until')));
  if (opts.beforeKey !== undefined) bound(`${key} < ?`, opts.beforeKey);
  if (filter.acknowledged !== undefined) {
    conds.push(`EXISTS (SELECT 1 FROM alerts a WHERE a.event_id = e.id AND a.ack_at IS ${filter.acknowledged ? 'NOT NULL' : 'NULL'})`);
  }
  return { where: conds.length > 0 ? conds.join(' AND ') : '1', params };
}

export function searchOf(filter: EventFilter): ParsedSearch | null {
  return filter.search !== undefined && filter.search.trim() !== '' ? parseSearch(filter.search) : null;
}

/** Substring match over title, summary and data for rows the FTS index has not reached yet. */
export function likeConditions(search: ParsedSearch): Conditions {
  const conds: string[] = [];
  const params: unknown[] = [];
  const any = "(e.title LIKE ? ESCAPE '\\' OR e.summary LIKE ? ESCAPE '\\' OR e.data LIKE ? ESCAPE '\\')";
  for (const p of search.like.must) {
    conds.push(any);
    params.push(p, p, p);
  }
  for (const p of search.like.not) {
    conds.push(`NOT ${any}`);
    params.push(p, p, p);
  }
  return { where: conds.join(' AND '), params };
}

/** The search's field terms (server:, type:, client:, domain:, blocked:, severity>=) against alias `e`. */
export function fieldConditions(search: ParsedSearch | null): Conditions {
  const conds: string[] = [];
  const params: unknown[] = [];
  for (const term of search?.fields ?? []) {
    const c = fieldCondition(term);
    conds.push(term.negated ? `NOT (${c.where})` : c.where);
    params.push(...c.params);
  }
  return { where: conds.length > 0 ? conds.join(' AND ') : '1', params };
}

const SEVERITY_SQL = { '>=': '>=', '<=': '<=', '>': '>', '<': '<', '=': '=' } as const;
/** GLOB is case-sensitive and can use the server and type indexes; its wildcards are escaped. */
const globLiteral = (v: string) => v.replace(/[*?[\]]/g, (c) => `[${c}]`);
const likeLiteral = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

function fieldCondition(t: FieldTerm): Conditions {
  switch (t.field) {
    case 'severity': {
      const where = `e.severity ${SEVERITY_SQL[t.op]} ?`;
      // Without debug, the partial server and severity indexes apply (migration 4).
      const noDebug = !t.negated && (t.op === '>' || (t.op === '>=' && t.level !== 'debug') || (t.op === '=' && t.level !== 'debug'));
      return { where: noDebug ? `${where} AND e.severity > 0` : where, params: [severityCode(t.level)] };
    }
    case 'server':
    case 'type': {
      const column = t.field === 'server' ? 'e.server_id' : 'e.type';
      return t.prefix ? { where: `${column} GLOB ?`, params: [`${globLiteral(t.value)}*`] } : { where: `${column} = ?`, params: [t.value] };
    }
    case 'client': {
      const value = `"clientIp":"${likeLiteral(t.value)}${t.prefix ? '%' : '"'}`;
      return { where: "e.data LIKE ? ESCAPE '\\'", params: [`%${value}%`] };
    }
    case 'domain': {
      const v = likeLiteral(t.value);
      // The stored value itself: a LIKE over the JSON text could match across into the next field.
      // Guarded like BLOCKED_SQL: one row that masking left unreadable must not fail the search.
      if (t.contains) return { where: "(CASE WHEN json_valid(e.data) THEN json_extract(e.data, '$.domain') END) LIKE ? ESCAPE '\\'", params: [`%${v}%`] };
      // The domain itself or any name under it (domain:example.com finds ads.example.com).
      const end = t.prefix ? '%' : '"';
      return { where: "(e.data LIKE ? ESCAPE '\\' OR e.data LIKE ? ESCAPE '\\')", params: [`%"domain":"${v}${end}%`, `%"domain":"%.${v}${end}%`] };
    }
    case 'blocked':
      return { where: BLOCKED_SQL, params: [t.blocked ? 'true' : 'false'] };
  }
}

/**
 * A query sample whose stored flag (shape.ts: `data.blocked`, a JSON boolean) is the one asked for.
 * The type term lets SQLite walk the type index rather than every row; the flag is read as JSON, so
 * no word in a domain, a title or another event's text can stand in for it. `IS` keeps the result
 * 0 or 1, so `-blocked:yes` also keeps rows whose data is not JSON; CASE makes sure json_type never
 * sees such a row (masking can leave one: a registered password that ends in a backslash takes the
 * escape of the closing quote with it, and json_type would fail the whole search on "malformed JSON").
 */
const BLOCKED_SQL = "e.type = 'query_update' AND (CASE WHEN json_valid(e.data) THEN json_type(e.data, '$.blocked') END IS ?)";

/** Conditions joined by AND, parameters in the same order. */
export function allOf(...parts: Conditions[]): Conditions {
  const used = parts.filter((p) => p.where !== '1');
  return { where: used.length > 0 ? used.map((p) => p.where).join(' AND ') : '1', params: used.flatMap((p) => p.params) };
}

/** The whole filter as one condition on `all_events e` (for counts, facets, histogram). */
export function filterConditions(filter: EventFilter): Conditions {
  const search = searchOf(filter);
  const base = allOf(baseConditions(filter), fieldConditions(search));
  if (!search?.match) return base;
  const like = likeConditions(search);
  return {
    where: `${base.where} AND (e.key IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?) OR ((e.key IN (SELECT key FROM fts_pending) OR e.key IN (SELECT key FROM events_inbox)) AND ${like.where}))`,
    params: [...base.params, search.match, ...like.params],
  };
}

function parseTime(iso: string, name: string): number {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) throw new EventQueryError(`"${name}" is not a valid ISO time: ${iso.slice(0, 40)}`);
  return t;
}

/** Keyset cursor: opaque to callers, validated on the way back in. */
export function encodeCursor(key: number): string {
  return Buffer.from(`k1:${key}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const m = /^k1:(\d{1,16})$/.exec(text);
  if (!m) throw new EventQueryError('The page cursor is not valid; start again from the first page.');
  return Number(m[1]);
}
