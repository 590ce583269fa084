// Shared state of one emulated server: resolved options, clock, "database", tokens, counters and
// fault flags. Hubs and REST handlers receive this context instead of importing each other.
import { HOUR, MINUTE, SECOND } from './constants';
import { TokenService } from './auth';
import { Fail2ban, UnifiedLockout } from './fail2ban';
import { DnsModel } from './dns/dnsModel';
import { ServerState } from './state';
import type { EmulatorLogger, EmulatorOptions, MigrationMode } from './types';

export const NOOP_LOGGER: EmulatorLogger = { debug() {}, info() {}, warn() {}, error() {} };

export interface Timings {
  healthIntervalMs: number;
  systemIntervalMs: number;
  unifiedPingIntervalMs: number;
  unifiedMetricsIntervalMs: number;
  pongTimeoutMs: number;
  idleTimeoutMs: number;
  protocolPingIntervalMs: number;
  backgroundQueryRatePerSec: number;
}

export interface Counters {
  loginsOk: number;
  loginsFailed: number;
  refreshes: number;
  legacyAccepted: number;
  unifiedAccepted: number;
  handshakesRefused: number;
  pongsReceived: number;
  framesSent: number;
  framesDropped: number;
  /** event frames (not control frames) written to at least one socket: what a client could store */
  eventsSent: number;
  requestsByPath: Map<string, number>;
}

export interface Flags {
  hanging: boolean;
  /** epoch ms (real clock) until which the backend is "down" (restart) */
  downUntil: number;
  migrationMode: MigrationMode;
  unifiedSessionBroken: boolean;
  closed: boolean;
  restFailures: Map<string, number>;
}

/** setTimeout/setInterval that are all cleared on close(). */
export class Timers {
  private readonly live = new Set<NodeJS.Timeout>();
  timeout(fn: () => void, ms: number): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.live.delete(t);
      fn();
    }, ms);
    this.live.add(t);
    return t;
  }
  interval(fn: () => void, ms: number): NodeJS.Timeout {
    const t = setInterval(fn, Math.max(1, ms));
    this.live.add(t);
    return t;
  }
  clear(t: NodeJS.Timeout | undefined | null): void {
    if (!t) return;
    clearTimeout(t);
    this.live.delete(t);
  }
  clearAll(): void {
    for (const t of this.live) clearTimeout(t);
    this.live.clear();
  }
}

export interface EmulatorContext {
  name: string;
  opts: EmulatorOptions;
  t: Timings;
  log: EmulatorLogger;
  now: () => number;
  state: ServerState;
  /** What the emulated BIND answers (RPZ, forwarder slowness); follows `state`. */
  dns: DnsModel;
  tokens: TokenService;
  fail2ban: Fail2ban;
  lockout: UnifiedLockout;
  counters: Counters;
  flags: Flags;
  timers: Timers;
  replaceCascade: boolean;
  /** run once on close(): settles pending storms/restarts so their promises never dangle */
  onClose: Set<() => void>;
}

const defaultClock = (): number => performance.timeOrigin + performance.now();

export function createContext(opts: EmulatorOptions): EmulatorContext {
  const now = opts.now ?? defaultClock;
  const state = new ServerState(opts, now);
  return {
    name: opts.name ?? 'hybrid-dns',
    opts,
    t: {
      healthIntervalMs: opts.healthIntervalMs ?? 30 * SECOND,
      systemIntervalMs: opts.systemIntervalMs ?? 60 * SECOND,
      unifiedPingIntervalMs: opts.unifiedPingIntervalMs ?? 30 * SECOND,
      unifiedMetricsIntervalMs: opts.unifiedMetricsIntervalMs ?? 61 * SECOND,
      pongTimeoutMs: opts.pongTimeoutMs ?? 180 * SECOND,
      idleTimeoutMs: opts.idleTimeoutMs ?? 300 * SECOND,
      protocolPingIntervalMs: opts.protocolPingIntervalMs ?? 20 * SECOND,
      backgroundQueryRatePerSec: opts.backgroundQueryRatePerSec ?? 0,
    },
    log: opts.logger ?? NOOP_LOGGER,
    now,
    state,
    dns: new DnsModel(state),
    tokens: new TokenService(now, opts.accessTokenTtlSec ?? 1800, opts.refreshTokenTtlSec ?? 7 * 24 * 3600),
    fail2ban: new Fail2ban(opts.fail2ban !== false, opts.banMs ?? 30 * MINUTE, opts.authBanMs ?? HOUR),
    lockout: new UnifiedLockout(opts.unifiedLockoutMs ?? 15 * MINUTE),
    counters: {
      loginsOk: 0,
      loginsFailed: 0,
      refreshes: 0,
      legacyAccepted: 0,
      unifiedAccepted: 0,
      handshakesRefused: 0,
      pongsReceived: 0,
      framesSent: 0,
      framesDropped: 0,
      eventsSent: 0,
      requestsByPath: new Map(),
    },
    flags: {
      hanging: false,
      downUntil: 0,
      migrationMode: opts.migrationMode ?? 'disabled',
      unifiedSessionBroken: opts.unifiedSessionBroken ?? false,
      closed: false,
      restFailures: new Map(),
    },
    timers: new Timers(),
    replaceCascade: opts.unifiedReplaceCascade ?? false,
    onClose: new Set(),
  };
}
