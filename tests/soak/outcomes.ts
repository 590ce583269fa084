/**
 * What each fault did to the client, read from the monitor's own state lines: did the server leave
 * `live` (honest state), when was it `live` again, against which bound, and which alerts came.
 */
import { DEFAULT_BACKOFF } from '../../electron/core/fleet/backoff';
import { CONNECT_ALLOWANCE_MS, REPLACED_WAIT_MS, worstRetry } from './bound';
import type { FaultRecord } from './faults';
import type { RaisedAlert } from './ledger';
import type { StateChange } from './monitor';
import type { FaultKind, TimeScale } from './options';

export interface FaultOutcome extends FaultRecord {
  /** the server must leave `live` during this fault (a silent or unreachable server is never green) */
  mustLeaveLive: boolean;
  leftLiveAt: number | null;
  leftLiveAs: string | null;
  backLiveAt: number | null;
  /** ms from the end of the fault to `live` again (0 if the server never left `live`) */
  backAfterMs: number | null;
  boundMs: number | null;
  /** cert-change: when the server showed tls-untrusted, and whether it was ever `live` again after */
  untrustedAt: number | null;
  liveAfterCertChange: boolean;
  /** connection alerts (no data, session, certificate...) raised for this server during the fault */
  alerts: number;
  alertTitles: string[];
  verdict: 'ok' | 'pending' | 'failed';
  why: string;
}

/** Faults after which the client cannot have data, so it must not say `live`. */
const MUST_LEAVE_LIVE: ReadonlySet<FaultKind> = new Set(['restart', 'hang', 'replace', 'ban', 'cert-change']);
/** Alert keys about the connection (electron/core/alerts/ConnectionWatch.ts); threats and BIND are the traffic's. */
const CONNECTION_KEYS: ReadonlySet<string> = new Set(['connection', 'auth', 'session', 'tls', 'tls-pin']);
/** Failures the client sees as 502/503 answers (fail2ban counts them; a 15 s floor applies). */
const BAN_COUNTED: ReadonlySet<FaultKind> = new Set(['restart']);

export function watchdogMs(scale: TimeScale): number {
  return scale.watchdogSeconds !== undefined ? scale.watchdogSeconds * 1000 : 2.5 * Math.max(scale.healthIntervalMs, scale.unifiedPingIntervalMs);
}

interface Carry {
  attempts: number;
  healthyFrom: number | null;
}

export function faultOutcomes(faults: FaultRecord[], history: StateChange[], alerts: RaisedAlert[], scale: TimeScale, runEnd: number): FaultOutcome[] {
  const carry = new Map<string, Carry>();
  return faults.map((f, i) => {
    const next = faults.slice(i + 1).find((g) => g.server === f.server);
    const nextAt = next?.injectedAt ?? Infinity;
    const out = base(f, alerts, nextAt);
    if (f.server === null) return judgeGlobal(out);
    const states = history.filter((h) => h.server === f.server && h.at >= f.injectedAt);
    // A server is only faulted again once it is live, so leaving live after that is the next fault's doing.
    const left = states.find((h) => h.state !== 'live' && h.at < nextAt);
    out.leftLiveAt = left?.at ?? null;
    out.leftLiveAs = left?.state ?? null;
    if (f.kind === 'cert-change') return judgeCertChange(out, states, scale, runEnd);
    const back = left ? states.find((h) => h.at >= left.at && h.state === 'live') : undefined;
    out.backLiveAt = back?.at ?? null;
    out.backAfterMs = left ? (back ? Math.max(0, back.at - f.endsAt) : null) : 0;
    out.boundMs = boundFor(f, scale, carriedAttempts(carry, f));
    carry.set(f.server, { attempts: worstRetry(f.endsAt - f.injectedAt, BAN_COUNTED.has(f.kind)).attempts, healthyFrom: out.backLiveAt });
    return judgeRecovery(out, runEnd);
  });
}

/** Alerts count for a fault from its injection to a minute after it ended, or to the next fault on the same server. */
function base(f: FaultRecord, alerts: RaisedAlert[], nextAt: number): FaultOutcome {
  const until = Math.min(Math.max(f.endsAt, f.injectedAt) + 60_000, nextAt);
  const mine = alerts.filter((a) => CONNECTION_KEYS.has(a.key) && (f.server === null || a.server === f.server) && a.at >= f.injectedAt && a.at < until);
  return {
    ...f,
    mustLeaveLive: MUST_LEAVE_LIVE.has(f.kind),
    leftLiveAt: null,
    leftLiveAs: null,
    backLiveAt: null,
    backAfterMs: null,
    boundMs: null,
    untrustedAt: null,
    liveAfterCertChange: false,
    alerts: mine.length,
    alertTitles: [...new Set(mine.map((a) => a.title))],
    verdict: 'ok',
    why: '',
  };
}

/** The backoff counter resets only after 2 min healthy: a fault soon after another starts higher. */
function carriedAttempts(carry: Map<string, Carry>, f: FaultRecord): number {
  const prev = f.server ? carry.get(f.server) : undefined;
  if (!prev) return 0;
  if (prev.healthyFrom !== null && f.injectedAt - prev.healthyFrom >= DEFAULT_BACKOFF.minHealthyUptimeMs) return 0;
  return prev.attempts;
}

function boundFor(f: FaultRecord, scale: TimeScale, startAttempts: number): number {
  const firstData = watchdogMs(scale);
  if (f.kind === 'replace') return REPLACED_WAIT_MS + CONNECT_ALLOWANCE_MS + firstData;
  const retry = worstRetry(f.endsAt - f.injectedAt, BAN_COUNTED.has(f.kind), startAttempts);
  // An expired token or a burst of garbage shows at the next REST poll at the latest.
  const discovery = f.kind === 'token-expiry' || f.kind === 'garbage' ? scale.pollSeconds * 1000 : 0;
  return retry.nextDelayMs + CONNECT_ALLOWANCE_MS + firstData + discovery;
}

function judgeRecovery(out: FaultOutcome, runEnd: number): FaultOutcome {
  if (out.mustLeaveLive && out.leftLiveAt === null) return fail(out, 'stayed live while the server could not be reached');
  if (out.backAfterMs === null) {
    if (runEnd - out.endsAt < (out.boundMs ?? 0)) return { ...out, verdict: 'pending', why: 'not live yet when the run ended, within its bound' };
    return fail(out, `not live again ${Math.round((runEnd - out.endsAt) / 1000)} s after the fault ended`);
  }
  if (out.backAfterMs > out.boundMs!) return fail(out, `live again after ${Math.round(out.backAfterMs / 1000)} s, bound ${Math.round(out.boundMs! / 1000)} s`);
  return out;
}

function judgeCertChange(out: FaultOutcome, states: StateChange[], scale: TimeScale, runEnd: number): FaultOutcome {
  const untrusted = states.find((h) => h.state === 'tls-untrusted');
  out.untrustedAt = untrusted?.at ?? null;
  out.liveAfterCertChange = states.some((h) => h.state === 'live');
  out.boundMs = worstRetry(0, false).nextDelayMs + CONNECT_ALLOWANCE_MS + watchdogMs(scale);
  if (out.liveAfterCertChange) return fail(out, 'live with a certificate that does not match the pin');
  if (out.untrustedAt === null) {
    if (runEnd - out.injectedAt < out.boundMs) return { ...out, verdict: 'pending', why: 'not tls-untrusted yet when the run ended, within its bound' };
    return fail(out, 'never showed tls-untrusted');
  }
  if (out.untrustedAt - out.injectedAt > out.boundMs) return fail(out, 'tls-untrusted only after its bound');
  if (out.alerts === 0) return fail(out, 'no alert for a certificate that no longer matches its pin');
  return out;
}

function judgeGlobal(out: FaultOutcome): FaultOutcome {
  return out; // the disk's verdict is the event ledger: nothing the servers sent may be missing
}

function fail(out: FaultOutcome, why: string): FaultOutcome {
  return { ...out, verdict: 'failed', why };
}
