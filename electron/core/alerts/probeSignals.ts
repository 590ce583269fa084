/**
 * Alert rules for what the active DNS probes found (probes/ProbeJudge.ts, probes/SoaDrift.ts): each
 * transition event raises or resolves one keyed alert, so probe alerts notify, de-duplicate, take
 * acknowledgements and are forwarded like every other alert. A zone's serial drift is one incident
 * across the lagging servers (the incident key is the zone).
 */
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import { PROBE_EVENT } from '../../../shared/domain/probe';
import { resolveSignal, type Signal } from './signals';

export const PROBE_RULE = { dns: 'probe_dns', api: 'probe_api', latency: 'probe_latency', blocked: 'probe_blocked', soaDrift: 'soa_drift' } as const;

const RAISE: Record<string, string> = {
  [PROBE_EVENT.dnsSilent]: PROBE_RULE.dns,
  [PROBE_EVENT.apiDownDnsUp]: PROBE_RULE.api,
  [PROBE_EVENT.latencyHigh]: PROBE_RULE.latency,
  [PROBE_EVENT.blockedResolves]: PROBE_RULE.blocked,
  [PROBE_EVENT.soaDrift]: PROBE_RULE.soaDrift,
};
const CLEAR: ReadonlySet<string> = new Set([PROBE_EVENT.dnsAnswering, PROBE_EVENT.apiDownDnsUpOver, PROBE_EVENT.latencyNormal, PROBE_EVENT.blockedBlocked, PROBE_EVENT.soaInSync]);

/** Null when the event is not a probe transition. */
export function probeSignals(e: FleetEvent): Signal[] | null {
  const data = e.data && typeof e.data === 'object' ? (e.data as Record<string, unknown>) : {};
  const key = typeof data.key === 'string' ? data.key : null;
  // Only the core derives these: a server pushing an event of the same name cannot raise or clear them.
  if (!key || !e.derived) return null;
  if (CLEAR.has(e.type)) return [resolveSignal(e.serverId, key)];
  const rule = Object.hasOwn(RAISE, e.type) ? RAISE[e.type] : undefined;
  if (!rule) return null;
  const incident = typeof data.incident === 'string' ? data.incident : undefined;
  return [{ kind: 'raise', serverId: e.serverId, eventId: e.id, key, rule, severity: e.severity, title: e.title, detail: e.summary, ...(incident ? { incident } : {}) }];
}
