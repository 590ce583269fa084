/**
 * Streams any query to CSV (RFC 4180) or NDJSON. Rows are read page by page with the same keyset
 * as the UI (so memory stays flat and the writer can commit between pages) and written with
 * back-pressure. The file appears under its final name only when complete.
 */
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { EventFilter } from '../../../shared/ipc/schemas';
import type { EventQueries } from './EventQueries';
import { isCorrupt } from './damage';
import { fromRow, KEY_SLOTS, type EventRow } from './eventRows';

export type ExportFormat = 'csv' | 'ndjson';
const PAGE = 1000;

export const CSV_COLUMNS = ['id', 'occurredAt', 'receivedAt', 'serverId', 'type', 'category', 'severity', 'derived', 'title', 'summary', 'data', 'dedupKey'] as const;

/** One CSV cell: spreadsheet formulas neutralised, then RFC 4180 quoting. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(e: FleetEvent): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
    id: e.id,
    occurredAt: e.occurredAt,
    receivedAt: e.receivedAt,
    serverId: e.serverId,
    type: e.type,
    category: e.category,
    severity: e.severity,
    derived: e.derived ? 'true' : 'false',
    title: e.title,
    summary: e.summary,
    data: JSON.stringify(e.data) ?? '',
    dedupKey: e.dedupKey,
  };
  return CSV_COLUMNS.map((c) => csvCell(cells[c])).join(',') + '\r\n';
}

export interface ExportResult {
  rows: number;
  /** Rows that could not be read (damaged pages, skipped), when they could be counted; else null. */
  unreadable: number | null;
  /** True when damaged ranges were skipped. */
  damaged: boolean;
}

export async function exportEvents(
  queries: EventQueries,
  filter: EventFilter,
  format: ExportFormat,
  outPath: string,
  onProgress?: (written: number, total: number) => void,
): Promise<ExportResult> {
  const total = countOrNull(queries, filter);
  const partial = `${outPath}.partial`;
  const out = createWriteStream(partial, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([err]) => Promise.reject(err as Error));
  failed.catch(() => undefined);
  const reader = new SalvagingReader(queries, filter);
  let rows = 0;
  try {
    if (format === 'csv') await write(out, CSV_COLUMNS.join(',') + '\r\n', failed);
    for (let items = reader.next(); items.length > 0; items = reader.next()) {
      const text = items.map((r) => (format === 'csv' ? csvLine(fromRow(r)) : JSON.stringify(fromRow(r)) + '\n')).join('');
      await write(out, text, failed);
      rows += items.length;
      onProgress?.(rows, Math.max(total ?? 0, rows));
    }
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    renameSync(partial, outPath);
    return { rows, damaged: reader.damaged, unreadable: reader.damaged ? (total === null ? null : Math.max(0, total - rows)) : 0 };
  } catch (err) {
    out.destroy();
    rmSync(partial, { force: true });
    throw err;
  }
}

/** How many rows the export should hold; on a damaged log, for an unfiltered export, from an index. */
function countOrNull(queries: EventQueries, filter: EventFilter): number | null {
  try {
    return queries.count(filter);
  } catch (err) {
    if (!isCorrupt(err)) throw err;
  }
  const unfiltered = Object.values(filter).every((v) => v === undefined || (Array.isArray(v) && v.length === 0));
  try {
    return unfiltered ? queries.countFromIndex() : null;
  } catch {
    return null;
  }
}

/**
 * Pages of rows, newest first, that step over damage (SQLITE_CORRUPT) instead of failing: a page
 * that cannot be read is read in smaller pieces up to the damage, then the first readable key
 * below it is found (steps that double, then halving) and reading goes on from there.
 */
class SalvagingReader {
  private before: number | undefined;
  private done = false;
  damaged = false;

  constructor(
    private readonly queries: EventQueries,
    private readonly filter: EventFilter,
  ) {}

  next(): EventRow[] {
    for (let limit = PAGE; !this.done; ) {
      const page = this.read(this.before, limit);
      if (page !== null) {
        const items = page.slice(0, limit);
        if (page.length <= limit) this.done = true;
        if (items.length > 0) this.before = items[items.length - 1]!.key;
        else this.done = true;
        return items;
      }
      this.damaged = true;
      if (limit > 1) limit = Math.floor(limit / 2);
      else this.skipDamage();
    }
    return [];
  }

  /** A page, or null when it runs into damage. */
  private read(before: number | undefined, limit: number): EventRow[] | null {
    try {
      return this.queries.rows(this.filter, before, limit);
    } catch (err) {
      if (isCorrupt(err)) return null;
      throw err;
    }
  }

  /** The row right below `before` cannot be read: move `before` to the highest key below the damage that can. */
  private skipDamage(): void {
    const top = this.before ?? Number.MAX_SAFE_INTEGER;
    let bad = top;
    let step = KEY_SLOTS;
    let good = -1;
    while (good < 0) {
      const k = Math.max(0, top - step);
      if (this.read(k, 1) !== null) good = k;
      else if (k === 0) {
        this.done = true;
        return;
      } else bad = k;
      step *= 2;
    }
    // ok(k) holds below the damage and fails inside it: the highest readable bound is between good and bad.
    while (bad - good > 1) {
      const mid = Math.floor((good + bad) / 2);
      if (this.read(mid, 1) !== null) good = mid;
      else bad = mid;
    }
    this.before = good;
  }
}
async function write(out: NodeJS.WritableStream, text: string, failed: Promise<never>): Promise<void> {
  if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  else await new Promise<void>((r) => setImmediate(r));
}
