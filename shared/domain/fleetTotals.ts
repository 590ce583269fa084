import { z } from 'zod';
import { FleetVerdictSchema } from './verdict';

/**
 * The fleet strip's totals (issue 14.1), computed in the core (electron/core/fleet/fleetTotals.ts)
 * and only rendered elsewhere. Sums cover only servers with a current reading, and say how many
 * those are: a sum over 12 of 14 servers is never shown as the fleet's.
 */
const coverage = {
  /** Servers whose reading went into the sum: live, with a reading from the last 2 minutes. */
  from: z.number().int(),
};

export const FleetTotalsSchema = z.object({
  /** ISO UTC time the totals were computed. */
  at: z.string(),
  /** Servers watched (monitoring on): what "of N" counts. */
  watched: z.number().int(),
  /** Watched servers that are live now. */
  live: z.number().int(),
  /** Queries per second summed over the servers with a current reading; null when none has one. */
  qps: z.object({ value: z.number().nullable(), ...coverage }),
  /** Blocked share of today's queries, recomputed from the summed counters (not an average of ratios). */
  blocked: z.object({ percent: z.number().nullable(), blockedToday: z.number(), queriesToday: z.number(), ...coverage }),
  /** Open (not resolved) alerts by severity, and how many of them nobody has acknowledged or snoozed. */
  alerts: z.object({ critical: z.number().int(), error: z.number().int(), warning: z.number().int(), info: z.number().int(), unhandled: z.number().int() }),
  /** Servers by verdict level: the fleet verdict's counts. */
  verdict: FleetVerdictSchema,
});
export type FleetTotals = z.infer<typeof FleetTotalsSchema>;

/** "from all 14 servers", "from 12 of 14 servers": the words that go with a sum. */
export function coverageText(from: number, watched: number): string {
  if (watched === 0) return 'no servers watched';
  if (from === watched) return watched === 1 ? 'from the one server' : `from all ${watched} servers`;
  return `from ${from} of ${watched} servers`;
}

/** Why some servers are left out of the sums ("2 not live"), or null when none is. */
export function missingText(t: FleetTotals, from: number): string | null {
  const notLive = t.watched - t.live;
  const noReading = t.live - from;
  const parts = [notLive > 0 ? `${notLive} not live` : null, noReading > 0 ? `${noReading} without a current reading` : null].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}
