/** Shared test helpers: in-memory credentials, a manual clock, waiting for fleet events. */
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { ServerConfig, ServerConfigInput } from '../../../shared/domain/serverConfig';
import { ServerConfigSchema } from '../../../shared/domain/serverConfig';
import type { ServerState, ServerStatus } from '../../../shared/domain/serverState';
import type { CredentialKind, CredentialStore } from '../../../electron/core/credentials/CredentialStore';
import { FleetService, type FleetServiceDeps } from '../../../electron/core/fleet/FleetService';
import { withTuning, type SessionTuning } from '../../../electron/core/fleet/tuning';
import type { Clock, TimerHandle } from '../../../electron/core/platform';
import { systemClock } from '../../../electron/core/platform';
import { nullLogger } from '../../../electron/core/util/logger';

export class MemoryCredentials implements CredentialStore {
  readonly map = new Map<string, string>();
  sets: Array<{ id: string; kind: CredentialKind }> = [];
  async get(id: string, kind: CredentialKind): Promise<string | null> {
    return this.map.get(`${id}:${kind}`) ?? null;
  }
  async set(id: string, kind: CredentialKind, secret: string): Promise<void> {
    this.sets.push({ id, kind });
    this.map.set(`${id}:${kind}`, secret);
  }
  async delete(id: string, kind?: CredentialKind): Promise<void> {
    for (const k of kind ? [kind] : (['password', 'refresh'] as const)) this.map.delete(`${id}:${k}`);
  }
  async has(id: string, kind?: CredentialKind): Promise<boolean> {
    return kind ? this.map.has(`${id}:${kind}`) : this.map.has(`${id}:password`);
  }
  status(): { available: boolean; persistent: boolean; detail: string } {
    return { available: true, persistent: false, detail: 'memory' };
  }
}

/** A clock whose time only moves when the test says so; timers fire during advance(). */
export class ManualClock implements Clock {
  private t: number;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void; every: number | null }>();
  constructor(start = Date.UTC(2025, 7, 29, 9)) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    this.timers.set(++this.seq, { at: this.t + ms, fn, every: null });
    return this.seq as unknown as TimerHandle;
  }
  clearTimeout(h: TimerHandle): void {
    this.timers.delete(h as unknown as number);
  }
  setInterval(fn: () => void, ms: number): TimerHandle {
    this.timers.set(++this.seq, { at: this.t + ms, fn, every: ms });
    return this.seq as unknown as TimerHandle;
  }
  clearInterval(h: TimerHandle): void {
    this.clearTimeout(h);
  }
  pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.t).sort((a, b) => a - b);
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void; every: number | null }] | undefined;
      for (const e of this.timers) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
      if (!next) break;
      const [id, timer] = next;
      this.t = Math.max(this.t, timer.at);
      if (timer.every !== null) timer.at += timer.every;
      else this.timers.delete(id);
      timer.fn();
    }
    this.t = end;
  }
}

export const FAST_TUNING: Partial<SessionTuning> = {
  legacyHealthIntervalMs: 100,
  legacySystemIntervalMs: 200,
  unifiedPingIntervalMs: 100,
  handshakeTimeoutMs: 3000,
  requestTimeoutMs: 3000,
  backoff: { ...withTuning().backoff, baseMs: 20, banFloorMs: 150, capMs: 1000, minHealthyUptimeMs: 500 },
  userDisconnectedRetryMinMs: 20,
  userDisconnectedRetryMaxMs: 50,
  replacedRetryMinMs: 60_000,
  replacedRetryMaxMs: 60_000,
  statusDataThrottleMs: 0,
};

export function serverConfig(url: string, over: Partial<ServerConfigInput> = {}): ServerConfig {
  return ServerConfigSchema.parse({ id: 'dns-01', name: 'DNS 01', url, username: 'monitor', stack: 'legacy', ...over });
}

export interface Harness {
  fleet: FleetService;
  creds: MemoryCredentials;
  statuses: ServerStatus[];
  events: FleetEvent[];
  waitState(state: ServerState, serverId?: string, timeoutMs?: number): Promise<ServerStatus>;
  /** Like waitState, for a waiting state that has its next try scheduled (not an attempt in progress). */
  waitRetry(state: ServerState, serverId?: string, timeoutMs?: number): Promise<ServerStatus>;
  waitEvent(pred: (e: FleetEvent) => boolean, timeoutMs?: number): Promise<FleetEvent>;
}

export function harness(deps: Partial<FleetServiceDeps> = {}, password: string | null = 'monitor-pass'): Harness {
  const creds = (deps.credentials as MemoryCredentials | undefined) ?? new MemoryCredentials();
  if (password !== null) void creds.set('dns-01', 'password', password);
  const fleet = new FleetService({ clock: systemClock, logger: nullLogger, credentials: creds, tuning: FAST_TUNING, ...deps });
  const statuses: ServerStatus[] = [];
  const events: FleetEvent[] = [];
  const stateWaiters: Array<() => void> = [];
  const eventWaiters: Array<() => void> = [];
  fleet.onDidChangeState((s) => {
    statuses.push(structuredClone(s));
    for (const w of [...stateWaiters]) w();
  });
  fleet.onDidEmitEvents((batch) => {
    events.push(...batch);
    for (const w of [...eventWaiters]) w();
  });
  const waitFor = <T>(list: Array<() => void>, find: () => T | undefined, what: string, timeoutMs: number): Promise<T> =>
    new Promise((resolve, reject) => {
      const found = find();
      if (found !== undefined) return resolve(found);
      const check = (): void => {
        const f = find();
        if (f === undefined) return;
        list.splice(list.indexOf(check), 1);
        clearTimeout(timer);
        resolve(f);
      };
      const timer = setTimeout(() => {
        list.splice(list.indexOf(check), 1);
        reject(
          new Error(
            `timed out waiting for ${what}; states: ${statuses.map((s) => s.state + (s.detail ? `(${s.detail})` : '')).join(' > ')}`,
          ),
        );
      }, timeoutMs);
      list.push(check);
    });
  let stateCursor = 0;
  const waitNext = async (pred: (s: ServerStatus) => boolean, what: string, timeoutMs: number): Promise<ServerStatus> => {
    const s = await waitFor(
      stateWaiters,
      () => {
        const i = statuses.findIndex((x, idx) => idx >= stateCursor && pred(x));
        return i >= 0 ? ((stateCursor = i + 1), statuses[i]) : undefined;
      },
      what,
      timeoutMs,
    );
    return s!;
  };
  return {
    fleet,
    creds,
    statuses,
    events,
    // Waits for the state to appear after the previously awaited one (states are a sequence).
    waitState: (state, serverId = 'dns-01', timeoutMs = 8000) => waitNext((x) => x.state === state && x.serverId === serverId, `state ${state}`, timeoutMs),
    waitRetry: (state, serverId = 'dns-01', timeoutMs = 8000) =>
      waitNext((x) => x.state === state && x.serverId === serverId && x.reconnect !== null, `state ${state} with a retry scheduled`, timeoutMs),
    waitEvent: (pred, timeoutMs = 8000) => waitFor(eventWaiters, () => events.find(pred), 'event', timeoutMs),
  };
}
