/**
 * `dnsfleet export`: writes any query of the event log to CSV or NDJSON, streamed (flat memory),
 * with progress on stderr. The file appears under its name only once complete.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EventLogReader } from '../../core/eventlog/EventLogReader';
import { DB_FILE } from '../../core/eventlog/openDatabase';
import { FILTER_OPTIONS, toEventFilter } from '../../core/eventlog/filterArgs';

interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export async function exportCommand(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { ...FILTER_OPTIONS, format: { type: 'string' }, out: { type: 'string' } }, strict: true }));
  } catch (err) {
    return fail(io, (err as Error).message);
  }
  const dataDir = values['data-dir'];
  if (!dataDir) return fail(io, 'export needs --data-dir <dir>');
  if (values.format !== 'csv' && values.format !== 'ndjson') return fail(io, 'export needs --format csv|ndjson');
  if (!values.out) return fail(io, 'export needs --out <file>');
  if (!existsSync(join(dataDir, DB_FILE))) return fail(io, `no event log in ${dataDir} (expected ${DB_FILE})`);
  const filter = toEventFilter(values);
  if (!filter.ok) return fail(io, filter.error);

  const log = EventLogReader.open(dataDir);
  const out = resolve(values.out);
  let lastShown = 0;
  try {
    const { rows, damaged, unreadable } = await log.exportTo(filter.filter, values.format, out, (written, total) => {
      if (written - lastShown < 10_000 && written !== total) return;
      lastShown = written;
      io.stderr.write(`exported ${written} of ${total} events\n`);
    });
    io.stderr.write(`done: ${rows} events written to ${out}\n`);
    if (damaged) {
      io.stderr.write(`the event log is damaged: ${unreadable === null ? 'an unknown number of' : unreadable} event(s) could not be read and are missing from the export\n`);
      return 1;
    }
    return 0;
  } catch (err) {
    return fail(io, (err as Error).message);
  } finally {
    log.close();
  }
}

function fail(io: CliIo, msg: string): number {
  io.stderr.write(`dnsfleet export: ${msg}\n`);
  return 2;
}
