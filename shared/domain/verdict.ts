import { z } from 'zod';

/**
 * The one answer to "is this server all right?", computed in the core (electron/core/verdict)
 * and only rendered everywhere else: tiles, header, counts, title, favicon, tray, CLI.
 *
 * - `critical` / `warning`: live, fresh data, and something is wrong (acknowledged or not).
 * - `blind`: we cannot see the server now (not live, or live without fresh health data).
 * - `maintenance`: an operator declared a window; the reasons still say what is wrong.
 * - `disabled`: monitoring is switched off.
 * - `ok`: live, fresh health data, nothing wrong. Never while blind.
 */
export const VERDICT_LEVELS = ['critical', 'blind', 'warning', 'maintenance', 'ok', 'disabled'] as const;
export const VerdictLevelSchema = z.enum(VERDICT_LEVELS);
export type VerdictLevel = z.infer<typeof VerdictLevelSchema>;

/** Which level wins the fleet's one glance: unknown outranks a warning, nothing outranks critical. */
export const VERDICT_RANK: Readonly<Record<VerdictLevel, number>> = {
  critical: 5,
  blind: 4,
  warning: 3,
  maintenance: 2,
  ok: 1,
  disabled: 0,
};

export const ServerVerdictSchema = z.object({
  serverId: z.string(),
  name: z.string(),
  level: VerdictLevelSchema,
  /** Plain words, most important first ("BIND is not running", "acknowledged by ana: …"). */
  reasons: z.array(z.string()),
  /** True when every problem behind a critical/warning level has been acknowledged or snoozed. */
  acknowledged: z.boolean(),
  /** ISO UTC time this level was entered. */
  since: z.string(),
});
export type ServerVerdict = z.infer<typeof ServerVerdictSchema>;

const levelCounts = z.object({
  critical: z.number().int(),
  blind: z.number().int(),
  warning: z.number().int(),
  maintenance: z.number().int(),
  ok: z.number().int(),
  disabled: z.number().int(),
});

export const FleetVerdictSchema = z.object({
  /** The worst server level; `blind` when there is no server (nothing is watched). */
  level: VerdictLevelSchema,
  counts: levelCounts,
  total: z.number().int(),
});
export type FleetVerdict = z.infer<typeof FleetVerdictSchema>;

export const emptyCounts = (): FleetVerdict['counts'] => ({ critical: 0, blind: 0, warning: 0, maintenance: 0, ok: 0, disabled: 0 });

export const worseLevel = (a: VerdictLevel, b: VerdictLevel): VerdictLevel => (VERDICT_RANK[b] > VERDICT_RANK[a] ? b : a);

/** The order levels are listed in summaries: problems first, then the quiet ones. */
export const VERDICT_DISPLAY_ORDER: readonly VerdictLevel[] = ['critical', 'warning', 'blind', 'maintenance', 'ok', 'disabled'];

/** "2 critical · 1 warning · 1 blind · 12 ok": the levels that occur, problems first. */
export function fleetSummaryText(f: FleetVerdict): string {
  if (f.total === 0) return 'no servers';
  return VERDICT_DISPLAY_ORDER.filter((l) => f.counts[l] > 0)
    .map((l) => `${f.counts[l]} ${l}`)
    .join(' · ');
}
