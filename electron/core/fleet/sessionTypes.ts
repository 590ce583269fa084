/** The types a ServerSession is built from and reports, kept apart so the session file stays readable. */
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { ServerConfig } from '../../../shared/domain/serverConfig';
import type { CredentialStore } from '../credentials/CredentialStore';
import type { NormaliserCounters } from '../hybrid-dns/Normaliser';
import type { MetricsStore } from '../metrics/MetricsStore';
import type { Clock, Logger } from '../platform';
import type { StateChange } from './StatusTracker';
import type { StreamSet } from './StreamSet';
import type { SessionTuning } from './tuning';

export interface SessionDeps {
  clock: Clock;
  logger: Logger;
  credentials: CredentialStore;
  passwordFromEnv?: (config: ServerConfig) => string | null;
  tuning: SessionTuning;
  metrics: MetricsStore;
  onEvents: (events: FleetEvent[]) => void;
  onState: (change: StateChange) => void;
}

export interface SessionDiagnostics {
  sockets: Array<{ label: string; established: boolean; pongsSent: number; subscribesSent: number }>;
  frames: NormaliserCounters;
  banFailures: number;
}

export function describeSockets(streams: StreamSet | null): SessionDiagnostics['sockets'] {
  return (streams?.sockets ?? []).map((s) => ({
    label: s.label,
    established: s.established,
    pongsSent: 'pongsSent' in s ? s.pongsSent : 0,
    subscribesSent: 'subscribesSent' in s ? s.subscribesSent : 0,
  }));
}

/** Same config apart from the pinned fingerprint (which the session may already be using). */
export function sameApartFromPin(a: ServerConfig, b: ServerConfig): boolean {
  const strip = (c: ServerConfig): string => JSON.stringify({ ...c, tls: { ...c.tls, fingerprint256: undefined } });
  return strip(a) === strip(b);
}

export const secs = (ms: number): string => (ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000)));
