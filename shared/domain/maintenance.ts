import { z } from 'zod';

/**
 * A maintenance window: while one is in force for a server, its alerts are recorded but not
 * notified. Saved in settings.json (`maintenance`), scheduled ahead, and optionally recurring
 * daily or weekly at the same wall-clock time in an IANA time zone (so 02:00 Europe/Berlin stays
 * 02:00 across daylight saving). The core computes what is in force (maintenanceSchedule.ts).
 */
export const MaintenanceWindowSchema = z
  .object({
    id: z.string().min(1).max(100),
    serverId: z.string().min(1),
    /** First occurrence, epoch ms. */
    startsAt: z.number().int(),
    endsAt: z.number().int(),
    recurrence: z.enum(['none', 'daily', 'weekly']).default('none'),
    /** Where a recurring window's wall-clock time lives (IANA name). */
    timeZone: z.string().min(1).max(64).default('UTC'),
    note: z.string().max(500).default(''),
  })
  .refine((w) => w.endsAt > w.startsAt, { message: 'the window must end after it starts', path: ['endsAt'] })
  .refine((w) => w.recurrence !== 'daily' || w.endsAt - w.startsAt <= 24 * 3_600_000, { message: 'a daily window lasts at most 24 hours', path: ['endsAt'] })
  .refine((w) => w.recurrence !== 'weekly' || w.endsAt - w.startsAt <= 7 * 24 * 3_600_000, { message: 'a weekly window lasts at most 7 days', path: ['endsAt'] })
  .refine((w) => isTimeZone(w.timeZone), { message: 'not a time zone this system knows (use an IANA name such as Europe/Berlin)', path: ['timeZone'] });
export type MaintenanceWindow = z.infer<typeof MaintenanceWindowSchema>;
export type MaintenanceWindowInput = z.input<typeof MaintenanceWindowSchema>;

/** A server in maintenance now, and until when (the occurrence's end). */
export const ActiveMaintenanceSchema = z.object({ serverId: z.string(), untilMs: z.number() });
export type ActiveMaintenance = z.infer<typeof ActiveMaintenanceSchema>;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
