/** What a ServerSession tells its connection inspector at snapshot time (kept out of the session file). */
import type { InspectorSnapshot } from '../../../shared/domain/inspector';
import type { ServerStatus } from '../../../shared/domain/serverState';
import { UnifiedSocket } from '../hybrid-dns/UnifiedSocket';
import type { Normaliser } from '../hybrid-dns/Normaliser';
import type { ConnectionInspector } from '../inspector/ConnectionInspector';
import type { ReconnectPolicy } from './backoff';
import type { SessionAuth } from './SessionAuth';
import type { StreamSet } from './StreamSet';

/** fail2ban's hybrid-dns-api jail bans at 20 counted failures in 5 minutes (§6.6). */
export const FAIL2BAN_BAN_AT = 20;

export interface InspectionSources {
  serverId: string;
  now: number;
  status: ServerStatus;
  inspector: ConnectionInspector;
  normaliser: Normaliser;
  streams: StreamSet | null;
  auth: SessionAuth;
  policy: ReconnectPolicy;
}

export function inspectSession(s: InspectionSources): InspectorSnapshot {
  const unified = (s.streams?.sockets ?? []).find((x): x is UnifiedSocket => x instanceof UnifiedSocket);
  const { budget, windowMs } = s.policy.budget;
  return s.inspector.snapshot(s.serverId, {
    now: s.now,
    state: s.status.state,
    stack: s.streams?.stack ?? s.status.stack ?? null,
    counters: s.normaliser.counters,
    requested: unified ? unified.subscriptionList() : [],
    requestsSent: unified?.subscribesSent ?? 0,
    lastRequestAt: unified?.lastSubscribeAt ?? null,
    tokenExpiresAt: s.auth.expiresAtMs,
    nextRefreshAt: s.auth.nextRefreshAtMs,
    fail2ban: { used: s.policy.banFailuresInWindow(s.now), budget, banAt: FAIL2BAN_BAN_AT, windowMs },
  });
}
