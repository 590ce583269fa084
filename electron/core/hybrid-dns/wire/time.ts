/**
 * Server timestamps are `datetime.utcnow().isoformat()`: naive UTC with no `Z`, and without the
 * fraction when microseconds are 0 (§3.1, Q18). `Date.parse` would read them as local time, so
 * parse them as UTC here. Anything that carries an explicit offset is honoured.
 */
import { isoToMs, msToIso, naiveUtcToMs } from '../../util/isoTime';

const NAIVE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?$/;
const WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Epoch ms of a server timestamp, or null when it is not an ISO date-time. */
export function parseServerTime(value: unknown): number | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  // The server's own form, read digit by digit (every storm frame has one); the rest below.
  const naive = naiveUtcToMs(value);
  if (naive !== null) return naive;
  let ms: number;
  if (NAIVE.test(value)) {
    // Date.parse accepts at most milliseconds reliably: trim microseconds.
    const dot = value.indexOf('.');
    const base = dot < 0 ? value : value.slice(0, Math.min(value.length, dot + 4));
    // isoToMs, not Date.parse: a day that does not exist (2025-02-30) is refused, not rolled into March.
    ms = isoToMs(base + 'Z');
  } else if (WITH_ZONE.test(value)) {
    ms = isoToMs(value);
  } else {
    return null;
  }
  return Number.isFinite(ms) ? ms : null;
}

export const toIso = msToIso;
