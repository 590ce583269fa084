/** At most `limit` tasks at once; the rest wait in arrival order. */
export class Semaphore {
  /** Running tasks plus those handed a slot and about to start (counted at hand-off, so never over the limit). */
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private limit: number) {}

  /** A new limit applies at once (settings changed while running): raised, waiting tasks start now; lowered, running ones finish. */
  setLimit(limit: number): void {
    this.limit = limit;
    this.wake();
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.wake();
    }
  }

  private wake(): void {
    while (this.active < this.limit && this.waiting.length > 0) {
      this.active++;
      this.waiting.shift()!();
    }
  }
}
