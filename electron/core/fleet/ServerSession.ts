/**
 * One server: the state machine of house rule 8. connecting -> authenticating -> (snapshot) ->
 * sockets -> live; silence -> stale -> reconnecting; refusals -> needs-2fa / auth-failed /
 * account-locked / tls-untrusted / replaced. `live` is entered only when the push stream is
 * established and is left as soon as a watchdog sees silence. Every async continuation checks
 * the attempt generation, so a late reply from an abandoned attempt changes nothing.
 */
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { ServerConfig } from '../../../shared/domain/serverConfig';
import type { ServerState, ServerStatus } from '../../../shared/domain/serverState';
import { SnapshotDiffer } from '../hybrid-dns/differ';
import { Normaliser, type Ingested, type Stack } from '../hybrid-dns/Normaliser';
import { RestClient } from '../hybrid-dns/RestClient';
import type { TlsRequestOptions } from '../hybrid-dns/tls';
import type { SocketClose } from '../hybrid-dns/WireSocket';
import type { InspectorSnapshot } from '../../../shared/domain/inspector';
import { ConnectionInspector } from '../inspector/ConnectionInspector';
import type { Logger } from '../platform';
import type { FailureKind } from './backoff';
import { CertificateTrust, type TlsRefusal } from './CertificateTrust';
import { classifyClose } from './closeCodes';
import { Poller } from './Poller';
import { PollLoop } from './PollLoop';
import { RetryScheduler } from './RetryScheduler';
import { SignalRouter } from './SignalRouter';
import { chooseStack } from './stackChoice';
import { connectionGapEvent, pinMismatchEvent } from './sessionEvents';
import { SessionAuth, stateForAuth, type AuthResult } from './SessionAuth';
import { StatusTracker } from './StatusTracker';
import { StreamSet } from './StreamSet';
import { inspectSession } from './sessionInspection';
import { describeSockets, sameApartFromPin, secs, type SessionDeps, type SessionDiagnostics } from './sessionTypes';

export type { SessionDeps, SessionDiagnostics } from './sessionTypes';

export class ServerSession {
  private readonly tracker: StatusTracker;
  private readonly auth: SessionAuth;
  private readonly retries: RetryScheduler;
  private readonly polls: PollLoop;
  readonly normaliser: Normaliser;
  private readonly differ: SnapshotDiffer;
  private readonly poller: Poller;
  private readonly signals: SignalRouter;
  private readonly log: Logger;
  private rest: RestClient | null = null;
  private tls: TlsRequestOptions = {};
  private streams: StreamSet | null = null;
  private generation = 0;
  private disposed = false;
  private fellBackToLegacy = false;
  private establishedAt: number | null = null;
  private lastDataAt: number | null = null;
  private gapFrom: number | null = null;
  private readonly trust: CertificateTrust;
  /** What this session's link does, for the inspector tab, `dnsfleet inspect` and diagnostics. */
  readonly inspector = new ConnectionInspector();

  constructor(
    public config: ServerConfig,
    private readonly deps: SessionDeps,
  ) {
    this.log = deps.logger.child(config.id);
    this.tracker = new StatusTracker(config.id, config.name, deps.clock, deps.tuning.statusDataThrottleMs, deps.onState, config);
    this.retries = new RetryScheduler(
      deps.clock,
      deps.tuning,
      this.tracker,
      () => this.teardown(),
      () => this.connect(),
      this.log,
    );
    this.auth = new SessionAuth({
      config,
      clock: deps.clock,
      logger: this.log,
      credentials: deps.credentials,
      passwordFromEnv: deps.passwordFromEnv,
      refreshRatio: deps.tuning.refreshRatio,
    });
    this.normaliser = new Normaliser(config.id, this.log);
    this.differ = new SnapshotDiffer(config.id, () => deps.clock.now());
    this.poller = new Poller(
      this.differ,
      { events: (e) => this.emit(e), signal: (s) => this.signals.apply(s), metric: (n, t, v) => deps.metrics.append(config.id, n, t, v) },
      this.log,
      () => deps.clock.now(),
    );
    this.polls = new PollLoop(deps.clock, this.poller, this.retries.policy);
    this.signals = new SignalRouter(config.id, deps.metrics, this.differ, this.tracker, (e) => this.emit(e));
    this.trust = new CertificateTrust(config.tls?.fingerprint256);
    this.normaliser.observer = this.inspector;
    this.poller.onPolled = (r) => this.inspector.polled(r);
    this.retries.onScheduled = (at, state, cause, delayMs, attempt) => this.inspector.reconnectScheduled(at, state, cause, delayMs, attempt);
  }

  /** The connection inspector's snapshot: JSON, secret-free. */
  inspect(): InspectorSnapshot {
    const { normaliser, streams, auth, inspector } = this;
    return inspectSession({ serverId: this.config.id, now: this.deps.clock.now(), status: this.status(), inspector, normaliser, streams, auth, policy: this.retries.policy });
  }

  /** Forces a subscribe_events on the unified socket; false when there is no welcomed one. */
  resubscribe(): boolean {
    return this.streams?.resubscribe() ?? false;
  }

  status(): ServerStatus {
    return this.tracker.status;
  }

  /** The zones the server reported in its last complete REST zone list. */
  zones(): { name: string; serial: number | null }[] {
    return this.differ.currentZones();
  }

  get state(): ServerState {
    return this.tracker.state;
  }

  /** Counters for diagnostics (CLI `status --verbose`, tests). */
  diagnostics(): SessionDiagnostics {
    const banFailures = this.retries.policy.banFailuresInWindow(this.deps.clock.now());
    return { sockets: describeSockets(this.streams), frames: { ...this.normaliser.counters }, banFailures };
  }

  start(): void {
    if (!this.config.enabled) return this.tracker.setState('disabled', { detail: 'Monitoring is switched off for this server' });
    this.connect();
  }

  /** True when `next` differs from the running config only by the pin this session already uses. */
  acceptsInPlace(next: ServerConfig): boolean {
    if (!sameApartFromPin(next, this.config) || !this.trust.alreadyPinned(next.tls?.fingerprint256)) return false;
    this.config = next;
    return true;
  }

  async submitTotp(code: string): Promise<void> {
    if (this.state !== 'needs-2fa' || !this.rest) return;
    const gen = this.generation;
    this.tracker.setState('authenticating');
    const result = await this.auth.loginWithPassword(this.rest, code.trim());
    if (gen === this.generation && this.handleAuth(result)) await this.afterAuth(gen, (result as { token: string }).token);
  }

  /** User accepted the certificate shown in tls-untrusted. Only the presented fingerprint can be pinned. */
  trustCertificate(fingerprint256: string): string | null {
    const pinned = this.trust.accept(fingerprint256);
    if (pinned !== null) this.connect();
    return pinned;
  }

  /** The pin the API connection trusts now (DNS-over-TLS probes of this server are held to the same one). */
  get pinnedFingerprint(): string | undefined {
    return this.trust.pinned;
  }

  /** User request: also clears `replaced` waits; auth-failed retries only with a new password. */
  reconnect(): void {
    if (this.disposed || !this.config.enabled) return;
    if (this.state === 'account-locked') this.auth.clearBlock();
    this.retries.now(this.state);
  }

  /** OS resume / network change: retry at once if we are waiting for a retry. */
  retryNow(): void {
    if (['reconnecting', 'offline', 'stale'].includes(this.state)) this.retries.now(this.state);
  }

  /**
   * The user stored a password for this server: that is one explicit try, even of a password
   * refused before (an administrator may have reset it to that). A server waiting on credentials
   * (no password, or a refused one) signs in at once; a live one keeps its session and the next
   * login uses the new password. A refusal then waits for the user again: never an automatic
   * retry, since five failures lock the account for good (Q10).
   */
  credentialsChanged(): void {
    this.auth.clearBlock();
    if (this.disposed || !this.config.enabled || this.state !== 'auth-failed') return;
    this.retries.now(this.state);
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    this.retries.cancel();
    this.teardown();
    this.auth.dispose();
    this.rest?.dispose();
  }

  private connect(): void {
    if (this.disposed) return;
    const gen = ++this.generation;
    this.retries.cancel();
    this.teardown();
    this.attempt(gen).catch((e: Error) => {
      this.log.error('connection attempt crashed', { error: e.message });
      if (gen === this.generation) this.fail('protocol', `internal error: ${e.message}`);
    });
  }

  private async attempt(gen: number): Promise<void> {
    this.step('connecting');
    const verdict = await this.trust.assess(this.config, this.deps.tuning.handshakeTimeoutMs);
    if (gen !== this.generation) return;
    if (verdict.kind !== 'ok') return this.tlsRefused(verdict);
    this.tls = verdict.options;
    this.rest?.dispose();
    this.rest = new RestClient({
      baseUrl: this.config.url,
      tls: this.tls,
      logger: this.log,
      timeoutMs: this.deps.tuning.requestTimeoutMs,
      onBanCounted: () => this.retries.policy.recordBanCounted(this.deps.clock.now()),
    });
    this.step('authenticating');
    const result = await this.auth.ensure(this.rest);
    if (gen !== this.generation || !this.handleAuth(result)) return;
    await this.afterAuth(gen, (result as { token: string }).token);
  }

  private async afterAuth(gen: number, token: string): Promise<void> {
    const rest = this.rest!;
    const stack = await chooseStack(this.config, rest, this.fellBackToLegacy);
    if (gen !== this.generation) return;
    this.tracker.patch({ stack });
    // §7.2: there is no replay, so every (re)connect starts from a fresh REST snapshot.
    const snap = await this.poller.poll(rest, token);
    if (gen !== this.generation) return;
    if (snap.kind === 'unreachable') return this.fail('network', `server unreachable: ${snap.detail}`, true);
    if (snap.kind === 'unauthorized') {
      const again = await this.auth.recover(rest);
      if (gen !== this.generation || !this.handleAuth(again)) return;
      token = (again as { token: string }).token;
    } else this.markData(this.deps.clock.now());
    this.openStreams(gen, stack, token);
  }

  private openStreams(gen: number, stack: Stack, token: string): void {
    this.streams = new StreamSet(stack, this.config, token, this.tls, this.normaliser, this.deps.clock, this.log, this.deps.tuning, {
      established: () => gen === this.generation && this.onEstablished(),
      ingested: (out, at) => gen === this.generation && this.onIngested(out, at),
      ended: (close) => gen === this.generation && this.onEnded(close, stack),
      stale: (silent, windowMs, detail) => gen === this.generation && this.onStale(silent, windowMs, detail),
    });
    this.streams.inspector = this.inspector;
    this.streams.open();
  }

  private onEstablished(): void {
    const now = this.deps.clock.now();
    this.establishedAt = now;
    this.retries.policy.markHealthy(now);
    if (this.gapFrom !== null) this.emit([connectionGapEvent(this.config.id, this.gapFrom, now, now)]);
    this.gapFrom = null;
    this.tracker.setState('live');
    if (this.rest) this.auth.scheduleRefresh(this.rest, (r) => this.authLost(r), this.deps.tuning.refreshRetryMs);
    this.startPolling();
  }

  private onIngested(out: Ingested, at: number): void {
    this.markData(at);
    for (const s of out.signals) this.signals.apply(s);
    if (out.events.length > 0) this.emit(out.events);
  }

  private onEnded(close: SocketClose, stack: Stack): void {
    this.leaveLive();
    const action = classifyClose(close, this.establishedAt, this.deps.clock.now(), this.deps.tuning.userDisconnectedWindowMs);
    switch (action.kind) {
      case 'replaced':
        return this.retries.replaced();
      case 'quick-retry':
        return this.retries.soon(action.detail);
      case 'handshake-403':
        return void this.handshakeRefused(stack);
      case 'refused':
        return this.fail('ban-counted', action.detail);
      default:
        return this.fail('network', action.detail, action.unreachable);
    }
  }

  private onStale(silentMs: number, windowMs: number, detail?: string): void {
    const why = detail ?? `no data for ${secs(silentMs)} s (window ${secs(windowMs)} s)`;
    this.tracker.setState('stale', { detail: why, cause: why });
    this.leaveLive();
    this.fail('network', why);
  }

  /**
   * The steps of an attempt. After a loss the server stays in its waiting state (reconnecting,
   * offline, stale) with "<why>; trying again now (attempt 3)": a retry stuck in one step is still
   * blind, and flipping to "Signing in" on every retry made a hung server look busy, not silent.
   */
  private step(state: 'connecting' | 'authenticating'): void {
    const waiting = this.tracker.state;
    if (waiting !== 'reconnecting' && waiting !== 'offline' && waiting !== 'stale') return this.tracker.setState(state);
    const cause = this.tracker.status.blindCause;
    const trying = `trying again now (attempt ${this.retries.policy.attempts})`;
    this.tracker.setState(waiting, { detail: cause ? `${cause}; ${trying}` : trying });
  }

  /** §1.7: a refused handshake is an auth or session problem until /api/auth/me says otherwise. */
  private async handshakeRefused(stack: Stack): Promise<void> {
    const gen = this.generation;
    this.retries.policy.recordBanCounted(this.deps.clock.now());
    const before = this.auth.token;
    const r = this.rest ? await this.auth.recover(this.rest) : null;
    if (gen !== this.generation || !r || !this.handleAuth(r)) return;
    if (r.kind === 'ok' && r.token === before && stack === 'unified' && this.config.stack === 'auto') {
      // Q9: REST accepts the token but every unified handshake is refused: use legacy.
      this.fellBackToLegacy = true;
      this.log.warn('unified handshake refused while REST works; falling back to legacy');
    }
    this.fail('ban-counted', 'WebSocket handshake refused (HTTP 403)');
  }

  private handleAuth(r: AuthResult): boolean {
    if (r.kind === 'ok') return true;
    const needsUser = stateForAuth(r);
    if (needsUser) {
      this.stopAll();
      this.tracker.setState(needsUser.state, { detail: needsUser.detail });
    } else if (r.kind === 'unavailable') {
      if (r.tls) this.fail('network', `TLS failure: ${r.detail}`);
      else this.fail(r.banCounted ? 'ban-counted' : 'network', `sign-in unavailable: ${r.detail}`, r.status === null);
    }
    return false;
  }

  private authLost(r: AuthResult): void {
    this.leaveLive();
    this.handleAuth(r);
  }

  private tlsRefused(v: TlsRefusal): void {
    if (v.kind === 'unreachable') return this.fail('network', `server unreachable: ${v.error}`, true);
    if (v.kind === 'pin-mismatch') this.emit([pinMismatchEvent(this.config.id, v.expected, v.presented, this.deps.clock.now())]);
    const shown = this.trust.refused(v);
    this.tracker.setState('tls-untrusted', { detail: shown.detail, tlsFingerprint: shown.fingerprint });
  }

  private fail(kind: FailureKind, detail: string, unreachable = false): void {
    this.retries.afterFailure(kind, detail, unreachable);
  }

  private startPolling(): void {
    const gen = this.generation;
    this.polls.start(this.deps.tuning.pollIntervalMs ?? this.config.pollSeconds * 1000, {
      rest: () => this.rest,
      token: () => this.auth.token,
      current: () => gen === this.generation,
      succeeded: (at) => {
        this.markData(at);
        this.signals.syncBind(at);
      },
      unauthorized: async (rest) => void this.handleAuth(await this.auth.recover(rest)),
    });
  }

  private markData(at: number): void {
    this.lastDataAt = at;
    this.tracker.dataArrived(at);
  }

  private leaveLive(): void {
    if (this.state === 'live' || this.state === 'stale') this.gapFrom ??= this.lastDataAt;
    this.retries.policy.markUnhealthy();
    this.auth.cancelRefresh();
  }

  private emit(events: FleetEvent[]): void {
    if (events.length > 0 && !this.disposed) this.deps.onEvents(events);
  }

  private stopAll(): void {
    this.leaveLive();
    this.teardown();
    this.retries.cancel();
  }

  private teardown(): void {
    this.streams?.dispose();
    this.streams = null;
    this.polls.stop();
  }
}
