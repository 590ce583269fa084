import { describe, expect, it } from 'vitest';
import { dedupHash, HashWindow } from '../../../electron/core/util/HashWindow';

/**
 * The obvious model of the contract: a Set and an array in admission order, and a transaction
 * rolled back by restoring a copy taken at begin().
 */
class ModelWindow {
  private order: number[] = [];
  private saved: number[] | null = null;
  constructor(private readonly capacity: number) {}
  admit(k: number): boolean {
    if (this.order.includes(k)) return false;
    this.order.push(k);
    if (this.order.length > this.capacity) this.order.shift();
    return true;
  }
  has(k: number): boolean {
    return this.order.includes(k);
  }
  get size(): number {
    return this.order.length;
  }
  begin(): void {
    this.saved ??= [...this.order];
  }
  commit(): void {
    this.saved = null;
  }
  rollback(): void {
    if (this.saved) this.order = this.saved;
    this.saved = null;
  }
}

describe('HashWindow', () => {
  it('admits a key once and forgets the oldest beyond its capacity', () => {
    const cache = new HashWindow(3);
    expect([1, 2, 3, 1].map((k) => cache.admit(k))).toEqual([true, true, true, false]);
    expect(cache.admit(4)).toBe(true); // evicts 1
    expect(cache.has(1)).toBe(false);
    expect([2, 3, 4].every((k) => cache.has(k))).toBe(true);
  });

  it('undoes a failed transaction: its keys are new again and what they evicted is back', () => {
    const cache = new HashWindow(3);
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
    const cache = new HashWindow(2);
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

  it('agrees with the model over a long run of colliding, repeated and rolled-back hashes', () => {
    const win = new HashWindow(500);
    const model = new ModelWindow(500);
    // Few distinct low bits force long probe runs, some wrapping past the table's end (its 1,024
    // slots), so deletion by backward shift is exercised in both directions.
    const family = (i: number) => (i % 7 === 0 ? dedupHash(`k${i % 900}`) : i % 2 === 0 ? (i % 1200) * 4096 : (i % 1100) * 1024 + 1019 + (i % 4));
    const keys = Array.from({ length: 4000 }, (_, i) => family(i));
    let rolledBack = 0;
    for (let i = 0; i < keys.length; i++) {
      if (i % 97 === 0) [win, model].forEach((c) => c.begin());
      expect(win.admit(keys[i]!), `key ${i}`).toBe(model.admit(keys[i]!));
      if (i % 97 === 50) {
        const undo = i % 3 === 0;
        if (undo) rolledBack++;
        [win, model].forEach((c) => (undo ? c.rollback() : c.commit()));
      }
    }
    expect(rolledBack).toBeGreaterThan(5);
    expect(win.size).toBe(model.size);
    for (let i = 0; i < 4000; i++) expect(win.has(family(i)), `key ${i}`).toBe(model.has(family(i)));
  });
});
