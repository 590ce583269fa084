import type { Severity } from '../../../shared/domain/fleetEvent';
import { redactAnyCase } from '../util/redact';

/** A rule's verdict on one server condition: the engine turns these into Alert records. */
export interface RaiseSignal {
  kind: 'raise';
  serverId: string;
  /** Stable condition key per server, e.g. `forwarder:3`, `connection`, `threat:bad.example`. */
  key: string;
  rule: string;
  severity: Severity;
  title: string;
  detail: string;
  eventId: string | null;
  /** Resolve by itself after this long without another raise (conditions with no clear event). */
  autoResolveAfterMs?: number;
  /** A fresh alert for this key within this long of the last notification stays silent. */
  notifyCooldownMs?: number;
  /** Who says so (AlertSources): `forwarder` (its status), `server` (the server's health alert). */
  source?: string;
  /** The cause shared across servers (IncidentIndex), e.g. `forwarder:public dns`, `threat:bad.example`. */
  incident?: string;
}

export interface ResolveSignal {
  kind: 'resolve';
  serverId: string;
  key: string;
  /** Only this source clears (others may still say it is bad); none: the condition is over. */
  source?: string;
}

export type Signal = RaiseSignal | ResolveSignal;
export type SignalSink = (signal: Signal) => void;

export const resolveSignal = (serverId: string, key: string, source?: string): ResolveSignal =>
  source === undefined ? { kind: 'resolve', serverId, key } : { kind: 'resolve', serverId, key, source };

/**
 * A signal with registered secrets masked in everything built from the server's text. Alert text
 * goes to OS notifications, the tray, the page and forwarded alerts; a hostile server may put the
 * password it was sent into a message or a name. Keys are masked the same way for raise and
 * resolve, so a masked condition still resolves.
 */
export function maskedSignal(s: Signal): Signal {
  if (s.kind === 'resolve') return { ...s, key: redactAnyCase(s.key) };
  const masked: RaiseSignal = { ...s, key: redactAnyCase(s.key), title: redactAnyCase(s.title), detail: redactAnyCase(s.detail) };
  if (s.incident !== undefined) masked.incident = redactAnyCase(s.incident);
  return masked;
}
