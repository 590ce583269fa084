/** A FIFO with a hard bound: pushing past it drops the oldest entries and reports how many. */
export class BacklogQueue<T> {
  private items: T[] = [];
  private head = 0;

  constructor(private readonly bound: number) {}

  get size(): number {
    return this.items.length - this.head;
  }

  /** Returns how many of the oldest entries were dropped to stay within the bound. */
  push(values: readonly T[]): number {
    for (const v of values) this.items.push(v);
    const excess = this.size - this.bound;
    if (excess <= 0) return 0;
    this.head += excess;
    this.compact();
    return excess;
  }

  peek(n: number): T[] {
    return this.items.slice(this.head, this.head + n);
  }

  drop(n: number): void {
    this.head += Math.min(n, this.size);
    this.compact();
  }

  /** Amortised O(1): only copies once the consumed prefix dominates. */
  private compact(): void {
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
