import { describe, expect, it } from 'vitest';
import { DedupCache } from '../../../electron/core/util/DedupCache';

describe('DedupCache', () => {
  it('admits a key once and forgets the oldest beyond its capacity', () => {
    const cache = new DedupCache<number>(3);
    expect([1, 2, 3, 1].map((k) => cache.admit(k))).toEqual([true, true, true, false]);
    expect(cache.admit(4)).toBe(true); // evicts 1
    expect(cache.has(1)).toBe(false);
    expect([2, 3, 4].every((k) => cache.has(k))).toBe(true);
  });

  it('undoes a failed transaction: its keys are new again and what they evicted is back', () => {
    const cache = new DedupCache<number>(3);
    [1, 2, 3].forEach((k) => cache.admit(k));
    cache.begin();
    expect(cache.admit(4)).toBe(true); // evicts 1
    expect(cache.admit(4)).toBe(false); // a duplicate within the transaction is still caught
    expect(cache.admit(5)).toBe(true); // evicts 2
    cache.rollback();
    expect([1, 2, 3].every((k) => cache.has(k))).toBe(true);
    expect(cache.has(4) || cache.has(5)).toBe(false);
    // The retry admits the same keys, and the ring evicts in the original order.
    cache.begin();
    expect([4, 5].map((k) => cache.admit(k))).toEqual([true, true]);
    cache.commit();
    expect(cache.size).toBe(3);
    expect([3, 4, 5].every((k) => cache.has(k))).toBe(true);
  });

  it('rolls back a transaction longer than its capacity', () => {
    const cache = new DedupCache<number>(2);
    [1, 2].forEach((k) => cache.admit(k));
    cache.begin();
    [10, 11, 12, 13, 14].forEach((k) => cache.admit(k));
    cache.rollback();
    expect(cache.size).toBe(2);
    expect(cache.has(1) && cache.has(2)).toBe(true);
    expect(cache.admit(3)).toBe(true); // evicts 1, the oldest, as before the transaction
    expect(cache.has(1)).toBe(false);
    expect(cache.has(2)).toBe(true);
  });
});
