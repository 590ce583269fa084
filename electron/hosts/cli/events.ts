/**
 * `dnsfleet events`: prints stored events newest first, as an aligned table or (--json) one
 * FleetEvent object per line. Reads the log in place; safe while a monitor is writing (WAL).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import { EventLogReader } from '../../core/eventlog/EventLogReader';
import { DB_FILE } from '../../core/eventlog/openDatabase';
import { FILTER_OPTIONS, toEventFilter } from '../../core/eventlog/filterArgs';
import { terminalText } from './terminalText';

interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100_000;

export async function eventsCommand(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { ...FILTER_OPTIONS, limit: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true }));
  } catch (err) {
    return fail(io, (err as Error).message);
  }
  const dataDir = values['data-dir'];
  if (!dataDir) return fail(io, 'events needs --data-dir <dir>');
  if (!existsSync(join(dataDir, DB_FILE))) return fail(io, `no event log in ${dataDir} (expected ${DB_FILE})`);
  const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return fail(io, `--limit takes a whole number from 1 to ${MAX_LIMIT}`);
  const filter = toEventFilter(values);
  if (!filter.ok) return fail(io, filter.error);

  const log = EventLogReader.open(dataDir);
  try {
    for (const notice of log.notices()) io.stderr.write(`dnsfleet events: ${notice}\n`);
    const events = collect(log, filter.filter, limit);
    if (values.json) for (const e of events) io.stdout.write(JSON.stringify(toCliJson(e)) + '\n');
    else io.stdout.write(table(events));
    return 0;
  } catch (err) {
    return fail(io, (err as Error).message);
  } finally {
    log.close();
  }
}

function collect(log: EventLogReader, filter: Parameters<EventLogReader['query']>[0], limit: number): FleetEvent[] {
  const out: FleetEvent[] = [];
  let cursor: string | null = null;
  do {
    const page = log.query(filter, cursor, Math.min(1000, limit - out.length));
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && out.length < limit);
  return out;
}

/** Columns padded to their widest cell; the title takes the rest of the line. */
export function table(events: FleetEvent[]): string {
  if (events.length === 0) return '(no events)\n';
  const rows = events.map((e) => [e.occurredAt, e.serverId, e.severity, e.category, e.type, e.title].map(terminalText).map((cell, c) => (c === 4 && e.derived ? cell + '*' : cell)));
  const header = ['OCCURRED (UTC)', 'SERVER', 'SEVERITY', 'CATEGORY', 'TYPE', 'TITLE'];
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const render = (r: string[]) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ');
  return all.map(render).join('\n') + '\n' + (rows.some((r) => r[4]!.endsWith('*')) ? '* derived from REST snapshots\n' : '');
}

function fail(io: CliIo, msg: string): number {
  io.stderr.write(`dnsfleet events: ${msg}\n`);
  return 2;
}

/**
 * The CLI contract (README): `server` rather than the internal `serverId`, the listed keys first,
 * then the rest of the event so scripts get everything.
 */
export function toCliJson(e: FleetEvent): Record<string, unknown> {
  const { serverId, id, type, category, severity, occurredAt, receivedAt, title, derived, ...rest } = e;
  return { id, server: serverId, type, category, severity, occurredAt, receivedAt, title, derived, ...rest };
}
