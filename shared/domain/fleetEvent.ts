import { z } from 'zod';

export const EVENT_CATEGORIES = ['health', 'dns', 'security', 'system', 'user', 'connection', 'admin', 'other'] as const;
export const EventCategorySchema = z.enum(EVENT_CATEGORIES);
export type EventCategory = z.infer<typeof EventCategorySchema>;

export const SEVERITIES = ['debug', 'info', 'warning', 'error', 'critical'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/**
 * One normalised thing that happened on one server. Pushed frames and REST-derived changes
 * (`derived: true`) share this shape; the renderer only ever sees this, never a wire frame.
 */
export const FleetEventSchema = z.object({
  /** Local id assigned by the core (sortable). */
  id: z.string(),
  serverId: z.string(),
  /** Wire type or derived type, e.g. `forwarder_status_change`, `bind_down`, `connection_gap`. */
  type: z.string(),
  category: EventCategorySchema,
  severity: SeveritySchema,
  /** ISO UTC (with Z) when it happened on the server (naive server timestamps parsed as UTC). */
  occurredAt: z.string(),
  /** ISO UTC when this client received or derived it. */
  receivedAt: z.string(),
  title: z.string(),
  summary: z.string(),
  data: z.unknown(),
  derived: z.boolean(),
  /** De-duplication key: unified event id, or type+timestamp+payload hash, or derived key. */
  dedupKey: z.string(),
  /**
   * Set when the server's time was not believable (not a date, a day or more ahead, years back):
   * what it claimed. `occurredAt` is then when this client received the event.
   */
  claimedAt: z.string().optional(),
});
export type FleetEvent = z.infer<typeof FleetEventSchema>;
