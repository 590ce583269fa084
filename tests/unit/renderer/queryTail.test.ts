import { describe, expect, it } from 'vitest';
import { frameBatcher, type FrameScheduler } from '../../../renderer/src/lib/frameBatch';
import { historyQuery, matchesTail, NO_TAIL_FILTER, RateCounter, SampleRing, toQuerySample, type QuerySample } from '../../../renderer/src/lib/queryTail';
import { parseEventView } from '../../../renderer/src/lib/eventView';
import { fleetEvent } from '../../e2e/support/fakeData';

const sample = (i: number, over: Partial<QuerySample> = {}): QuerySample => ({ id: `q${i}`, occurredAt: '2026-12-06T10:00:00Z', receivedAt: 0, domain: `host${i}.example`, queryType: 'A', client: '10.0.0.1', blocked: false, responseTime: 0, ...over });

describe('query samples from pushed events', () => {
  it('reads a query_update of this server, and nothing else', () => {
    const e = fleetEvent({ serverId: 'a', type: 'query_update', data: { domain: 'x.example', queryType: 'AAAA', clientIp: '10.1.1.1', blocked: true, responseTime: 1.5 } });
    expect(toQuerySample(e, 'a', 5)).toMatchObject({ domain: 'x.example', queryType: 'AAAA', client: '10.1.1.1', blocked: true, responseTime: 1.5, receivedAt: 5 });
    expect(toQuerySample(e, 'b', 5)).toBeNull();
    expect(toQuerySample(fleetEvent({ serverId: 'a', type: 'threat_detected' }), 'a', 5)).toBeNull();
  });

  it('takes only own fields of the right type from outside data', () => {
    const inherited = Object.create({ domain: 'inherited.example', blocked: true }) as object;
    const e = fleetEvent({ serverId: 'a', type: 'query_update', data: inherited as Record<string, unknown> });
    expect(toQuerySample(e, 'a', 0)).toMatchObject({ domain: '', blocked: false, responseTime: null });
    const odd = fleetEvent({ serverId: 'a', type: 'query_update', data: { domain: 42, blocked: 'yes', responseTime: 'NaN' } });
    expect(toQuerySample(odd, 'a', 0)).toMatchObject({ domain: '', blocked: false, responseTime: null });
  });
});

describe('the tail filter', () => {
  it('matches client exactly, domain as a case-insensitive substring, and blocked only', () => {
    const s = sample(1, { domain: 'ads.Tracker.io', client: '10.0.0.7', blocked: true });
    expect(matchesTail(s, NO_TAIL_FILTER)).toBe(true);
    expect(matchesTail(s, { ...NO_TAIL_FILTER, domain: 'tracker' })).toBe(true);
    expect(matchesTail(s, { ...NO_TAIL_FILTER, domain: 'tracker.net' })).toBe(false);
    expect(matchesTail(s, { ...NO_TAIL_FILTER, client: ' 10.0.0.7 ' })).toBe(true);
    expect(matchesTail(s, { ...NO_TAIL_FILTER, client: '10.0.0.70' })).toBe(false);
    expect(matchesTail({ ...s, blocked: false }, { ...NO_TAIL_FILTER, blockedOnly: true })).toBe(false);
  });

  it('links the same filter over history as an explorer view the explorer reads back', () => {
    const view = parseEventView(historyQuery('dns-1', { client: '10.0.0.7', domain: 'tracker', blockedOnly: true }));
    expect(view.filters).toMatchObject({ servers: ['dns-1'], types: ['query_update'], severities: [], search: 'client:10.0.0.7 domain:*tracker* blocked:yes' });
    expect(parseEventView(historyQuery('dns-1', NO_TAIL_FILTER)).filters.search).toBe('');
  });
});

describe('the sample ring', () => {
  it('keeps the newest `capacity` samples, newest first, and counts every one', () => {
    const ring = new SampleRing(3);
    ring.push([sample(1), sample(2)]);
    ring.push([sample(3), sample(4), sample(5)]);
    expect(ring.newestFirst().map((s) => s.id)).toEqual(['q5', 'q4', 'q3']);
    expect(ring.total).toBe(5);
    expect(ring.newestFirst({ ...NO_TAIL_FILTER, domain: 'host4' }).map((s) => s.id)).toEqual(['q4']);
  });
});

describe('the rate counter', () => {
  it('counts per second over a fixed window and forgets older seconds', () => {
    const rate = new RateCounter(3);
    rate.add(5, 10_100);
    rate.add(2, 10_900);
    rate.add(4, 12_000);
    expect(rate.series(12_500)).toEqual([
      { t: 10_000, v: 7 },
      { t: 11_000, v: 0 },
      { t: 12_000, v: 4 },
    ]);
    rate.add(1, 13_000); // reuses the slot of second 10
    expect(rate.series(13_000).map((p) => p.v)).toEqual([0, 4, 1]);
    expect(rate.series(20_000).map((p) => p.v)).toEqual([0, 0, 0]);
  });
});

describe('the frame batcher', () => {
  function manual(): FrameScheduler & { runFrame(): void; runTimer(): void } {
    let frame: (() => void) | null = null;
    let timer: (() => void) | null = null;
    return {
      frame: (run) => ((frame = run), () => (frame = null)),
      timer: (run) => ((timer = run), () => (timer = null)),
      runFrame: () => frame?.(),
      runTimer: () => timer?.(),
    };
  }

  it('hands over everything that arrived before the frame in one call', () => {
    const s = manual();
    const flushed: number[][] = [];
    const b = frameBatcher<number>((items) => flushed.push(items), s);
    b.add([1, 2]);
    b.add([3]);
    expect(flushed).toEqual([]);
    s.runFrame();
    expect(flushed).toEqual([[1, 2, 3]]);
    s.runTimer(); // the backup timer was cancelled with the frame
    expect(flushed).toHaveLength(1);
  });

  it('flushes on the timer when no frame comes (a hidden window), and nothing after dispose', () => {
    const s = manual();
    const flushed: number[][] = [];
    const b = frameBatcher<number>((items) => flushed.push(items), s);
    b.add([1]);
    s.runTimer();
    expect(flushed).toEqual([[1]]);
    b.add([2]);
    b.dispose();
    s.runFrame();
    s.runTimer();
    expect(flushed).toEqual([[1]]);
  });
});
