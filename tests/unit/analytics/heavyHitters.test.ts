import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeavyHitters, mergeSketches } from '../../../electron/core/analytics/HeavyHitters';

const truth = (keys: string[]) => {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
};

describe('HeavyHitters (Space-Saving)', () => {
  it('keeps at most its capacity of counters however many distinct keys arrive', () => {
    const s = new HeavyHitters(50, 200);
    for (let i = 0; i < 100_000; i++) s.add(`d${i}.example`);
    expect(s.size).toBeLessThanOrEqual(200);
    expect(s.rows()).toHaveLength(50);
  });

  it('never under-counts, never over-counts by more than the error, and finds every key above n/capacity', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 600 }), fc.integer({ min: 1, max: 4 }), (ints, parts) => {
        const keys = ints.map((i) => `k${i % 7 === 0 ? 0 : i}`);
        // Built in `parts` sketches (small, so they overflow and evict) and merged: the guarantees hold.
        const sketches = Array.from({ length: parts }, () => new HeavyHitters(10, 15));
        keys.forEach((k, i) => sketches[i % parts]!.add(k));
        const real = truth(keys);
        const top = mergeSketches(sketches.map((s) => s.rows()), 10, 10);
        for (const h of top) {
          expect(h.count).toBeGreaterThanOrEqual(real.get(h.key) ?? 0);
          expect(h.count - h.error).toBeLessThanOrEqual(real.get(h.key) ?? 0);
        }
        for (const [k, n] of real) if (n > keys.length / 10) expect(top.map((h) => h.key)).toContain(k);
      }),
    );
  });

  it('is exact while the distinct keys fit', () => {
    const s = new HeavyHitters(5, 5);
    for (const k of ['a', 'b', 'a', 'c', 'a', 'b']) s.add(k);
    expect(s.top(2)).toEqual([
      { key: 'a', count: 3, error: 0 },
      { key: 'b', count: 2, error: 0 },
    ]);
  });

  it('takes hostile keys as data (no prototype keys)', () => {
    const s = new HeavyHitters(5);
    for (const k of ['__proto__', 'constructor', '__proto__']) s.add(k);
    expect(s.top()).toEqual([
      { key: '__proto__', count: 2, error: 0 },
      { key: 'constructor', count: 1, error: 0 },
    ]);
  });
});
