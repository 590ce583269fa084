/**
 * Every interval the session relies on, in one injectable place: production defaults follow
 * the protocol (§6.2, §6.3, §6.6); tests shrink them to run against a fast emulator.
 */
import { MINUTE, SECOND } from '../../../shared/domain/ids';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff';

export interface SessionTuning {
  /** Expected interval of legacy health_update (admin/health sockets). */
  legacyHealthIntervalMs: number;
  /** Expected interval of legacy system_status (system socket). */
  legacySystemIntervalMs: number;
  /** Expected interval of unified server pings. */
  unifiedPingIntervalMs: number;
  /** Q7: with no queued (non-ping) frame for this long, ask get_connection_status… */
  unifiedQueueProbeMs: number;
  /** …and treat the connection as dead when no queued frame answers within this. */
  unifiedQueueProbeTimeoutMs: number;
  /** Protocol ping period on every socket (LinkProbe); 0 disables. */
  linkPingIntervalMs: number;
  /** A ping unanswered (no pong, no frame) this long means the link is silent: leave live. */
  linkPongTimeoutMs: number;
  /** Watchdog window = factor x expected interval, unless config.watchdogSeconds is set. */
  watchdogFactor: number;
  handshakeTimeoutMs: number;
  requestTimeoutMs: number;
  backoff: BackoffOptions;
  /** Slow retry after "Replaced by new connection" (another session took the slot). */
  replacedRetryMinMs: number;
  replacedRetryMaxMs: number;
  /** "User disconnected" this soon after connecting is the Q5 cascade: retry after 2–5 s. */
  userDisconnectedWindowMs: number;
  userDisconnectedRetryMinMs: number;
  userDisconnectedRetryMaxMs: number;
  resubscribeMinMs: number;
  resubscribeMaxMs: number;
  /** Refresh the access token at this fraction of its remaining life. */
  refreshRatio: number;
  /** Retry a refresh that failed for network reasons after this delay. */
  refreshRetryMs: number;
  /** lastDataAt alone changes the published status at most this often. */
  statusDataThrottleMs: number;
  /** Override for the REST poll period (default: config.pollSeconds). */
  pollIntervalMs?: number;
  random: () => number;
}

export const DEFAULT_TUNING: SessionTuning = {
  legacyHealthIntervalMs: 30 * SECOND,
  legacySystemIntervalMs: 60 * SECOND,
  unifiedPingIntervalMs: 30 * SECOND,
  unifiedQueueProbeMs: 60 * SECOND,
  unifiedQueueProbeTimeoutMs: 10 * SECOND,
  linkPingIntervalMs: 5 * SECOND,
  linkPongTimeoutMs: 10 * SECOND,
  watchdogFactor: 2.5,
  handshakeTimeoutMs: 15 * SECOND,
  requestTimeoutMs: 15 * SECOND,
  backoff: DEFAULT_BACKOFF,
  replacedRetryMinMs: 5 * MINUTE,
  replacedRetryMaxMs: 10 * MINUTE,
  userDisconnectedWindowMs: 10 * SECOND,
  userDisconnectedRetryMinMs: 2 * SECOND,
  userDisconnectedRetryMaxMs: 5 * SECOND,
  resubscribeMinMs: 30 * MINUTE,
  resubscribeMaxMs: 60 * MINUTE,
  refreshRatio: 0.8,
  refreshRetryMs: 30 * SECOND,
  statusDataThrottleMs: 10 * SECOND,
  random: Math.random,
};

export function withTuning(partial?: Partial<SessionTuning>): SessionTuning {
  return { ...DEFAULT_TUNING, ...partial, backoff: { ...DEFAULT_TUNING.backoff, ...partial?.backoff } };
}
