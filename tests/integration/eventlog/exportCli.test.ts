import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FleetEventSchema } from '../../../shared/domain/fleetEvent';
import { eventsCommand } from '../../../electron/hosts/cli/events';
import { exportCommand } from '../../../electron/hosts/cli/export';
import { sampleEvent, sampleEvents } from '../../fixtures/eventlog/sampleEvents';
import { harness, type Harness } from '../../unit/eventlog/helpers';

const COUNT = 2_500;
const START = Date.now() - 3_600_000;
let h: Harness;

beforeAll(async () => {
  h = harness();
  const log = h.open();
  const hostile = { ...sampleEvent(COUNT, { startMs: START }), title: '=HYPERLINK("http://evil")', summary: 'line one\nline "two", three' };
  log.append([...sampleEvents(COUNT, { startMs: START }), hostile]);
  await log.flush();
  await log.close();
});
afterAll(async () => {
  await h.cleanup();
});

async function run(cmd: typeof eventsCommand, argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await cmd(argv, { stdout, stderr });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

/** Minimal RFC 4180 reader (quoted fields with "" and CRLF inside). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  return rows;
}

describe('dnsfleet events', () => {
  it('prints newest first as JSON lines with the CLI contract fields (server, not serverId)', async () => {
    const r = await run(eventsCommand, ['--data-dir', h.dir, '--server', 'dns-east-1', '--server', 'dns-west-1', '--severity', 'critical', '--limit', '7', '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => {
        const { server, ...rest } = JSON.parse(l) as { server: string };
        expect(rest).not.toHaveProperty('serverId');
        return FleetEventSchema.parse({ ...rest, serverId: server });
      });
    expect(lines).toHaveLength(7);
    expect(lines.every((e) => ['dns-east-1', 'dns-west-1'].includes(e.serverId) && e.severity === 'critical')).toBe(true);
    const times = lines.map((e) => e.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('prints an aligned table for people', async () => {
    const r = await run(eventsCommand, ['--data-dir', h.dir, '--search', 'BIND stopped', '--limit', '3']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^OCCURRED \(UTC\)\s+SERVER\s+SEVERITY\s+CATEGORY\s+TYPE\s+TITLE$/);
    const titleAt = lines[0]!.indexOf('TITLE');
    expect(lines.slice(1, 4).every((l) => l.indexOf('BIND stopped') === titleAt)).toBe(true);
  });

  it('answers bad input with a message and exit code 2, not a stack trace', async () => {
    for (const argv of [['--data-dir', h.dir, '--severity', 'loud'], ['--data-dir', h.dir, '--since', 'yesterday'], ['--data-dir', h.dir, '--search', '"open'], ['--data-dir', h.dir, '--bogus'], ['--data-dir', join(h.dir, 'nope')]]) {
      const r = await run(eventsCommand, argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^dnsfleet events: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('read-only commands', () => {
  it('events and export leave the log as they found it (they may run while the app writes it)', async () => {
    const state = () => {
      const db = new Database(join(h.dir, 'events.db'), { readonly: true });
      try {
        const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
        return { events: count('events'), inbox: count('events_inbox'), searchPending: count('fts_pending') };
      } finally {
        db.close();
      }
    };
    const before = state();
    // Rows the app had not indexed yet (in its inbox, or listed for full-text search): a writer would move or index them.
    expect(before.inbox + before.searchPending).toBeGreaterThan(0);
    expect((await run(eventsCommand, ['--data-dir', h.dir, '--search', 'BIND', '--limit', '5'])).code).toBe(0);
    expect((await run(exportCommand, ['--data-dir', h.dir, '--format', 'ndjson', '--out', join(h.dir, 'ro.ndjson')])).code).toBe(0);
    expect(state()).toEqual(before);
  });
});

describe('dnsfleet export', () => {
  it('streams NDJSON of a filtered query with progress on stderr', async () => {
    const out = join(h.dir, 'east.ndjson');
    const r = await run(exportCommand, ['--data-dir', h.dir, '--format', 'ndjson', '--out', out, '--server', 'dns-east-1', '--since', new Date(START).toISOString()]);
    expect(r.code).toBe(0);
    const events = readFileSync(out, 'utf8').trim().split('\n').map((l) => FleetEventSchema.parse(JSON.parse(l)));
    expect(events.length).toBe(Math.ceil(COUNT / 40) * 5);
    expect(events.every((e) => e.serverId === 'dns-east-1')).toBe(true);
    expect(r.stderr).toMatch(new RegExp(`done: ${events.length} events written`));
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('writes RFC 4180 CSV that neutralises formulas and round-trips awkward text', async () => {
    const out = join(h.dir, 'all.csv');
    const r = await run(exportCommand, ['--data-dir', h.dir, '--format', 'csv', '--out', out]);
    expect(r.code).toBe(0);
    const rows = parseCsv(readFileSync(out, 'utf8'));
    expect(rows[0]).toEqual(['id', 'occurredAt', 'receivedAt', 'serverId', 'type', 'category', 'severity', 'derived', 'title', 'summary', 'data', 'dedupKey']);
    expect(rows).toHaveLength(COUNT + 2);
    const hostile = rows[1]!;
    expect(hostile[8]).toBe(`'=HYPERLINK("http://evil")`);
    expect(hostile[9]).toBe('line one\nline "two", three');
    expect(JSON.parse(rows[2]![10]!)).toEqual(sampleEvent(COUNT - 1, { startMs: START }).data);
    expect(r.stderr).toMatch(/exported \d+ of \d+ events/);
  });

  it('reports progress while exporting through the event log API', async () => {
    const log = h.open();
    const progress: [number, number][] = [];
    const { rows } = await log.exportTo({}, 'ndjson', join(h.dir, 'p.ndjson'), (w, t) => progress.push([w, t]));
    expect(rows).toBe(COUNT + 1);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual([COUNT + 1, COUNT + 1]);
  });
});
