/**
 * Blindness in words, from the facts a ServerStatus carries: "silent for 42 s, reconnecting in
 * 12 s". The words talk about what the operator can act on (how long we have not known, when the
 * next try is), never about protocol steps. Runtime-neutral: the core, the CLI and the renderer
 * all say it the same way.
 */
import type { ServerStatus } from './serverState';

type Facts = Pick<ServerStatus, 'state' | 'blindSince' | 'reconnect'>;

/** Null while live or disabled (nothing is silent); else "silent for N s, <what happens next>". */
export function describeSilence(status: Facts, nowMs: number): string | null {
  if (status.state === 'live' || status.state === 'disabled' || !status.blindSince) return null;
  const silent = `silent for ${duration(nowMs - Date.parse(status.blindSince))}`;
  const next = status.reconnect ? Date.parse(status.reconnect.nextAt) - nowMs : null;
  if (next !== null && next > 0) return `${silent}, reconnecting in ${duration(next)}`;
  if (status.state === 'reconnecting' || status.state === 'offline' || status.state === 'stale') return `${silent}, trying again now`;
  return silent;
}

/** "42 s", "3 min 5 s", "2 h 4 min": whole units, the two largest. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}
