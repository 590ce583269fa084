/**
 * The one place that decides whether a server is all right. Pure: connection state, health facts,
 * open alerts and maintenance in; a level and its reasons in words out. Every surface renders the
 * result and decides nothing itself (issue 12.1).
 */
import type { Alert } from '../../../shared/domain/alert';
import type { ForwarderSnapshot, ServerState, ServerStatus } from '../../../shared/domain/serverState';
import { worseLevel, type ServerVerdict, type VerdictLevel } from '../../../shared/domain/verdict';
import { sameFailure } from '../alerts/FailureWitnesses';

export interface VerdictInput {
  status: ServerStatus;
  /** Open alerts of this server (active, acknowledged or snoozed); resolved ones are ignored. */
  alerts: readonly Alert[];
  /** End of the server's maintenance window (epoch ms), or null. */
  maintenanceUntilMs: number | null;
  /** Health data older than this (2.5 x the interval it is expected at) no longer counts; null: unknown interval. */
  healthStaleAfterMs: number | null;
  now: number;
  /** The previous verdict of this server: `since` moves only when the level changes. */
  previous?: ServerVerdict;
}

/** Connection states told in words; the session's own detail follows after a colon. */
const BLIND_WORDS: Readonly<Record<Exclude<ServerState, 'live' | 'disabled'>, string>> = {
  connecting: 'Connecting',
  authenticating: 'Signing in',
  stale: 'Silent',
  reconnecting: 'Reconnecting',
  'needs-2fa': 'Waiting for a 2FA code',
  'auth-failed': 'Sign-in failed',
  'account-locked': 'Account locked',
  replaced: 'Replaced by another session',
  'tls-untrusted': 'Certificate not trusted',
  offline: 'Offline',
};

/** Alert keys that only restate why the connection is blind; the connection reason already says it. */
const CONNECTION_ALERT_KEYS: ReadonlySet<string> = new Set(['connection', 'auth', 'session', 'tls']);

/**
 * Also a witness of the connection's failure (FailureWitnesses: "API down while DNS answers" files
 * under whichever spoke first), so the verdict is the same whichever key the alert has.
 */
const restatesBlindness = (key: string): boolean => CONNECTION_ALERT_KEYS.has(key) || sameFailure('connection', key);

interface Problem {
  level: 'critical' | 'warning';
  text: string;
  /** The alert key that describes the same condition (its acknowledgement applies here). */
  key: string | null;
  /** An operator acknowledged or snoozed the alert for it. */
  acked: boolean;
}

export function computeServerVerdict(input: VerdictInput): ServerVerdict {
  const { status, now } = input;
  const { level, reasons, acknowledged } = decide(input);
  const since = input.previous && input.previous.level === level ? input.previous.since : new Date(now).toISOString();
  return { serverId: status.serverId, name: status.name, level, reasons, acknowledged, since };
}

function decide(input: VerdictInput): { level: VerdictLevel; reasons: string[]; acknowledged: boolean } {
  const { status } = input;
  if (status.state === 'disabled') return { level: 'disabled', reasons: ['Monitoring is switched off'], acknowledged: false };
  const blindReason = blindness(input);
  const problems = mergeAlerts(healthProblems(status), input.alerts);
  const problemTexts = problems.map((p) => p.text).map((t) => (blindReason ? `last known: ${t}` : t));
  if (input.maintenanceUntilMs !== null && input.maintenanceUntilMs > input.now) {
    const until = `In maintenance until ${new Date(input.maintenanceUntilMs).toISOString().slice(11, 16)} UTC`;
    return { level: 'maintenance', reasons: [until, ...(blindReason ? [blindReason] : []), ...problemTexts], acknowledged: false };
  }
  if (blindReason) return { level: 'blind', reasons: [blindReason, ...problemTexts], acknowledged: false };
  if (problems.length === 0) return { level: 'ok', reasons: [], acknowledged: false };
  const level = problems.reduce<VerdictLevel>((worst, p) => worseLevel(worst, p.level), 'ok');
  const acknowledged = problems.every((p) => p.acked);
  return { level, reasons: problemTexts, acknowledged };
}

/** Why we cannot see the server now, or null when it is live with fresh health data. */
function blindness({ status, healthStaleAfterMs, now }: VerdictInput): string | null {
  if (status.state !== 'live') {
    const words = BLIND_WORDS[status.state as keyof typeof BLIND_WORDS] ?? status.state;
    const attempt = status.state === 'reconnecting' && status.reconnect ? ` (attempt ${status.reconnect.attempt})` : '';
    return `${words}${attempt}${status.detail ? `: ${status.detail}` : ''}`;
  }
  if (healthStaleAfterMs === null) return null;
  const healthAt = Date.parse(status.healthAt ?? status.since);
  if (Number.isFinite(healthAt) && now - healthAt <= healthStaleAfterMs) return null;
  return `No health data for over ${Math.round(healthStaleAfterMs / 1000)} s`;
}

/** What the last health data says is wrong: BIND and each forwarder that is not healthy. */
export function healthProblems(status: Pick<ServerStatus, 'bindRunning' | 'forwarders'>): Problem[] {
  const out: Problem[] = [];
  if (status.bindRunning === false) out.push({ level: 'critical', text: 'BIND is not running', key: 'bind', acked: false });
  for (const f of status.forwarders) {
    const problem = forwarderProblem(f);
    if (problem) out.push(problem);
  }
  return out;
}

function forwarderProblem(f: ForwarderSnapshot): Problem | null {
  const key = `forwarder:${f.id}`;
  const servers = f.totalServers > 0 ? ` (${f.healthyServers}/${f.totalServers} upstream servers healthy)` : '';
  if (f.status === 'unhealthy') return { level: 'critical', text: `Forwarder ${f.name} down`, key, acked: false };
  if (f.status === 'degraded') return { level: 'warning', text: `Forwarder ${f.name} degraded${servers}`, key, acked: false };
  if (f.status === 'unknown') return { level: 'warning', text: `Forwarder ${f.name} health unknown`, key, acked: false };
  return null;
}

/**
 * Open alerts join the health problems: one that restates a health fact lends it its
 * acknowledgement; any other becomes a problem of its own. An acknowledged problem keeps its level.
 */
function mergeAlerts(facts: Problem[], alerts: readonly Alert[]): Problem[] {
  const out = [...facts];
  for (const a of alerts) {
    const level = alertLevel(a);
    if (!level || a.status === 'resolved' || restatesBlindness(a.key)) continue;
    const acked = a.status === 'acknowledged' || a.status === 'snoozed';
    // BIND not running (the API) and DNS silent (the probe) are one failure: the alert of either restates the fact.
    const same = out.find((p) => p.key !== null && (p.key === a.key || sameFailure(p.key, a.key)));
    if (same) {
      same.text = withAck(a, same.text);
      same.acked = acked;
      continue;
    }
    out.push({ level, text: withAck(a, a.title), key: a.key, acked });
  }
  return out;
}

function alertLevel(a: Alert): 'critical' | 'warning' | null {
  if (a.severity === 'critical' || a.severity === 'error') return 'critical';
  return a.severity === 'warning' ? 'warning' : null;
}

function withAck(a: Alert, text: string): string {
  if (a.status === 'acknowledged') return `acknowledged${a.ack?.by ? ` by ${a.ack.by}` : ''}: ${text}`;
  if (a.status === 'snoozed') return `snoozed: ${text}`;
  return text;
}
