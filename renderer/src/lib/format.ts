/** Short, tabular-friendly time words for a NOC screen. */
export function relativeTime(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const ms = now - Date.parse(iso);
  if (Number.isNaN(ms)) return 'unknown';
  const s = Math.round(ms / 1000);
  if (s < 0) return `in ${untilText(-ms)}`;
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

/** "12 s", "3 min 5 s": a countdown to a future moment. */
export function untilText(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

// Formatters made once: toLocaleString with options builds a new one per call, which a storm's
// rows (hundreds a second) paid for on the main thread.
const LOCAL = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
const CLOCK = new Intl.DateTimeFormat(undefined, { month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

export function absoluteTime(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${LOCAL.format(d)} (${d.toISOString()})`;
}

export function clockTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : CLOCK.format(d);
}

/** Minutes from now until tomorrow 08:00 local time (the "until tomorrow" snooze). */
export function minutesUntilTomorrowMorning(now: Date): number {
  const t = new Date(now);
  t.setDate(t.getDate() + 1);
  t.setHours(8, 0, 0, 0);
  return Math.max(1, Math.round((t.getTime() - now.getTime()) / 60_000));
}

/** "Forwarders 2/3": a count of the last snapshot, not a judgement (the verdict judges). */
export function forwarderCounts(s: { forwarders: readonly { status: string }[] }): { healthy: number; total: number } {
  const active = s.forwarders.filter((f) => f.status !== 'disabled');
  return { healthy: active.filter((f) => f.status === 'healthy').length, total: active.length };
}
