import type { ProbeResult, ServerProbes } from '../../../shared/domain/probe';

const at = () => new Date(Date.now() - 4000).toISOString();

export const probeResult = (probe: string, over: Partial<ProbeResult> = {}): ProbeResult => ({
  probe,
  kind: probe.startsWith('soa:') ? 'soa' : (probe as ProbeResult['kind']),
  name: probe.startsWith('soa:') ? probe.slice(4) : 'example.com',
  qtype: probe.startsWith('soa:') ? 'SOA' : 'A',
  at: at(),
  outcome: 'answered',
  rcode: 'NOERROR',
  latencyMs: 3.4,
  transport: 'udp',
  serial: null,
  healthy: true,
  detail: '198.51.100.7 in 3.4 ms',
  ...over,
});

/** A probe set with one of each: an SOA answered, a timeout, a blocked name resolving, an internal name not configured. */
export const mixedProbes = (serverId: string): ServerProbes => ({
  serverId,
  intervalMs: 30_000,
  lastSetAt: at(),
  target: '127.0.0.1:53 over UDP',
  results: [
    probeResult('soa:corp.local', { serial: 2026120601, latencyMs: 2.1, detail: 'serial 2026120601 in 2.1 ms' }),
    probeResult('internal', { name: '', outcome: 'not-configured', rcode: null, latencyMs: null, healthy: false, detail: 'no internal name configured (dns.internalName)' }),
    probeResult('public', { outcome: 'timeout', rcode: null, latencyMs: null, healthy: false, detail: 'probe failed: timeout after 2000 ms' }),
    probeResult('blocked', { name: 'malware.testcategory.com', latencyMs: 41, healthy: false, detail: 'resolves to 198.51.100.9: not blocked in 41 ms' }),
  ],
});
