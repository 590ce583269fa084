/**
 * Rate limit for repeated log lines: per message key, the first `limit` lines of each interval are
 * written and the rest only counted; the count is reported once the interval is over. One flooding
 * server or client can no longer fill the disk with copies of one warning, and a different message
 * is never held back by it.
 */
export const REPEAT_LIMIT = 10;
export const REPEAT_INTERVAL_MS = 60_000;
/** Keys held at most; past this the table is cleared (a flood of distinct keys is capped by rotation). */
const MAX_KEYS = 1000;

interface Window {
  start: number;
  written: number;
  suppressed: number;
}

export type RepeatVerdict = { write: boolean; report: { key: string; suppressed: number; sinceMs: number } | null };

export class RepeatLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly now: () => number,
    private readonly limit = REPEAT_LIMIT,
    private readonly intervalMs = REPEAT_INTERVAL_MS,
  ) {}

  /** Whether this line is written, and a summary of what the key's last window held back. */
  check(key: string): RepeatVerdict {
    const now = this.now();
    let w = this.windows.get(key);
    let report: RepeatVerdict['report'] = null;
    if (w && now - w.start >= this.intervalMs) {
      if (w.suppressed > 0) report = { key, suppressed: w.suppressed, sinceMs: now - w.start };
      w = undefined;
    }
    if (!w) {
      if (this.windows.size >= MAX_KEYS) this.windows.clear();
      w = { start: now, written: 0, suppressed: 0 };
      this.windows.set(key, w);
    }
    if (w.written < this.limit) {
      w.written++;
      return { write: true, report };
    }
    w.suppressed++;
    return { write: false, report };
  }
}
