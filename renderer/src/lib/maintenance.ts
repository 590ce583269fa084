/** Maintenance windows as the operator picks and reads them (the core decides what they mean). */

export interface MaintenanceChoice {
  key: string;
  label: string;
  /** When the window ends if chosen at `now` (epoch ms). */
  until(now: Date): number;
}

const MINUTE = 60_000;

/** Tomorrow 08:00 local time: the end of a night's planned work. */
export function tomorrowMorning(now: Date): number {
  const t = new Date(now);
  t.setDate(t.getDate() + 1);
  t.setHours(8, 0, 0, 0);
  return t.getTime();
}

export const MAINTENANCE_CHOICES: readonly MaintenanceChoice[] = [
  { key: '30m', label: '30 min', until: (now) => now.getTime() + 30 * MINUTE },
  { key: '1h', label: '1 hour', until: (now) => now.getTime() + 60 * MINUTE },
  { key: '4h', label: '4 hours', until: (now) => now.getTime() + 240 * MINUTE },
  { key: 'morning', label: 'Until tomorrow 08:00', until: tomorrowMorning },
];

const pad = (n: number) => String(n).padStart(2, '0');
const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/**
 * "14:35" today, "tomorrow 08:00", else "Sat 12 Jul 08:00": 24-hour clock, built by hand so
 * every locale and time zone reads the same digits (toLocaleTimeString can print "24:05").
 */
export function maintenanceEndText(untilMs: number, now: Date): string {
  const end = new Date(untilMs);
  const hhmm = `${pad(end.getHours())}:${pad(end.getMinutes())}`;
  if (sameDay(end, now)) return hhmm;
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  if (sameDay(end, tomorrow)) return `tomorrow ${hhmm}`;
  return `${end.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' })} ${hhmm}`;
}

/** The window's end for a server as the last snapshot had it, or null (the badge hides it once past). */
export function maintenanceUntil(windows: readonly { serverId: string; untilMs: number }[], serverId: string): number | null {
  return windows.find((x) => x.serverId === serverId)?.untilMs ?? null;
}
