/**
 * How a DNS-over-TLS probe trusts its server: by the decision its API connection makes
 * (hybrid-dns/tls.ts assessTls), never by a second verifier. With a pinned fingerprint the DoT
 * port's certificate must be that one (BIND usually shares the API's certificate); without one,
 * the system CAs plus tls.caFile. Assessed once per probe set; the queries then run with the
 * options that decision gives, so a pin is checked again at every handshake and a certificate
 * swapped after the assessment fails the query instead of being asked.
 */
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type { ServerConfig } from '../../../shared/domain/serverConfig';
import { assessTls, shortFingerprint, type TlsVerdict } from '../hybrid-dns/tls';
import type { ProbeTarget } from './probeSet';

export type DotTrust = { ok: true; tls: ConnectionOptions } | { ok: false; error: string };

/** `pin`: the fingerprint the API connection trusts now (it may have been accepted in this run). */
export async function assessDotTrust(config: ServerConfig, pin: string | undefined, target: ProbeTarget, timeoutMs: number): Promise<DotTrust> {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const verdict = await assessTls({ url: `https://${host}:${target.port}`, fingerprint256: pin, caFile: config.tls?.caFile }, timeoutMs);
  return fromVerdict(verdict, isIP(target.host) ? undefined : target.host);
}

function fromVerdict(v: TlsVerdict, servername: string | undefined): DotTrust {
  switch (v.kind) {
    case 'ok':
      return { ok: true, tls: { ...v.options, servername } };
    case 'pin-mismatch':
      return { ok: false, error: `DoT certificate does not match the pinned fingerprint ${shortFingerprint(v.expected)} (it presents ${shortFingerprint(v.presented)})` };
    case 'untrusted':
      return { ok: false, error: `DoT certificate not trusted (${v.reason}): pin the server's certificate or set tls.caFile` };
    case 'unreachable':
      // The words the probe uses for a port that refuses or stays silent, so DNS silence reads the same on every transport.
      return { ok: false, error: v.code === 'ECONNREFUSED' ? 'refused' : v.code === 'ETIMEDOUT' ? 'timeout' : `DoT handshake failed: ${v.error}` };
  }
}
