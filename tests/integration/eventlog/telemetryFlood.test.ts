/**
 * Telemetry never evicts history (issue 13, part 2): a flood of query samples under a small size cap
 * deletes samples, never the state changes, threats, gaps and admin messages around them, and the
 * files stay near the cap while the flood goes on (the writer starts retention as the log grows,
 * not a minute later).
 */
import { statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import { msToIso } from '../../../electron/core/util/isoTime';
import { sampleEvents } from '../../fixtures/eventlog/sampleEvents';
import { harness, type Harness } from '../../unit/eventlog/helpers';

const MB = 1024 * 1024;
/** Every type sampleEvents makes: changes, threats, zone updates, BIND down, a `debug` login. */
const HISTORY_TYPES = ['forwarder_status_change', 'threat_detected', 'zone_updated', 'bind_down', 'user_login'];
const CAP = 16 * MB;
const DAY = 86_400_000;
let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(async () => {
  await h.cleanup();
});

/** A query sample as the adapter shapes it (hybrid-dns/shape.ts shapeQuery). */
function querySample(i: number, at: number): FleetEvent {
  const iso = msToIso(at);
  return {
    id: `q-${i}`,
    serverId: `dns-${i % 50}`,
    type: 'query_update',
    category: 'dns',
    severity: 'debug',
    occurredAt: iso,
    receivedAt: iso,
    title: i % 7 === 0 ? 'Query blocked' : 'Query',
    summary: `A host${i % 5000}.corp${i % 40}.example from 10.${i % 200}.${i % 250}.${i % 13}`,
    data: { domain: `host${i % 5000}.corp${i % 40}.example`, queryType: 'A', clientIp: `10.${i % 200}.${i % 250}.${i % 13}`, blocked: i % 7 === 0, qps: (i % 300) / 10, queriesToday: i, blockedToday: Math.floor(i / 7) },
    derived: false,
    dedupKey: `u:dns-${i % 50}:q-${i}`,
  };
}

const fileBytes = (dir: string): number => ['events.db', 'events.db-wal'].reduce((sum, f) => sum + (existsSync(join(dir, f)) ? statSync(join(dir, f)).size : 0), 0);

describe('telemetry and history under a size cap', () => {
  it('a flood of 100,000 query samples under a 16 MB cap keeps every history event, and the files stay under twice the cap', async () => {
    const log = h.open({ retention: { maxAgeDays: 90, maxBytes: CAP }, maxBacklog: 200_000 });
    const now = Date.now();
    // A month of history: changes, threats, zone updates, BIND down, a low-priority (debug) login, derived and not.
    let history = 2000;
    log.append(sampleEvents(history, { startMs: now - 30 * DAY, stepMs: Math.floor((29 * DAY) / history), prefix: 'hist' }));
    await log.flush();
    let maxFiles = 0;
    const FLOOD = 100_000;
    const CHUNK = 5000;
    for (let from = 0; from < FLOOD; from += CHUNK) {
      const start = now - 3_600_000 + from * 20;
      const chunk = Array.from({ length: CHUNK }, (_, k) => querySample(from + k, start + k * 20));
      // History keeps happening during the flood.
      chunk.push(...sampleEvents(10, { startMs: start, stepMs: 1000, prefix: `during${from}` }));
      history += 10;
      log.append(chunk);
      await log.flush();
      maxFiles = Math.max(maxFiles, fileBytes(h.dir));
    }
    // Retention finishes what the flood started, on its own (no interval passes: it started as the log grew).
    await vi.waitFor(
      () => {
        maxFiles = Math.max(maxFiles, fileBytes(h.dir));
        expect(log.stats().usedBytes).toBeLessThanOrEqual(CAP);
      },
      { timeout: 60_000, interval: 100 },
    );

    // One query each (retention may still be deleting samples in the background).
    const samples = log.count({ types: ['query_update'] });
    const kept = log.count({ types: HISTORY_TYPES });
    expect(kept).toBe(history);
    expect(samples).toBeGreaterThan(0);
    expect(samples).toBeLessThan(FLOOD);
    expect(maxFiles).toBeLessThan(2 * CAP);
  }, 240_000);
});
