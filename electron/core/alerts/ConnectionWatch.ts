/**
 * Connection-health rules. States that need a human (bad password, locked account, 2FA, replaced
 * session, untrusted certificate) raise at once; being blind (stale, reconnecting, offline, or
 * still connecting) raises "No data from …" only after a grace period so a blip never notifies.
 * Only `live` (or the user disabling the server) clears them: never green while blind.
 */
import type { ConnectionStateData } from '../../../shared/domain/eventTypes';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { ServerState, ServerStatus } from '../../../shared/domain/serverState';
import type { Clock } from '../platform';
import { RULE, type AlertRulesConfig } from './alertRules';
import { resolveSignal, type RaiseSignal, type SignalSink } from './signals';
import { TimerMap } from './TimerMap';

/** Condition keys that a healthy, live connection proves resolved. */
export const CONNECTION_KEYS = ['connection', 'auth', 'session', 'tls', 'tls-pin'] as const;

type Observed = Pick<ServerStatus, 'serverId' | 'name' | 'state' | 'detail' | 'lastDataAt' | 'tlsFingerprint'>;
interface ServerWatch {
  state: ServerState;
  /** The latest status seen: the alert describes the situation when it fires, not when it began. */
  latest: Observed;
  blindSince: number | null;
  raised: boolean;
}

const BLIND: ReadonlySet<ServerState> = new Set(['connecting', 'authenticating', 'stale', 'reconnecting', 'offline']);

export class ConnectionWatch {
  private readonly servers = new Map<string, ServerWatch>();
  private readonly timers: TimerMap;

  constructor(
    private readonly clock: Clock,
    private readonly rules: AlertRulesConfig,
    private readonly emit: SignalSink,
  ) {
    this.timers = new TimerMap(clock);
  }

  /** A connection_state event, for a server whose status is not fed to the engine directly. */
  observeEvent(e: FleetEvent, name: string): void {
    const data = e.data as Partial<ConnectionStateData> | null;
    if (data?.state) this.observe({ serverId: e.serverId, name, state: data.state, detail: data.detail, lastDataAt: null, tlsFingerprint: null });
  }

  observe(status: Observed): void {
    const watch = this.servers.get(status.serverId) ?? { state: status.state, latest: status, blindSince: null, raised: false };
    const changed = !this.servers.has(status.serverId) || watch.state !== status.state;
    this.servers.set(status.serverId, watch);
    watch.state = status.state;
    watch.latest = status;
    if (!changed) return;
    if (status.state === 'live' || status.state === 'disabled') return this.clear(status.serverId, watch);
    const needsUser = userSignal(status);
    if (needsUser) {
      // The auth/TLS alert already says why we are blind; a second "no data" alert would be noise.
      this.timers.clear(status.serverId);
      watch.blindSince = null;
      this.emit(needsUser);
      return;
    }
    if (BLIND.has(status.state)) this.startGrace(status, watch);
  }

  forget(serverId: string): void {
    this.timers.clear(serverId);
    this.servers.delete(serverId);
  }

  dispose(): void {
    this.timers.dispose();
    this.servers.clear();
  }

  private clear(serverId: string, watch: ServerWatch): void {
    this.timers.clear(serverId);
    watch.blindSince = null;
    watch.raised = false;
    for (const key of CONNECTION_KEYS) this.emit(resolveSignal(serverId, key));
  }

  private startGrace(status: Observed, watch: ServerWatch): void {
    watch.blindSince ??= this.clock.now();
    if (watch.raised || this.timers.has(status.serverId)) return;
    const wait = this.rules.connectionGraceMs - (this.clock.now() - watch.blindSince);
    this.timers.set(status.serverId, wait, () => {
      if (!BLIND.has(watch.state)) return;
      watch.raised = true;
      this.emit(this.noDataSignal(watch));
    });
  }

  private noDataSignal(watch: ServerWatch): RaiseSignal {
    const s = watch.latest;
    const lastData = s.lastDataAt ? Date.parse(s.lastDataAt) : NaN;
    const blindSince = watch.blindSince ?? this.clock.now();
    const from = Number.isFinite(lastData) ? Math.min(lastData, blindSince) : blindSince;
    const seconds = Math.round((this.clock.now() - from) / 1000);
    return {
      kind: 'raise',
      serverId: s.serverId,
      key: 'connection',
      rule: RULE.connection,
      severity: 'error',
      title: `No data from ${s.name} for ${seconds} s`,
      detail: `The server is ${s.state}${s.detail ? `: ${s.detail}` : ''}. Its tiles show the last known values, not the current state.`,
      eventId: null,
    };
  }
}

function userSignal(s: Observed): RaiseSignal | null {
  const base = { kind: 'raise' as const, serverId: s.serverId, eventId: null };
  const why = s.detail ? ` (${s.detail})` : '';
  switch (s.state) {
    case 'auth-failed':
      return {
        ...base,
        key: 'auth',
        rule: RULE.auth,
        severity: 'error',
        title: `Login to ${s.name} failed`,
        detail: `The stored username or password was rejected${why}. Update the password in the server's settings.`,
      };
    case 'account-locked':
      return {
        ...base,
        key: 'auth',
        rule: RULE.auth,
        severity: 'critical',
        title: `Account locked on ${s.name}`,
        detail: `The server locked the monitoring account${why}. An administrator must unlock it; retrying would extend the lock.`,
      };
    case 'needs-2fa':
      return {
        ...base,
        key: 'auth',
        rule: RULE.auth,
        severity: 'warning',
        title: `${s.name} needs a 2FA code`,
        detail: `Enter the current one-time code to resume monitoring${why}.`,
      };
    case 'replaced':
      return {
        ...base,
        key: 'session',
        rule: RULE.session,
        severity: 'warning',
        title: `Session on ${s.name} was taken over`,
        detail: `Another client logged in with the same account and replaced this event stream${why}. Use a dedicated monitoring account for DNS Fleet Monitor.`,
      };
    case 'tls-untrusted':
      return {
        ...base,
        key: 'tls',
        rule: RULE.tls,
        severity: 'error',
        title: `Certificate of ${s.name} is not trusted`,
        detail: `Verify the fingerprint ${s.tlsFingerprint ?? '(unknown)'} with the server's administrator, then trust it${why}.`,
      };
    default:
      return null;
  }
}
