/**
 * Times a server claims that cannot be believed (issue 17.4, 17.15): far in the future, years back,
 * or not on the calendar. They are stored at the time they were received, with the claim kept, so
 * they neither collide past 2^53 nor sit on top of "newest first" forever.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleEvents } from '../../fixtures/eventlog/sampleEvents';
import { harness, type Harness } from './helpers';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(async () => {
  await h.cleanup();
});

describe('event times the log cannot believe', () => {
  it('stores ten events from a clock stuck in the year 3000, then a burst after them, every one', async () => {
    // The burst is 60,000 rather than the 300,000 to keep the test short; what matters is that the
    // writer stays on its fast path (before the fix, one collision made it ask SQLite for every key).
    const log = h.open({ maxBacklog: 200_000 });
    const now = Date.now();
    const received = new Date(now - 1000).toISOString();
    const far = sampleEvents(10, { startMs: now - 1000, prefix: 'far' }).map((e) => ({ ...e, occurredAt: '3000-01-01T00:00:00.000Z', receivedAt: received }));
    log.append(far);
    await log.flush();
    expect(log.count({})).toBe(10);
    const stored = log.query({}, null, 10).items;
    expect(stored.every((e) => e.occurredAt === received && e.claimedAt === '3000-01-01T00:00:00.000Z')).toBe(true);

    for (let i = 0; i < 60_000; i += 10_000) log.append(sampleEvents(10_000, { startMs: now + i, stepMs: 1, prefix: `burst${i}-` }));
    await log.flush();
    expect(log.count({})).toBe(60_010);
    expect(log.stats()).toMatchObject({ duplicates: 0, dropped: 0 });
    expect(log.stats().keyLookups).toBeLessThan(100);
  }, 60_000);

  it('stores an event dated years back, or on no calendar day, at its receipt time and keeps the claim', async () => {
    const log = h.open();
    const received = new Date(Date.now() - 5000).toISOString();
    const [old, feb30, garbage] = sampleEvents(3, { prefix: 'odd' }).map((e) => ({ ...e, receivedAt: received }));
    log.append([
      { ...old!, occurredAt: '1999-01-01T00:00:00.000Z' },
      { ...feb30!, occurredAt: '2025-02-30T10:00:00.000Z' },
      { ...garbage!, occurredAt: 'yesterday-ish' },
    ]);
    await log.flush();
    const byId = new Map(log.query({}, null, 10).items.map((e) => [e.id, e]));
    expect(byId.get(old!.id)).toMatchObject({ occurredAt: received, claimedAt: '1999-01-01T00:00:00.000Z' });
    expect(byId.get(feb30!.id)).toMatchObject({ occurredAt: received, claimedAt: '2025-02-30T10:00:00.000Z' });
    expect(byId.get(garbage!.id)).toMatchObject({ occurredAt: received, claimedAt: 'yesterday-ish' });
  });

  it('keeps a believable time as it is, with no claim', async () => {
    const log = h.open();
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const [e] = sampleEvents(1, { prefix: 'ok' });
    log.append([{ ...e!, occurredAt: at }]);
    await log.flush();
    const [stored] = log.query({}, null, 1).items;
    expect(stored!.occurredAt).toBe(at);
    expect(stored).not.toHaveProperty('claimedAt');
  });
});
