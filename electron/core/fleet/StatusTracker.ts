/**
 * Holds one server's ServerStatus and publishes it only when something a user can see changed
 * (no flicker). lastDataAt on its own is published at most every `dataThrottleMs`, otherwise a
 * query storm would turn into a status storm.
 */
import type { ServerState, ServerStatus } from '../../../shared/domain/serverState';
import type { Clock } from '../platform';
import { redactAnyCaseHead } from '../util/redact';

export interface StateChange {
  status: ServerStatus;
  previous: ServerState | null;
}

export class StatusTracker {
  private current: ServerStatus;
  private publishedKey = '';
  private publishedDataAt = 0;
  private lastState: ServerState | null = null;
  private lastDataMs: number | null = null;

  constructor(
    serverId: string,
    name: string,
    private readonly clock: Clock,
    private readonly dataThrottleMs: number,
    private readonly publish: (change: StateChange) => void,
    labels: { group?: string; tags?: readonly string[] } = {},
  ) {
    this.current = {
      serverId,
      name,
      state: 'connecting',
      since: new Date(clock.now()).toISOString(),
      lastDataAt: null,
      stack: null,
      reconnect: null,
      tlsFingerprint: null,
      forwarders: [],
      bindRunning: null,
      blindSince: new Date(clock.now()).toISOString(),
      blindCause: null,
      // The config's labels ride on the status so every host can group servers without a second lookup.
      ...(labels.group ? { group: labels.group } : {}),
      tags: [...(labels.tags ?? [])],
    };
  }

  get status(): ServerStatus {
    this.syncDataAt();
    return this.current;
  }

  /** A new object when the data time moved: statuses already handed out never change under their holder. */
  private syncDataAt(): void {
    if (this.lastDataMs === null) return;
    const iso = new Date(this.lastDataMs).toISOString();
    if (iso !== this.current.lastDataAt) this.current = { ...this.current, lastDataAt: iso };
  }

  get state(): ServerState {
    return this.current.state;
  }

  /** Changes the state (and detail/reconnect/fingerprint with it); `since` moves only on a new state. */
  setState(
    state: ServerState,
    extra: { detail?: string; reconnect?: ServerStatus['reconnect']; tlsFingerprint?: string | null; at?: number; cause?: string } = {},
  ): void {
    const sameState = state === this.current.state;
    // The detail and cause may quote the server (a login error's body): registered secrets are masked,
    // in any case, before the renderer, the CLI or the verdict (tray, title) sees them.
    const detail = extra.detail === undefined ? undefined : redactAnyCaseHead(extra.detail);
    const cause = extra.cause === undefined ? undefined : redactAnyCaseHead(extra.cause);
    const at = extra.at ?? this.clock.now();
    const seeing = state === 'live' || state === 'disabled';
    this.current = {
      ...this.current,
      state,
      detail,
      reconnect: extra.reconnect ?? null,
      tlsFingerprint: extra.tlsFingerprint ?? (state === 'tls-untrusted' ? this.current.tlsFingerprint : null),
      since: sameState ? this.current.since : new Date(at).toISOString(),
      // Blindness is one span from leaving live to being live again, however many attempts it takes.
      blindSince: seeing ? null : (this.current.blindSince ?? new Date(at).toISOString()),
      blindCause: seeing ? null : (cause ?? this.current.blindCause ?? null),
    };
    if (this.current.detail === undefined) delete this.current.detail;
    this.flush(false);
  }

  patch(p: Partial<Pick<ServerStatus, 'stack' | 'forwarders' | 'bindRunning' | 'healthAt' | 'hasCredential'>>): void {
    this.current = { ...this.current, ...p };
    this.flush(false);
  }

  /** Called per frame: only a number is stored; the ISO string is made when the status is read or published. */
  dataArrived(at: number): void {
    this.lastDataMs = at;
    if (at - this.publishedDataAt >= this.dataThrottleMs) this.flush(true);
  }

  private flush(force: boolean): void {
    this.syncDataAt();
    // Data and health-data times move with every frame or poll: they alone do not publish (the verdict
    // reads the current status when it checks their age).
    const { lastDataAt: _data, healthAt: _health, ...visible } = this.current;
    const key = JSON.stringify(visible);
    if (!force && key === this.publishedKey) return;
    this.publishedKey = key;
    this.publishedDataAt = this.current.lastDataAt ? Date.parse(this.current.lastDataAt) : 0;
    const previous = this.lastState;
    this.lastState = this.current.state;
    this.publish({ status: this.current, previous });
  }
}
