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
import { fromRow } from './eventRows';

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

export async function exportEvents(
  queries: EventQueries,
  filter: EventFilter,
  format: ExportFormat,
  outPath: string,
  onProgress?: (written: number, total: number) => void,
): Promise<{ rows: number }> {
  const total = queries.count(filter);
  const partial = `${outPath}.partial`;
  const out = createWriteStream(partial, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([err]) => Promise.reject(err as Error));
  failed.catch(() => undefined);
  let rows = 0;
  try {
    if (format === 'csv') await write(out, CSV_COLUMNS.join(',') + '\r\n', failed);
    let before: number | undefined;
    for (;;) {
      const page = queries.rows(filter, before, PAGE);
      const items = page.slice(0, PAGE);
      if (items.length === 0) break;
      const text = items.map((r) => (format === 'csv' ? csvLine(fromRow(r)) : JSON.stringify(fromRow(r)) + '\n')).join('');
      await write(out, text, failed);
      rows += items.length;
      onProgress?.(rows, Math.max(total, rows));
      if (page.length <= PAGE) break;
      before = items[items.length - 1]!.key;
    }
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    renameSync(partial, outPath);
    return { rows };
  } catch (err) {
    out.destroy();
    rmSync(partial, { force: true });
    throw err;
  }
}

async function write(out: NodeJS.WritableStream, text: string, failed: Promise<never>): Promise<void> {
  if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  else await new Promise<void>((r) => setImmediate(r));
}
