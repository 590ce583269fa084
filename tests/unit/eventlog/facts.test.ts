import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventLogReader } from '../../../electron/core/eventlog/EventLogReader';
import { SCHEMA_VERSION } from '../../../electron/core/eventlog/migrations';
import { fleetEvent } from '../../e2e/support/fakeData';
import { harness, type Harness } from './helpers';

const T0 = Date.parse('2026-12-06T20:00:00.000Z');
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();

describe('event log facts for the diagnostics bundle', () => {
  let h: Harness;
  beforeEach(() => {
    h = harness();
  });
  afterEach(() => h.cleanup());

  it('count stored rows, telemetry apart, history per server busiest first, and the time range; the reader sees the same', async () => {
    const log = h.open();
    const events = [
      ...Array.from({ length: 6 }, (_, i) => fleetEvent({ serverId: 'dns-a', severity: 'warning', occurredAt: at(i), receivedAt: at(i), title: `a ${i}` })),
      ...Array.from({ length: 2 }, (_, i) => fleetEvent({ serverId: 'dns-b', severity: 'error', occurredAt: at(10 + i), receivedAt: at(10 + i), title: `b ${i}` })),
      // Telemetry: stored and counted, but not history.
      ...Array.from({ length: 9 }, (_, i) => fleetEvent({ serverId: 'dns-b', severity: 'debug', category: 'dns', type: 'query_update', derived: false, occurredAt: at(20 + i), receivedAt: at(20 + i), title: `q ${i}` })),
    ];
    // Wait for the commits themselves: flush() resolves once the writer handled the batch, which
    // includes refusing it for a later retry (under load every count once read 0 right after it).
    let committed = 0;
    log.onDidCommit((b) => (committed += b.events.length));
    log.append(events);
    await vi.waitFor(() => expect(committed).toBe(events.length), { timeout: 15_000, interval: 20 });
    const facts = log.facts();
    expect(facts.schema).toMatchObject({ version: SCHEMA_VERSION, latest: SCHEMA_VERSION });
    expect(facts.schema.migrations.map((m) => m.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    expect(facts.counts).toMatchObject({ stored: 17, telemetry: 9, alerts: 0 });
    expect(facts.byServer).toEqual([{ serverId: 'dns-a', events: 6 }, { serverId: 'dns-b', events: 2 }]);
    expect(facts.oldestEventAt).toBe(at(0));
    expect(facts.newestEventAt).toBe(at(28));
    expect(facts).toMatchObject({ persistent: true, damaged: false });
    expect(facts.files.databaseBytes).toBeGreaterThan(0);
    await log.close();
    const reader = EventLogReader.open(h.dir);
    try {
      // Rows may have moved from the inbox into the indexed table meanwhile: what is stored is the same.
      const { counts, byServer, oldestEventAt, newestEventAt } = reader.facts();
      expect(counts).toMatchObject({ stored: 17, telemetry: 9, alerts: 0 });
      expect(counts.indexed + counts.inbox).toBe(17);
      expect({ byServer, oldestEventAt, newestEventAt }).toEqual({ byServer: facts.byServer, oldestEventAt: facts.oldestEventAt, newestEventAt: facts.newestEventAt });
    } finally {
      reader.close();
    }
  });
});
