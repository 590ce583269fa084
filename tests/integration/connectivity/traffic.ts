/**
 * Waiting for traffic instead of time. A check that something did NOT happen (a duplicate event, a
 * flicker of state) is worth something only once it had its chances to happen: a fixed sleep on a
 * loaded machine may pass before a single frame or poll was taken in.
 */
import { vi } from 'vitest';
import type { EmulatedServer } from '../../../electron/emulator';
import type { Harness } from './helpers';

/** The REST path every poll cycle asks first (forwarder health). */
const POLLED_PATH = '/api/forwarders/health/summary';

export interface Traffic {
  /** Pushed frames (events or control) the client has taken in. */
  frames?: number;
  /** Control frames only (pongs, connection_status answers to queue probes). */
  control?: number;
  /** Complete REST poll cycles. */
  polls?: number;
}

/** Resolves once the client has taken in at least this much more traffic than when it was called. */
export async function afterTraffic(h: Harness, emu: EmulatedServer, more: Traffic, serverId = 'dns-01', timeoutMs = 15_000): Promise<void> {
  const counters = () => h.fleet.session(serverId)?.normaliser.counters ?? { frames: 0, control: 0 };
  const polls = () => {
    const byPath = emu.control.stats().requestsByPath;
    return Object.hasOwn(byPath, POLLED_PATH) ? (byPath[POLLED_PATH] ?? 0) : 0;
  };
  const start = { ...counters(), polls: polls() };
  // Polls run one after another: once the poll after the n-th new one was asked for, the n-th was taken in.
  const pollsNeeded = more.polls ? start.polls + more.polls + 1 : 0;
  await vi.waitFor(
    () => {
      const now = counters();
      const short = now.frames < start.frames + (more.frames ?? 0) || now.control < start.control + (more.control ?? 0) || polls() < pollsNeeded;
      if (short) throw new Error(`not yet: ${JSON.stringify({ start, now, polls: polls(), more })}`);
    },
    { timeout: timeoutMs, interval: 10 },
  );
}
