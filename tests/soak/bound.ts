/**
 * How long the client may take to be `live` again after a fault ends, from its own reconnect policy
 * (electron/core/fleet/backoff.ts, tuning.ts): the worst case is that every retry during the fault
 * drew its smallest delay (so the attempt counter climbed fastest) and the retry after the fault ends
 * draws the largest. Add the time a connection attempt may take (request and handshake timeouts)
 * and one stream interval before the first data arrives.
 */
import { DEFAULT_BACKOFF } from '../../electron/core/fleet/backoff';
import { DEFAULT_TUNING } from '../../electron/core/fleet/tuning';

export interface RetryWorstCase {
  /** the longest wait between the end of the fault and the next attempt */
  nextDelayMs: number;
  /** the attempt counter after the fault (carried into a fault that follows soon after) */
  attempts: number;
}

/** `banCounted`: the failures are 502/503 answers or refused handshakes (15 s floor, fail2ban budget). */
export function worstRetry(outageMs: number, banCounted: boolean, startAttempts = 0): RetryWorstCase {
  const b = DEFAULT_BACKOFF;
  const ceilingAt = (n: number): number => Math.min(b.capMs, b.baseMs * 2 ** Math.min(n, 20));
  let attempts = startAttempts;
  let t = 0;
  while (t < outageMs) {
    const ceiling = ceilingAt(attempts);
    t += banCounted ? b.banFloorMs : Math.min(1000, ceiling);
    attempts++;
  }
  const floor = banCounted ? b.banFloorMs : 1000;
  // The fail2ban budget can hold a retry back until the oldest counted failure leaves the window.
  const budgetWait = banCounted && attempts >= b.budget ? b.budgetWindowMs : 0;
  return { nextDelayMs: Math.max(floor, ceilingAt(attempts), budgetWait), attempts };
}

/** A connection attempt: sign-in and WebSocket handshake may each run into their timeouts. */
export const CONNECT_ALLOWANCE_MS = DEFAULT_TUNING.requestTimeoutMs + DEFAULT_TUNING.handshakeTimeoutMs;

/** `replaced`: the client deliberately waits 5-10 min before it takes the slot back. */
export const REPLACED_WAIT_MS = DEFAULT_TUNING.replacedRetryMaxMs;
