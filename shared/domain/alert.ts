import { z } from 'zod';
import { SeveritySchema } from './fleetEvent';

export const AlertStatusSchema = z.enum(['active', 'acknowledged', 'snoozed', 'resolved']);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

/**
 * An alert is a condition that needs an operator's attention, keyed so that the same condition
 * (server + rule + subject) is one alert that is raised, maybe acknowledged or snoozed, and resolved.
 */
export const AlertSchema = z.object({
  id: z.string(),
  serverId: z.string(),
  /** Stable key of the condition, e.g. `forwarder:3`, `connection`, `auth`, `bind`. */
  key: z.string(),
  rule: z.string(),
  severity: SeveritySchema,
  title: z.string(),
  detail: z.string(),
  status: AlertStatusSchema,
  raisedAt: z.string(),
  lastSeenAt: z.string(),
  resolvedAt: z.string().nullable(),
  ack: z.object({ by: z.string(), at: z.string(), note: z.string() }).nullable(),
  snoozedUntil: z.string().nullable(),
  /** Event that raised it. */
  eventId: z.string().nullable(),
  count: z.number().int(),
  /**
   * The cause this alert shares with alerts on other servers (same upstream forwarder, same threat
   * domain): alerts with one incident key are one incident (incident.ts). Null: its own incident.
   */
  incident: z.string().nullable().optional(),
});
export type Alert = z.infer<typeof AlertSchema>;
