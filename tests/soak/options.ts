/**
 * What one soak run does: how long, how many servers, which faults, and the time scale. The `real`
 * scale uses the protocol's own intervals (health 30 s, metrics 60 s, client defaults); `fast` shrinks
 * the emulators' intervals and the client's watchdog so the same harness fits a one-minute CI test.
 */
import { MINUTE, SECOND } from '../../shared/domain/ids';

export const FAULT_KINDS = ['restart', 'hang', 'replace', 'token-expiry', 'ban', 'garbage', 'cert-change', 'disk-full'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface TimeScale {
  name: 'real' | 'fast';
  /** emulator: legacy health_update (§3.3) */
  healthIntervalMs: number;
  /** emulator: legacy system_status (§3.3) */
  systemIntervalMs: number;
  /** emulator: unified system_metrics (§5.2) */
  unifiedMetricsIntervalMs: number;
  /** emulator: unified server pings (§6.2) */
  unifiedPingIntervalMs: number;
  /** emulator: query_update samples per unified server per second (the server allows up to 25 a minute) */
  queryRatePerSec: number;
  /** fleet.json watchdogSeconds; undefined keeps the client's default (2.5 x the stream's interval) */
  watchdogSeconds?: number;
  /** fleet.json pollSeconds (REST snapshots: threats, zones, forwarders) */
  pollSeconds: number;
  restartDownMs: [number, number];
  hangMs: number;
  /** fail2ban bans for 30 min on a real server; compressed */
  banMs: number;
  diskFullMs: number;
  garbageFrames: number;
  /** one threat added to a random server this often */
  threatEveryMs: number;
  /** a server hit by a fault is left alone this long after the fault (the client's backoff resets after 2 min healthy) */
  cooldownMs: number;
  /** after the last fault, wait at most this long for servers to come back before counting */
  drainMs: number;
}

export const REAL_SCALE: TimeScale = {
  name: 'real',
  healthIntervalMs: 30 * SECOND,
  systemIntervalMs: 60 * SECOND,
  unifiedMetricsIntervalMs: 61 * SECOND,
  unifiedPingIntervalMs: 30 * SECOND,
  queryRatePerSec: 0.2,
  pollSeconds: 60,
  restartDownMs: [5 * SECOND, 30 * SECOND],
  // Longer than the client's 75 s watchdog, so a hang the client does not notice is a failure.
  hangMs: 90 * SECOND,
  banMs: 2 * MINUTE,
  diskFullMs: 30 * SECOND,
  garbageFrames: 20,
  threatEveryMs: 10 * SECOND,
  cooldownMs: 150 * SECOND,
  drainMs: 3 * MINUTE,
};

export const FAST_SCALE: TimeScale = {
  name: 'fast',
  healthIntervalMs: 1 * SECOND,
  systemIntervalMs: 2 * SECOND,
  unifiedMetricsIntervalMs: 2 * SECOND,
  unifiedPingIntervalMs: 1 * SECOND,
  queryRatePerSec: 1,
  watchdogSeconds: 5,
  pollSeconds: 15,
  restartDownMs: [1 * SECOND, 3 * SECOND],
  hangMs: 8 * SECOND,
  banMs: 5 * SECOND,
  diskFullMs: 5 * SECOND,
  garbageFrames: 10,
  threatEveryMs: 2 * SECOND,
  cooldownMs: 10 * SECOND,
  drainMs: 45 * SECOND,
};

export interface SoakOptions {
  minutes: number;
  servers: number;
  seed: number;
  faultEveryMs: number;
  /** the faults to draw from (a seeded shuffle-bag: every kind once per round, in random order) */
  faults: readonly FaultKind[];
  scale: TimeScale;
  /** where the JSON report goes (also printed) */
  reportPath?: string;
  /** RSS samples this often (the brief: every minute) */
  rssEveryMs: number;
  /** progress lines on stderr */
  verbose: boolean;
}

export function defaultOptions(partial: Partial<SoakOptions> = {}): SoakOptions {
  return {
    minutes: 10,
    servers: 50,
    seed: 1,
    faultEveryMs: MINUTE,
    faults: FAULT_KINDS,
    scale: REAL_SCALE,
    rssEveryMs: MINUTE,
    verbose: true,
    ...partial,
  };
}
