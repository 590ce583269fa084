/**
 * One server's usual query rate, time-of-day aware: an EWMA per hour of the week (168 slots), with an
 * hour-of-day EWMA (24 slots) to answer for a weekday hour not seen yet. Each finished hour's mean
 * rate is folded in once. Pure data and functions, so the state can be saved and reloaded as JSON.
 */
import { z } from 'zod';

/** Weight of the newest hour in its slot: a week's change moves the slot by 30 %. */
const ALPHA = 0.3;

const SlotSchema = z.tuple([z.number().min(0), z.number().int().min(1)]).nullable();
export const QpsModelSchema = z.object({
  week: z.array(SlotSchema).length(168),
  day: z.array(SlotSchema).length(24),
  learnedHours: z.number().int().min(0),
  /** The hour being measured: its start (epoch ms), sum of rates seen and how many. */
  hour: z.object({ start: z.number(), sum: z.number(), count: z.number().int() }).nullable(),
});
/** A slot: [mean qps, hours folded in]. */
export type QpsModel = z.infer<typeof QpsModelSchema>;

export function emptyModel(): QpsModel {
  return { week: Array.from({ length: 168 }, () => null), day: Array.from({ length: 24 }, () => null), learnedHours: 0, hour: null };
}

/** Local time: a NOC's traffic follows the working day where its users are. */
export function hourOfWeek(t: number): number {
  const d = new Date(t);
  return d.getDay() * 24 + d.getHours();
}

export function hourStart(t: number): number {
  const d = new Date(t);
  d.setMinutes(0, 0, 0);
  return d.getTime();
}

function fold(slot: [number, number] | null, mean: number): [number, number] {
  return slot ? [ALPHA * mean + (1 - ALPHA) * slot[0], slot[1] + 1] : [mean, 1];
}

/** Adds a measured rate at `t`; an hour that has ended is folded into its slots first. */
export function observe(m: QpsModel, t: number, qps: number): void {
  const start = hourStart(t);
  if (m.hour && m.hour.start !== start) closeHour(m);
  if (!m.hour) m.hour = { start, sum: 0, count: 0 };
  m.hour.sum += qps;
  m.hour.count++;
}

function closeHour(m: QpsModel): void {
  const h = m.hour;
  m.hour = null;
  if (!h || h.count === 0) return;
  const mean = h.sum / h.count;
  const w = hourOfWeek(h.start);
  m.week[w] = fold(m.week[w] ?? null, mean);
  m.day[w % 24] = fold(m.day[w % 24] ?? null, mean);
  m.learnedHours++;
}

/** What is usual at `t`, or null while learning (too few hours, or this hour never seen). */
export function expectedQps(m: QpsModel, t: number, warmupHours: number): number | null {
  if (m.learnedHours < warmupHours) return null;
  const w = hourOfWeek(t);
  return (m.week[w] ?? m.day[w % 24])?.[0] ?? null;
}

/** The band around `expected`: symmetric on a log scale, so a halving and a doubling weigh alike. */
export function band(expected: number, bandPercent: number): { low: number; high: number } {
  const f = 1 - bandPercent / 100;
  return { low: expected * f, high: expected / f };
}

