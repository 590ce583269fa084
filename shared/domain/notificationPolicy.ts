import { z } from 'zod';
import { SeveritySchema } from './fleetEvent';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24 h)');

export const QuietHoursSchema = z.object({ start: HHMM, end: HHMM });
export type QuietHours = z.infer<typeof QuietHoursSchema>;

/**
 * The alerting policy: who hears what, how loudly, and how often. Kept in settings.json
 * (`notifications`), applied by the core in every host (electron/core/alerts/notificationPolicy.ts).
 * Every field has a default, so files written before a field existed still parse.
 */
export const NotificationPolicySchema = z.object({
  enabled: z.boolean().default(true),
  /** Alerts below this severity are recorded and listed, never notified. */
  minSeverity: SeveritySchema.default('warning'),
  sound: z.boolean().default(false),
  /** Local wall-clock window without sound or pop-ups; may wrap midnight (22:00–07:00). Criticals break through silently. */
  quietHours: QuietHoursSchema.nullable().default(null),
  /** Repeat an unacknowledged critical alert every this many minutes, louder each time; 0 = never. */
  escalateEveryMinutes: z.number().int().min(0).max(24 * 60).default(0),
});
export type NotificationPolicy = z.infer<typeof NotificationPolicySchema>;

/** How one notification is given: the host shows it (or not), with or without sound. */
export const NotificationDeliverySchema = z.object({
  silent: z.boolean(),
  /** An escalation: make it stand out (sound even if off, urgent). */
  loud: z.boolean(),
  /** 0 for the first notification, n for the n-th repeat of an unacknowledged critical. */
  repeat: z.number().int().min(0),
});
export type NotificationDelivery = z.infer<typeof NotificationDeliverySchema>;
