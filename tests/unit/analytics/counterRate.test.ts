import { describe, expect, it } from 'vitest';
import { CounterRate } from '../../../electron/core/analytics/CounterRate';

const w = { windowMs: 60_000, staleMs: 60_000, minSpanMs: 20_000 };

describe('CounterRate: a query rate from a running counter', () => {
  it('is the counter difference over the window, in queries per second', () => {
    const r = new CounterRate(w);
    for (let t = 0; t <= 120_000; t += 10_000) r.add(t, 1000 + t / 10); // 100 queries per second
    expect(r.rate(120_000)).toBeCloseTo(100);
  });

  it('is unknown until the points span enough time, and once they stop arriving', () => {
    const r = new CounterRate(w);
    r.add(0, 0);
    r.add(10_000, 500);
    expect(r.rate(10_000)).toBeNull();
    r.add(30_000, 1500);
    expect(r.rate(30_000)).toBeCloseTo(50);
    expect(r.rate(30_000 + 60_001)).toBeNull();
  });

  it('starts again when the counter goes down (the server day rolled over or it restarted), never a negative rate', () => {
    const r = new CounterRate(w);
    r.add(0, 90_000);
    r.add(30_000, 93_000);
    r.add(40_000, 200);
    expect(r.rate(40_000)).toBeNull();
    r.add(70_000, 3200);
    expect(r.rate(70_000)).toBeCloseTo(100);
  });

  it('does not bridge a gap longer than the window with one stale point', () => {
    const r = new CounterRate(w);
    r.add(0, 0);
    r.add(30_000, 3000);
    r.add(10 * 60_000, 3100); // 10 minutes later: the old points are out of the window
    expect(r.rate(10 * 60_000)).toBeNull();
  });
});
