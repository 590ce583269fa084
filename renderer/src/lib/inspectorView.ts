/** Pure view logic of the connection inspector tab: words for the core's numbers, the tail's filter. */
import type { TailFrame } from '../../../shared/domain/inspector';

/** "0.42 ms", "12 ms", "1.2 s"; null is said in words by the caller. */
export function durationText(ms: number): string {
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export const WINDOW_MINUTES = (windowMs: number): number => Math.round(windowMs / 60_000);

/** The fail2ban line: how much of the budget the last window used and what happens at the limit. */
export function fail2banText(f: { used: number; budget: number; banAt: number; windowMs: number }): string {
  return `${f.used} of ${f.budget} counted failures in the last ${WINDOW_MINUTES(f.windowMs)} min (fail2ban bans at ${f.banAt})`;
}

/** The frame types present in a tail, for the filter, in first-seen order. */
export function frameTypes(frames: readonly TailFrame[]): string[] {
  return [...new Set(frames.map((f) => f.type))].sort();
}

export function filterFrames(frames: readonly TailFrame[], types: readonly string[]): TailFrame[] {
  if (types.length === 0) return [...frames];
  const wanted = new Set(types);
  return frames.filter((f) => wanted.has(f.type));
}

/** The frame as indented JSON when it parses, else the text as received (both shown as text, never HTML). */
export function prettyFrame(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
