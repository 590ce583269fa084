import { z } from 'zod';

/**
 * Active DNS probes: what the monitor asked each server's DNS port itself, and what came back.
 * One fact, one place: the core judges (electron/core/probes), the hosts and the renderer show.
 */
export const PROBE_KINDS = ['soa', 'internal', 'public', 'blocked'] as const;
export const ProbeKindSchema = z.enum(PROBE_KINDS);
export type ProbeKind = z.infer<typeof ProbeKindSchema>;

/**
 * `answered`: a response came (any rcode); `timeout`/`refused`/`error`: none did;
 * `not-configured`: the probe cannot run until a name is set (said, never guessed).
 */
export const ProbeOutcomeSchema = z.enum(['answered', 'timeout', 'refused', 'error', 'not-configured']);
export type ProbeOutcome = z.infer<typeof ProbeOutcomeSchema>;

export const ProbeResultSchema = z.object({
  /** Stable per server: `soa:corp.local`, `internal`, `public`, `blocked` (the metrics' `probe` label). */
  probe: z.string(),
  kind: ProbeKindSchema,
  name: z.string(),
  qtype: z.enum(['A', 'SOA']),
  /** ISO UTC when the probe finished. */
  at: z.string(),
  outcome: ProbeOutcomeSchema,
  /** DNS response code (NOERROR, NXDOMAIN, SERVFAIL, ...) when answered. */
  rcode: z.string().nullable(),
  latencyMs: z.number().nullable(),
  transport: z.enum(['udp', 'tcp', 'tls']),
  /** The zone's serial from an SOA answer. */
  serial: z.number().nullable(),
  /** Whether this probe's answer is what it should be (a blocked name blocked, a zone's SOA present, a name resolved). */
  healthy: z.boolean(),
  /** One line for people: "NXDOMAIN (blocked) in 3 ms", "probe failed: timeout after 2000 ms". */
  detail: z.string(),
});
export type ProbeResult = z.infer<typeof ProbeResultSchema>;

export const ServerProbesSchema = z.object({
  serverId: z.string(),
  /** The probe interval in force (ms). */
  intervalMs: z.number(),
  /** ISO UTC of the last finished probe set; null: not probed yet. */
  lastSetAt: z.string().nullable(),
  /** Where the probes go ("127.0.0.1:53 over UDP"); null when this server is not probed. */
  target: z.string().nullable(),
  /** Why this server is not probed (probes off, or its DNS address unknown), for people. */
  unprobed: z.string().nullable().optional(),
  results: z.array(ProbeResultSchema),
});
export type ServerProbes = z.infer<typeof ServerProbesSchema>;

/** Events the probes derive (category dns); alert rules in alerts/probeSignals.ts. */
export const PROBE_EVENT = {
  dnsSilent: 'probe_dns_silent',
  dnsAnswering: 'probe_dns_answering',
  apiDownDnsUp: 'probe_api_down_dns_up',
  apiDownDnsUpOver: 'probe_api_down_dns_up_over',
  latencyHigh: 'probe_latency_high',
  latencyNormal: 'probe_latency_normal',
  blockedResolves: 'probe_blocked_resolves',
  blockedBlocked: 'probe_blocked_blocked',
  soaDrift: 'probe_soa_drift',
  soaInSync: 'probe_soa_in_sync',
} as const;
